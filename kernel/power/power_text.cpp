// `powerctl status` as text (portable: the host tests check it). Before powerd's first
// sample the estimate is "no sample yet", never 0.000 W.
#include "power/power_text.h"

#include "power/fixed.h"

namespace sis::power {
namespace {

using ull = unsigned long long;

struct W {  // milliwatts printed as watts with 3 decimals
  ull w, f;
  explicit W(i64 mw) : w(static_cast<ull>(mw < 0 ? 0 : mw) / 1000), f(static_cast<ull>(mw < 0 ? 0 : mw) % 1000) {}
};

void put_pct(Output& out, i64 ppm) { out.printf("%lld.%02lld%%", (long long)(ppm / 10000), (long long)(ppm / 100 % 100)); }

}  // namespace

const char* cal_phase_name(CalPhase p) {
  switch (p) {
    case CalPhase::None: return "none";
    case CalPhase::Settle: return "settle";
    case CalPhase::Idle: return "idle";
    case CalPhase::Cpu: return "cpu";
    case CalPhase::Mem: return "mem";
    case CalPhase::Half: return "half";
    case CalPhase::Fit: return "fit";
    case CalPhase::Done: return "done";
    case CalPhase::Failed: return "failed";
  }
  return "?";
}

void write_status_text(Output& out, const Status& s, const Calibration& c) {
  if (s.history_samples == 0) {
    // Nothing estimated yet (powerd takes its first sample 100 ms after it starts): "0.000 W"
    // would read as a measurement.
    out.print("estimated  -         (no sample yet)\n");
  } else {
    out.printf("estimated  %llu.%03llu W   (last 100 ms: util ", W(s.estimated_mw).w, W(s.estimated_mw).f);
    put_pct(out, s.features.x[kUtil]);
    out.printf(", mem %lld KiB/s, io %lld KiB/s)\n", (long long)s.features.x[kMem], (long long)s.features.x[kIo]);
  }
  if (s.metered_mw >= 0)
    out.printf("metered    %llu.%03llu W   (host meter, %llu ms ago)\n", W(s.metered_mw).w, W(s.metered_mw).f,
               (ull)(s.metered_age_ns / 1000000));
  else
    out.print("metered    -         (no host meter reading in the last 3 s: the Control Center or `sisctl power meter` sends them)\n");
  out.printf("model      %s: P = %lld mW", s.coeffs_source, (long long)s.coeffs.idle_mw);
  for (u32 k = 0; k < kFeatureCount; ++k) {
    if (!s.coeffs.slope_q32[k]) continue;
    if (k == kUtil)
      out.printf(" + %lld mW x util", (long long)mul_q32(s.coeffs.slope_q32[k], 1000000));
    else
    {
      i64 nw = mul_q32(s.coeffs.slope_q32[k], 1000000);  // nW per unit
      out.printf(" %c %lld.%03lld uW x %s(%s)", nw < 0 ? '-' : '+', (long long)((nw < 0 ? -nw : nw) / 1000),
                 (long long)((nw < 0 ? -nw : nw) % 1000), feature_name(k), feature_unit(k));
    }
  }
  out.printf("\n");
  if (s.coeffs.calibrated) out.printf("           fit on %u meter readings, rms %lld mW\n", s.coeffs.samples, (long long)s.coeffs.rms_mw);
  if (s.accuracy_readings) {
    out.printf("accuracy   MAPE ");
    put_pct(out, s.mape_ppm);
    out.printf(" over %u meter readings (last 20: ", s.accuracy_readings);
    put_pct(out, s.mape_recent_ppm);
    out.print(")\n");
  }
  if (s.budget_mw > 0) {
    out.printf("budget     %llu.%03llu W: idle injection ", W(s.budget_mw).w, W(s.budget_mw).f);
    put_pct(out, s.duty_ppm);
    out.printf(", predicted %llu.%03llu W, demand %llu.%03llu W, meter bias %lld mW\n", W(s.predicted_mw).w,
               W(s.predicted_mw).f, W(s.demand_mw).w, W(s.demand_mw).f, (long long)s.bias_mw);
    out.printf("           %llu one-second meter windows, %llu over budget; %u thread(s) deprioritised\n",
               (ull)s.windows, (ull)s.windows_over, s.deprioritised);
  } else {
    out.print("budget     off\n");
  }
  if (c.phase != CalPhase::None) {
    out.printf("calibrate  %s (phases of %llu ms; readings idle %u, cpu %u, mem %u, half %u)", cal_phase_name(c.phase),
               (ull)(c.phase_ns / 1000000), c.readings[1], c.readings[2], c.readings[3], c.readings[4]);
    if (c.stored[0]) out.printf(": %s", c.stored);
    out.print("\n");
  }
  out.printf("counters   PMU instructions %s; host steal %llu ms; injected idle %llu ms; %llu samples at 10 Hz\n",
             s.pmu_instructions ? "counted" : "not counted (QEMU TCG counts them only with -icount)",
             (ull)(s.steal_ns / 1000000), (ull)(s.injected_ns / 1000000), (ull)s.history_samples);
}

}  // namespace sis::power
