// The power model (kernel/power/power_model.h) and its 128-bit fixed-point helpers.
#include <gtest/gtest.h>

#include <cstring>

#include "power/fixed.h"
#include "power/power_model.h"

using namespace sis;
using namespace sis::power;

TEST(PowerFixed, DivisionAndSquareRootMatchNativeArithmetic) {
  const u128 big = (static_cast<u128>(0x123456789abcdefull) << 40) + 12345;
  EXPECT_EQ(udiv128(big, 977), big / 977);
  EXPECT_EQ(udiv128(big, static_cast<u128>(1) << 70), big >> 70);
  EXPECT_EQ(sdiv128(-static_cast<i128>(big), 3), -static_cast<i128>(big / 3));
  EXPECT_EQ(sdiv128_round(7, 2), 4);
  EXPECT_EQ(sdiv128_round(-7, 2), -4);
  EXPECT_EQ(isqrt128(static_cast<u128>(1000000007ull) * 1000000007ull), 1000000007u);
  EXPECT_EQ(isqrt128(static_cast<u128>(1000000007ull) * 1000000007ull - 1), 1000000006u);
  EXPECT_EQ(mul_q32(static_cast<i64>(1) << 31, 10), 5);  // 0.5 * 10
}

TEST(PowerModel, FeaturesFromCountersRemoveIdleInjectionAndSteal) {
  Counters a, b;
  a.t_ns = 1000000000;
  b.t_ns = 2000000000;           // 1 s
  b.idle_ns = 300000000;         // 30% idle
  b.injected_ns = 100000000;     // 10% injected idle
  b.steal_ns = 100000000;        // 10% stolen by the host
  b.mem_bytes = 10 * 1024 * 1024;  // 10 MiB/s
  b.io_bytes = 2048 * 1024;
  b.instructions = 500000000;
  Features f = features_between(a, b);
  EXPECT_EQ(f.x[kUtil], 500000);  // 50% really computing
  EXPECT_EQ(f.x[kMem], 10240);
  EXPECT_EQ(f.x[kIo], 2048);
  EXPECT_EQ(f.x[kInst], 500);
  EXPECT_EQ(busy_ppm_between(a, b), 600000);  // the scheduler's view keeps steal as busy
}

TEST(PowerModel, FeaturesOfAnEmptyOrOverfullIntervalAreSane) {
  Counters a, b;
  a.t_ns = b.t_ns = 5;
  EXPECT_EQ(features_between(a, b).x[kUtil], 0);
  b.t_ns = 1000;
  b.idle_ns = 5000;  // more idle than wall time (tick granularity): clamps at 0% busy
  EXPECT_EQ(features_between(a, b).x[kUtil], 0);
}

TEST(PowerModel, InterpolationIsLinearInTime) {
  Counters a, b;
  a.t_ns = 1000;
  b.t_ns = 2000;
  a.idle_ns = 100;
  b.idle_ns = 300;
  b.mem_bytes = 1000;
  Counters m = interpolate(a, b, 1250);
  EXPECT_EQ(m.t_ns, 1250u);
  EXPECT_EQ(m.idle_ns, 150u);
  EXPECT_EQ(m.mem_bytes, 250u);
  EXPECT_EQ(interpolate(a, b, 10).t_ns, 1000u);  // before: clamps to a
  EXPECT_EQ(interpolate(a, b, 9999).t_ns, 2000u);
}

TEST(PowerModel, EstimateIsIdlePlusTerms) {
  Coefficients c;
  c.idle_mw = 600;
  c.slope_q32[kUtil] = static_cast<i64>((static_cast<u128>(10000) << 32) / 1000000);  // 10 W per full CPU
  c.slope_q32[kMem] = static_cast<i64>((static_cast<u128>(1) << 32) / 1024);          // 1 mW per MiB/s
  Features f;
  f.x[kUtil] = 250000;
  f.x[kMem] = 102400;  // 100 MiB/s
  EXPECT_NEAR(estimate_mw(c, f), 600 + 2500 + 100, 1);
  EXPECT_NEAR(term_mw(c, f, kUtil), 2500, 1);
  Coefficients d = default_coefficients();
  Features full;
  full.x[kUtil] = 1000000;
  EXPECT_NEAR(estimate_mw(d, full), 10000, 1);
  EXPECT_EQ(estimate_mw(d, Features()), 600);
}

TEST(PowerModel, NegativeEstimatesClampToZero) {
  Coefficients c;
  c.idle_mw = 100;
  c.slope_q32[kUtil] = -(static_cast<i64>(1) << 32);
  Features f;
  f.x[kUtil] = 1000;
  EXPECT_EQ(estimate_mw(c, f), 0);
}

TEST(PowerModel, CoefficientsRoundTripThroughTheConfFile) {
  Coefficients c;
  c.idle_mw = 645;
  c.slope_q32[kUtil] = 48396359;
  c.slope_q32[kMem] = -12345;
  c.slope_q32[kIo] = 777;
  c.samples = 16;
  c.rms_mw = 77;
  c.calibrated = true;
  char buf[512];
  usize n = format_coefficients(c, buf, sizeof buf);
  ASSERT_GT(n, 0u);
  Coefficients d;
  ASSERT_TRUE(parse_coefficients(buf, n, &d)) << std::string(buf, n);
  EXPECT_EQ(d.idle_mw, 645);
  EXPECT_EQ(d.slope_q32[kUtil], 48396359);
  EXPECT_EQ(d.slope_q32[kMem], -12345);
  EXPECT_EQ(d.slope_q32[kIo], 777);
  EXPECT_EQ(d.samples, 16u);
  EXPECT_EQ(d.rms_mw, 77);
  EXPECT_TRUE(d.calibrated);
  EXPECT_EQ(format_coefficients(c, buf, 20), 0u);  // does not fit: refused, not truncated
}

TEST(PowerModel, MalformedConfFilesAreRejectedAndLeaveCoefficientsAlone) {
  Coefficients d;
  d.idle_mw = 1;
  const char* bad[] = {"util_q32 5\n", "idle_mw\n", "idle_mw abc\n", "idle_mw 5\nutil_q32 1.5\n"};
  for (const char* t : bad) {
    EXPECT_FALSE(parse_coefficients(t, std::strlen(t), &d)) << t;
    EXPECT_EQ(d.idle_mw, 1);
  }
  const char* ok = "# comment\r\n\nidle_mw 700\r\nfuture_key 3\n";
  EXPECT_TRUE(parse_coefficients(ok, std::strlen(ok), &d));
  EXPECT_EQ(d.idle_mw, 700);
}

TEST(PowerModel, AbsolutePercentageError) {
  EXPECT_EQ(ape_ppm(110, 100), 100000);
  EXPECT_EQ(ape_ppm(90, 100), 100000);
  EXPECT_EQ(ape_ppm(100, 100), 0);
  EXPECT_EQ(ape_ppm(5, 0), 0);  // no meaningful error against zero
}
