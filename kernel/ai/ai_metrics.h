// Per-model inference statistics for `autoctl ai-metrics` and the control port's `ai`
// metrics group: inference count, latency (mean, p50, p99 over the last kCap), decisions
// per second over the last full second. Recording is O(1) and lock-free for one CPU (it
// may run in the scheduler's pick with interrupts masked); percentiles sort a copy.
#pragma once
#include "lib/types.h"

namespace sis::ai {

class ModelStats {
 public:
  static constexpr usize kCap = 1024;
  void record(u64 latency_ns, u64 now_ns);
  void reset();
  u64 count() const { return count_; }
  u64 mean_ns() const { return count_ ? total_ns_ / count_ : 0; }
  u64 max_ns() const { return max_ns_; }
  // p in 0..100 over the held samples; `scratch` holds kCap u32.
  u32 percentile_ns(u32 p, u32* scratch) const;
  // Decisions per second x1000 (last full second; the running one if none finished yet).
  u64 rate_milli(u64 now_ns) const;

 private:
  u32 lat_[kCap] = {};
  u64 count_ = 0, total_ns_ = 0, max_ns_ = 0;
  u64 win_start_ns_ = 0, win_count_ = 0, last_rate_milli_ = 0;
  bool have_rate_ = false;
};

enum class ModelId : u8 { Crash = 0, Sched = 1, Count = 2 };
ModelStats& model_stats(ModelId m);

}  // namespace sis::ai
