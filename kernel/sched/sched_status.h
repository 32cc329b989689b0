// The scheduler's state as JSON (kernel only): one writer per object, shared by the shell's
// `schedctl status --json` and the control port's `sched` metrics group so the two cannot
// drift apart. The writers write an object's members; the caller opens and closes it.
#pragma once
#include "lib/json.h"

namespace sis::sched {

struct CpuInfo;
struct LatencySummary;
// The active policy's wake-up-to-run latency over its window, the last LatencySamples::kCap
// (2048) wake-ups it served: samples held, p50 and p99 in ns. The samples are copied with
// interrupts masked and sorted in `scratch` (kCap entries) after. (The host edge has none.)
LatencySummary active_wake_window(u32* scratch);

// The `sched` metrics group: context_switches, runnable (ready threads, the running one not
// counted), threads, idle_ns, policy, wake_window_samples, and wake_p50_us / wake_p99_us (the window
// above in microseconds, absent while it is empty). The first form is the control port's
// (its thread only: one static scratch buffer).
void write_sched_metrics(JsonWriter& w);
void write_sched_metrics(JsonWriter& w, const CpuInfo& c, const LatencySummary& wake);
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
