// The crash predictor's simple-rule detectors (docs/ai.md "Baselines"): computed from the same
// integer features as the model (crash_model.h), so the kernel (monitor.cpp) and the host
// evaluation harness (tools/ai-train) agree bit for bit on when each one alarms.
//   tte  time to exhaustion: free memory / the rate it fell over the last second. Alarms when
//        memory would run out within the threshold at the current rate.
//   psi  a pressure threshold in the spirit of systemd-oomd's PSI limit. The kernel has no
//        reclaim, so an allocation never stalls: it fails. Pressure is therefore the rate of
//        failed allocations over the last second (fail_rate_1s), the closest thing the kernel
//        measures to "time stalled on memory".
// Portable: host tests and the trainer link it.
#pragma once
#include "ai/crash_model.h"
#include "lib/types.h"

namespace sis::ai {

enum class Detector : u8 { Model = 0, Tte = 1, Psi = 2 };
const char* detector_name(Detector d);  // "model", "tte", "psi"
bool parse_detector(StrView s, Detector* out);

constexpr u32 kNoExhaustion = 0xffffffffu;
// Milliseconds until free memory reaches zero at the last second's rate; kNoExhaustion
// when free memory is not falling.
u32 time_to_exhaustion_ms(const CrashFeatures& f);
// Failed allocations per second over the last second, in the feature's units (Q8.8 of
// 10 failures per second).
inline i32 pressure_q8(const CrashFeatures& f) { return f.v[8]; }

}  // namespace sis::ai
