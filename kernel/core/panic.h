// Kernel panic: a readable report on the console, a symbolized backtrace through frame
// pointers, then the CPU halts. Host tools (sisctl, tests) recognise the "KERNEL PANIC"
// line, so its spelling is part of the interface (docs/architecture.md).
#pragma once
#include "lib/types.h"

namespace sis {

[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// Building blocks for the architecture's exception reports.
void panic_begin(const char* title);
void print_symbolized(const char* label, u64 addr);
void print_backtrace(uptr fp);
[[noreturn]] void panic_end();

// Called at the end of a panic, with interrupts masked, with the report as printed (the
// control port sends it as an event, pvpanic tells QEMU). At most 4 hooks.
using PanicHook = void (*)(const char* report, usize len);
void add_panic_hook(PanicHook hook);

}  // namespace sis
