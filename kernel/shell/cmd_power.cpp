// powerctl: the power estimator, its accuracy against the host meter, the power budget and
// calibration (docs/power.md).
//   powerctl status [--json]
//   powerctl history [--json] [--seconds N]
//   powerctl set-budget WATTS|off
//   powerctl calibrate [--phase-ms N]
#include "lib/json.h"
#include "lib/string.h"
#include "power/fixed.h"
#include "power/power.h"
#include "power/power_json.h"
#include "power/power_text.h"
#include "shell/command.h"
#include "lib/json_output.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;
using namespace sis::power;

HistoryEntry hist[kHistory];

struct W {  // milliwatts printed as watts with 3 decimals
  ull w, f;
  explicit W(i64 mw) : w(static_cast<ull>(mw < 0 ? 0 : mw) / 1000), f(static_cast<ull>(mw < 0 ? 0 : mw) % 1000) {}
};

// "6", "6.5", "6.125" -> milliwatts
bool parse_watts(StrView s, i64* mw) {
  usize dot = 0;
  while (dot < s.size && s.data[dot] != '.') ++dot;
  u64 whole = 0, frac = 0;
  if (dot == 0 || !parse_u64(StrView(s.data, dot), &whole) || whole > 1000) return false;
  if (dot < s.size) {
    StrView f(s.data + dot + 1, s.size - dot - 1);
    if (f.empty() || f.size > 3 || !parse_u64(f, &frac)) return false;
    for (usize i = f.size; i < 3; ++i) frac *= 10;
  }
  *mw = static_cast<i64>(whole * 1000 + frac);
  return true;
}

int status_cmd(const Args& a, Output& out) {
  Status s = status();
  Calibration c = calibration();
  if (a.has("--json")) return print_json_members(out, [&](JsonWriter& w) { write_status_members(w, s, c); });
  write_status_text(out, s, c);
  return 0;
}

int history_cmd(const Args& a, Output& out) {
  u64 seconds = 60;
  StrView sv = a.value("--seconds");
  if (!sv.empty() && (!parse_u64(sv, &seconds) || seconds == 0 || seconds > 102)) {
    out.print("powerctl history: --seconds needs 1..102\n");
    return 2;
  }
  usize n = history(hist, static_cast<usize>(seconds * 10));
  if (a.has("--json")) {
    usize max_json = n > 250 ? 250 : n;  // the shell's output limit; power.history pages all 1024
    return print_json_members(out, [&](JsonWriter& w) { write_history_members(w, hist + (n - max_json), max_json, nullptr, 0); });
  }
  if (n == 0) {
    out.print("no samples yet\n");
    return 0;
  }
  // One line per second: estimated (#), metered (|) and budget (!) on a 0..max W scale.
  i64 top = 1000;
  for (usize i = 0; i < n; ++i) {
    top = max(top, hist[i].estimated_mw);
    top = max(top, hist[i].metered_mw);
    top = max(top, hist[i].budget_mw);
  }
  constexpr int kWidth = 50;
  out.printf("   t(s)  est W   meter W  0%*s%llu.%01llu W\n", kWidth - 6, "", W(top).w, W(top).f / 100);
  u64 t_end = hist[n - 1].ts_ns;
  for (usize i = 0; i < n;) {
    usize j = i;
    i64 est = 0, met = 0, metn = 0, bud = 0;
    while (j < n && j < i + 10) {
      est += hist[j].estimated_mw;
      if (hist[j].metered_mw >= 0) {
        met += hist[j].metered_mw;
        ++metn;
      }
      bud = hist[j].budget_mw;
      ++j;
    }
    est /= static_cast<i64>(j - i);
    char bar[kWidth + 1];
    for (int k = 0; k < kWidth; ++k) bar[k] = ' ';
    bar[kWidth] = 0;
    int e = static_cast<int>(est * kWidth / top);
    for (int k = 0; k < e && k < kWidth; ++k) bar[k] = '#';
    if (metn) {
      int m = static_cast<int>(met / metn * kWidth / top);
      if (m >= 0 && m < kWidth) bar[m] = '|';
    }
    if (bud > 0) {
      int b = static_cast<int>(bud * kWidth / top);
      if (b >= 0 && b < kWidth) bar[b] = '!';
    }
    long long ago = static_cast<long long>((t_end - hist[i].ts_ns) / 1000000000ull);
    out.printf("  %5lld %3llu.%03llu  ", -ago, W(est).w, W(est).f);
    if (metn)
      out.printf("%3llu.%03llu", W(met / metn).w, W(met / metn).f);
    else
      out.print("      -");
    out.printf("  %s\n", bar);
    i = j;
  }
  out.print("  # estimated   | metered   ! budget\n");
  return 0;
}

int budget_cmd(const Args& a, Output& out) {
  if (a.argc < 3) {
    out.print("usage: powerctl set-budget WATTS|off\n");
    return 2;
  }
  if (a.argv[2] == StrView("off")) {
    clear_budget();
    out.print("power budget off: normal scheduling\n");
    return 0;
  }
  i64 mw;
  if (!parse_watts(a.argv[2], &mw) || mw < 100) {
    out.print("powerctl set-budget: WATTS must be a number like 6 or 5.5 (at least 0.1), or off\n");
    return 2;
  }
  if (Error e = set_budget(mw); e != Error::Ok) {
    out.printf("powerctl set-budget: %s\n", error_name(e));
    return 1;
  }
  Status s = status();
  out.printf("power budget %llu.%03llu W: idle injection and lower priority for the most power-hungry threads\n",
             W(mw).w, W(mw).f);
  if (s.metered_mw < 0) out.print("note: no host meter readings arrive; the budget is kept on the model's estimate\n");
  return 0;
}

int calibrate_cmd(const Args& a, Output& out) {
  u64 ms = 4000;
  StrView v = a.value("--phase-ms");
  if (!v.empty() && (!parse_u64(v, &ms) || ms < 1000 || ms > 60000)) {
    out.print("powerctl calibrate: --phase-ms needs 1000..60000\n");
    return 2;
  }
  Error e = start_calibration(ms * 1000000);
  if (e == Error::Busy) {
    out.print("powerctl calibrate: a calibration is running, or a budget is set (powerctl set-budget off)\n");
    return 1;
  }
  if (e != Error::Ok) {
    out.printf("powerctl calibrate: %s\n", error_name(e));
    return 1;
  }
  out.printf("calibration started: settle 1 s, then idle, cpu, mem and half phases of %llu ms (%llu s in all).\n",
             (ull)ms, (ull)((1000 + 4 * ms) / 1000));
  out.print("It fits the host meter's readings (power.meter; `sisctl power calibrate` runs the meter);\n"
            "`powerctl status` shows progress and the result.\n");
  return 0;
}

const Subcommand kPowerctl[] = {
    {"status", "[--json]", status_cmd},
    {"history", "[--json] [--seconds N]", history_cmd},
    {"set-budget", "WATTS|off", budget_cmd},
    {"calibrate", "[--phase-ms N]", calibrate_cmd},
};
int cmd_powerctl(const Args& a, Output& out) { return run_subcommand("powerctl", kPowerctl, a, out, "status"); }

}  // namespace

SIS_COMMAND("powerctl", "power estimate, host-meter accuracy, power budget, calibration",
            "powerctl status [--json] | history [--json] [--seconds N] | set-budget WATTS|off | calibrate [--phase-ms N]\n"
            "  status: estimated and metered power, the model, MAPE against the meter, budget state\n"
            "  history: power over the last N seconds (default 60, at most 102), one line per second\n"
            "  set-budget: keep the metered power under WATTS (idle injection, lower priority for hogs); off restores\n"
            "  calibrate: idle/cpu/mem/half phases fitted to the host meter by least squares; stored in /etc/power.conf",
            cmd_powerctl);

}  // namespace sis::shell
