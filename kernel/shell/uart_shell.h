// The interactive shell on the console UART.
#pragma once

namespace sis::shell {
[[noreturn]] void run_uart_shell();
// Console input arrived (called from the UART interrupt): wakes the shell thread.
void console_input_ready();
// Every received byte, in the UART interrupt: Ctrl-C while a command typed here runs asks
// it to stop (shell/cancel.h) and is consumed; anything else goes to the line editor.
bool console_interrupt_filter(char c);
}
