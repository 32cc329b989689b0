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
  void init(u32 cpu, Thread* idle, Policy* policy, u64 now_ns);
  // Optional clock for timing pick_next (raw units; e.g. the generic counter).
  void set_pick_clock(u64 (*clock)()) { pick_clock_ = clock; }

  // Makes t the running thread without a switch (adopting the boot context).
  void set_running(Thread* t, u64 now_ns);
  // A new thread becomes runnable.
  void add(Thread* t, u64 now_ns);
  // Blocked -> runnable; may ask for a reschedule. Returns false if t was not blocked.
  bool wake(Thread* t, u64 now_ns);
  // The periodic tick: charges the current thread, asks for a reschedule when its slice ends.
  void tick(u64 now_ns);
  // Chooses the next thread. The current thread's state says why it stops: Running means
  // preempted (or yielding when its `yielding` flag is set) and it is queued again; Blocked
  // or Zombie mean it leaves. Returns the thread to run (possibly the same, or idle).
  Thread* schedule(u64 now_ns);
  // Moves every queued thread to `p`, which takes charge from now on.
  void set_policy(Policy* p, u64 now_ns);
  void set_nice(Thread* t, int nice, u64 now_ns);
  // Takes a runnable thread out of the queue (it is about to become blocked or freed).
  void remove(Thread* t);

  Thread* current() const { return curr_; }
  Thread* idle() const { return idle_; }
  Policy* policy() const { return policy_; }
  bool need_resched() const { return need_resched_; }
  void set_need_resched() { need_resched_ = true; }
  usize queued() const { return policy_->queued(); }
  u32 cpu() const { return cpu_; }
  u64 switches() const { return switches_; }
  u64 idle_ns() const { return idle_ns_; }
  u64 clock_ns() const { return clock_ns_; }

 private:
  void update_curr(u64 now_ns);
  void check_wakeup_preempt(Thread* woken);

  Thread* curr_ = nullptr;
  Thread* idle_ = nullptr;
  Policy* policy_ = nullptr;
  u64 (*pick_clock_)() = nullptr;
  bool need_resched_ = false;
  u32 cpu_ = 0;
  u64 switches_ = 0;
  u64 idle_ns_ = 0;
  u64 clock_ns_ = 0;  // the latest `now` seen
};

}  // namespace sis::sched
