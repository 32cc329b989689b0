// The interactive shell on the console UART.
#pragma once

namespace sis::shell {
[[noreturn]] void run_uart_shell();
// Console input arrived (called from the UART interrupt): wakes the shell thread.
void console_input_ready();
}
