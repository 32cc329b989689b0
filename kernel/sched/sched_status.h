// The scheduler's state as JSON (kernel only): one writer per object, shared by the shell's
// `schedctl status --json` and the control port's `sched` metrics group so the two cannot
// drift apart. The writers write an object's members; the caller opens and closes it.
#pragma once
#include "lib/json.h"

namespace sis::sched {

// The `sched` metrics group: context_switches, runnable (ready threads, the running one not
// counted), threads, idle_ns, policy.
void write_sched_metrics(JsonWriter& w);
struct CpuInfo;
void write_sched_metrics(JsonWriter& w, const CpuInfo& c);
// `schedctl status --json`: the metrics group's members, then cpu, tick_hz, now_ns, fp,
// fp_check and per policy its counters, pick latency and wake-up-to-run latency. Callers hold the command lock
// (the percentiles sort in a static buffer).
void write_sched_status(JsonWriter& w);

// Median and p99 of a policy's recent pick_next durations in ns (for the JSON above and
// `schedctl status`'s table). Sorts in `scratch` (LatencySamples::kCap entries).
struct PolicyStats;
struct PickLatency {
  u64 median_ns, p99_ns;
};
PickLatency pick_latency(const PolicyStats& s, u32* scratch);
// The same for the wake-up-to-run latency of the last 2048 woken threads it picked (ns).
PickLatency wake_latency(const PolicyStats& s, u32* scratch);

}  // namespace sis::sched
