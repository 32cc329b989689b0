// Memory-misuse reports (double free, foreign pointer, use after free). Portable allocator
// code calls report_fault with a readable message; the kernel installs a hook that panics
// (mm/kernel_memory.cpp), host tests install one that records the message. Without a hook
// the CPU traps, so misuse never goes unnoticed. If the hook returns, the allocator refuses
// the operation and leaves its state unchanged.
#pragma once
#include "lib/types.h"

namespace sis::mm {

using FaultHook = void (*)(const char* message);
void set_fault_hook(FaultHook hook);
void report_fault(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace sis::mm
