// Scheduler accounting helpers: see accounting.h.
#include "sched/accounting.h"

#include "lib/sort.h"

namespace sis::sched {


u32 LatencySamples::percentile(u32 p, u32* scratch) const {
  usize n = held();
  if (n == 0) return 0;
  for (usize i = 0; i < n; ++i) scratch[i] = v_[i];
  heap_sort(scratch, n);
  usize idx = static_cast<usize>(static_cast<u64>(n - 1) * (p > 100 ? 100 : p) / 100);
  return scratch[idx];
}

}  // namespace sis::sched
