// The kernel console: formatted output to the UART chosen by the device tree's
// /chosen/stdout-path. Normal output is interrupt-driven; after a panic it switches to
// polled output so the report gets out even with interrupts masked or a handler wedged.
#pragma once
#include "lib/format.h"

namespace sis::console {

struct Device {
  void (*write)(void* ctx, const char* s, usize n);         // may buffer, IRQ-driven
  void (*write_polled)(void* ctx, const char* s, usize n);  // synchronous
  bool (*read)(void* ctx, char* out);                       // non-blocking
  void* ctx;
};

void attach(const Device& dev);
bool attached();
void write(StrView s);
void printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintf(const char* fmt, va_list ap);
bool read(char* c);
void enter_panic_mode();

// Input hand-over: while a sink is set (a user process holds the console as its terminal,
// proc/console_tty.h), every received byte goes to the sink, from the receive interrupt,
// instead of to the kernel shell. The UART's receive filter calls divert_input first; it
// returns true when a sink took the byte. nullptr gives input back to the shell.
using InputSink = void (*)(char c);
void set_input_sink(InputSink sink);
bool divert_input(char c);
// Everything printed since enter_panic_mode (the panic report), up to 32 KiB.
StrView panic_capture();

}  // namespace sis::console

#define kprintf ::sis::console::printf
