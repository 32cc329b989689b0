// The hardware edge of kernel code that the host builds to fuzz and test it unchanged: the
// control-protocol methods (kernel/control/methods_*.cpp) and the language model's kernel
// glue (kernel/ai/llm/llm_kernel.cpp). kernel_edge.cpp defines, for the host, only what
// would touch the machine or a kernel-only subsystem:
//   * the generic timer (arch::counter): a deterministic clock that advances 1 ms per read;
//   * background jobs (sched/background.h): registered, run when the host calls run();
//   * the crash action (control::schedule_crash): recorded, never performed -- crash.inject's
//     parsing and write-crash's checks (write_crash_target.cpp) run for real;
//   * kernel memory (mm::kernel_pages, mm::heap, mm::boot_reservations): the real buddy allocator and heap over a
//     host buffer, so metrics' mem group reads real allocator statistics;
//   * the scheduler and virtio-blk counters: not running / no disk (their metrics groups
//     are then unavailable, as on a kernel without them);
//   * the image's built-in model: none (llm.* loads models from the VFS).
#pragma once
#include "lib/types.h"

namespace sis::host_edge {

// The crash that crash.inject scheduled since the last call (-1: none), as a CrashKind.
int take_scheduled_crash();
// Background jobs registered so far (llm.infer's generation job, for one).
usize background_jobs();

}  // namespace sis::host_edge
