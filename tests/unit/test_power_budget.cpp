// The power-budget controller (kernel/power/budget_controller.h) against a simulated machine
// whose metered power follows the model: P = idle + c * util, util = demand * (1 - duty).
#include <gtest/gtest.h>

#include <random>

#include "power/budget_controller.h"
#include "power/fixed.h"

using namespace sis;
using namespace sis::power;

namespace {

constexpr i64 kIdle = 650;
constexpr double kFullMw = 11000;
const i64 kSlopeQ32 = static_cast<i64>(kFullMw / 1e6 * 4294967296.0);

struct Sim {
  BudgetController bc;
  u64 now = 0;
  double bias_mw = 0;     // the meter reads this much above the model
  double noise_mw = 0;
  std::mt19937 rng{3};
  u32 duty = 0;
  u64 windows = 0, over = 0;
  double win_energy = 0;
  int win_n = 0;
  double work = 0;        // CPU time the workload got (throughput)

  // Runs `seconds` of 100 ms periods at `demand` (0..1); a meter reading every 500 ms.
  void run(double seconds, double demand, u32* warnings = nullptr) {
    std::normal_distribution<double> n(0, noise_mw);
    for (int i = 0; i < seconds * 10; ++i) {
      now += 100000000;
      double util = demand * (1 - duty / 1e6);
      work += util * 0.1;
      i64 est = kIdle + static_cast<i64>(kFullMw * util);
      double metered = est + bias_mw + (noise_mw > 0 ? n(rng) : 0);
      auto out = bc.step({now, est, static_cast<i64>(util * 1e6), kSlopeQ32, duty});
      if (warnings) *warnings |= out.warnings;
      duty = out.duty_ppm;
      if (i % 5 == 4) {
        u32 w = bc.on_meter(static_cast<i64>(metered), est, now);
        if (warnings) *warnings |= w;
      }
      win_energy += metered;
      if (++win_n == 10) {
        ++windows;
        if (bc.active() && win_energy / 10 > bc.budget_mw()) ++over;
        win_energy = 0;
        win_n = 0;
      }
    }
  }
};

}  // namespace

TEST(PowerBudget, NoBudgetMeansNoInjection) {
  Sim s;
  s.run(5, 1.0);
  EXPECT_EQ(s.duty, 0u);
  EXPECT_FALSE(s.bc.active());
}

TEST(PowerBudget, AFullCpuIsHeldUnderTheBudgetWithSmallThroughputCost) {
  Sim s;
  s.noise_mw = 150;
  s.bc.set_budget(6000, 0);
  s.run(30, 1.0);
  EXPECT_GE(s.windows, 30u);
  EXPECT_LE(s.over * 100, s.windows * 5) << s.over << " of " << s.windows << " one-second windows over budget";
  // The budget allows util = (6000*0.90 - 650) / 11000 = 43%: the workload gets close to it.
  double share = s.work / 30;
  EXPECT_GT(share, 0.40);
  EXPECT_LT(share, 0.50);
  EXPECT_GT(s.duty, 450000u);
  EXPECT_LT(s.duty, 620000u);
}

TEST(PowerBudget, TheMeterBiasIsLearnedAndCorrected) {
  // The model reads 800 mW low: without the meter the budget would be exceeded.
  Sim s;
  s.bias_mw = 800;
  s.noise_mw = 100;
  s.bc.set_budget(6000, 0);
  s.run(30, 1.0);
  EXPECT_NEAR(s.bc.bias_mw(), 800, 150);
  EXPECT_LE(s.over * 100, s.windows * 5) << s.over << " of " << s.windows;
}

TEST(PowerBudget, LightLoadIsNotThrottled) {
  Sim s;
  s.bc.set_budget(6000, 0);
  s.run(10, 0.2);  // 0.65 + 2.2 W: well under
  EXPECT_EQ(s.duty, 0u);
  EXPECT_EQ(s.bc.stats().throttled_steps, 0u);
}

TEST(PowerBudget, PredictiveWarningComesBeforeTheBudgetIsCrossed) {
  Sim s;
  s.bc.set_budget(6000, 0);
  u32 w = 0;
  s.run(2, 0.2, &w);
  EXPECT_EQ(w, 0u);
  s.run(0.1, 1.0, &w);  // demand jumps: the first period already warns and injects
  EXPECT_TRUE(w & BudgetController::kDemandOverBudget);
  EXPECT_GT(s.duty, 0u);
}

TEST(PowerBudget, RisingPowerTrendWarnsBeforeCrossing) {
  BudgetController bc;
  bc.set_budget(8000, 0);
  u32 warned = 0;
  u64 now = 0;
  // Demand ramps slowly toward the budget; it stays under it but the trend crosses within 2 s.
  for (int i = 0; i < 20; ++i) {
    now += 100000000;
    double util = 0.30 + i * 0.02;
    i64 est = kIdle + static_cast<i64>(kFullMw * util);
    auto out = bc.step({now, est, static_cast<i64>(util * 1e6), kSlopeQ32, 0});
    warned |= out.warnings;
    if (out.warnings & BudgetController::kTrendCrossing) {
      EXPECT_LT(est, 8000) << "warned only after crossing";
      break;
    }
  }
  EXPECT_TRUE(warned & BudgetController::kTrendCrossing);
}

TEST(PowerBudget, MeterOverBudgetIsReportedAndRateLimited) {
  BudgetController bc;
  bc.set_budget(5000, 0);
  EXPECT_EQ(bc.on_meter(6000, 5500, 1000000000), BudgetController::kMeterOver);
  EXPECT_EQ(bc.on_meter(6000, 5500, 1500000000), 0u);  // within 2 s
  EXPECT_EQ(bc.on_meter(6000, 5500, 3500000000), BudgetController::kMeterOver);
  EXPECT_EQ(bc.stats().meter_over, 3u);
}

TEST(PowerBudget, OffRestoresFullSpeed) {
  Sim s;
  s.bc.set_budget(4000, 0);
  s.run(5, 1.0);
  EXPECT_GT(s.duty, 0u);
  s.bc.clear();
  s.run(1, 1.0);
  EXPECT_EQ(s.duty, 0u);
}

TEST(PowerBudget, ABudgetBelowIdleInjectsTheMaximum) {
  Sim s;
  s.bc.set_budget(500, 0);
  s.run(3, 1.0);
  EXPECT_EQ(s.duty, BudgetController::kMaxDutyPpm);
}
