// The crash monitor and autonomous mode (kernel only).
//
// Every kSamplePeriodMs the monitor reads the allocators (free pages per order, failures,
// slab bytes, allocation count), the run queue and the program image cache, computes the
// predictor's features, runs the model and traces the result. The selected detector
// (crash_rules.h: the model, time to exhaustion or allocation pressure) decides whether
// this is an alarm. With autonomy on the kernel then acts by itself, escalating while the
// alarm condition holds (one step per 300 ms; a step that released less than 1/32 of memory
// goes straight on to the next):
//   1. `memctl compact`  (empty slabs back to the page allocator),
//   2. drop the program image cache (programs reload from disk),
//   3. shrink the block caches (clean buffers back to the allocator; blocks reload from
//      disk; regrown once the alarm is over),
//   4. stop the consumer that grew fastest over the last second (last resort).
// Each action is a trace record naming the detector that raised the alarm, and a line in the
// action log (`crashctl status`). In "ask" mode the monitor only proposes the next step (a
// trace record and a log line) and takes it once an operator confirms (confirm_proposal:
// `autoctl confirm`, ai.confirm, the Control Center's Crash lab); the alarm ending withdraws
// the proposal. An alarm's outcome is filled in when its horizon has
// passed: whether allocations failed.
//
// Who runs it: its own kernel thread "ai-monitor" once the scheduler runs (ai_sched.cpp; a
// background job would stall while the background thread runs a control-port shell command),
// the shell's input wait before that, and the scenario workloads (scenarios.cpp) call poll()
// from their loops.
// One sampler at a time (a try-lock); the others skip that period.
#pragma once
#include "ai/crash_model.h"
#include "ai/crash_rules.h"
#include "lib/result.h"

namespace sis::ai {

// A memory consumer autonomy may stop: the kernel's scenario workloads, and "user space"
// (process_consumer.cpp), which stands for whichever user process grows fastest. The monitor
// measures every consumer at every sample; the last resort stops the one that grew the most
// over the last second (ties: the one holding more), not one that volunteered.
struct Consumer {
  const char* name;
  u64 (*bytes)(void* ctx);
  void (*stop)(void* ctx);
  void* ctx;
  // Bytes gained over about the last second; null: the monitor tracks bytes() itself.
  u64 (*growth)(void* ctx) = nullptr;
};
bool register_consumer(const Consumer* c);
void unregister_consumer(const Consumer* c);
// The user process whose resident set grew the most over the last second as a consumer
// (process_consumer.cpp; monitor_init registers it).
void register_process_consumer();
// Snapshots every user process (once per sample, before the features are computed): page
// faults resolved since the previous call, and the fastest process's resident-set growth
// over about the last second. The consumer above stands for that process.
struct ProcessReading {
  u64 new_faults = 0;
  u64 top_growth_pages = 0;
};
void measure_processes(ProcessReading* out);

enum class AutonomyMode : u8 { Off = 0, On = 1, Ask = 2 };
const char* autonomy_mode_name(AutonomyMode m);  // "off", "on", "ask"
bool parse_autonomy_mode(StrView s, AutonomyMode* out);

struct MonitorStatus {
  bool model_loaded = false;
  const char* model_error = "";
  u32 model_version = 0;
  u32 model_checksum = 0;
  bool autonomy = false;  // mode On
  AutonomyMode mode = AutonomyMode::Off;
  // Ask mode: the step waiting for confirmation ("" when none), and when it was proposed.
  char proposal[48] = {};
  u64 proposal_ns = 0;
  // The proposal is confirmed and runs at the next sample (while the alarm holds).
  bool proposal_confirmed = false;
  u32 threshold_q15 = 0;
  Detector detector = Detector::Model;
  u32 tte_threshold_ms = 0;
  i32 psi_threshold_q8 = 0;
  bool in_alarm = false;
  u32 risk_q15 = 0;
  i32 logit_q8 = 0;
  u64 samples = 0;
  u64 alarms = 0;
  u64 actions = 0;
  u64 last_alarm_id = 0;
  u64 last_alarm_ns = 0;
  u32 last_alarm_risk_q15 = 0;
  // How long before the first allocation failure the last alarm fired (ms); -1 while no
  // failure followed it within 10 s (yet).
  i64 last_alarm_lead_ms = -1;
  u32 tte_ms = 0;  // the time-to-exhaustion reading now (kNoExhaustion: memory not falling)
  CrashFeatures features;
  bool have_features = false;
};

// Loads the model built into the image (once; later calls return the first result).
void monitor_init();
// Samples, predicts and (with autonomy) acts if a period has passed. Cheap otherwise.
// Thread context only (it takes allocator locks and may compact).
void monitor_poll();
// Forces a sample now (tests, `crashctl sample`).
void monitor_sample_now();

// The next sample starts a fresh feature window (recording: no trend, failure count or alarm
// reaches back into the previous run).
void monitor_reset_window();

void set_autonomy(bool on);  // On or Off
// Waits for a sample in flight (a mode never changes in the middle of one).
void set_autonomy_mode(AutonomyMode m);
AutonomyMode autonomy_mode();
// Ask mode: the proposed step runs at the next sample if the alarm still holds; `step`
// (if not null) gets exactly the step confirmed. False (and nothing happens) when no step is
// proposed. Waits for a sample in flight, as set_autonomy_mode does.
bool confirm_proposal(char* step = nullptr, usize cap = 0);
// Which detector raises alarms (crash_rules.h); the default is the one that won on held-out
// families (models/detector_defaults.inc, docs/ai.md).
void set_detector(Detector d);
Detector detector();
void set_tte_threshold_ms(u32 ms);
bool autonomy();
void set_threshold_q15(u32 t);
MonitorStatus monitor_status();
// Risk history, oldest first (Q15, one per sample); returns how many were written.
usize risk_history(u32* out, usize cap);
// The action log, oldest first: calls fn for each line.
void for_each_action_line(void (*fn)(void* ctx, const char* line), void* ctx);

// Recording for the trainer: while a recorder is set, every sample is passed to it (from
// whichever thread samples). Setting it waits until no sample is in flight, so once
// set_sample_sink(nullptr, ...) returns the old sink is never called again.
using SampleSink = void (*)(void* ctx, const MemSample& s, const CrashFeatures& f, u32 risk_q15);
void set_sample_sink(SampleSink fn, void* ctx);

// The crash model file built into the image.
const u8* crash_model_bytes(usize* size);

// Loads a model from bytes; the bytes must stay valid (a static buffer).
Error load_crash_model(const u8* bytes, usize size, const char** why);
// Loads a crash model from a SISM file (`autoctl load`) into a static buffer that replaces
// the previous one. A file that cannot be read or does not parse leaves the current model in
// place; then `why` says what went wrong.
Error load_crash_model_file(StrView path, char* why, usize why_cap);

}  // namespace sis::ai
