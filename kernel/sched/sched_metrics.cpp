// The `sched` metrics group (sched_status.h). Apart from the rest of sched_status.cpp so that
// the host build of the control methods can link it over the host edge's cpu_info().
#include "sched/accounting.h"
#include "sched/scheduler.h"
#include "sched/sched_status.h"

namespace sis::sched {

void write_sched_metrics(JsonWriter& w, const CpuInfo& c, const LatencySummary& wake) {
  // cpu_info counts the running thread in `runnable`; the gauge counts the threads waiting.
  w.kv_uint("context_switches", c.switches).kv_uint("runnable", c.runnable ? c.runnable - 1 : 0);
  w.kv_uint("threads", c.threads).kv_uint("idle_ns", c.idle_ns).kv("policy", c.policy ? c.policy : "");
  w.kv_uint("wake_window_samples", wake.samples);
  if (wake.samples == 0) return;  // no wake-up served yet: no latency, rather than a made-up 0
  w.key("wake_p50_us").fixed(static_cast<i64>(wake.p50), 3);  // ns = microseconds with 3 decimals
  w.key("wake_p99_us").fixed(static_cast<i64>(wake.p99), 3);
}

void write_sched_metrics(JsonWriter& w) {
  static u32 scratch[LatencySamples::kCap];  // the control port's thread is the only caller
  write_sched_metrics(w, cpu_info(), active_wake_window(scratch));
}

}  // namespace sis::sched
