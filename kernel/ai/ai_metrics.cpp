// Per-model inference statistics (see ai_metrics.h).
#include "ai/ai_metrics.h"

#include "lib/sort.h"

namespace sis::ai {

void ModelStats::record(u64 latency_ns, u64 now_ns) {
  lat_[count_ % kCap] = static_cast<u32>(latency_ns > 0xffffffffu ? 0xffffffffu : latency_ns);
  ++count_;
  total_ns_ += latency_ns;
  if (latency_ns > max_ns_) max_ns_ = latency_ns;
  if (win_count_ == 0 && !have_rate_ && win_start_ns_ == 0) win_start_ns_ = now_ns;
  ++win_count_;
  if (now_ns - win_start_ns_ >= 1000000000ull) {
    last_rate_milli_ = win_count_ * 1000000000000ull / (now_ns - win_start_ns_);
    have_rate_ = true;
    win_start_ns_ = now_ns;
    win_count_ = 0;
  }
}

void ModelStats::reset() { *this = ModelStats{}; }

u32 ModelStats::percentile_ns(u32 p, u32* scratch) const {
  usize n = count_ < kCap ? static_cast<usize>(count_) : kCap;
  if (n == 0) return 0;
  for (usize i = 0; i < n; ++i) scratch[i] = lat_[i];
  // Heap sort (bounded stack, no recursion).
  heap_sort(scratch, n);
  return scratch[static_cast<usize>(static_cast<u64>(n - 1) * (p > 100 ? 100 : p) / 100)];
}

u64 ModelStats::rate_milli(u64 now_ns) const {
  if (now_ns - win_start_ns_ > 2000000000ull) return 0;  // idle for over a second
  if (have_rate_) return last_rate_milli_;
  u64 dt = now_ns - win_start_ns_;
  return dt ? win_count_ * 1000000000000ull / dt : 0;
}

ModelStats& model_stats(ModelId m) {
  static ModelStats stats[static_cast<usize>(ModelId::Count)];
  return stats[static_cast<usize>(m)];
}

}  // namespace sis::ai
