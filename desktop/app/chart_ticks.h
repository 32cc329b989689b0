// "Nice" axis ticks for every chart: steps of 1, 2 or 5 x 10^n (never 2.5, never 9.73/7.3/
// 4.86), ranges that start and end on a tick, and labels with just enough decimals.
#pragma once
#include <QString>

namespace sis::desktop {

// The smallest of 1, 2, 5 x 10^n that is >= raw (raw > 0; 1 otherwise).
double nice_step(double raw);
// Decimals a label needs to show multiples of `step` exactly (0 for steps >= 1).
int decimals_for_step(double step);

struct NiceScale {
  double lo = 0, hi = 1, step = 0.2;
  int decimals = 1;
};
// A range covering [lo, hi] with at most `max_ticks` intervals of a nice step, its ends on
// multiples of that step. Empty or inverted ranges get one step; non-finite input gives 0..1.
NiceScale nice_scale(double lo, double hi, int max_ticks = 6);
// The printf format for labels of a scale ("%.0f", "%.2f"): QtCharts' QValueAxis wants one.
QString label_format(const NiceScale& s);

}  // namespace sis::desktop
