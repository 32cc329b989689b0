// Kernel panic: a readable report on the console, a symbolized backtrace through frame
// pointers, then the CPU halts. Host tools (sisctl, tests) recognise the "KERNEL PANIC"
// line, so its spelling is part of the interface (docs/architecture.md).
#pragma once
#include "arch/arch.h"
#include "lib/result.h"
#include "lib/types.h"

namespace sis {

[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// The panic report for an exception the kernel cannot handle (kmain installs it with
// arch::set_fatal_exception_handler).
[[noreturn]] void panic_fatal_exception(const arch::FatalException& e);

// Called at the end of a panic, with interrupts masked, with the report as printed. Hooks run
// level by level (in the order added within a level), so the order does not depend on which
// driver happened to initialise first. At most 4 hooks; NoSpace beyond.
using PanicHook = void (*)(const char* report, usize len);
enum class PanicHookLevel : u8 {
  Report = 0,  // get the report out to the host (the control port's `panic` event)
  Stop = 1,    // tell the hypervisor the guest is dead (pvpanic): QEMU may pause the VM at once
  Last = Stop,
};
Error add_panic_hook(PanicHookLevel level, PanicHook hook);

}  // namespace sis
