// The power-budget controller: see budget_controller.h.
#include "power/budget_controller.h"

#include "power/fixed.h"

namespace sis::power {
namespace {
constexpr u64 kWarnGapNs = 2000000000ull;
constexpr i64 kPpm = 1000000;
i64 clamp(i64 v, i64 lo, i64 hi) { return v < lo ? lo : v > hi ? hi : v; }
}  // namespace

void BudgetController::set_budget(i64 mw, u64 now_ns) {
  budget_mw_ = mw > 0 ? mw : 0;
  have_ema_ = false;
  for (u64& t : last_warn_ns_) t = 0;
  (void)now_ns;
}

void BudgetController::clear() {
  budget_mw_ = 0;
  duty_ppm_ = 0;
  have_ema_ = false;
}

bool BudgetController::rate_ok(u32 kind, u64 now) {
  u32 i = kind == kDemandOverBudget ? 0 : kind == kTrendCrossing ? 1 : 2;
  // Demand over the budget is a lasting condition: say it again only every 10 s.
  u64 gap = kind == kDemandOverBudget ? 5 * kWarnGapNs : kWarnGapNs;
  if (last_warn_ns_[i] != 0 && now - last_warn_ns_[i] < gap) return false;
  last_warn_ns_[i] = now ? now : 1;
  ++stats_.warnings;
  return true;
}

u32 BudgetController::on_meter(i64 metered, i64 estimated, u64 now) {
  ++stats_.meter_readings;
  i64 err = metered - estimated;
  if (!have_bias_) {
    bias_mw_ = err;
    have_bias_ = true;
  } else {
    bias_mw_ += (err - bias_mw_) * 3 / 10;  // alpha 0.3 per reading
  }
  if (!active() || metered <= budget_mw_) return kNone;
  ++stats_.meter_over;
  return rate_ok(kMeterOver, now) ? kMeterOver : kNone;
}

BudgetController::Output BudgetController::step(const Input& in) {
  Output out;
  ++stats_.steps;
  // Demand: the utilisation the threads would have used without injection.
  i64 util = clamp(in.util_ppm, 0, kPpm);
  i64 duty = clamp(in.duty_ppm, 0, kMaxDutyPpm);
  i64 demand = duty > 0 ? static_cast<i64>(sdiv128(static_cast<i128>(util) * kPpm, kPpm - duty)) : util;
  demand = clamp(demand, 0, kPpm);
  i64 util_mw = mul_q32(in.util_slope_q32, util);
  i64 demand_full_mw = mul_q32(in.util_slope_q32, demand);
  i64 rest = in.est_mw - util_mw + bias_mw_;  // everything but the utilisation term, corrected
  out.demand_mw = rest + demand_full_mw;
  i64 corrected = in.est_mw + bias_mw_;
  // Trend of the corrected estimate (EMA with alpha 0.5; slope per second).
  if (!have_ema_) {
    ema_mw_ = prev_ema_mw_ = corrected;
    prev_ns_ = in.now_ns;
    have_ema_ = true;
  } else {
    prev_ema_mw_ = ema_mw_;
    ema_mw_ += (corrected - ema_mw_) / 2;
    u64 dt = in.now_ns > prev_ns_ ? in.now_ns - prev_ns_ : 0;
    prev_ns_ = in.now_ns;
    if (dt > 0) out.trend_mw_per_s = static_cast<i64>(sdiv128(static_cast<i128>(ema_mw_ - prev_ema_mw_) * 1000000000, dt));
  }
  if (!active()) {
    duty_ppm_ = 0;
    out.duty_ppm = 0;
    out.predicted_mw = out.demand_mw;
    return out;
  }
  i64 target = budget_mw_ - static_cast<i64>(sdiv128(static_cast<i128>(budget_mw_) * margin_ppm_, kPpm));
  // Solve rest + demand_full_mw * (1 - d) = target for d.
  i64 want = 0;
  if (demand_full_mw > 0 && out.demand_mw > target) {
    i64 allowed = target - rest;  // mW the utilisation term may use
    if (allowed <= 0) {
      want = kMaxDutyPpm;
    } else {
      want = kPpm - static_cast<i64>(sdiv128(static_cast<i128>(allowed) * kPpm, demand_full_mw));
    }
  }
  want = clamp(want, 0, kMaxDutyPpm);
  // Up at once, down gently (by a third of the gap per period) so one quiet period does
  // not release a burst over the budget.
  i64 next = want >= static_cast<i64>(duty_ppm_) ? want : duty_ppm_ - (duty_ppm_ - want) / 3;
  duty_ppm_ = static_cast<u32>(clamp(next, 0, kMaxDutyPpm));
  if (duty_ppm_ > 0) ++stats_.throttled_steps;
  out.duty_ppm = duty_ppm_;
  out.predicted_mw = rest + mul_q32(in.util_slope_q32, static_cast<i64>(sdiv128(static_cast<i128>(demand) * (kPpm - duty_ppm_), kPpm)));
  if (out.demand_mw > budget_mw_ && rate_ok(kDemandOverBudget, in.now_ns)) out.warnings |= kDemandOverBudget;
  // Unthrottled and rising: will the corrected estimate cross the budget within 2 s?
  if (duty_ppm_ == 0 && corrected <= budget_mw_ && out.trend_mw_per_s > 0 &&
      corrected + out.trend_mw_per_s * 2 > budget_mw_ && rate_ok(kTrendCrossing, in.now_ns))
    out.warnings |= kTrendCrossing;
  return out;
}

}  // namespace sis::power
