// Least-squares fit of the power model (kernel/power/least_squares.h): known coefficients are
// recovered from noisy synthetic data, constant features are left out, degenerate input fails.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "power/least_squares.h"

using namespace sis;
using namespace sis::power;

namespace {

double slope(const Coefficients& c, u32 k) { return static_cast<double>(c.slope_q32[k]) / 4294967296.0; }

struct Truth {
  double idle_mw, util, mem, io, inst;  // mW per unit
  double y(const Features& f) const {
    return idle_mw + util * f.x[kUtil] + mem * f.x[kMem] + io * f.x[kIo] + inst * f.x[kInst];
  }
};

}  // namespace

TEST(PowerFit, RecoversKnownCoefficientsFromNoisySyntheticData) {
  // 11.3 W for a full CPU over 0.65 W idle, 0.8 mW per MiB/s of allocator traffic, 0.05 mW per
  // KiB/s of disk I/O; meter noise sigma 60 mW.
  Truth t{650, 11300.0 / 1e6, 0.8 / 1024, 0.05, 0};
  std::mt19937 rng(12345);
  std::normal_distribution<double> noise(0, 60);
  std::uniform_real_distribution<double> u01(0, 1);
  LeastSquares ls;
  for (int i = 0; i < 400; ++i) {
    Features f;
    f.x[kUtil] = static_cast<i64>(u01(rng) * 1e6);
    f.x[kMem] = u01(rng) < 0.5 ? 0 : static_cast<i64>(u01(rng) * 400000);  // up to ~400 MiB/s
    f.x[kIo] = u01(rng) < 0.7 ? 0 : static_cast<i64>(u01(rng) * 20000);
    ASSERT_TRUE(ls.add(f, std::llround(t.y(f) + noise(rng))));
  }
  auto fit = ls.solve();
  ASSERT_TRUE(fit.ok());
  const Coefficients& c = fit.value().coeffs;
  EXPECT_NEAR(c.idle_mw, 650, 20);
  EXPECT_NEAR(slope(c, kUtil) * 1e6, 11300, 11300 * 0.02);
  EXPECT_NEAR(slope(c, kMem) * 1024, 0.8, 0.8 * 0.1);
  EXPECT_NEAR(slope(c, kIo), 0.05, 0.05 * 0.1);
  EXPECT_EQ(c.slope_q32[kInst], 0);  // never varied: left out
  EXPECT_EQ(fit.value().used_mask, (1u << kUtil) | (1u << kMem) | (1u << kIo));
  EXPECT_NEAR(c.rms_mw, 60, 10);
  EXPECT_GT(fit.value().r2_ppm, 990000);
  EXPECT_TRUE(c.calibrated);
  EXPECT_EQ(c.samples, 400u);
}

TEST(PowerFit, RecoversTheModelFromCalibrationLikePhases) {
  // What `powerctl calibrate` feeds it: idle, cpu, mem and half phases with a few readings
  // each, utilisation wobbling because of host steal, meter noise 80 mW.
  Truth t{700, 10500.0 / 1e6, 0.3 / 1024, 0, 0};
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 80), wobble(0, 30000);
  LeastSquares ls;
  const double util[4] = {4000, 950000, 950000, 480000};
  const double mem[4] = {0, 0, 3.0e6, 0};  // KiB/s in the mem phase
  for (int p = 0; p < 4; ++p)
    for (int i = 0; i < 6; ++i) {
      Features f;
      f.x[kUtil] = std::max<i64>(0, std::min<i64>(1000000, std::llround(util[p] + (p ? wobble(rng) : 0))));
      f.x[kMem] = std::llround(mem[p] * (1 + 0.05 * noise(rng) / 80));
      ASSERT_TRUE(ls.add(f, std::llround(t.y(f) + noise(rng))));
    }
  auto fit = ls.solve();
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit.value().coeffs.idle_mw, 700, 80);
  EXPECT_NEAR(slope(fit.value().coeffs, kUtil) * 1e6, 10500, 10500 * 0.03);
  // The estimate of a held-out point (30% utilisation) is within 5%.
  Features h;
  h.x[kUtil] = 300000;
  EXPECT_NEAR(estimate_mw(fit.value().coeffs, h), t.y(h), t.y(h) * 0.05);
}

TEST(PowerFit, ExactDataGivesExactCoefficients) {
  LeastSquares ls;
  for (int u = 0; u <= 10; ++u) {
    Features f;
    f.x[kUtil] = u * 100000;
    f.x[kInst] = (u * 37) % 11 * 100;  // varies independently
    ls.add(f, 500 + u * 1000 + f.x[kInst] * 2);
  }
  auto fit = ls.solve(0xf, 0);  // no ridge
  ASSERT_TRUE(fit.ok());
  EXPECT_NEAR(fit.value().coeffs.idle_mw, 500, 1);
  EXPECT_NEAR(slope(fit.value().coeffs, kUtil), 0.01, 1e-6);
  EXPECT_NEAR(slope(fit.value().coeffs, kInst), 2.0, 1e-4);
  EXPECT_EQ(fit.value().coeffs.rms_mw, 0);
}

TEST(PowerFit, OnlyConstantFeaturesGiveTheMeanAsIdlePower) {
  LeastSquares ls;
  Features f;
  f.x[kUtil] = 500000;
  ls.add(f, 1000);
  ls.add(f, 2000);
  auto fit = ls.solve();
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(fit.value().used_mask, 0u);
  EXPECT_EQ(fit.value().coeffs.idle_mw, 1500);
}

TEST(PowerFit, RefusesTooFewSamplesAndOutOfRangeValues) {
  LeastSquares ls;
  EXPECT_FALSE(ls.solve().ok());
  Features f;
  ls.add(f, 100);
  EXPECT_FALSE(ls.solve().ok());
  f.x[kMem] = -1;
  EXPECT_FALSE(ls.add(f, 100));
  f.x[kMem] = 1ll << 30;
  EXPECT_FALSE(ls.add(f, 100));
  EXPECT_FALSE(ls.add(Features(), -5));
  EXPECT_EQ(ls.count(), 1u);
}

TEST(PowerFit, PerfectlyCollinearFeaturesStaySolvableWithTheRidge) {
  // mem always equals util: the ridge splits the slope between them instead of failing, and
  // the fitted model still predicts the data.
  LeastSquares ls;
  for (int u = 0; u <= 10; ++u) {
    Features f;
    f.x[kUtil] = u * 100000;
    f.x[kMem] = u * 100000;
    ls.add(f, 600 + u * 1000);
  }
  auto fit = ls.solve();
  ASSERT_TRUE(fit.ok());
  Features h;
  h.x[kUtil] = h.x[kMem] = 550000;
  EXPECT_NEAR(estimate_mw(fit.value().coeffs, h), 600 + 5500, 20);
}
