// Cooperative cancellation of shell commands (shell/cancel.h): a token installed by the
// command's runner, asked by long loops; requested or past its deadline means stop.
#include <gtest/gtest.h>

#include "shell/cancel.h"

using namespace sis;
using namespace sis::shell;

namespace {
u64 fake_now = 0;
u64 fake_clock() { return fake_now; }
}  // namespace

TEST(ShellCancel, NothingIsCancelledWithoutAToken) {
  ASSERT_EQ(current_cancel_token(), nullptr);
  EXPECT_FALSE(cancelled());
}

TEST(ShellCancel, RequestStopsTheCommandAndIsRecordedAsObserved) {
  CancelToken t;
  CancelScope scope(t);
  EXPECT_FALSE(cancelled());
  EXPECT_FALSE(t.observed);
  t.requested = true;  // Ctrl-C, or the host left
  EXPECT_TRUE(cancelled());
  EXPECT_TRUE(t.observed) << "the runner learns the command stopped early";
}

TEST(ShellCancel, DeadlinePassesOnTheClock) {
  set_cancel_clock(fake_clock);
  CancelToken t;
  CancelScope scope(t);
  fake_now = 1000;
  t.deadline_ns = 5000;
  EXPECT_FALSE(cancelled());
  fake_now = 4999;
  EXPECT_FALSE(cancelled());
  EXPECT_FALSE(t.observed);
  fake_now = 5000;
  EXPECT_TRUE(cancelled());
  EXPECT_TRUE(t.observed);
  t.reset();
  EXPECT_FALSE(cancelled()) << "reset clears the deadline and the request";
  set_cancel_clock(nullptr);
}

TEST(ShellCancel, ScopesNestAndRestoreTheOuterToken) {
  CancelToken outer, inner;
  {
    CancelScope a(outer);
    {
      CancelScope b(inner);
      EXPECT_EQ(current_cancel_token(), &inner);
      outer.requested = true;
      EXPECT_FALSE(cancelled()) << "only the running command's token counts";
    }
    EXPECT_EQ(current_cancel_token(), &outer);
    EXPECT_TRUE(cancelled());
  }
  EXPECT_EQ(current_cancel_token(), nullptr);
  CancelToken* prev = swap_cancel_token(&inner);
  EXPECT_EQ(prev, nullptr);
  EXPECT_EQ(swap_cancel_token(prev), &inner);
}
