// The SpinLock owner checks (core/spinlock.h) and SIS_ASSERT's report (lib/assert.h) on the
// host: taking a lock this thread already holds, releasing a lock it does not hold, and
// calling a function that expects a lock (the run queue's) without it each stop the
// program with a report naming the check; the host handler aborts, so these are death tests.
#include <gtest/gtest.h>

#include <thread>

#include "core/spinlock.h"
#include "sched/fair_policy.h"
#include "sched/run_queue.h"

namespace sis {
namespace {

TEST(SpinLockOwner, HeldByMeOnlyForTheHoldingThreadAndOnlyWhileHeld) {
  SpinLock l;
  EXPECT_FALSE(l.held_by_me());
  u64 s = l.lock();
  EXPECT_TRUE(l.held_by_me());
  bool seen_by_other = true;
  std::thread other([&] { seen_by_other = l.held_by_me(); });
  other.join();
  EXPECT_FALSE(seen_by_other) << "another thread must not count as the owner";
  l.unlock(s);
  EXPECT_FALSE(l.held_by_me());
}

TEST(SpinLockOwnerDeathTest, TakingAHeldSpinLockAgainOnTheSameThreadDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  SpinLock l;
  (void)l.lock();
  EXPECT_DEATH((void)l.lock(), "assertion failed: .*spinlock already held by this CPU");
}

TEST(SpinLockOwnerDeathTest, UnlockingASpinLockNobodyHoldsDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  SpinLock l;
  EXPECT_DEATH(l.unlock(0), "assertion failed: .*spinlock released by a CPU that does not hold it");
}

TEST(SpinLockOwnerDeathTest, UnlockingASpinLockAnotherThreadHoldsDies) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  SpinLock l;
  std::thread other([&] { (void)l.lock(); });  // ends still holding it
  other.join();
  ASSERT_TRUE(l.is_locked());
  EXPECT_DEATH(l.unlock(0), "assertion failed: .*spinlock released by a CPU that does not hold it");
}

TEST(SpinLockOwnerDeathTest, CallingARunQueueMethodWithoutItsLockDiesNamingTheCaller) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  sched::FairPolicy fair;
  sched::Thread idle;
  sched::RunQueue rq;
  {
    SpinLockGuard g(rq.lock);
    rq.init(0, &idle, &fair, 0);
    rq.set_running(&idle, 0);
    rq.tick(1000000);  // with the lock: fine
  }
  // The report names the check and the function that expects the lock, at its file:line.
  EXPECT_DEATH(rq.tick(2000000),
               "assertion failed: assert_held\\(\\) -- spinlock not held by this CPU\n"
               "  at .*sched/run_queue.cpp:[0-9]+\n"
               "  in tick");
}

}  // namespace
}  // namespace sis
