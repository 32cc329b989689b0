// Mutex: a sleeping lock for threads (kernel only). A contended lock() blocks on a wait
// queue instead of spinning; unlock() wakes one waiter, which then competes for the lock
// again (a running thread may take it first: no strict hand-off, no priority inheritance).
// Not for interrupt handlers (they must not block): use SpinLock there.
#pragma once
#include "sched/wait_queue.h"

namespace sis::sched {

class Mutex {
 public:
  void lock() {
    Thread* me = current();
    wq_.wait_until([&] {
      if (owner_) return false;
      owner_ = me;
      return true;
    });
  }
  bool try_lock() {
    SpinLockGuard g(wq_.lock());
    if (owner_) return false;
    owner_ = current();
    return true;
  }
  void unlock() {
    {
      SpinLockGuard g(wq_.lock());
      owner_ = nullptr;
    }
    wq_.wake_one();
  }
  Thread* owner() const { return owner_; }

 private:
  WaitQueue wq_;
  Thread* owner_ = nullptr;
};

class MutexGuard {
 public:
  explicit MutexGuard(Mutex& m) : m_(m) { m_.lock(); }
  ~MutexGuard() { m_.unlock(); }
  MutexGuard(const MutexGuard&) = delete;
  MutexGuard& operator=(const MutexGuard&) = delete;

 private:
  Mutex& m_;
};

}  // namespace sis::sched
