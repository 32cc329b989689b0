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
//   3. stop the consumer that grew fastest over the last second (last resort).
// Each action is a trace record naming the detector that raised the alarm, and a line in the
// action log (`crashctl status`). An alarm's outcome is filled in when its horizon has
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

struct MonitorStatus {
  bool model_loaded = false;
  const char* model_error = "";
  u32 model_version = 0;
  u32 model_checksum = 0;
  bool autonomy = false;
  u32 threshold_q15 = 0;
  Detector detector = Detector::Model;
  u32 tte_threshold_ms = 0;
  i32 psi_threshold_q8 = 0;
  bool in_alarm = false;
  u32 risk_q15 = 0;
  u32 confidence_q15 = 0;  // |2 risk - 1|
  i32 logit_q8 = 0;
  u64 samples = 0;
  u64 alarms = 0;
  u64 actions = 0;
  u64 last_alarm_id = 0;
  u64 last_alarm_ns = 0;
  u32 last_alarm_risk_q15 = 0;
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

void set_autonomy(bool on);
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
