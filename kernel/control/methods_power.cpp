// power.* methods and the `power` metrics group (docs/protocol.md, docs/power.md).
#include "control/server.h"
#include "power/power.h"
#include "power/power_json.h"

namespace sis::control {
namespace {

power::HistoryEntry hist[1024];
power::MeterReading meters[64];

void status(JsonValue, Response& r) {
  power::Status s = power::status();
  power::Calibration c = power::calibration();
  power::write_status_members(r.result(), s, c);
}
SIS_CONTROL_METHOD("power.status", "power", status, nullptr);

// Params: since_ns (optional int: only samples newer), max (optional 1..1000, default 600),
// meter_max (optional 0..64, default 64).
void history(JsonValue p, Response& r) {
  JsonValue since = p["since_ns"], max = p["max"], mmax = p["meter_max"];
  if (since.valid() && (!since.is_integer() || since.as_int() < 0))
    return r.error("InvalidParams", "\"since_ns\" must be a non-negative integer");
  if (max.valid() && (!max.is_integer() || max.as_int() < 1 || max.as_int() > 1000))
    return r.error("InvalidParams", "\"max\" must be an integer 1..1000");
  if (mmax.valid() && (!mmax.is_integer() || mmax.as_int() < 0 || mmax.as_int() > 64))
    return r.error("InvalidParams", "\"meter_max\" must be an integer 0..64");
  usize n = power::history(hist, max.valid() ? static_cast<usize>(max.as_int()) : 600,
                           since.valid() ? static_cast<u64>(since.as_int()) : 0);
  usize nm = power::meter_history(meters, mmax.valid() ? static_cast<usize>(mmax.as_int()) : 64);
  power::write_history_members(r.result(), hist, n, meters, nm);
}
SIS_CONTROL_METHOD("power.history", "power", history, nullptr);

// A host meter reading. Params: metered_mw (int, 0..10,000,000), interval_ms (int 50..60000:
// the reading is the average over the interval that ended when it was taken).
void meter(JsonValue p, Response& r) {
  JsonValue mw = p["metered_mw"], iv = p["interval_ms"];
  if (!mw.is_integer() || mw.as_int() < 0 || mw.as_int() > 10000000)
    return r.error("InvalidParams", "\"metered_mw\" must be an integer 0..10000000");
  if (!iv.is_integer() || iv.as_int() < 50 || iv.as_int() > 60000)
    return r.error("InvalidParams", "\"interval_ms\" must be an integer 50..60000");
  auto res = power::meter(mw.as_int(), static_cast<u64>(iv.as_int()) * 1000000);
  if (!res.ok()) return r.error("InvalidParams", "meter reading refused: %s", error_name(res.error()));
  power::Status s = power::status();
  auto& w = r.result();
  w.kv_sint("estimated_mw", res.value().estimated_mw).key("ape_pct").fixed(res.value().ape_ppm / 100, 2);
  w.key("features").begin_object();
  for (u32 k = 0; k < power::kFeatureCount; ++k) w.kv_sint(power::feature_name(k), res.value().features.x[k]);
  w.end_object();
  if (s.budget_mw > 0) w.kv_sint("budget_mw", s.budget_mw);
  w.kv_uint("duty_ppm", s.duty_ppm);
}
SIS_CONTROL_METHOD("power.meter", "power", meter, nullptr);

// Params: budget_mw (int 100..1,000,000, or 0 = off).
void set_budget(JsonValue p, Response& r) {
  JsonValue b = p["budget_mw"];
  if (!b.is_integer() || b.as_int() < 0 || b.as_int() > 1000000 || (b.as_int() > 0 && b.as_int() < 100))
    return r.error("InvalidParams", "\"budget_mw\" must be 0 (off) or an integer 100..1000000");
  if (b.as_int() == 0) {
    power::clear_budget();
  } else if (Error e = power::set_budget(b.as_int()); e != Error::Ok) {
    return r.error("InvalidParams", "set_budget: %s", error_name(e));
  }
  auto& w = r.result();
  if (b.as_int() > 0) w.kv_sint("budget_mw", b.as_int());
  w.kv_bool("active", b.as_int() > 0);
}
SIS_CONTROL_METHOD("power.set_budget", "power", set_budget, nullptr);

// Starts calibration (returns at once; power.status's "calibration" shows progress).
// Params: phase_ms (optional int 1000..60000, default 4000).
void calibrate(JsonValue p, Response& r) {
  JsonValue ph = p["phase_ms"];
  if (ph.valid() && (!ph.is_integer() || ph.as_int() < 1000 || ph.as_int() > 60000))
    return r.error("InvalidParams", "\"phase_ms\" must be an integer 1000..60000");
  u64 ms = ph.valid() ? static_cast<u64>(ph.as_int()) : 4000;
  Error e = power::start_calibration(ms * 1000000);
  if (e == Error::Busy) return r.error("Busy", "a calibration is running, or a budget is set (set it off first)");
  if (e != Error::Ok) return r.error("Internal", "calibration did not start: %s", error_name(e));
  r.result().kv_bool("started", true).kv_uint("phase_ms", ms);
}
SIS_CONTROL_METHOD("power.calibrate", "power", calibrate, nullptr);

// The metrics group: watts with three decimals (milliwatt resolution; power_json.h).
void fill_power(JsonWriter& w) { power::write_metrics_members(w, power::status()); }
SIS_METRICS_GROUP("power", fill_power, nullptr);

}  // namespace
}  // namespace sis::control
