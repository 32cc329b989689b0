// The crash predictor's user-space and block-cache features (issue 16: every feature live):
// page-fault rate, the fastest process's RSS growth, the block cache's share of memory and its
// hit rate over the last second, computed by the same FeatureWindow the kernel and the trainer
// use, from readings the monitor takes (kernel/ai/monitor.cpp read_sample).
#include <gtest/gtest.h>

#include "ai/crash_model.h"

using namespace sis;
using namespace sis::ai;

namespace {

constexpr u64 kPages = 65536;  // a 256 MiB machine
constexpr usize kFaultRate = 13, kRssGrowth = 14, kBcacheRatio = 15, kBcacheHit = 16;

MemSample at(u64 ms) {
  MemSample s;
  s.t_ns = ms * 1000000;
  s.managed_pages = kPages;
  s.free_pages = kPages / 2;
  return s;
}

TEST(AiFeaturesLive, NamesAreTheNewFeatures) {
  EXPECT_STREQ(kCrashFeatureNames[kFaultRate], "fault_rate");
  EXPECT_STREQ(kCrashFeatureNames[kRssGrowth], "rss_growth_1s");
  EXPECT_STREQ(kCrashFeatureNames[kBcacheRatio], "bcache_ratio");
  EXPECT_STREQ(kCrashFeatureNames[kBcacheHit], "bcache_hit");
}

TEST(AiFeaturesLive, FaultRateIsFaultsPerSecondOverTheLastSecond) {
  FeatureWindow w;
  for (u64 i = 0; i <= 10; ++i) {
    MemSample s = at(i * 100);
    s.user_faults = i * 500;  // 5000 faults per second
    w.push(s);
  }
  CrashFeatures f;
  ASSERT_TRUE(w.features(&f));
  EXPECT_EQ(f.v[kFaultRate], 5000 * 256 / 10000);  // 10k/s = 1.0
}

TEST(AiFeaturesLive, RssGrowthIsTheFastestProcessShareOfMemory) {
  FeatureWindow w;
  MemSample s = at(0);
  s.rss_growth_pages = kPages / 8;  // an eighth of memory in the last second
  w.push(s);
  CrashFeatures f;
  ASSERT_TRUE(w.features(&f));
  EXPECT_EQ(f.v[kRssGrowth], 32);
}

TEST(AiFeaturesLive, BlockCacheShareAndHitRateOverTheLastSecond) {
  FeatureWindow w;
  for (u64 i = 0; i <= 10; ++i) {
    MemSample s = at(i * 100);
    s.bcache_bytes = kPages * 4096 / 16;
    s.bcache_hits = i * 30;    // 300 hits and 100 misses in the window
    s.bcache_misses = i * 10;
    w.push(s);
  }
  CrashFeatures f;
  ASSERT_TRUE(w.features(&f));
  EXPECT_EQ(f.v[kBcacheRatio], 16);
  EXPECT_EQ(f.v[kBcacheHit], 192);  // 75%
}

TEST(AiFeaturesLive, NoLookupsIsAFullHitRateAndAFallingTotalCountsNothing) {
  FeatureWindow w;
  MemSample a = at(0), b = at(100);
  a.bcache_hits = 1000;  // a cache was unmounted: the totals fell
  a.bcache_misses = 400;
  a.user_faults = 50;
  w.push(a);
  w.push(b);
  CrashFeatures f;
  ASSERT_TRUE(w.features(&f));
  EXPECT_EQ(f.v[kBcacheHit], 256);
  EXPECT_EQ(f.v[kFaultRate], 0);
}

}  // namespace
