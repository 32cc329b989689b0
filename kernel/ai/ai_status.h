// The AI core's state as JSON: one writer per object, shared by the shell's --json output
// and the control port (docs/protocol.md), so the two cannot drift apart. Each writes the
// members of one object; the caller opens and closes it (a control method's result object
// is already open). Kernel only (they read the monitor and the scheduler policy).
#pragma once
#include "lib/json.h"

namespace sis::ai {

// Who is writing. Latency percentiles sort a copy of the samples in a static buffer (4 KiB:
// too much for a kernel stack); the control thread fills metrics samples while the holder
// of the command lock runs a shell command or ai.status, so each has its own buffer.
enum class Writer : u8 { CommandLock, ControlThread };

// The `ai` metrics group, also `autoctl ai-metrics --json`: crash_risk, crash_threshold,
// tte_ms, tte_threshold_ms, in_alarm, last_alarm_lead_ms (-1: none), autonomy, alarms, actions, traces, and per model (crash_predictor, sched_transformer)
// inferences, mean_ns, p50_ns, p99_ns, max_ns, decisions_per_s.
void write_ai_metrics(JsonWriter& w, Writer who = Writer::CommandLock);
// ai.status, also `autoctl status --json`: threshold, model_loaded, model_version,
// model_error, neon, detector, tte_threshold_ms, autonomy_mode, proposal,
// proposal_confirmed, and the members of the `ai` metrics group. The control port answers
// ai.status on its reader thread (Writer::ControlThread), the shell under the command lock.
void write_ai_status(JsonWriter& w, Writer who = Writer::CommandLock);
// `crashctl status --json`: the crash predictor's risk, history, features and last alarm.
void write_crash_status(JsonWriter& w);
// `schedctl transformer stats --json`: the transformer policy and its model's latency.
void write_transformer_status(JsonWriter& w);

}  // namespace sis::ai
