// Scheduler accounting helpers: see accounting.h.
#include "sched/accounting.h"

#include "lib/sort.h"

namespace sis::sched {


namespace {
// The p-th percentile of n sorted values (n > 0).
u32 sorted_percentile(const u32* v, usize n, u32 p) {
  return v[static_cast<usize>(static_cast<u64>(n - 1) * (p > 100 ? 100 : p) / 100)];
}
}  // namespace

usize LatencySamples::copy_to(u32* out) const {
  usize n = held();
  for (usize i = 0; i < n; ++i) out[i] = v_[i];
  return n;
}

u32 LatencySamples::percentile(u32 p, u32* scratch) const {
  usize n = copy_to(scratch);
  if (n == 0) return 0;
  heap_sort(scratch, n);
  return sorted_percentile(scratch, n, p);
}

LatencySummary summarize_latency(u32* v, usize n) {
  if (n == 0) return {0, 0, 0};
  heap_sort(v, n);
  return {n, sorted_percentile(v, n, 50), sorted_percentile(v, n, 99)};
}

}  // namespace sis::sched
