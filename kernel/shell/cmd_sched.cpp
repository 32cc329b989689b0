// Scheduler commands: ps, schedctl (status, policy, nice, fp), spawn (workloads), kill and
// sleep. Status commands print a table, or one JSON object with --json.
#include "ai/ai_metrics.h"
#include "ai/ai_sched.h"
#include "ai/ai_status.h"
#include "ai/sched_model.h"
#include "arch/arch.h"
#include "lib/json.h"
#include "lib/string.h"
#include "sched/eevdf_policy.h"
#include "sched/sched_status.h"
#include "sched/scheduler.h"
#include "sched/workloads.h"
#include "shell/cancel.h"
#include "shell/command.h"
#include "lib/json_output.h"
#include "proc/process.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;
using namespace sis::sched;

ThreadInfo infos[kMaxThreads];

bool parse_int(StrView s, i64* out) {
  bool neg = !s.empty() && s.data[0] == '-';
  u64 v;
  if (!parse_u64(neg ? StrView(s.data + 1, s.size - 1) : s, &v) || v > (1ull << 40)) return false;
  *out = neg ? -static_cast<i64>(v) : static_cast<i64>(v);
  return true;
}

// ms with one decimal from ns
void put_ms(Output& out, u64 ns, int width) {
  out.printf("%*llu.%llu", width - 2, (ull)(ns / 1000000), (ull)(ns / 100000 % 10));
}

// The user process a thread runs (0: a kernel thread).
u32 pid_of_thread(const proc::ProcessInfo* procs, usize nprocs, u32 tid) {
  for (usize i = 0; i < nprocs; ++i)
    if (procs[i].tid == tid && procs[i].state == proc::ProcState::Running) return procs[i].pid;
  return 0;
}

int cmd_ps(const Args& a, Output& out) {
  if (!started()) {
    out.print("ps: the scheduler is not running\n");
    return 1;
  }
  usize n = snapshot(infos, kMaxThreads);
  static proc::ProcessInfo procs[proc::kMaxProcesses];
  usize nprocs = proc::process_snapshot(procs, proc::kMaxProcesses);
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("now_ns", now_ns()).key("threads").begin_array();
      for (usize i = 0; i < n; ++i) {
        const ThreadInfo& t = infos[i];
        w.begin_object()
            .kv_uint("tid", t.tid)
            .kv("name", t.name)
            .kv("state", state_name(t.state))
            .kv("policy", t.policy)
            .kv_sint("nice", t.nice)
            .kv("kind", work_kind_name(t.kind))
            .kv_uint("run_ns", t.stats.run_ns)
            .kv_uint("wait_ns", t.stats.wait_ns)
            .kv_uint("sleep_ns", t.stats.sleep_ns)
            .kv_uint("max_wait_ns", t.stats.max_wait_ns)
            .kv_uint("switches", t.stats.voluntary + t.stats.involuntary)
            .kv_uint("voluntary", t.stats.voluntary)
            .kv_uint("involuntary", t.stats.involuntary)
            .kv_uint("wakeups", t.stats.wakeups)
            .kv_uint("progress", t.progress)
            .kv_bool("fp_used", t.fp_used);
        u32 pid = pid_of_thread(procs, nprocs, t.tid);
        w.key("pid");
        if (pid) w.uint(pid);
        else w.null();
        w.key("bursts_ns")
            .begin_array();
        for (usize k = 0; k < ThreadStats::kBursts && k < t.stats.burst_count; ++k) w.uint(t.stats.burst(k));
        w.end_array().end_object();
      }
      w.end_array().end_object();
    });
  }
  out.print("  TID NAME             STATE     POLICY    NICE   RUN ms  WAIT ms   VOL  INVOL   PROGRESS  LAST BURST us    PID\n");
  for (usize i = 0; i < n; ++i) {
    const ThreadInfo& t = infos[i];
    out.printf("%5u %-16s %-9s %-9s %4d ", t.tid, t.name, state_name(t.state), t.policy, t.nice);
    put_ms(out, t.stats.run_ns, 8);
    out.print(" ");
    put_ms(out, t.stats.wait_ns, 8);
    out.printf(" %5llu %6llu %10llu %14llu", (ull)t.stats.voluntary, (ull)t.stats.involuntary, (ull)t.progress,
               (ull)(t.stats.burst(0) / 1000));
    u32 pid = pid_of_thread(procs, nprocs, t.tid);
    if (pid) out.printf(" %6u\n", pid);
    else out.print("      -\n");
  }
  return 0;
}
SIS_COMMAND("ps", "threads with state, policy, run/wait time and switches",
            "ps [--json]   (RUN/WAIT in ms; VOL/INVOL: voluntary and involuntary switches; PROGRESS: workload work "
            "counter; PID: the user process a thread runs, - for kernel threads; procctl list shows processes)",
            cmd_ps);

int schedctl_status(const Args& a, Output& out) {
  if (a.has("--json")) return print_json_members(out, [](JsonWriter& w) { write_sched_status(w); });
  CpuInfo ci = cpu_info();
  FpStats fs = fp_stats();
  FpCheckStats fc = fp_check_stats();
  static u32 scratch[LatencySamples::kCap];
  // runnable: waiting to run, as in the JSON and the metrics group (cpu_info also counts this thread)
  out.printf("policy %s on cpu %u, tick %u Hz; %llu threads, %llu runnable; %llu switches; idle %llu ms of %llu ms\n",
             ci.policy, ci.cpu, arch::timer_hz(), (ull)ci.threads, (ull)(ci.runnable ? ci.runnable - 1 : 0), (ull)ci.switches,
             (ull)(ci.idle_ns / 1000000), (ull)(ci.now_ns / 1000000));
  out.printf("fp switching %s: %llu traps, %llu saves, %llu restores\n", fp_mode_name(fp_mode()), (ull)fs.traps,
             (ull)fs.saves, (ull)fs.restores);
  out.printf("fp check: %llu threads, %llu checks, %llu errors, %llu preemptions\n", (ull)fc.threads, (ull)fc.checks,
             (ull)fc.errors, (ull)fc.preemptions);
  out.print("policy     active     picks  switches    run ms  tick-pre  wake-pre  pick p50 ns  pick p99 ns  wake p99 us\n");
  for (usize i = 0; i < policy_count(); ++i) {
    Policy* p = policy_at(i);
    const PolicyStats& s = p->stats();
    PickLatency lat = pick_latency(s, scratch);
    PickLatency wl = wake_latency(s, scratch);
    out.printf("%-10s %-6s %9llu %9llu %9llu %9llu %9llu %12llu %12llu %12llu\n", p->name(),
               p == active_policy() ? "yes" : "no", (ull)s.picks, (ull)s.switches, (ull)(s.run_ns / 1000000),
               (ull)s.tick_preempts, (ull)s.wakeup_preempts, (ull)lat.median_ns, (ull)lat.p99_ns,
               (ull)(wl.p99_ns / 1000));
  }
  return 0;
}

// schedctl fp wait N [--timeout-ms MS]: blocks until the fp workers have seen N preemptions.
// Tests ask for a number of preemptions, not a number of seconds: how many preemptions fit in
// a second depends on how much CPU the host gives the emulator.
int fp_wait(const Args& a, Output& out) {
  i64 want = 0, timeout_ms = 60000;
  bool ok = a.argc >= 4 && parse_int(a.argv[3], &want) && want > 0 && want <= 100000000;
  if (ok && a.argc == 6 && a.argv[4] == StrView("--timeout-ms"))
    ok = parse_int(a.argv[5], &timeout_ms) && timeout_ms > 0 && timeout_ms <= 600000;
  else if (a.argc != 4)
    ok = false;
  if (!ok) {
    out.print("usage: schedctl fp wait N [--timeout-ms MS]   (N >= 1; MS up to 600000, default 60000)\n");
    return 2;
  }
  if (fp_check_stats().threads == 0) {
    out.print("schedctl fp wait: no fp workers run (spawn fp N first)\n");
    return 1;
  }
  u64 end = now_ns() + static_cast<u64>(timeout_ms) * 1000000;
  while (fp_check_stats().preemptions < static_cast<u64>(want)) {
    if (cancelled()) {
      out.print("schedctl fp wait: interrupted\n");
      return 1;
    }
    if (now_ns() >= end) {
      out.printf("schedctl fp wait: timed out after %lld ms at %llu of %lld preemptions\n", (long long)timeout_ms,
                 (unsigned long long)fp_check_stats().preemptions, (long long)want);
      return 1;
    }
    sleep_ns(10000000);
  }
  out.printf("fp workers preempted %llu times\n", (unsigned long long)fp_check_stats().preemptions);
  return 0;
}

// The AI core's transformer policy (ai/ai_sched.h).
int transformer(const Args& a, Output& out) {
  StrView sub = a.argc > 2 ? a.argv[2] : StrView("stats");
  if (sub == StrView("on") || sub == StrView("off")) {
    Error e = ai::set_transformer_policy(sub == StrView("on"));
    if (e != Error::Ok) {
      out.printf("schedctl transformer: %s\n", error_name(e));
      return 1;
    }
    out.printf("policy %s%s\n", active_policy()->name(),
               sub == StrView("on") && !ai::transformer_status().model_loaded ? " (no model loaded: FIFO)" : "");
    return 0;
  }
  if (sub != StrView("stats")) {
    out.print("usage: schedctl transformer on|off|stats [--json]\n");
    return 2;
  }
  if (a.has("--json"))
    return print_json_members(out, [](JsonWriter& w) { ai::write_transformer_status(w); });
  static u32 scratch[ai::ModelStats::kCap];
  ai::TransformerStatus t = ai::transformer_status();
  ai::ModelStats& s = ai::model_stats(ai::ModelId::Sched);
  out.printf("transformer policy: %s; model %s (version %u, %u parameters, d=%u, up to %u candidates)\n",
             t.active ? "active" : "inactive", t.model_loaded ? "loaded" : t.model_error, t.model_version,
             static_cast<unsigned>(ai::SchedModel::parameter_count()), static_cast<unsigned>(ai::SchedModel::kDim),
             static_cast<unsigned>(ai::SchedModel::kMaxTokens));
  out.printf("picks %llu (model decided %llu, starvation guard %llu), wake-up preemption decisions %llu\n",
             (ull)t.picks, (ull)t.model_picks, (ull)t.starvation_picks, (ull)t.wakeup_decisions);
  out.printf("inference latency: mean %llu ns, p50 %u ns, p99 %u ns, max %llu ns over %llu inferences\n",
             (ull)s.mean_ns(), s.percentile_ns(50, scratch), s.percentile_ns(99, scratch), (ull)s.max_ns(),
             (ull)s.count());
  return 0;
}

int schedctl_policy(const Args& a, Output& out) {
  if (a.argc < 3) {
    out.printf("policy %s; available:", active_policy()->name());
    for (usize i = 0; i < policy_count(); ++i) out.printf(" %s", policy_at(i)->name());
    out.print("\n");
    return 0;
  }
  Error e = set_policy(a.argv[2]);
  if (e != Error::Ok) {
    out.printf("schedctl: no policy named '%.*s'\n", static_cast<int>(a.argv[2].size), a.argv[2].data);
    return 1;
  }
  out.printf("policy %s\n", active_policy()->name());
  return 0;
}

int schedctl_nice(const Args& a, Output& out) {
  i64 tid, nice;
  if (a.argc < 4 || !parse_int(a.argv[2], &tid) || !parse_int(a.argv[3], &nice) || tid < 0) {
    out.print("usage: schedctl nice TID N   (N from -20 to 19)\n");
    return 2;
  }
  Error e = set_nice(static_cast<u32>(tid), static_cast<int>(nice));
  if (e != Error::Ok) {
    out.printf("schedctl nice: %s\n", e == Error::Range ? "nice must be -20..19" : e == Error::NoEntry ? "no such thread" : error_name(e));
    return 1;
  }
  out.printf("thread %lld nice %lld\n", (long long)tid, (long long)nice);
  return 0;
}

int schedctl_fp(const Args& a, Output& out) {
  if (a.argc >= 3 && a.argv[2] == StrView("wait")) return fp_wait(a, out);
  if (a.argc >= 3) {
    if (a.argv[2] == StrView("lazy")) set_fp_mode(FpMode::Lazy);
    else if (a.argv[2] == StrView("eager")) set_fp_mode(FpMode::Eager);
    else {
      out.print("usage: schedctl fp lazy|eager\n");
      return 2;
    }
  }
  out.printf("fp switching %s\n", fp_mode_name(fp_mode()));
  return 0;
}

// schedctl explain TID|NAME: what the learned policies know of a thread and what they decided.
int schedctl_explain(const Args& a, Output& out) {
  i64 tid = -1;
  if (a.argc < 3 || (parse_int(a.argv[2], &tid) && tid < 0)) {
    out.print("usage: schedctl explain TID|NAME [--json]\n");
    return 2;
  }
  usize n = snapshot(infos, kMaxThreads);
  const ThreadInfo* t = nullptr;
  for (usize i = 0; i < n && !t; ++i)
    if (tid >= 0 ? infos[i].tid == static_cast<u32>(tid) : StrView(infos[i].name) == a.argv[2]) t = &infos[i];
  if (!t) {
    out.print("schedctl explain: no such thread\n");
    return 1;
  }
  BurstFeatures x = t->hist.features();
  u64 slice = t->slice_ns ? t->slice_ns : EevdfPolicy::kBaseSliceNs;
  if (slice < EevdfPolicy::kMinSliceNs) slice = EevdfPolicy::kMinSliceNs;
  if (slice > EevdfPolicy::kBaseSliceNs) slice = EevdfPolicy::kBaseSliceNs;
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("tid", t->tid).kv("name", t->name).kv("policy", t->policy).kv_uint("bursts_seen", t->hist.count);
      w.key("inputs").begin_object();
      for (usize i = 0; i < BurstFeatures::kCount; ++i) w.key(kBurstFeatureNames[i]).fixed(x.v[i] * 1000 / 256, 3);
      w.end_object();
      w.kv_bool("predicted", t->hint_at_ns != 0)
          .kv_uint("predicted_at_ns", t->hint_at_ns)
          .kv_uint("predicted_burst_ns", t->hint.burst_ns)
          .key("latency_critical").fixed(t->hint.crit_q15 * 1000 / 32767, 3)
          .kv_uint("slice_ns", slice)
          .kv_uint("last_burst_ns", t->stats.burst(0))
          .kv_uint("last_wake_latency_ns", t->stats.last_wake_latency_ns)
          .end_object();
    });
  }
  out.printf("thread %u %s, policy %s; %llu bursts seen\n", t->tid, t->name, t->policy, (ull)t->hist.count);
  out.print("inputs (log2 us, centred on 256 us):");
  for (usize i = 0; i < BurstFeatures::kCount; ++i) {
    int v = x.v[i] * 100 / 256;
    out.printf(" %s %s%d.%02d", kBurstFeatureNames[i], v < 0 ? "-" : "", (v < 0 ? -v : v) / 100, (v < 0 ? -v : v) % 100);
  }
  out.print("\n");
  if (!t->hint_at_ns) {
    out.print("no prediction yet (made when the thread wakes up under the learned or ewma policy)\n");
  } else {
    out.printf("prediction at %llu ms: next burst %llu us, latency-critical %u%%\n", (ull)(t->hint_at_ns / 1000000),
               (ull)(t->hint.burst_ns / 1000), static_cast<unsigned>(t->hint.crit_q15 * 100u / 32767u));
  }
  out.printf("slice %llu us (%s); last burst %llu us, last wake-up latency %llu us\n", (ull)(slice / 1000),
             t->slice_ns ? "from the prediction" : "the base slice", (ull)(t->stats.burst(0) / 1000),
             (ull)(t->stats.last_wake_latency_ns / 1000));
  return 0;
}

const Subcommand kSchedctl[] = {
    {"status", "[--json]", schedctl_status},
    {"--json", nullptr, schedctl_status},
    {"policy", "[NAME]", schedctl_policy},
    {"explain", "TID|NAME [--json]", schedctl_explain},
    {"nice", "TID N", schedctl_nice},
    {"fp", "[lazy|eager] | fp wait N [--timeout-ms MS]", schedctl_fp},
    {"transformer", "on|off|stats [--json]", transformer},
};

int cmd_schedctl(const Args& a, Output& out) {
  if (!started()) {
    out.print("schedctl: the scheduler is not running\n");
    return 1;
  }
  return run_subcommand("schedctl", kSchedctl, a, out, "status");
}
SIS_COMMAND("schedctl", "scheduler status and control (policy, nice, FP switching)",
            "schedctl status [--json] | policy [NAME] | explain TID|NAME [--json] | nice TID N | fp [lazy|eager]\n"
            "  | fp wait N [--timeout-ms MS] | transformer on|off|stats\n"
            "  status: the active policy, threads, switches, idle time; per policy picks, switches, pick latency\n"
            "  policy: the active policy and those available, or switch to NAME\n"
            "  explain: a thread's burst history, prediction and slice\n"
            "  transformer: the transformer policy on or off; stats: its picks, fallbacks, inference latency\n"
            "  policies: baseline (CFS-like), rr, eevdf (3 ms slice), ewma and learned (EEVDF with a slice predicted\n"
            "  at wake-up), transformer",
            cmd_schedctl);

int cmd_spawn(const Args& a, Output& out) {
  if (!started()) {
    out.print("spawn: the scheduler is not running\n");
    return 1;
  }
  if (a.argc >= 2 && a.argv[1] == StrView("stop")) {
    usize n = stop_workloads();
    out.printf("asked %llu workload thread(s) to stop\n", (ull)n);
    return 0;
  }
  u64 count = 0;
  if (a.argc < 3 || !parse_u64(a.argv[2], &count) || count == 0 || count > 64) {
    out.print("usage: spawn cpu|io|burst|mixed|fp N [--nice N]   (N 1..64) | spawn stop\n");
    return 2;
  }
  i64 nice = 0;
  if (!a.value("--nice").empty() && (!parse_int(a.value("--nice"), &nice) || nice < kNiceMin || nice > kNiceMax)) {
    out.print("spawn: --nice must be -20..19\n");
    return 2;
  }
  StrView k = a.argv[1];
  WorkKind fixed = k == StrView("cpu") ? kWorkCpu : k == StrView("io") ? kWorkIo : k == StrView("burst") ? kWorkBurst
                   : k == StrView("fp") ? kWorkFp : kWorkNone;
  bool mixed = k == StrView("mixed");
  if (fixed == kWorkNone && !mixed) {
    out.printf("spawn: unknown workload '%.*s' (cpu, io, burst, mixed, fp)\n", static_cast<int>(k.size), k.data);
    return 2;
  }
  static const WorkKind mix[] = {kWorkCpu, kWorkIo, kWorkBurst};
  // "spawned" only once a thread exists: at the thread limit the very first spawn fails,
  // and a bare "spawned" line would claim a success that did not happen.
  u64 started = 0;
  for (; started < count; ++started) {
    WorkKind kind = mixed ? mix[started % 3] : fixed;
    auto tid = spawn_workload(kind, static_cast<int>(nice));
    if (!tid.ok()) {
      if (started > 0) out.print("\n");
      out.printf("spawn: %s after starting %llu of %llu thread(s)", error_name(tid.error()), (ull)started, (ull)count);
      if (tid.error() == Error::NoSpace) out.printf(" (at most %llu threads in all)", (ull)kMaxThreads);
      out.print("\n");
      return 1;
    }
    out.printf("%s %s:%u", started == 0 ? "spawned" : "", work_kind_name(kind), tid.value());
  }
  out.print("\n");
  return 0;
}
SIS_COMMAND("spawn", "start workload threads (cpu, io, burst, mixed, fp) or stop them",
            "spawn cpu|io|burst|mixed|fp N [--nice N] | spawn stop\n"
            "  cpu: computes forever; io: 0.3 ms CPU then 3 ms sleep; burst: 0.5-8 ms CPU then 1-10 ms sleep;\n"
            "  mixed: cpu, io and burst in turn; fp: checks NEON registers survive preemption",
            cmd_spawn);

int cmd_kill(const Args& a, Output& out) {
  i64 tid;
  if (a.argc < 2 || !parse_int(a.argv[1], &tid) || tid < 0) {
    out.print("usage: kill TID\n");
    return 2;
  }
  Error e = request_stop(static_cast<u32>(tid));
  if (e != Error::Ok) {
    out.printf("kill: %s\n", e == Error::NoEntry ? "no such thread" : e == Error::Invalid ? "cannot stop that thread" : error_name(e));
    return 1;
  }
  out.printf("asked thread %lld to stop\n", (long long)tid);
  return 0;
}
SIS_COMMAND("kill", "ask a thread to stop (threads stop at their next check)", "kill TID", cmd_kill);

int cmd_sleep(const Args& a, Output& out) {
  u64 ms;
  if (a.argc < 2 || !parse_u64(a.argv[1], &ms) || ms > 600000) {
    out.print("usage: sleep MS   (up to 600000)\n");
    return 2;
  }
  // In slices, so Ctrl-C or a shell.exec deadline ends it within 10 ms.
  u64 end = now_ns() + ms * 1000000;
  for (u64 now = now_ns(); now < end; now = now_ns()) {
    if (cancelled()) {
      out.print("sleep: interrupted\n");
      return 1;
    }
    sleep_ns(min<u64>(end - now, 10000000));
  }
  return 0;
}
SIS_COMMAND("sleep", "sleep the shell for MS milliseconds (other threads run)", "sleep MS", cmd_sleep);

}  // namespace
}  // namespace sis::shell
