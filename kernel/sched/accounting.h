// Scheduler accounting: what every thread and every policy has done, for `ps`, `schedctl`,
// the control port's metrics, and the AI and power work that learn from it. Portable (the
// host tests check it); times are nanoseconds from the scheduler's clock.
//
// Definitions:
//  - run time: on the CPU; wait time: runnable but not on the CPU (queueing delay);
//    sleep time: blocked (wait queue, sleep, join).
//  - a switch is counted for the thread switched out: voluntary when it blocked, yielded or
//    exited; involuntary when it was preempted (tick or a wake-up of a more deserving thread).
//  - a CPU burst is the CPU time a thread uses between two blocking points (preemptions do
//    not end a burst); the last kBursts are kept, newest last.
#pragma once
#include "lib/types.h"

namespace sis::sched {

struct ThreadStats {
  static constexpr usize kBursts = 8;
  u64 created_ns = 0;
  u64 run_ns = 0;
  u64 wait_ns = 0;
  u64 sleep_ns = 0;
  u64 max_wait_ns = 0;  // longest single runnable-to-running delay
  u64 switches_in = 0;
  u64 voluntary = 0;
  u64 involuntary = 0;
  u64 wakeups = 0;
  u64 burst_ns = 0;  // the burst in progress
  u64 bursts[kBursts] = {};
  u64 burst_count = 0;  // bursts completed (the ring holds the last min(count, kBursts))
  // Wake-up latency: from the wake-up (blocked -> runnable) to running.
  bool wake_pending = false;  // woken, not yet run since
  u64 last_sleep_ns = 0;      // the sleep that ended at the latest wake-up
  u64 last_wake_latency_ns = 0;
  u64 wake_latency_total_ns = 0;
  u64 wake_latency_count = 0;

  void end_burst() {
    bursts[burst_count % kBursts] = burst_ns;
    ++burst_count;
    burst_ns = 0;
  }
  // i = 0 is the most recent completed burst.
  u64 burst(usize i) const { return i < kBursts && i < burst_count ? bursts[(burst_count - 1 - i) % kBursts] : 0; }
};

// The last kCap samples of a latency (raw clock units), with percentiles over them.
class LatencySamples {
 public:
  static constexpr usize kCap = 2048;
  void add(u32 v) {
    v_[n_ % kCap] = v;
    ++n_;
  }
  void reset() { n_ = 0; }
  u64 count() const { return n_; }
  usize held() const { return n_ < kCap ? static_cast<usize>(n_) : kCap; }
  // p in [0, 100]; sorts a copy into `scratch` (held() entries). 0 when empty.
  u32 percentile(u32 p, u32* scratch) const;
  // Copies the held samples into `out` (room for kCap), in no particular order; returns how
  // many. A caller that must not be interrupted by add() copies under its lock and sorts after.
  usize copy_to(u32* out) const;

 private:
  u32 v_[kCap] = {};
  u64 n_ = 0;
};

// Median and p99 of `n` samples, sorting `v` in place (zeros when n == 0).
struct LatencySummary {
  usize samples;
  u32 p50, p99;
};
LatencySummary summarize_latency(u32* v, usize n);

struct PolicyStats {
  u64 picks = 0;
  u64 enqueues = 0;
  u64 switches = 0;       // context switches to a thread this policy picked
  u64 run_ns = 0;         // CPU time of threads while this policy was in charge
  u64 tick_preempts = 0;  // preemptions asked for by the tick (slice used up)
  u64 wakeup_preempts = 0;
  u64 active_since_ns = 0;  // when it last became the CPU's policy
  u64 pick_total = 0;       // clock units spent in pick_next, all picks
  LatencySamples pick;      // recent pick_next durations (clock units)
  LatencySamples wake;      // recent wake-up-to-run latencies of threads it picked (ns)
};

}  // namespace sis::sched
