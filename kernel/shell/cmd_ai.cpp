// The AI core's shell face: autoctl (autonomous mode, AI metrics, tensor self-test),
// crashctl (crash predictor status, scenarios, trace recording for the trainer) and
// tracectl (decision traces: list, show, export to a file or the console).
#include "ai/ai_metrics.h"
#include "ai/ai_sched.h"
#include "ai/ai_status.h"
#include "ai/monitor.h"
#include "ai/recording.h"
#include "ai/scenarios.h"
#include "ai/sched_model.h"
#include "ai/tensor.h"
#include "ai/trace.h"
#include "arch/arch.h"
#include "fs/block_cache.h"
#include "fs/vfs.h"
#include "mm/kernel_memory.h"
#include "lib/json.h"
#include "lib/string.h"
#include "shell/command.h"
#include "lib/json_output.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;
using namespace sis::ai;

u64 now_ns() { return arch::counter_to_ns(arch::counter()); }

// Prints a Q15 value as 0.xxx.
void q15_text(char* buf, usize cap, u32 v) {
  u32 milli = static_cast<u32>(static_cast<u64>(v) * 1000 / kProbOne);
  format(buf, cap, "%u.%03u", milli / 1000, milli % 1000);
}

// Parses "0.7", ".7", "1", "0.65" into Q15.
bool parse_prob(StrView s, u32* out) {
  u64 whole = 0, frac = 0, scale = 1;
  usize i = 0;
  for (; i < s.size && s.data[i] >= '0' && s.data[i] <= '9'; ++i) whole = whole * 10 + (s.data[i] - '0');
  if (i < s.size && s.data[i] == '.') {
    for (++i; i < s.size && s.data[i] >= '0' && s.data[i] <= '9' && scale < 1000000; ++i) {
      frac = frac * 10 + (s.data[i] - '0');
      scale *= 10;
    }
  }
  if (i != s.size || s.size == 0 || whole > 1) return false;
  u64 v = whole * kProbOne + frac * kProbOne / scale;
  if (v > static_cast<u64>(kProbOne)) return false;
  *out = static_cast<u32>(v);
  return true;
}

// ---------------------------------------------------------------- autoctl

int ai_metrics(const Args& a, Output& out) {
  if (a.has("--json"))
    return print_json_members(out, [](JsonWriter& w) { write_ai_metrics(w); });
  static u32 scratch[ModelStats::kCap];
  MonitorStatus m = monitor_status();
  u64 now = now_ns();
  out.printf("%-18s %10s %9s %9s %9s %10s\n", "model", "inferences", "mean_us", "p50_us", "p99_us", "decisions/s");
  const char* names[] = {"crash-predictor", "sched-transformer"};
  for (usize i = 0; i < 2; ++i) {
    ModelStats& s = model_stats(static_cast<ModelId>(i));
    u64 rate = s.rate_milli(now);
    out.printf("%-18s %10llu %5llu.%03llu %5llu.%03llu %5llu.%03llu %6llu.%01llu\n", names[i], (ull)s.count(),
               (ull)(s.mean_ns() / 1000), (ull)(s.mean_ns() % 1000), (ull)(s.percentile_ns(50, scratch) / 1000),
               (ull)(s.percentile_ns(50, scratch) % 1000), (ull)(s.percentile_ns(99, scratch) / 1000),
               (ull)(s.percentile_ns(99, scratch) % 1000), (ull)(rate / 1000), (ull)(rate % 1000 / 100));
  }
  char risk[16];
  q15_text(risk, sizeof(risk), m.risk_q15);
  out.printf("crash risk now %s (%s), autonomy %s, alarms %llu, actions %llu, traces %llu\n", risk,
             m.model_loaded ? "model loaded" : "no model", autonomy_mode_name(m.mode), (ull)m.alarms, (ull)m.actions,
             (ull)traces().total());
  return 0;
}

int autoctl_status(const Args& a, Output& out) {
  if (a.has("--json"))
    return print_json_members(out, [](JsonWriter& w) { write_ai_status(w); });
  MonitorStatus m = monitor_status();
  char thr[16];
  q15_text(thr, sizeof(thr), m.threshold_q15);
  out.printf("autonomous mode: %s; alarms come from the %s detector\n", autonomy_mode_name(m.mode),
             detector_name(m.detector));
  if (m.proposal[0]) out.printf("proposed, waiting for `autoctl confirm`: %s\n", m.proposal);
  out.printf("thresholds: model risk >= %s, tte <= %u ms to exhaustion, psi >= %d.%01d failed allocations/s\n", thr,
             m.tte_threshold_ms, m.psi_threshold_q8 * 10 / 256, m.psi_threshold_q8 * 100 / 256 % 10);
  if (m.model_loaded)
    out.printf("crash predictor: version %u, checksum %08x, %u parameters\n", m.model_version, m.model_checksum,
               static_cast<unsigned>(CrashModel::parameter_count()));
  else
    out.printf("crash predictor: not loaded (%s)\n", m.model_error);
  out.printf("alarms %llu, actions %llu; tensor matvec: %s\n", (ull)m.alarms, (ull)m.actions,
             neon_enabled() ? "NEON" : "scalar");
  return 0;
}

int autoctl_on_off(const Args& a, Output& out) {
  AutonomyMode mode = AutonomyMode::Off;
  parse_autonomy_mode(a.argv[1], &mode);  // the subcommand table only routes on, off and ask here
  set_autonomy_mode(mode);
  MonitorStatus m = monitor_status();
  bool model_only = m.detector == Detector::Model && !m.model_loaded && mode != AutonomyMode::Off;
  out.printf("autonomous mode %s%s%s\n", autonomy_mode_name(m.mode),
             mode == AutonomyMode::Ask ? " (each step waits for `autoctl confirm`)" : "",
             model_only ? " (warning: no crash model loaded, the model detector never alarms)" : "");
  return 0;
}

int autoctl_confirm(const Args&, Output& out) {
  char step[sizeof(MonitorStatus::proposal)];
  if (!confirm_proposal(step, sizeof(step))) {
    out.printf("autoctl confirm: nothing is proposed (%s)\n",
               autonomy_mode() != AutonomyMode::Ask ? "autonomy is not in ask mode" : "no alarm needs a step now");
    return 1;
  }
  out.printf("confirmed: %s (taken at the next sample while the alarm holds)\n", step);
  return 0;
}

int autoctl_threshold(const Args& a, Output& out) {
  u32 t;
  if (a.argc < 3 || !parse_prob(a.argv[2], &t) || t == 0) {
    out.print("usage: autoctl threshold P   (0 < P <= 1, e.g. 0.6)\n");
    return 2;
  }
  set_threshold_q15(t);
  char b[16];
  q15_text(b, sizeof(b), t);
  out.printf("threshold %s\n", b);
  return 0;
}

// NEON vs scalar on seeded random inputs: bit-identical outputs, and their speeds.
int selftest(const Args& a, Output& out) {
  if (!neon_available()) {
    out.print("autoctl selftest: this build has no NEON tensor path (scalar only)\n");
    return 0;
  }
  static i8 w[64 * 256];
  static i16 x[256], y0[64], y1[64];
  static i32 bias[64];
  u64 s = 0x2545f4914f6cdd1dull;
  auto rnd = [&]() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  };
  const usize shapes[][2] = {{1, 1}, {3, 5}, {16, 13}, {1, 16}, {8, 8}, {24, 8}, {64, 256}, {7, 31}, {33, 100}};
  usize mismatches = 0, cases = 0;
  for (int round = 0; round < 20; ++round)
    for (auto& sh : shapes) {
      usize rows = sh[0], cols = sh[1];
      for (usize i = 0; i < rows * cols; ++i) w[i] = static_cast<i8>(rnd());
      for (usize i = 0; i < cols; ++i) x[i] = static_cast<i16>(rnd() % 4096) - 2048;
      if (round % 5 == 4)
        for (usize i = 0; i < cols; ++i) x[i] = (rnd() & 1) ? 32767 : -32768;  // extremes
      for (usize i = 0; i < rows; ++i) bias[i] = static_cast<i32>(rnd() % 20000) - 10000;
      int shift = static_cast<int>(rnd() % 9);
      matvec_scalar(w, bias, x, y0, rows, cols, shift);
      set_neon(true);
      matvec(w, bias, x, y1, rows, cols, shift);
      set_neon(false);
      ++cases;
      if (memcmp(y0, y1, rows * sizeof(i16)) != 0) ++mismatches;
    }
  // Speed on the crash model's first layer shape and a large one.
  auto time_it = [&](bool neon, usize rows, usize cols) {
    set_neon(neon);
    u64 t0 = arch::counter();
    for (int i = 0; i < 200; ++i) matvec(w, bias, x, y0, rows, cols, 6);
    u64 ns = arch::counter_to_ns(arch::counter() - t0) / 200;
    set_neon(false);
    return ns;
  };
  u64 s16 = time_it(false, 16, 13), n16 = time_it(true, 16, 13);
  u64 s64 = time_it(false, 64, 256), n64 = time_it(true, 64, 256);
  out.printf("NEON vs scalar matvec: %llu cases, %llu mismatches\n", (ull)cases, (ull)mismatches);
  out.printf("16x13: scalar %llu ns, NEON %llu ns; 64x256: scalar %llu ns, NEON %llu ns\n", (ull)s16, (ull)n16,
             (ull)s64, (ull)n64);
  out.printf("%s\n", mismatches == 0 ? "PASS" : "FAIL");
  (void)a;
  return mismatches == 0 ? 0 : 1;
}

// A crash model from the disk replaces the built-in one; one that fails to load leaves the
// current model in place (ai/monitor.h).
int autoctl_load(const Args& a, Output& out) {
  StrView path = a.argc > 2 ? a.argv[2] : StrView("/models/crash.bin");
  char why[160];
  if (load_crash_model_file(path, why, sizeof(why)) != Error::Ok) {
    out.printf("autoctl load: %s\n", why);
    return 1;
  }
  MonitorStatus m = monitor_status();
  out.printf("crash predictor: version %u, checksum %08x loaded from %.*s\n", m.model_version, m.model_checksum,
             static_cast<int>(path.size), path.data);
  return 0;
}

int autoctl_neon(const Args& a, Output& out) {
  bool on = a.argc > 2 && a.argv[2] == StrView("on");
  if (!set_neon(on)) {
    out.print("autoctl neon: this build has no NEON tensor path\n");
    return 1;
  }
  out.printf("tensor matvec: %s\n", neon_enabled() ? "NEON" : "scalar");
  return 0;
}

int autoctl_detector(const Args& a, Output& out) {
  Detector d;
  if (a.argc < 3 || !parse_detector(a.argv[2], &d)) {
    out.print("usage: autoctl detector model|tte|psi [MS]   (MS: tte threshold in milliseconds)\n");
    return 2;
  }
  if (a.argc > 3) {
    u64 ms;
    if (d != Detector::Tte || !parse_u64(a.argv[3], &ms) || ms == 0 || ms > 60000) {
      out.print("autoctl detector: a threshold is tte's only, 1..60000 ms\n");
      return 2;
    }
    set_tte_threshold_ms(static_cast<u32>(ms));
  }
  set_detector(d);
  MonitorStatus m = monitor_status();
  out.printf("detector %s", detector_name(d));
  if (d == Detector::Tte) out.printf(" (alarm at <= %u ms to exhaustion)", m.tte_threshold_ms);
  out.print("\n");
  return 0;
}

const Subcommand kAutoctl[] = {
    {"on", "", autoctl_on_off},
    {"off", "", autoctl_on_off},
    {"ask", "", autoctl_on_off},
    {"confirm", "", autoctl_confirm},
    {"status", "[--json]", autoctl_status},
    {"ai-metrics", "[--json]", ai_metrics},
    {"threshold", "P", autoctl_threshold},
    {"detector", "model|tte|psi [MS]", autoctl_detector},
    {"selftest", "", selftest},
    {"neon", "on|off", autoctl_neon},
    {"load", "[PATH]", autoctl_load},
};
int cmd_autoctl(const Args& a, Output& out) { return run_subcommand("autoctl", kAutoctl, a, out, "status"); }

// ---------------------------------------------------------------- crashctl

void print_line(void* ctx, const char* line) { static_cast<Output*>(ctx)->printf("  %s\n", line); }

int crash_status(const Args& a, Output& out) {
  monitor_sample_now();
  if (a.has("--json"))
    return print_json_members(out, [](JsonWriter& w) { write_crash_status(w); });
  MonitorStatus m = monitor_status();
  u32 hist[64];
  usize n = risk_history(hist, 64);
  u64 now = now_ns();
  char risk[16], thr[16];
  q15_text(risk, sizeof(risk), m.risk_q15);
  q15_text(thr, sizeof(thr), m.threshold_q15);
  if (!m.model_loaded) out.printf("crash predictor: no model (%s)\n", m.model_error);
  out.printf("crash risk now: %s (threshold %s, autonomy %s, %llu samples)\n", risk, thr, autonomy_mode_name(m.mode),
             (ull)m.samples);
  // History as a bar of digits: 0-9 = risk tenths, newest right.
  char bar[65];
  for (usize i = 0; i < n; ++i) bar[i] = static_cast<char>('0' + min<u32>(hist[i] * 10 / kProbOne, 9));
  bar[n] = 0;
  out.printf("history (%llu ms per digit, 0-9 = risk tenths): %s\n", (ull)kSamplePeriodMs, bar);
  if (m.last_alarm_id) {
    q15_text(risk, sizeof(risk), m.last_alarm_risk_q15);
    out.printf("last alarm: trace %llu, risk %s, %llu ms ago", (ull)m.last_alarm_id, risk,
               (ull)((now - m.last_alarm_ns) / 1000000));
    if (m.last_alarm_lead_ms >= 0) out.printf(", %lld ms before the first allocation failure\n", (long long)m.last_alarm_lead_ms);
    else out.print(", no allocation failure followed it\n");
  } else {
    out.print("last alarm: none\n");
  }
  out.printf("alarms %llu, actions %llu; recent AI log:\n", (ull)m.alarms, (ull)m.actions);
  for_each_action_line(print_line, &out);
  return 0;
}

int parse_scenario_args(const Args& a, Output& out, ScenarioConfig* cfg, const char* cmd) {
  StrView name = a.value("--scenario");
  if (name.empty() && a.argc > 2 && !a.argv[2].starts_with("--")) name = a.argv[2];
  static char name_buf[16];
  copy_cstr(name_buf, sizeof(name_buf), name);
  cfg->name = name_buf;
  if (!scenario_known(name_buf)) {
    out.printf("%s: --scenario must be leak, spike, frag, steady, idle, burst, plateau or threads\n", cmd);
    return 2;
  }
  if (!a.value("--seed").empty() && !parse_u64(a.value("--seed"), &cfg->seed)) {
    out.printf("%s: --seed must be a number\n", cmd);
    return 2;
  }
  if (!a.value("--seconds").empty() &&
      (!parse_u64(a.value("--seconds"), &cfg->seconds) || cfg->seconds == 0 || cfg->seconds > 120)) {
    out.printf("%s: --seconds must be 1..120\n", cmd);
    return 2;
  }
  return 0;
}

void print_result(Output& out, const ScenarioConfig& cfg, const ScenarioResult& r, bool json) {
  if (json) {
    print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv("scenario", cfg.name).kv_uint("seed", cfg.seed).kv_uint("seconds", cfg.seconds);
      w.kv_bool("crashed", r.crashed).kv_uint("crash_ms", r.crash_ms).kv_bool("stopped_by_ai", r.stopped_by_ai);
      w.kv_uint("stopped_ms", r.stopped_ms).kv_uint("peak_bytes", r.peak_bytes).kv_uint("free_at_start", r.free_at_start);
      w.kv_uint("failures", r.failures).kv_uint("elapsed_ms", r.elapsed_ms).kv_bool("autonomy", autonomy());
      w.end_object();
    });
    return;
  }
  out.printf("scenario %s (seed %llu): peak %llu KiB of %llu KiB free, %llu failed workload allocations\n", cfg.name,
             (ull)cfg.seed, (ull)(r.peak_bytes >> 10), (ull)(r.free_at_start >> 10), (ull)r.failures);
  if (r.stopped_by_ai) out.printf("autonomy stopped the workload at %llu ms\n", (ull)r.stopped_ms);
  if (r.crashed) out.printf("CRASHED: critical allocation failed at %llu ms\n", (ull)r.crash_ms);
  else out.printf("SURVIVED: %llu ms without a critical allocation failure\n", (ull)r.elapsed_ms);
}

// crashctl record: one clean, labelled run (ai/recording.h) printed as one JSON line per
// sample and a summary line. A kernel scenario (--scenario) or a user program (after --).
int crash_record(const Args& a, Output& out) {
  ScenarioConfig cfg;
  cfg.panic_on_crash = false;
  RecordingSpec spec;
  usize dashes = 0;
  for (usize i = 2; i < a.argc; ++i)
    if (a.argv[i] == StrView("--")) {
      dashes = i;
      break;
    }
  // A program's arguments, copied whole: one that does not fit is refused, never cut (a cut
  // `sh -c` script ran as a different program and recorded a run that was never asked for).
  static char words[Args::kMax][256];
  static const char* argv[Args::kMax + 1];
  static char family[24];
  if (dashes) {
    if (dashes + 1 >= a.argc || a.value("--family").empty()) {
      out.print("usage: crashctl record --family NAME [--seed N] [--warmup MS] -- PATH [ARGS...]\n");
      return 2;
    }
    usize n = 0;
    for (usize i = dashes + 1; i < a.argc; ++i, ++n) {
      if (a.argv[i].size >= sizeof(words[n])) {
        out.printf("crashctl record: argument %llu is %llu bytes long; at most %llu\n", (ull)(n + 1),
                   (ull)a.argv[i].size, (ull)(sizeof(words[n]) - 1));
        return 2;
      }
      copy_cstr(words[n], sizeof(words[n]), a.argv[i]);
      argv[n] = words[n];
    }
    argv[n] = nullptr;
    spec.argv = argv;
    copy_cstr(family, sizeof(family), a.value("--family"));
    spec.family = family;
    if (!a.value("--seed").empty() && !parse_u64(a.value("--seed"), &spec.seed)) {
      out.print("crashctl record: --seed must be a number\n");
      return 2;
    }
  } else {
    if (int rc = parse_scenario_args(a, out, &cfg, "crashctl record")) return rc;
    spec.scenario = &cfg;
    spec.family = cfg.name;
    spec.seed = cfg.seed;
  }
  if (!a.value("--warmup").empty() && (!parse_u64(a.value("--warmup"), &spec.warmup_ms) || spec.warmup_ms > 60000)) {
    out.print("crashctl record: --warmup must be 0..60000 ms\n");
    return 2;
  }
  RecordingResult r;
  char why[160];
  Error e = record_run(spec, &r, why, sizeof(why));
  if (e != Error::Ok) {
    out.printf("crashctl record: %s\n", why[0] ? why : error_name(e));
    return 1;
  }
  char buf[320];
  for (usize i = 0; i < recorded_count(); ++i) {
    const RecordedSample& s = recorded_sample(i);
    TextBuffer tb(buf, sizeof(buf));
    tb.appendf("{\"t_ms\":%llu,\"free_pages\":%llu,\"failures\":%llu,\"risk_q15\":%u,\"f\":[", (ull)s.t_ms,
               (ull)s.free_pages, (ull)s.failures, s.risk_q15);
    for (usize k = 0; k < CrashFeatures::kCount; ++k) tb.appendf("%s%d", k ? "," : "", s.f.v[k]);
    tb.append("]}\n");
    out.write(tb.view());
  }
  print_json(out, [&](JsonWriter& w) {
    w.begin_object().kv("scenario", spec.family).kv_uint("seed", spec.seed);
    w.kv("kind", spec.argv ? "user" : "kernel").kv_bool("crashed", r.crashed).kv_uint("crash_ms", r.crash_ms);
    w.kv_uint("stress_ms", r.stress_ms).kv_uint("elapsed_ms", r.elapsed_ms).kv_uint("samples", recorded_count());
    if (spec.argv) {
      w.kv_bool("oom_killed", r.oom_killed).kv_sint("exit_status", r.exit_status);
    } else {
      w.kv_uint("seconds", cfg.seconds).kv_uint("peak_bytes", r.scenario.peak_bytes);
      w.kv_uint("free_at_start", r.scenario.free_at_start).kv_uint("failures", r.scenario.failures);
    }
    w.end_object();
  });
  return 0;
}

int crash_scenario(const Args& a, Output& out) {
  ScenarioConfig cfg;
  cfg.panic_on_crash = !a.has("--no-panic");
  if (int rc = parse_scenario_args(a, out, &cfg, "crashctl scenario")) return rc;
  ScenarioResult r;
  Error e = run_scenario(cfg, &r);
  if (e != Error::Ok) {
    out.printf("crashctl scenario: %s\n", error_name(e));
    return 1;
  }
  print_result(out, cfg, r, a.has("--json"));
  return r.crashed ? 1 : 0;
}

// crashctl bcache [shrink|regrow]: the block caches autonomy's third step shrinks. shrink
// and regrow print what the page allocator saw change, beside what the cache says it freed.
int crash_bcache(const Args& a, Output& out) {
  StrView op = a.argc > 2 ? a.argv[2] : StrView("status");
  bool shrink = op == StrView("shrink"), regrow = op == StrView("regrow");
  if (!shrink && !regrow && op != StrView("status")) {
    out.print("usage: crashctl bcache [status|shrink|regrow]\n");
    return 2;
  }
  u64 free0 = mm::kernel_pages().stats().free_pages;
  u64 changed = shrink ? fs::block_cache_shrink_all(~0ull) : regrow ? fs::block_cache_regrow_all() : 0;
  u64 free1 = mm::kernel_pages().stats().free_pages;
  fs::BlockCacheTotals t = fs::block_cache_totals();
  out.printf("block caches: %llu, pool %llu KiB, holding blocks %llu KiB, hits %llu, misses %llu\n", (ull)t.caches,
             (ull)(t.pool_bytes >> 10), (ull)(t.cached_bytes >> 10), (ull)t.hits, (ull)t.misses);
  if (shrink || regrow) {
    long long delta = (static_cast<long long>(free1) - static_cast<long long>(free0)) * 4;
    out.printf("%s %llu KiB; the page allocator's free memory changed by %lld KiB\n",
               shrink ? "shrink: freed" : "regrow: took back", (ull)(changed >> 10), delta);
  }
  return 0;
}

const Subcommand kCrashctl[] = {
    {"bcache", "[status|shrink|regrow]", crash_bcache},
    {"status", "[--json]", crash_status},
    {"scenario", "NAME [--seed N] [--seconds S] [--no-panic] [--json]", crash_scenario},
    {"record", "--scenario NAME [--seed N] [--seconds S] [--warmup MS] | --family NAME ... -- PATH [ARGS]",
     crash_record},
};
int cmd_crashctl(const Args& a, Output& out) { return run_subcommand("crashctl", kCrashctl, a, out, "status"); }

// ---------------------------------------------------------------- tracectl

// Writes {"format":"sis-decision-traces","version":1,...,"records":[...]} for the newest n
// into the shell's JSON buffer; false if they do not fit.
bool export_json(u64 n) {
  TextBuffer& tb = json_scratch();
  tb.clear();
  JsonWriter w(tb);
  TraceRing& ring = traces();
  u64 newest = ring.newest_id(), oldest = ring.oldest_id();
  u64 first = newest >= n && newest - n + 1 > oldest ? newest - n + 1 : oldest;
  w.begin_object().kv("format", "sis-decision-traces").kv_uint("version", 1).kv_uint("exported_ns", now_ns());
  w.key("records").begin_array();
  static TraceRecord r;
  for (u64 id = first; id && id <= newest; ++id)
    if (ring.get(id, &r)) write_trace_json(w, r);
  w.end_array().end_object();
  return w.ok();
}

int trace_list(const Args& a, Output& out) {
  u64 n = 20;
  if (!a.value("--recent").empty() && !parse_u64(a.value("--recent"), &n)) {
    out.print("tracectl list: --recent must be a number\n");
    return 2;
  }
  if (a.has("--json")) {
    if (!export_json(n)) {
      out.print("tracectl list: too many records for one JSON object; use a smaller --recent\n");
      return 1;
    }
    out.write(json_scratch().view());
    out.write("\n");
    return 0;
  }
  TraceRing& ring = traces();
  u64 newest = ring.newest_id(), oldest = ring.oldest_id();
  u64 first = newest >= n && newest - n + 1 > oldest ? newest - n + 1 : oldest;
  out.printf("%6s %12s %-18s %-7s %7s  %-28s %s\n", "id", "time_ms", "model", "kind", "output", "action", "outcome");
  static TraceRecord r;
  for (u64 id = first; id && id <= newest; ++id) {
    if (!ring.get(id, &r)) continue;
    char o[16];
    q15_text(o, sizeof(o), static_cast<u32>(r.output_q15));
    out.printf("%6llu %12llu %-18s %-7s %7s  %-28s %s\n", (ull)r.id, (ull)(r.ts_ns / 1000000), trace_model_name(r.model),
               trace_kind_name(r.kind), o, r.action, trace_outcome_name(r.outcome));
  }
  out.printf("%llu records held (ids %llu..%llu), %llu recorded since boot; scheduler picks traced 1 in %u\n",
             (ull)(newest ? newest - oldest + 1 : 0), (ull)oldest, (ull)newest, (ull)ring.total(), ring.sample_every());
  return 0;
}

int trace_show(const Args& a, Output& out) {
  u64 id;
  if (a.argc < 3 || !parse_u64(a.argv[2], &id)) {
    out.print("usage: tracectl show ID\n");
    return 2;
  }
  static TraceRecord r;
  if (!traces().get(id, &r)) {
    out.printf("tracectl: no trace %llu (ids %llu..%llu are held)\n", (ull)id, (ull)traces().oldest_id(),
               (ull)traces().newest_id());
    return 1;
  }
  return print_json(out, [](JsonWriter& w) { write_trace_json(w, r); });
}

// Creates every missing directory above path.
Error make_parents(fs::Vfs& vfs, StrView path) {
  char dir[256];
  for (usize i = 1; i < path.size; ++i) {
    if (path.data[i] != '/') continue;
    if (i >= sizeof(dir)) return Error::NameTooLong;
    memcpy(dir, path.data, i);
    dir[i] = 0;
    Error e = vfs.mkdir(StrView(dir, i));
    if (e != Error::Ok && e != Error::Exists) return e;
  }
  return Error::Ok;
}

int trace_export(const Args& a, Output& out) {
  u64 n = 10;
  if (!a.value("--recent").empty() && (!parse_u64(a.value("--recent"), &n) || n == 0)) {
    out.print("tracectl export: --recent must be a positive number\n");
    return 2;
  }
  StrView path = a.value("--path");
  bool console = a.has("--console");
  if (path.empty() && !console) {
    out.print("usage: tracectl export --recent N (--path FILE | --console)\n");
    return 2;
  }
  if (!export_json(n)) {
    out.print("tracectl export: the records do not fit in the 128 KiB export buffer; use a smaller --recent\n");
    return 1;
  }
  TextBuffer& tb = json_scratch();
  tb.append("\n");
  if (console) out.write(tb.view());
  if (path.empty()) return 0;
  if (path.data[0] != '/') {
    out.print("tracectl export: --path must be absolute\n");
    return 2;
  }
  fs::Vfs& vfs = fs::kernel_vfs();
  if (vfs.mount_count() == 0) {
    out.print("tracectl export: no file system is mounted (use --console, or the control port's trace.export)\n");
    return 1;
  }
  Error e = make_parents(vfs, path);
  if (e == Error::Ok) {
    auto wr = vfs.write_file(path, tb.view().data, tb.view().size, fs::WriteMode::Replace);
    e = wr.ok() ? Error::Ok : wr.error();
  }
  if (e != Error::Ok) {
    out.printf("tracectl export: cannot write %.*s: %s\n", static_cast<int>(path.size), path.data, error_name(e));
    return 1;
  }
  vfs.sync();
  out.printf("exported %llu records (%llu bytes) to %.*s\n",
             (ull)(traces().newest_id() ? min<u64>(n, traces().newest_id() - traces().oldest_id() + 1) : 0),
             (ull)tb.size(), static_cast<int>(path.size), path.data);
  return 0;
}

int trace_sample(const Args& a, Output& out) {
  u64 n;
  if (a.argc < 3 || !parse_u64(a.argv[2], &n) || n > 1000000) {
    out.print("usage: tracectl sample N   (trace 1 in N scheduler picks; 0 = none)\n");
    return 2;
  }
  traces().set_sample_every(static_cast<u32>(n));
  out.printf("scheduler picks traced 1 in %llu\n", (ull)n);
  return 0;
}

int trace_clear(const Args&, Output& out) {
  traces().clear();
  out.print("traces cleared\n");
  return 0;
}

const Subcommand kTracectl[] = {
    {"list", "[--recent N] [--json]", trace_list},
    {"show", "ID", trace_show},
    {"export", "--recent N (--path FILE | --console)", trace_export},
    {"sample", "N", trace_sample},
    {"clear", "", trace_clear},
};
int cmd_tracectl(const Args& a, Output& out) { return run_subcommand("tracectl", kTracectl, a, out, "list"); }

}  // namespace

SIS_COMMAND("autoctl", "autonomous mode and AI metrics (autoctl on|off|ask|confirm|status|ai-metrics)",
            "autoctl on|off|ask        act on predicted crashes (compact, drop the image cache, shrink\n"
            "                          the block cache, stop the fastest-growing consumer); ask: propose\n"
            "                          each step and wait for `autoctl confirm`\n"
            "autoctl confirm           take the proposed step (ask mode)\n"
            "autoctl status [--json]   mode, threshold, model version\n"
            "autoctl ai-metrics [--json]  per model: inferences, latency mean/p50/p99, decisions/s, risk\n"
            "autoctl threshold P       the model's alarm threshold (risk, 0 < P <= 1)\n"
            "autoctl detector model|tte|psi [MS]  which detector raises alarms (docs/ai.md); MS: tte's\n"
            "                          threshold (alarm when memory runs out within MS at the current rate)\n"
            "autoctl selftest          NEON and scalar tensor kernels agree (and their speed)\n"
            "autoctl neon on|off       use the NEON matvec for inference\n"
            "autoctl load [PATH]       crash model from a SISM file (default /models/crash.bin)",
            cmd_autoctl);
SIS_COMMAND("crashctl", "crash predictor: status, scenarios, trace recording",
            "crashctl status [--json]  risk now, history, last alarm, recent AI actions\n"
            "crashctl bcache [status|shrink|regrow]  the block caches' pool (autonomy's shrink step)\n"
            "crashctl scenario leak|spike|frag|steady|idle|burst|plateau|threads [--seed N] [--seconds S] [--no-panic] [--json]\n"
            "                          memory stress with a critical allocator (panics when it fails)\n"
            "crashctl record --scenario NAME [--seed N] [--seconds S] [--warmup MS]\n"
            "crashctl record --family NAME [--seed N] [--warmup MS] -- PATH [ARGS...]\n"
            "                          one clean run with autonomy off (fresh feature window, quiet\n"
            "                          warm-up, then the scenario or program): one JSON line per sample",
            cmd_crashctl);
SIS_COMMAND("tracectl", "AI decision traces: list, show, export",
            "tracectl list [--recent N] [--json]\n"
            "tracectl show ID\n"
            "tracectl export --recent N (--path FILE | --console)   JSON (docs/traces.md)\n"
            "tracectl sample N         trace 1 in N scheduler picks\n"
            "tracectl clear",
            cmd_tracectl);

}  // namespace sis::shell
