// RoundRobinPolicy ("rr"): first in, first out with a fixed slice, nice ignored. A reference
// point for the fair policy (and for the transformer policy later) and the simplest proof
// that `schedctl policy` can swap policies under running threads.
#pragma once
#include "sched/policy.h"

namespace sis::sched {

class RoundRobinPolicy final : public Policy {
 public:
  static constexpr u64 kSliceNs = 4000000;

  const char* name() const override { return "rr"; }
  const char* summary() const override { return "round robin, 4 ms slice, nice ignored"; }
  void enqueue(Thread* t, EnqueueReason, u64) override {
    queue_.push_back(t);
    ++stats().enqueues;
  }
  void dequeue(Thread* t) override { queue_.remove(t); }
  Thread* pick_next(u64) override {
    Thread* t = queue_.pop_front();
    if (t) ++stats().picks;
    return t;
  }
  Thread* pop_any() override { return queue_.pop_front(); }
  usize queued() const override { return queue_.size(); }
  void charge(Thread*, u64) override {}
  bool preempt_on_tick(const Thread*, u64 ran_ns) override { return !queue_.empty() && ran_ns >= kSliceNs; }
  bool preempt_on_wakeup(const Thread*, const Thread*) override { return false; }

 private:
  ThreadList<&Thread::run_link> queue_;
};

}  // namespace sis::sched
