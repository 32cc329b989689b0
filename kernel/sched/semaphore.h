// Semaphore: a counting semaphore whose down() blocks on a wait queue (kernel only). up()
// may be called from interrupt handlers.
#pragma once
#include "sched/wait_queue.h"

namespace sis::sched {

class Semaphore {
 public:
  explicit Semaphore(u32 initial = 0) : count_(initial) {}
  void down() {
    wq_.wait_until([&] {
      if (count_ == 0) return false;
      --count_;
      return true;
    });
  }
  bool try_down() {
    SpinLockGuard g(wq_.lock());
    if (count_ == 0) return false;
    --count_;
    return true;
  }
  void up() {
    {
      SpinLockGuard g(wq_.lock());
      ++count_;
    }
    wq_.wake_one();
  }
  u32 value() const { return count_; }

 private:
  WaitQueue wq_;
  u32 count_;
};

}  // namespace sis::sched
