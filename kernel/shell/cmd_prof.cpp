// profctl: the sampling profiler (docs/profiler.md).
//   profctl start [--hz N] [--pid P | --kernel | --all] [--timer]
//   profctl stop
//   profctl report [--top N] [--json]
//   profctl export --folded PATH
#include "fs/vfs.h"
#include "lib/json_output.h"
#include "lib/string.h"
#include "prof/profiler.h"
#include "shell/command.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;

bool parse_number(StrView s, u64 lo, u64 hi, u64* out) { return parse_u64(s, out) && *out >= lo && *out <= hi; }

int start_cmd(const Args& a, Output& out) {
  prof::StartOptions o;
  u64 v = 0;
  if (a.has("--hz")) {
    if (!parse_number(a.value("--hz"), 1, 10000, &v)) {
      out.print("profctl start: --hz takes a rate of 1..10000 samples per second\n");
      return 2;
    }
    o.hz = static_cast<u32>(v);
  }
  int targets = a.has("--pid") + a.has("--kernel") + a.has("--all");
  if (targets > 1) {
    out.print("profctl start: give at most one of --pid P, --kernel, --all\n");
    return 2;
  }
  if (a.has("--pid")) {
    if (!parse_number(a.value("--pid"), 1, 0xffffffffu, &v)) {
      out.print("profctl start: --pid takes a process id\n");
      return 2;
    }
    o.target = prof::Target::Pid;
    o.pid = static_cast<u32>(v);
  } else if (a.has("--kernel")) {
    o.target = prof::Target::Kernel;
  }
  o.allow_pmu = !a.has("--timer");
  auto r = prof::start(o);
  if (r.error() == Error::Busy) {
    out.print("profctl start: a profile is already running (profctl stop first)\n");
    return 1;
  }
  if (r.error() == Error::NoProcess) {
    out.printf("profctl start: no running process %u\n", o.pid);
    return 1;
  }
  if (!r.ok()) {
    out.printf("profctl start: %s\n", error_name(r.error()));
    return 1;
  }
  out.printf("profiling at %u Hz (%s)", r->hz, r->mode);
  if (o.target == prof::Target::Pid) out.printf(", pid %u only", o.pid);
  else if (o.target == prof::Target::Kernel) out.print(", kernel mode only");
  out.print("\n");
  return 0;
}

int stop_cmd(const Args&, Output& out) {
  auto r = prof::stop();
  if (r.error() == Error::NoEntry) {
    out.print("profctl stop: no profile is running\n");
    return 1;
  }
  if (!r.ok()) {
    out.printf("profctl stop: %s\n", error_name(r.error()));
    return 1;
  }
  out.printf("stopped: %llu samples, %llu dropped, %llu ms\n", (ull)r->samples, (ull)r->dropped,
             (ull)(r->duration_ns / 1000000));
  // The profiler's own CPU time while it ran (the sample exceptions' entry and exit are not
  // in it: bench/prof_overhead.sh measures the whole slowdown).
  u64 cost = r->handler_ns + r->drain_ns;
  u64 ppm = r->duration_ns ? cost * 1000000 / r->duration_ns : 0;
  u64 per = r->samples ? r->handler_ns / r->samples : 0;
  out.printf("profiler cost: handler %llu us (%llu ns/sample) + drain %llu us = %llu.%02llu%% of the time\n",
             (ull)(r->handler_ns / 1000), (ull)per, (ull)(r->drain_ns / 1000), (ull)(ppm / 10000), (ull)(ppm / 100 % 100));
  return 0;
}

int report_cmd(const Args& a, Output& out) {
  u64 top = 20;
  if (a.has("--top") && !parse_number(a.value("--top"), 1, 200, &top)) {
    out.print("profctl report: --top takes 1..200\n");
    return 2;
  }
  Error e = Error::Ok;
  if (a.has("--json")) {
    int rc = print_json_members(out, [&](JsonWriter& w) { e = prof::write_report_json(top, w); });
    if (e == Error::Ok) return rc;
  } else {
    e = prof::write_report(top, out);
  }
  if (e == Error::NoEntry) {
    out.print("profctl report: no profile yet (profctl start, then profctl stop)\n");
    return 1;
  }
  return e == Error::Ok ? 0 : 1;
}

int export_cmd(const Args& a, Output& out) {
  StrView path = a.value("--folded");
  if (path.empty() || path.data[0] != '/') {
    out.print("profctl export: --folded takes an absolute path\n");
    return 2;
  }
  auto text = prof::folded_text();
  if (!text.ok()) {
    out.print("profctl export: no profile yet (profctl start, then profctl stop)\n");
    return 1;
  }
  auto w = fs::kernel_vfs().write_file(path, text->data, text->size, fs::WriteMode::Replace);
  if (!w.ok()) {
    out.printf("profctl export: %.*s: %s\n", static_cast<int>(path.size), path.data, error_name(w.error()));
    return 1;
  }
  out.printf("wrote %llu bytes of folded stacks to %.*s\n", (ull)w.value(), static_cast<int>(path.size), path.data);
  return 0;
}

const Subcommand kSubcommands[] = {
    {"start", "[--hz N] [--pid P | --kernel | --all] [--timer]", start_cmd},
    {"stop", "", stop_cmd},
    {"report", "[--top N] [--json]", report_cmd},
    {"export", "--folded PATH", export_cmd},
};

int cmd_profctl(const Args& a, Output& out) { return run_subcommand("profctl", kSubcommands, a, out, nullptr); }

}  // namespace

SIS_COMMAND("profctl", "sampling profiler: start, stop, report, export folded stacks",
            "profctl start [--hz N] [--pid P | --kernel | --all] [--timer]\n"
            "  samples every thread (--all, the default), one process (--pid), or kernel mode only\n"
            "  (--kernel) at N Hz (1..10000, default 1000) on the PMU cycle counter's overflow\n"
            "  interrupt, or on a timer when the PMU does not interrupt (--timer forces it)\n"
            "profctl stop                    ends the profile; it stays for report and export\n"
            "profctl report [--top N] [--json]   functions by self samples, with self and total %\n"
            "profctl export --folded PATH    writes the folded stacks (flamegraph.pl, speedscope)",
            cmd_profctl);

}  // namespace sis::shell
