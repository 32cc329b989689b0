// Host definitions of the kernel hooks the descriptor code uses (see test_file_hooks.h).
#include "test_file_hooks.h"  // first: see there
#include "proc/file_wait.h"
#include "proc/signal_hook.h"

#include <gtest/gtest.h>

#include <string>

namespace sis::proc {
namespace test {
HostHooks& hooks() {
  static HostHooks h;
  return h;
}
}  // namespace test

namespace {

class ScriptedWaitChannel final : public WaitChannel {
 public:
  u64 lock() override {
    EXPECT_FALSE(held_) << "WaitChannel lock taken twice";
    held_ = true;
    return 0;
  }
  void unlock(u64) override {
    EXPECT_TRUE(held_);
    held_ = false;
  }
  Error wait(bool (*ready)(void*), void* ctx, u64 timeout_ns) override {
    EXPECT_FALSE(held_) << "wait() called with the lock held";
    auto& h = test::hooks();
    for (;;) {
      if (ready(ctx)) return Error::Ok;
      if (h.signal_pending) return Error::Interrupted;
      ++h.blocks;
      if (h.on_block.empty()) {
        if (timeout_ns != kForever) return Error::TimedOut;
        ADD_FAILURE() << "a call would block forever (no scripted action left)";
        return Error::Interrupted;
      }
      auto action = std::move(h.on_block.front());
      h.on_block.erase(h.on_block.begin());
      action();
    }
  }
  void wake_all() override { ++wakes; }
  usize wakes = 0;

 private:
  bool held_ = false;
};

}  // namespace

WaitChannel* wait_channel_create() { return new ScriptedWaitChannel(); }
void wait_channel_destroy(WaitChannel* ch) { delete static_cast<ScriptedWaitChannel*>(ch); }

bool signal_pending_for_current() { return test::hooks().signal_pending; }
void signal_pgrp(int pgid, int sig) { test::hooks().signals.push_back({pgid, sig}); }
CallerJob caller_job(int) { return test::hooks().job; }

}  // namespace sis::proc
