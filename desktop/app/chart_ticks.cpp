#include "chart_ticks.h"

#include <cmath>

namespace sis::desktop {

double nice_step(double raw) {
  if (!(raw > 0) || !std::isfinite(raw)) return 1;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / mag;  // 1 <= m < 10
  // A small tolerance: 0.30000000000000004 / 0.1 must be 3, not a hair above (then 5).
  for (double f : {1.0, 2.0, 5.0})
    if (m <= f * (1 + 1e-9)) return f * mag;
  return 10 * mag;
}

int decimals_for_step(double step) {
  if (!(step > 0) || step >= 1) return 0;
  return static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
}

NiceScale nice_scale(double lo, double hi, int max_ticks) {
  NiceScale s;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return s;
  if (hi < lo) std::swap(lo, hi);
  if (max_ticks < 1) max_ticks = 1;
  double span = hi - lo;
  if (span <= 0) span = std::fabs(hi) > 0 ? std::fabs(hi) : 1;
  double step = nice_step(span / max_ticks);
  for (int i = 0; i < 4; ++i) {  // the rounded ends may need one more interval than allowed
    s.lo = std::floor(lo / step + 1e-9) * step;
    s.hi = std::ceil(hi / step - 1e-9) * step;
    if (s.hi <= s.lo) s.hi = s.lo + step;
    if ((s.hi - s.lo) / step <= max_ticks + 1e-9) break;
    step = nice_step(step * 1.5);
  }
  s.step = step;
  s.decimals = decimals_for_step(step);
  return s;
}

QString label_format(const NiceScale& s) { return QStringLiteral("%.%1f").arg(s.decimals); }

}  // namespace sis::desktop
