// JSON forms of the power subsystem's state, shared by `powerctl ... --json` and the
// power.* control methods and metrics group (docs/power.md, docs/protocol.md).
#include "power/power_json.h"

#include "power/fixed.h"

namespace sis::power {

void write_metrics_members(JsonWriter& w, const Status& s) {
  // Before powerd's first sample there is no estimate: the member is absent, not 0.000.
  if (s.history_samples > 0) w.key("estimated_w").fixed(s.estimated_mw, 3);
  if (s.metered_mw >= 0) w.key("metered_w").fixed(s.metered_mw, 3);
  if (s.budget_mw > 0) w.key("budget_w").fixed(s.budget_mw, 3);
}

void write_status_members(JsonWriter& w, const Status& s, const Calibration& c) {
  write_metrics_members(w, s);
  if (s.history_samples > 0) w.kv_sint("estimated_mw", s.estimated_mw);
  if (s.metered_mw >= 0) w.kv_sint("metered_mw", s.metered_mw);
  if (s.budget_mw > 0) w.kv_sint("budget_mw", s.budget_mw);
  w.kv_uint("busy_ppm", s.busy_ppm);
  w.key("features").begin_object();
  for (u32 k = 0; k < kFeatureCount; ++k) w.kv_sint(feature_name(k), s.features.x[k]);
  w.end_object();
  w.key("model").begin_object().kv_bool("calibrated", s.coeffs.calibrated).kv("source", s.coeffs_source);
  w.kv_sint("idle_mw", s.coeffs.idle_mw);
  w.key("slopes_q32").begin_object();
  for (u32 k = 0; k < kFeatureCount; ++k) w.kv_sint(feature_name(k), s.coeffs.slope_q32[k]);
  w.end_object();
  w.kv_sint("full_cpu_mw", mul_q32(s.coeffs.slope_q32[kUtil], 1000000));
  w.kv_uint("samples", s.coeffs.samples).kv_sint("rms_mw", s.coeffs.rms_mw).end_object();
  w.key("accuracy").begin_object().kv_uint("readings", s.accuracy_readings);
  if (s.mape_ppm >= 0) w.key("mape_pct").fixed(s.mape_ppm / 100, 2);
  if (s.mape_recent_ppm >= 0) w.key("mape_recent_pct").fixed(s.mape_recent_ppm / 100, 2);
  w.end_object();
  w.key("budget").begin_object().kv_bool("active", s.budget_mw > 0);
  if (s.budget_mw > 0) w.kv_sint("budget_mw", s.budget_mw);
  w.key("duty_pct").fixed(s.duty_ppm / 100, 2);
  w.kv_sint("bias_mw", s.bias_mw).kv_sint("predicted_mw", s.predicted_mw).kv_sint("demand_mw", s.demand_mw);
  w.kv_uint("windows", s.windows).kv_uint("windows_over", s.windows_over);
  w.kv_uint("deprioritised", s.deprioritised).kv_uint("warnings", s.budget_stats.warnings);
  w.kv_uint("throttled_steps", s.budget_stats.throttled_steps).kv_uint("steps", s.budget_stats.steps);
  w.end_object();
  w.key("calibration").begin_object().kv("phase", cal_phase_name(c.phase)).kv_uint("phase_ms", c.phase_ns / 1000000);
  w.key("readings").begin_object().kv_uint("idle", c.readings[1]).kv_uint("cpu", c.readings[2]);
  w.kv_uint("mem", c.readings[3]).kv_uint("half", c.readings[4]).end_object();
  if (c.phase == CalPhase::Done) w.key("r2").fixed(c.r2_ppm, 6);
  if (c.stored[0]) w.kv("result", c.stored);
  w.end_object();
  w.kv_bool("pmu_instructions", s.pmu_instructions);
  w.kv_uint("steal_ns", s.steal_ns).kv_uint("injected_ns", s.injected_ns);
  w.kv_uint("history_samples", s.history_samples).kv_uint("period_ms", kSamplePeriodNs / 1000000);
}

void write_history_members(JsonWriter& w, const HistoryEntry* h, usize n, const MeterReading* m, usize nm) {
  w.kv_uint("period_ms", kSamplePeriodNs / 1000000);
  w.key("columns").begin_array().string("ts_ns").string("estimated_mw").string("metered_mw").string("budget_mw");
  w.string("util_ppm").string("duty_ppm").end_array();
  w.key("samples").begin_array();
  for (usize i = 0; i < n; ++i)
    w.begin_array().uint(h[i].ts_ns).sint(h[i].estimated_mw).sint(h[i].metered_mw).sint(h[i].budget_mw)
        .uint(h[i].util_ppm).uint(h[i].duty_ppm).end_array();
  w.end_array();
  w.key("meter_columns").begin_array().string("ts_ns").string("interval_ms").string("metered_mw");
  w.string("estimated_mw").string("phase").end_array();
  w.key("meter").begin_array();
  for (usize i = 0; i < nm; ++i)
    w.begin_array().uint(m[i].ts_ns).uint(m[i].interval_ns / 1000000).sint(m[i].metered_mw).sint(m[i].estimated_mw)
        .uint(m[i].phase).end_array();
  w.end_array();
}

}  // namespace sis::power
