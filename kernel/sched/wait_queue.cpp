// Wait queues: see wait_queue.h.
#include "sched/wait_queue.h"

namespace sis::sched {

void WaitQueue::wake_one() {
  Thread* t;
  {
    SpinLockGuard g(lock_);
    t = waiters_.pop_front();
    if (t) wake(t);
  }
  if (t) preempt_point();
}

void WaitQueue::wake_all() {
  bool any = false;
  {
    SpinLockGuard g(lock_);
    while (Thread* t = waiters_.pop_front()) {
      wake(t);
      any = true;
    }
  }
  if (any) preempt_point();
}

}  // namespace sis::sched
