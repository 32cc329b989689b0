// Least-squares fit of the power model to meter readings (portable, integer only).
//
// Samples (features x, metered power y) are accumulated as exact 128-bit sums, so adding a
// sample is cheap and memory is constant. solve() forms the centred normal equations,
// standardises them (each feature divided by its spread, so the matrix is a correlation
// matrix in Q30 whatever the features' units), adds a small ridge term, and solves by
// Gaussian elimination with partial pivoting in 128-bit fixed point. Features that never
// varied (no disk: io is always 0; a PMU that does not count instructions) are left out
// and get slope 0. The intercept is the model's idle power.
//
// Limits: up to 1e6 feature units (util in ppm), |y| < 2^24 mW, at most 65535 samples: the
// sums then stay below 2^70, far inside 128 bits.
#pragma once
#include "lib/result.h"
#include "power/fixed.h"
#include "power/power_model.h"

namespace sis::power {

class LeastSquares {
 public:
  static constexpr u32 kMaxSamples = 65535;

  void reset() { *this = LeastSquares(); }
  // False when full or a value is out of range (the sample is not used).
  bool add(const Features& f, i64 y_mw);
  u32 count() const { return n_; }

  struct Fit {
    Coefficients coeffs;
    u32 used_mask = 0;   // features that entered the fit (bit k = feature k)
    i64 r2_ppm = 0;      // coefficient of determination, ppm
  };
  // ridge_ppm: added to the standardised matrix's diagonal (1e6 = 1.0). mask: features to try.
  Result<Fit> solve(u32 mask = (1u << kFeatureCount) - 1, i64 ridge_ppm = 100) const;

 private:
  u32 n_ = 0;
  i128 sx_[kFeatureCount] = {};
  i128 sxx_[kFeatureCount][kFeatureCount] = {};
  i128 sxy_[kFeatureCount] = {};
  i128 sy_ = 0;
  i128 syy_ = 0;
};

}  // namespace sis::power
