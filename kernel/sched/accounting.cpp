// Scheduler accounting helpers: see accounting.h.
#include "sched/accounting.h"

namespace sis::sched {

void sort_u32(u32* v, usize n) {
  auto sift = [&](usize i, usize end) {
    for (;;) {
      usize c = 2 * i + 1;
      if (c >= end) return;
      if (c + 1 < end && v[c + 1] > v[c]) ++c;
      if (v[i] >= v[c]) return;
      u32 t = v[i];
      v[i] = v[c];
      v[c] = t;
      i = c;
    }
  };
  for (usize i = n / 2; i-- > 0;) sift(i, n);
  for (usize end = n; end-- > 1;) {
    u32 t = v[0];
    v[0] = v[end];
    v[end] = t;
    sift(0, end);
  }
}

u32 LatencySamples::percentile(u32 p, u32* scratch) const {
  usize n = held();
  if (n == 0) return 0;
  for (usize i = 0; i < n; ++i) scratch[i] = v_[i];
  sort_u32(scratch, n);
  usize idx = static_cast<usize>(static_cast<u64>(n - 1) * (p > 100 ? 100 : p) / 100);
  return scratch[idx];
}

}  // namespace sis::sched
