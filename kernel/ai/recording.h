// Recording one labelled run for the crash predictor's trainer (kernel only; `crashctl
// record`, tools/ai-train/record.sh). Clean by construction:
//   1. autonomy off, slabs compacted, and the monitor's feature window reset, so no trend,
//      failure count or alarm reaches back into the previous run (monitor_reset_window);
//   2. a quiet warm-up of `warmup_ms` (benign time: samples of an idle kernel);
//   3. the workload: a kernel scenario (scenarios.h) or a user program (argv), to its end or
//      its crash.
// Every monitor sample in between lands in a static buffer (whichever thread took it); the
// caller prints them afterwards. Times are milliseconds since the recording began.
// The crash of a user program is the out-of-memory killer acting: the first sample whose
// failure counter moved; crash_ms is the sample before it (the failure happened after that
// sample, so lead times measured against it are never flattering).
#pragma once
#include "ai/crash_model.h"
#include "ai/scenarios.h"

namespace sis::ai {

struct RecordedSample {
  u64 t_ms;
  u64 free_pages;
  u64 failures;
  u32 risk_q15;
  CrashFeatures f;
};

struct RecordingSpec {
  const char* family = "";              // the run's family name in the traces
  u64 seed = 0;
  u64 warmup_ms = 1000;
  const ScenarioConfig* scenario = nullptr;  // a kernel scenario, or
  const char* const* argv = nullptr;         // a user program (NULL-terminated)
};

struct RecordingResult {
  bool crashed = false;
  u64 crash_ms = 0;
  u64 stress_ms = 0;       // when the workload started
  u64 elapsed_ms = 0;
  bool oom_killed = false;  // user program: the out-of-memory killer took it
  int exit_status = 0;      // user program: shell-style exit status
  ScenarioResult scenario;  // kernel scenario: its own result (times since stress_ms)
};

constexpr usize kMaxRecordedSamples = 1500;  // 150 s at kSamplePeriodMs

Error record_run(const RecordingSpec& spec, RecordingResult* out, char* why, usize why_cap);
usize recorded_count();
const RecordedSample& recorded_sample(usize i);

}  // namespace sis::ai
