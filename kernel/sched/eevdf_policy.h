// EevdfPolicy ("eevdf"): Earliest Eligible Virtual Deadline First, in the style of Linux's
// EEVDF scheduler (Stoica & Abdel-Wahab 1995; Linux 6.6).
//
//  - vruntime (Thread::ev_vruntime): CPU time scaled by 1024/weight (nice weights).
//  - V, the weighted average vruntime of the queued threads and the running one. A thread
//    is *eligible* when its vruntime <= V, i.e. its lag = V - vruntime >= 0: it has received
//    no more than its share so far.
//  - each thread asks for a slice (Thread::slice_ns, default kBaseSliceNs); its virtual
//    deadline is vruntime + slice*1024/weight, set when it becomes runnable and renewed
//    each time it has used the slice.
//  - pick: the eligible thread with the earliest deadline, O(log n) in a tree ordered by
//    deadline whose subtrees keep their minimum vruntime (sched_tree.h).
//  - lag is kept across sleeps: a thread that blocks with lag l wakes at V - l, with l
//    bounded to +-max(2 slices, 1 tick) of virtual time; a debt (l < 0) is paid off by the
//    virtual time that passes while it sleeps (Linux's delayed dequeue has that effect).
//    A sleeper cannot bank more credit than the bound, whatever slice it asked for: a
//    short slice buys an earlier deadline (lower latency), never more CPU.
//  - a woken thread preempts the running one when it is eligible and its deadline is
//    earlier; the tick preempts when the running thread's deadline has passed.
// Subclasses may set a thread's slice when it wakes (on_wakeup) and give it a latency
// weight (latency_credit: placed with lag up to the bound, never beyond): the learned
// policies do.
#pragma once
#include "sched/policy.h"

namespace sis::sched {

class EevdfPolicy : public Policy {
 public:
  static constexpr u64 kBaseSliceNs = 3000000;
  static constexpr u64 kMinSliceNs = 100000;
  static constexpr u64 kTickNs = 1000000;

  const char* name() const override { return "eevdf"; }
  const char* summary() const override { return "EEVDF: earliest eligible virtual deadline, 3 ms slice"; }
  void enqueue(Thread* t, EnqueueReason why, u64 now_ns) override;
  void dequeue(Thread* t) override;
  Thread* pick_next(u64 now_ns) override;
  Thread* pop_any() override;
  usize queued() const override { return tree_.size(); }
  void charge(Thread* curr, u64 delta_ns) override;
  bool preempt_on_tick(const Thread* curr, u64 ran_ns) override;
  bool preempt_on_wakeup(const Thread* curr, const Thread* woken) override;
  void adopt_running(Thread* curr) override;
  void stop_running(Thread* t) override;
  void reweight(Thread* t) override;

  // The weighted average vruntime V (queued threads and the running one).
  u64 avg_vruntime() const;
  bool eligible(const Thread* t) const;
  // The slice t gets: its own request (when honoured) clamped to [kMinSliceNs,
  // kBaseSliceNs], or the base. Plain "eevdf" gives every thread the base slice.
  u64 slice_of(const Thread* t) const;
  void set_honour_thread_slice(bool on) { honour_slice_ = on; }
  static u64 scale(u64 ns, u32 weight) { return weight == 1024 ? ns : ns * 1024 / weight; }
  // The bound on |lag| for t (virtual ns).
  u64 lag_limit(const Thread* t) const;

 protected:
  // t wakes up (before it is placed): a subclass may set t->slice_ns.
  virtual void on_wakeup(Thread*, u64) {}
  // Lag credit (virtual ns, at most lag_limit) a waking thread is placed with at least:
  // its latency weight. Plain EEVDF gives none.
  virtual u64 latency_credit(const Thread*, u64 /*lag_limit*/) const { return 0; }
  // The slice a thread asks for when it has not asked (slice_ns 0).
  virtual u64 default_slice() const { return kBaseSliceNs; }

 private:
  void insert(Thread* t);
  void remove_from_tree(Thread* t);
  void update_zero();
  void set_deadline(Thread* t) { t->deadline = t->ev_vruntime + scale(slice_of(t), t->weight); }

  SchedTree tree_;            // by deadline; aug = vruntime
  u64 zero_ = 0;              // reference point for the sums (only moves forward)
  u64 sum_w_ = 0;             // sum of queued weights
  i64 sum_wv_ = 0;            // sum of queued weight * (vruntime - zero_)
  Thread* curr_ = nullptr;    // the running thread while it belongs to this policy
  u32 curr_w_ = 0;            // the weight curr_ is accounted with
  bool deadline_passed_ = false;
  bool honour_slice_ = false;
};

}  // namespace sis::sched
