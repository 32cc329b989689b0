// Policy: the interface every scheduling policy implements (the baseline fair policy now,
// the transformer policy later). One Policy object holds one run queue's worth of runnable
// threads, so a CPU owns one instance of each policy it can use. The RunQueue decides *when*
// to ask (enqueue on wake-up, pick on a switch, charge on a tick); the policy decides *who*.
//
// Contract:
//  - Only Runnable threads are queued. The running thread is never in the queue: the run
//    queue re-enqueues it (Preempted/Yield) before asking for the next one.
//  - The running thread leaves through stop_running (blocked, exited) or is enqueued again
//    (Preempted/Yield) before pick_next is asked.
//  - pick_next removes the chosen thread; pop_any removes any (used to move every queued
//    thread to another policy when `schedctl policy` switches: no thread is lost).
//  - Calls run with the run queue's lock held and interrupts masked: no blocking, no
//    allocation, bounded time.
#pragma once
#include "sched/thread.h"

namespace sis::sched {

enum class EnqueueReason : u8 {
  New,        // first time runnable
  Wakeup,     // was blocked
  Preempted,  // was running, lost the CPU involuntarily
  Yield,      // was running, gave the CPU away
  Migrated,   // moved here from another policy (its policy data is meaningless here)
};

class Policy {
 public:
  virtual const char* name() const = 0;
  virtual const char* summary() const = 0;

  virtual void enqueue(Thread* t, EnqueueReason why, u64 now_ns) = 0;
  virtual void dequeue(Thread* t) = 0;
  virtual Thread* pick_next(u64 now_ns) = 0;
  virtual Thread* pop_any() = 0;
  virtual usize queued() const = 0;

  // The running thread `curr` used delta_ns of CPU.
  virtual void charge(Thread* curr, u64 delta_ns) = 0;
  // Should `curr`, which has run ran_ns since it was picked, give way now?
  virtual bool preempt_on_tick(const Thread* curr, u64 ran_ns) = 0;
  // Should the newly woken `woken` preempt `curr` (not the idle thread)?
  virtual bool preempt_on_wakeup(const Thread* curr, const Thread* woken) = 0;
  // The running thread now belongs to this policy (after a switch of policies).
  virtual void adopt_running(Thread*) {}
  // The running thread stops running without being queued again (it blocked or exited),
  // or this policy hands it to another one: it leaves the policy's accounting.
  virtual void stop_running(Thread*) {}
  // t's nice changed while it is not queued (running or blocked).
  virtual void reweight(Thread*) {}

  PolicyStats& stats() { return stats_; }
  const PolicyStats& stats() const { return stats_; }

 protected:
  ~Policy() = default;

 private:
  PolicyStats stats_;
};

}  // namespace sis::sched
