// The few transcendental functions inference needs, without a libm (the kernel has none):
// exp in float for softmax and SiLU (relative error below 2e-7 over the used range) and
// double-precision exp/log/sin/cos for the RoPE tables, computed once per model load.
#pragma once
#include "lib/types.h"

namespace sis::llm {

inline float bits_to_float(u32 b) { float f; __builtin_memcpy(&f, &b, 4); return f; }
inline double bits_to_double(u64 b) { double f; __builtin_memcpy(&f, &b, 8); return f; }
inline u64 double_to_bits(double d) { u64 b; __builtin_memcpy(&b, &d, 8); return b; }

inline float exp_f(float x) {
  if (x < -87.0f) return 0.0f;
  if (x > 88.0f) x = 88.0f;
  // exp(x) = 2^k * exp(r), |r| <= ln2/2; ln2 split in two for an exact-ish reduction.
  float kf = __builtin_floorf(x * 1.44269504f + 0.5f);
  float r = x - kf * 0.693145751953125f;
  r = r - kf * 1.428606765330187e-06f;
  float p = 1.0f + r * (1.0f + r * (0.5f + r * (0.16666667f + r * (0.041666667f + r * (0.0083333333f + r * 0.0013888889f)))));
  i32 k = static_cast<i32>(kf);
  return p * bits_to_float(static_cast<u32>(k + 127) << 23);
}

inline double exp_d(double x) {
  if (x < -700.0) return 0.0;
  if (x > 700.0) x = 700.0;
  double kf = __builtin_floor(x * 1.4426950408889634 + 0.5);
  double r = x - kf * 0.6931471805599453;
  double term = 1.0, sum = 1.0;
  for (int i = 1; i < 20; ++i) {
    term *= r / i;
    sum += term;
  }
  i64 k = static_cast<i64>(kf);
  return sum * bits_to_double(static_cast<u64>(k + 1023) << 52);
}

inline double log_d(double x) {  // x > 0, finite
  u64 b = double_to_bits(x);
  i64 e = static_cast<i64>((b >> 52) & 0x7ff) - 1023;
  double m = bits_to_double((b & ((u64(1) << 52) - 1)) | (u64(1023) << 52));  // [1, 2)
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ++e;
  }
  double t = (m - 1.0) / (m + 1.0), t2 = t * t, term = t, sum = 0.0;
  for (int i = 1; i < 60; i += 2) {
    sum += term / i;
    term *= t2;
  }
  return 2.0 * sum + static_cast<double>(e) * 0.6931471805599453;
}

// sin and cos of x (|x| up to ~1e6) in double.
inline void sincos_d(double x, double* s, double* c) {
  const double two_pi = 6.283185307179586;
  double k = __builtin_floor(x / two_pi + 0.5);
  double r = x - k * two_pi;  // [-pi, pi]
  double term = r, sn = 0.0;
  for (int i = 1; i < 40; i += 2) {
    sn += term;
    term *= -r * r / ((i + 1) * (i + 2));
  }
  term = 1.0;
  double cs = 0.0;
  for (int i = 0; i < 40; i += 2) {
    cs += term;
    term *= -r * r / ((i + 1) * (i + 2));
  }
  *s = sn;
  *c = cs;
}

}  // namespace sis::llm
