// RunQueue: one CPU's scheduling state and the decisions around the policy: who is running,
// charging CPU time, the tick, wake-ups, picking the next thread, and all accounting. It
// does no context switching and reads no clock of its own (callers pass `now`), so the host
// tests drive it through simulated time exactly as the kernel drives it through real time.
//
// Locking: every method expects `lock` held (the kernel's scheduler takes it with
// interrupts masked); the ones that change state check it (lock.assert_held()), so the host
// simulations hold it too. SMP: one RunQueue per CPU.
#pragma once
#include "core/spinlock.h"
#include "sched/policy.h"

namespace sis::sched {

class RunQueue {
 public:
  SpinLock lock;

  // `idle` runs when the policy has nothing; it is never queued.
  void init(u32 cpu, Thread* idle, Policy* policy, u64 now_ns) SIS_REQUIRES(lock);
  // Optional clock for timing pick_next (raw units; e.g. the generic counter).
  void set_pick_clock(u64 (*clock)()) SIS_REQUIRES(lock) { pick_clock_ = clock; }

  // Makes t the running thread without a switch (adopting the boot context).
  void set_running(Thread* t, u64 now_ns) SIS_REQUIRES(lock);
  // A new thread becomes runnable.
  void add(Thread* t, u64 now_ns) SIS_REQUIRES(lock);
  // Blocked -> runnable; may ask for a reschedule. Returns false if t was not blocked.
  bool wake(Thread* t, u64 now_ns) SIS_REQUIRES(lock);
  // The periodic tick: charges the current thread, asks for a reschedule when its slice ends.
  void tick(u64 now_ns) SIS_REQUIRES(lock);
  // Chooses the next thread. The current thread's state says why it stops: Running means
  // preempted (or yielding when its `yielding` flag is set) and it is queued again; Blocked
  // or Zombie mean it leaves. Returns the thread to run (possibly the same, or idle).
  Thread* schedule(u64 now_ns) SIS_REQUIRES(lock);
  // Moves every queued thread to `p`, which takes charge from now on.
  void set_policy(Policy* p, u64 now_ns) SIS_REQUIRES(lock);
  void set_nice(Thread* t, int nice, u64 now_ns) SIS_REQUIRES(lock);
  // Takes a runnable thread out of the queue (it is about to become blocked or freed).
  void remove(Thread* t) SIS_REQUIRES(lock);

  Thread* current() const SIS_REQUIRES(lock) { return curr_; }
  Thread* idle() const { return idle_; }  // set once by init()
  Policy* policy() const SIS_REQUIRES(lock) { return policy_; }
  bool need_resched() const SIS_REQUIRES(lock) { return need_resched_; }
  // The flag read without the lock, on the way out of an interrupt or in preempt_point():
  // the tick and wake-ups set it under the lock on this CPU; a stale answer only delays a
  // switch to the next check or makes schedule() (which runs locked) pick the same thread.
  bool need_resched_unlocked() const SIS_NO_THREAD_SAFETY_ANALYSIS {
    return __atomic_load_n(&need_resched_, __ATOMIC_RELAXED);
  }
  void set_need_resched() SIS_REQUIRES(lock) { need_resched_ = true; }
  usize queued() const SIS_REQUIRES(lock) { return policy_->queued(); }
  u32 cpu() const { return cpu_; }  // set once by init()
  u64 switches() const SIS_REQUIRES(lock) { return switches_; }
  u64 idle_ns() const SIS_REQUIRES(lock) { return idle_ns_; }
  u64 clock_ns() const SIS_REQUIRES(lock) { return clock_ns_; }

 private:
  void update_curr(u64 now_ns) SIS_REQUIRES(lock);
  void check_wakeup_preempt(Thread* woken) SIS_REQUIRES(lock);

  Thread* curr_ SIS_GUARDED_BY(lock) = nullptr;
  Thread* idle_ = nullptr;
  Policy* policy_ SIS_GUARDED_BY(lock) = nullptr;
  u64 (*pick_clock_)() SIS_GUARDED_BY(lock) = nullptr;
  bool need_resched_ SIS_GUARDED_BY(lock) = false;
  u32 cpu_ = 0;
  u64 switches_ SIS_GUARDED_BY(lock) = 0;
  u64 idle_ns_ SIS_GUARDED_BY(lock) = 0;
  u64 clock_ns_ SIS_GUARDED_BY(lock) = 0;  // the latest `now` seen
};

}  // namespace sis::sched
