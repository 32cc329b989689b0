// Recording one labelled run (see recording.h).
#include "ai/recording.h"

#include "ai/monitor.h"
#include "arch/arch.h"
#include "lib/format.h"
#include "mm/kernel_memory.h"
#include "proc/process.h"
#include "proc/run_capture.h"
#include "sched/background.h"
#include "sched/scheduler.h"

namespace sis::ai {
namespace {

RecordedSample g_samples[kMaxRecordedSamples];
usize g_count = 0;  // written by the sampling thread, read after the sink is removed
u64 g_start_ns = 0;

u64 now_ns() { return arch::counter_to_ns(arch::counter()); }

void sink(void*, const MemSample& s, const CrashFeatures& f, u32 risk) {
  if (g_count == kMaxRecordedSamples) return;
  RecordedSample& r = g_samples[g_count];
  r.t_ms = s.t_ns > g_start_ns ? (s.t_ns - g_start_ns) / 1000000 : 0;
  r.free_pages = s.free_pages;
  r.failures = s.failures;
  r.risk_q15 = risk;
  r.f = f;
  ++g_count;
}

// Waits while the monitor keeps sampling (its own thread; the shell's loop before the
// scheduler runs).
void quiet(u64 ms) {
  u64 end = now_ns() + ms * 1000000;
  while (now_ns() < end) {
    if (sched::started()) sched::sleep_ns(20 * 1000000);
    else monitor_poll();
  }
}

Error run_program(const char* const* argv, RecordingResult* out, char* why, usize why_cap) {
  background::unlock_commands();  // the program's file system calls take the command lock
  auto started = proc::start_captured(argv, why, why_cap);
  if (!started.ok()) {
    background::lock_commands();
    return started.error();
  }
  proc::CapturedRun& r = started.value();
  proc::CaptureSink cs;  // the program's output is not part of the trace
  cs.output = [](void*, int, const char*, usize) {};
  int ws = proc::stream_captured(r, cs);
  out->oom_killed = r.process->oom_killed;
  out->exit_status = proc::exit_status_of(ws);
  proc::finish_captured(r);
  background::lock_commands();
  return Error::Ok;
}

}  // namespace

Error record_run(const RecordingSpec& spec, RecordingResult* out, char* why, usize why_cap) {
  *out = RecordingResult{};
  why[0] = 0;
  AutonomyMode was = autonomy_mode();
  if (was != AutonomyMode::Off) set_autonomy(false);  // traces record what the kernel does on its own
  mm::heap().compact();
  g_count = 0;
  g_start_ns = now_ns();
  monitor_reset_window();
  set_sample_sink(sink, nullptr);
  monitor_sample_now();
  quiet(spec.warmup_ms);
  out->stress_ms = (now_ns() - g_start_ns) / 1000000;
  Error e = Error::Ok;
  if (spec.scenario) {
    e = run_scenario(*spec.scenario, &out->scenario);
    out->crashed = out->scenario.crashed;
    out->crash_ms = out->stress_ms + out->scenario.crash_ms;
  } else if (spec.argv) {
    e = run_program(spec.argv, out, why, why_cap);
    monitor_sample_now();
  } else {
    e = Error::Invalid;
  }
  set_sample_sink(nullptr, nullptr);
  out->elapsed_ms = (now_ns() - g_start_ns) / 1000000;
  if (was != AutonomyMode::Off) set_autonomy_mode(was);
  if (e != Error::Ok) return e;
  if (spec.argv) {
    // The crash is the first allocation failure, whoever it hit: the program, or a child
    // the out-of-memory killer chose (a fork bomb's shell usually survives its children).
    for (usize i = 1; i < g_count; ++i)
      if (g_samples[i].failures != g_samples[0].failures) {
        out->crashed = true;
        out->crash_ms = g_samples[i - 1].t_ms;
        break;
      }
    if (!out->crashed && out->oom_killed) {
      out->crashed = true;
      out->crash_ms = out->elapsed_ms;
    }
  }
  return Error::Ok;
}

usize recorded_count() { return g_count; }
const RecordedSample& recorded_sample(usize i) { return g_samples[i]; }

}  // namespace sis::ai
