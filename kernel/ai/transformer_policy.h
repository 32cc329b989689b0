// TransformerPolicy ("transformer"): the scheduler policy driven by the attention model
// (sched_model.h). The queue is FIFO; on each pick the first kMaxTokens queued threads (the
// longest waiting, so nothing starves outside the window) are the candidates, the model
// scores them and the best runs. A woken thread preempts the running one when the model
// scores it higher than the running thread. Slices are 4 ms, as the round-robin policy's.
// A guard outside the model: a candidate that has waited kStarvationNs runs next (the
// model once starved the background thread behind a 1 s shell command it had never seen
// the like of in training). Without a loaded model it is plain FIFO. Picks are traced 1 in traces().sample_every().
// Portable: the host simulator (tools/ai-train) drives the same object through RunQueue.
#pragma once
#include "ai/sched_model.h"
#include "sched/policy.h"

namespace sis::ai {

class TransformerPolicy final : public sched::Policy {
 public:
  static constexpr u64 kSliceNs = 4000000;
  static constexpr u64 kStarvationNs = 100000000;  // 100 ms: the crash monitor samples every 100 ms

  const char* name() const override { return "transformer"; }
  const char* summary() const override { return "attention model over runnable threads (imitation-trained)"; }
  void enqueue(sched::Thread* t, sched::EnqueueReason why, u64 now_ns) override;
  void dequeue(sched::Thread* t) override { queue_.remove(t); }
  sched::Thread* pick_next(u64 now_ns) override;
  sched::Thread* pop_any() override { return queue_.pop_front(); }
  usize queued() const override { return queue_.size(); }
  void charge(sched::Thread*, u64) override {}
  bool preempt_on_tick(const sched::Thread* curr, u64 ran_ns) override;
  bool preempt_on_wakeup(const sched::Thread* curr, const sched::Thread* woken) override;

  SchedModel& model() { return model_; }
  // Clock for the decision latency statistics (ns); none on the host.
  void set_clock(u64 (*ns)()) { clock_ = ns; }
  // Features of a thread as the model sees it at `now`.
  static ThreadFacts facts_of(const sched::Thread* t, u64 now_ns);
  u64 decisions() const { return decisions_; }
  u64 wakeup_decisions() const { return wakeup_decisions_; }
  u64 starvation_picks() const { return starvation_picks_; }

 private:
  sched::ThreadList<&sched::Thread::run_link> queue_;
  SchedModel model_;
  u64 (*clock_)() = nullptr;
  u64 now_ns_ = 0;
  u64 decisions_ = 0, wakeup_decisions_ = 0, starvation_picks_ = 0;
};

}  // namespace sis::ai
