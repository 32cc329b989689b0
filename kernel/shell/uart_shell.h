// The interactive shell on the console UART.
#pragma once

namespace sis::shell {
[[noreturn]] void run_uart_shell();
}
