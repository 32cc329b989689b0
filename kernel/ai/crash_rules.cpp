// Simple-rule detectors (see crash_rules.h).
#include "ai/crash_rules.h"

#include "lib/string.h"

namespace sis::ai {

const char* detector_name(Detector d) {
  switch (d) {
    case Detector::Model: return "model";
    case Detector::Tte: return "tte";
    case Detector::Psi: return "psi";
  }
  return "?";
}

bool parse_detector(StrView s, Detector* out) {
  for (u8 i = 0; i <= static_cast<u8>(Detector::Psi); ++i)
    if (Detector d = static_cast<Detector>(i); s == StrView(detector_name(d))) {
      *out = d;
      return true;
    }
  return false;
}

u32 time_to_exhaustion_ms(const CrashFeatures& f) {
  i32 free_q8 = f.v[0], trend_q8 = f.v[1];  // fraction free, and its change per second
  if (trend_q8 >= 0) return kNoExhaustion;
  if (free_q8 <= 0) return 0;
  u64 ms = static_cast<u64>(free_q8) * 1000 / static_cast<u64>(-static_cast<i64>(trend_q8));
  return ms >= kNoExhaustion ? kNoExhaustion - 1 : static_cast<u32>(ms);
}

}  // namespace sis::ai
