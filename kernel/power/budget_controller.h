// The power-budget controller (portable): decides how much idle to inject so that the
// metered power stays under a budget, and when to warn.
//
// Every period (the 10 Hz sampler) it gets the model's view of the last period: the
// estimate, the utilisation the threads actually got, and how much idle was injected. From
// those it derives the demand (the utilisation the threads would have used without
// injection) and predicts the power at any injection duty d:
//
//   P(d) = P_est - c_util*util + c_util*demand*(1 - d) + bias
//
// where bias tracks (meter - estimate) over the meter's intervals (an exponential average),
// so a model that reads low or high is corrected by the real meter. The duty is chosen so
// that P(d) = budget * (1 - margin), then smoothed upward slowly and downward at once
// (a rise in demand is met within one period). Warnings:
//   - predictive: the unthrottled demand would exceed the budget (before it is crossed,
//     idle injection starts), or the corrected estimate trends to cross within 2 s;
//   - miss: a meter reading came in above the budget.
// Rate limits: demand over budget once per 10 s, the others once per 2 s.
#pragma once
#include "lib/types.h"

namespace sis::power {

class BudgetController {
 public:
  static constexpr u32 kMaxDutyPpm = 950000;

  void set_budget(i64 budget_mw, u64 now_ns);
  void clear();
  bool active() const { return budget_mw_ > 0; }
  i64 budget_mw() const { return budget_mw_; }
  void set_margin_ppm(i64 m) { margin_ppm_ = m; }
  i64 margin_ppm() const { return margin_ppm_; }

  struct Input {
    u64 now_ns;
    i64 est_mw;          // model estimate for the last period (injection counts as idle)
    i64 util_ppm;        // utilisation the model used for it
    i64 util_slope_q32;  // the model's c_util (mW per ppm, Q32)
    u32 duty_ppm;        // injection duty that was in force during the period
  };
  enum Warning : u32 { kNone = 0, kDemandOverBudget = 1, kTrendCrossing = 2, kMeterOver = 4 };
  struct Output {
    u32 duty_ppm = 0;
    i64 predicted_mw = 0;    // corrected power expected at the new duty
    i64 demand_mw = 0;       // corrected power the demand would draw unthrottled
    i64 trend_mw_per_s = 0;  // slope of the corrected estimate
    u32 warnings = 0;        // Warning bits raised this step (after rate limiting)
  };
  Output step(const Input& in);

  // A meter reading over an interval, with the model's estimate for the same interval.
  // Returns kMeterOver (rate-limited) when the reading is above the budget.
  u32 on_meter(i64 metered_mw, i64 estimated_mw, u64 now_ns);
  i64 bias_mw() const { return bias_mw_; }
  u32 duty_ppm() const { return duty_ppm_; }

  struct Stats {
    u64 steps = 0, throttled_steps = 0;
    u64 meter_readings = 0, meter_over = 0;
    u64 warnings = 0;
  };
  const Stats& stats() const { return stats_; }

 private:
  bool rate_ok(u32 kind, u64 now_ns);

  i64 budget_mw_ = 0;
  i64 margin_ppm_ = 100000;  // aim 10% under the budget
  i64 bias_mw_ = 0;
  bool have_bias_ = false;
  u32 duty_ppm_ = 0;
  i64 ema_mw_ = 0;       // corrected estimate, smoothed
  i64 prev_ema_mw_ = 0;
  u64 prev_ns_ = 0;
  bool have_ema_ = false;
  u64 last_warn_ns_[3] = {};
  Stats stats_;
};

}  // namespace sis::power
