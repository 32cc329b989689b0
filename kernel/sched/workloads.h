// Synthetic workloads for scheduler experiments (kernel only), started by `spawn`:
//  cpu   - computes forever (never blocks)
//  io    - computes 0.3 ms, then sleeps 3 ms (an I/O-bound thread)
//  burst - computes 0.5-8 ms, then sleeps 1-10 ms (pseudo-random, per-thread seed)
//  fp    - fills all 32 NEON registers with a per-thread pattern, then keeps checking that
//          they still hold it while it computes and gets preempted (FP/SIMD switching check)
// All of them are detached threads that stop when asked (`spawn stop`, `kill TID`).
#pragma once
#include "lib/result.h"

namespace sis::sched {

enum WorkKind : u32 { kWorkNone = 0, kWorkCpu, kWorkIo, kWorkBurst, kWorkFp, kWorkBench };
const char* work_kind_name(u32 kind);

Result<u32> spawn_workload(WorkKind kind, int nice);  // returns the tid
usize stop_workloads();                               // asks all of them to stop

struct FpCheckStats {
  u64 threads = 0;      // fp workers spawned since boot (counted at spawn, before they run)
  u64 checks = 0;       // register-file comparisons
  u64 errors = 0;       // comparisons that found a changed register
  u64 preemptions = 0;  // involuntary switches of fp workers seen at their last check
};
FpCheckStats fp_check_stats();

// Spins for ns of CPU time (well, wall time while running), bumping `progress`.
void burn_ns(u64 ns);

}  // namespace sis::sched
