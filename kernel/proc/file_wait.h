// WaitChannel: where a pipe's or the tty's blocked readers and writers sleep, and the lock
// that guards the state they wait on. Portable code (pipe.cpp, tty.cpp) takes lock() around
// every change of that state and calls wake_all() after it; a blocked call waits with
// wait(ready, ctx), whose ready() is evaluated under the same lock, so no wake-up is lost.
//
// The kernel implements it over sched::WaitQueue (file_wait_kernel.cpp): wait() returns
// Error::Interrupted when proc::signal_pending_for_current() (signal_hook.h) holds instead,
// and the signal sender wakes the blocked thread with sched::wake(). Host tests provide
// their own (tests/unit/test_file_host_hooks.cpp) that runs a scripted action for the
// "other side" whenever a caller would block, so blocking paths are tested without threads.
#pragma once
#include "lib/result.h"

namespace sis::proc {

class WaitChannel {
 public:
  virtual u64 lock() = 0;  // masks interrupts (the console's receive interrupt feeds the tty)
  virtual void unlock(u64 state) = 0;
  static constexpr u64 kForever = ~0ull;
  // Blocks until ready(ctx) holds (Ok), a signal is pending for the caller (Interrupted) or
  // timeout_ns passed (TimedOut; the tty's VTIME). Called without the lock held.
  virtual Error wait(bool (*ready)(void* ctx), void* ctx, u64 timeout_ns = kForever) = 0;
  virtual void wake_all() = 0;

 protected:
  ~WaitChannel() = default;
};

// nullptr when out of memory.
WaitChannel* wait_channel_create();
void wait_channel_destroy(WaitChannel* ch);

// Holds a channel's lock for a scope.
class WaitChannelGuard {
 public:
  explicit WaitChannelGuard(WaitChannel* ch) : ch_(ch), state_(ch->lock()) {}
  ~WaitChannelGuard() { ch_->unlock(state_); }
  WaitChannelGuard(const WaitChannelGuard&) = delete;
  WaitChannelGuard& operator=(const WaitChannelGuard&) = delete;

 private:
  WaitChannel* ch_;
  u64 state_;
};

}  // namespace sis::proc
