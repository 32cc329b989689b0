// WaitQueue: threads blocked until a condition holds (kernel only). The condition is
// checked under the queue's lock with interrupts masked, and a waker changes the state the
// condition reads under the same lock before waking, so no wake-up is lost:
//
//   wq.wait_until([&] { return !ring.empty(); });      // consumer
//   { SpinLockGuard g(wq.lock()); push(); } wq.wake_one();   // or from an IRQ handler
//
// Before the scheduler starts (no threads yet) wait_until falls back to sleeping in WFI,
// so drivers can use one code path from boot on. Waking from an interrupt handler only
// marks the thread runnable; the switch happens on the way out of the interrupt.
#pragma once
#include "arch/arch.h"
#include "core/spinlock.h"
#include "sched/scheduler.h"

namespace sis::sched {

class WaitQueue {
 public:
  static constexpr u64 kForever = ~0ull;

  template <typename Pred>
  void wait_until(Pred&& pred) {
    (void)wait_until_for(static_cast<Pred&&>(pred), kForever);
  }

  // Like wait_until, but gives up after timeout_ns (tick granularity). Returns whether the
  // condition held.
  template <typename Pred>
  bool wait_until_for(Pred&& pred, u64 timeout_ns) {
    u64 deadline = timeout_ns == kForever ? 0 : now_ns() + timeout_ns;
    u64 irq = arch::irq_save();
    bool ok = false;
    for (;;) {
      u64 s = lock_.lock();
      if (pred()) {
        ok = true;
        lock_.unlock(s);
        break;
      }
      if (deadline && now_ns() >= deadline) {
        lock_.unlock(s);
        break;
      }
      if (!started()) {
        lock_.unlock(s);
        arch::wait_for_interrupt_then_enable();
        arch::irq_disable();
        continue;
      }
      Thread* t = current();
      waiters_.push_back(t);
      prepare_block(t, deadline);
      lock_.unlock(s);
      block();
      // Woken (or timed out): a waker takes us off the list; a timeout does not.
      if (t->wait_link.on) {
        SpinLockGuard g(lock_);
        waiters_.remove(t);
      }
    }
    arch::irq_restore(irq);
    preempt_point();
    return ok;
  }

  void wake_one();
  void wake_all();
  SpinLock& lock() SIS_RETURN_CAPABILITY(lock_) { return lock_; }
  usize waiters() const SIS_REQUIRES(lock_) { return waiters_.size(); }

 private:
  SpinLock lock_;
  ThreadList<&Thread::wait_link> waiters_ SIS_GUARDED_BY(lock_);
};

}  // namespace sis::sched
