// Least squares in 128-bit fixed point: see least_squares.h.
#include "power/least_squares.h"

namespace sis::power {
namespace {

constexpr int kQ = 30;  // the standardised matrix: Q30
constexpr i128 kOne = static_cast<i128>(1) << kQ;
constexpr i64 kMaxX = 1ll << 24;
constexpr i64 kMaxY = 1ll << 24;

i128 abs128(i128 v) { return v < 0 ? -v : v; }

}  // namespace

bool LeastSquares::add(const Features& f, i64 y) {
  if (n_ >= kMaxSamples || y < 0 || y > kMaxY) return false;
  for (u32 k = 0; k < kFeatureCount; ++k)
    if (f.x[k] < 0 || f.x[k] > kMaxX) return false;
  ++n_;
  sy_ += y;
  syy_ += static_cast<i128>(y) * y;
  for (u32 j = 0; j < kFeatureCount; ++j) {
    sx_[j] += f.x[j];
    sxy_[j] += static_cast<i128>(f.x[j]) * y;
    for (u32 k = 0; k < kFeatureCount; ++k) sxx_[j][k] += static_cast<i128>(f.x[j]) * f.x[k];
  }
  return true;
}

Result<LeastSquares::Fit> LeastSquares::solve(u32 mask, i64 ridge_ppm) const {
  if (n_ < 2) return Error::Invalid;
  const i128 n = n_;
  // Centred sums times n: D_jk = n*S_jk - S_j*S_k = n^2 * cov(j, k).
  u32 idx[kFeatureCount];
  u32 m = 0;
  i128 s[kFeatureCount] = {};
  for (u32 k = 0; k < kFeatureCount; ++k) {
    if (!(mask & (1u << k))) continue;
    i128 d = n * sxx_[k][k] - sx_[k] * sx_[k];
    u128 root = d > 0 ? isqrt128(static_cast<u128>(d)) : 0;
    if (root < 16) continue;  // (almost) constant: cannot be told apart from the intercept
    s[m] = static_cast<i128>(root);
    idx[m++] = k;
  }
  Fit fit;
  i128 beta_q32[kFeatureCount] = {};  // indexed like idx
  if (m > 0) {
    i128 a[kFeatureCount][kFeatureCount + 1];  // augmented: R | c
    for (u32 i = 0; i < m; ++i) {
      for (u32 j = 0; j < m; ++j) {
        i128 d = n * sxx_[idx[i]][idx[j]] - sx_[idx[i]] * sx_[idx[j]];
        a[i][j] = sdiv128_round(d * kOne, s[i] * s[j]);
      }
      a[i][i] += sdiv128_round(static_cast<i128>(ridge_ppm) * kOne, 1000000);
      i128 dy = n * sxy_[idx[i]] - sx_[idx[i]] * sy_;
      a[i][m] = sdiv128_round(dy * 65536, s[i]);  // Q16
    }
    // Gaussian elimination with partial pivoting.
    for (u32 p = 0; p < m; ++p) {
      u32 best = p;
      for (u32 r = p + 1; r < m; ++r)
        if (abs128(a[r][p]) > abs128(a[best][p])) best = r;
      if (abs128(a[best][p]) < 16) return Error::Invalid;  // singular even with the ridge
      if (best != p)
        for (u32 c = 0; c <= m; ++c) {
          i128 t = a[p][c];
          a[p][c] = a[best][c];
          a[best][c] = t;
        }
      for (u32 r = p + 1; r < m; ++r) {
        i128 f = sdiv128_round(a[r][p] * kOne, a[p][p]);  // Q30
        for (u32 c = p; c <= m; ++c) a[r][c] -= (f * a[p][c]) >> kQ;
      }
    }
    i128 gamma[kFeatureCount] = {};  // Q16
    for (u32 ii = m; ii-- > 0;) {
      i128 acc = a[ii][m];
      for (u32 c = ii + 1; c < m; ++c) acc -= (a[ii][c] * gamma[c]) >> kQ;
      gamma[ii] = sdiv128_round(acc * kOne, a[ii][ii]);
    }
    // beta_k = gamma_k / s_k (real units): in Q32 = gamma(Q16) * 2^16 / s_k.
    for (u32 i = 0; i < m; ++i) {
      beta_q32[i] = sdiv128_round(gamma[i] * 65536, s[i]);
      fit.coeffs.slope_q32[idx[i]] = static_cast<i64>(beta_q32[i]);
      fit.used_mask |= 1u << idx[i];
    }
  }
  // Intercept: (S_y - sum beta_k S_k) / n.
  i128 acc = sy_ << 32;
  for (u32 i = 0; i < m; ++i) acc -= beta_q32[i] * sx_[idx[i]];
  fit.coeffs.idle_mw = static_cast<i64>(sdiv128_round(acc, n << 32));
  // Residual: n * SSE = D_yy - sum beta_k D_ky (D = n * centred sum; exact for least
  // squares without ridge, a slight overestimate with it).
  i128 dyy = n * syy_ - sy_ * sy_;
  i128 nsse = dyy;
  for (u32 i = 0; i < m; ++i) {
    i128 dky = n * sxy_[idx[i]] - sx_[idx[i]] * sy_;
    nsse -= (beta_q32[i] * dky) >> 32;
  }
  if (nsse < 0) nsse = 0;
  // rms = sqrt(SSE / n) = sqrt((n * SSE) / n^2)
  u128 per = udiv128(static_cast<u128>(nsse), static_cast<u128>(n * n));
  fit.coeffs.rms_mw = static_cast<i64>(isqrt128(per));
  fit.r2_ppm = dyy > 0 ? static_cast<i64>(1000000 - sdiv128_round(nsse * 1000000, dyy)) : 0;
  fit.coeffs.samples = n_;
  fit.coeffs.calibrated = true;
  return fit;
}

}  // namespace sis::power
