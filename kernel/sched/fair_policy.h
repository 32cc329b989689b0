// FairPolicy ("baseline"): weighted fair scheduling in the style of Linux CFS.
//
// Every thread carries a virtual run time: real CPU time scaled by 1024/weight, where the
// weight comes from its nice level (Linux's table: each nice step is ~1.25x CPU). The
// runnable thread with the smallest vruntime runs next, so over time CPU shares converge to
// weight / total weight. Details:
//  - slice: a thread may run period * weight/total before the tick preempts it, where
//    period = max(kLatencyNs, nr_running * kMinGranularityNs), and at least kMinGranularityNs.
//  - min_vruntime only moves forward; a new thread starts at it, a thread that wakes up is
//    placed at max(its own, min_vruntime - kLatencyNs/2): sleepers get a bounded head start
//    (an I/O-bound thread runs soon after it wakes) but cannot bank unlimited credit.
//  - a woken thread preempts the running one if it is behind by more than kWakeupGranularityNs
//    (scaled by the woken thread's weight).
// The queue is an AVL tree ordered by vruntime (sched_tree.h): O(log n) insert, pick and
// remove, ties first in, first out.
#pragma once
#include "sched/policy.h"

namespace sis::sched {

class FairPolicy final : public Policy {
 public:
  static constexpr u64 kLatencyNs = 6000000;
  static constexpr u64 kMinGranularityNs = 750000;
  static constexpr u64 kWakeupGranularityNs = 1000000;

  const char* name() const override { return "baseline"; }
  const char* summary() const override { return "weighted fair (vruntime, nice weights)"; }
  void enqueue(Thread* t, EnqueueReason why, u64 now_ns) override;
  void dequeue(Thread* t) override;
  Thread* pick_next(u64 now_ns) override;
  Thread* pop_any() override;
  usize queued() const override { return tree_.size(); }
  void charge(Thread* curr, u64 delta_ns) override;
  bool preempt_on_tick(const Thread* curr, u64 ran_ns) override;
  bool preempt_on_wakeup(const Thread* curr, const Thread* woken) override;
  void adopt_running(Thread* curr) override;

  u64 min_vruntime() const { return min_vruntime_; }
  // The slice a thread of this weight gets with the current queue (plus itself).
  u64 slice_ns(u32 weight) const;
  // Real time -> virtual time for a weight.
  static u64 scale(u64 ns, u32 weight) { return weight == 1024 ? ns : ns * 1024 / weight; }

 private:
  void insert(Thread* t);
  Thread* take_first();
  Thread* leftmost() const;
  void update_min(const Thread* curr);

  SchedTree tree_;
  u64 total_weight_ = 0;  // of the queued threads
  u64 min_vruntime_ = 0;
};

}  // namespace sis::sched
