// 128-bit integer helpers for the power model's fixed-point arithmetic (portable). The kernel
// is built with -nostdlib and -mgeneral-regs-only: no floating point and no libgcc, so
// 128-bit division (normally __divti3) and square roots are done here by shift-and-subtract.
// They are slow (~128 steps) and meant for the least-squares solve, not for hot paths.
#pragma once
#include "lib/types.h"

namespace sis::power {

using i128 = __int128;
using u128 = unsigned __int128;

// Quotient of n / d rounded toward zero; d must not be 0 (returns 0 then).
inline u128 udiv128(u128 n, u128 d) {
  if (d == 0) return 0;
  if (n < d) return 0;
  if ((n >> 64) == 0 && (d >> 64) == 0) return static_cast<u64>(n) / static_cast<u64>(d);
  u128 q = 0, r = 0;
  for (int i = 127; i >= 0; --i) {
    r = (r << 1) | ((n >> i) & 1);
    if (r >= d) {
      r -= d;
      q |= static_cast<u128>(1) << i;
    }
  }
  return q;
}

inline i128 sdiv128(i128 n, i128 d) {
  bool neg = (n < 0) != (d < 0);
  u128 q = udiv128(n < 0 ? static_cast<u128>(-n) : static_cast<u128>(n), d < 0 ? static_cast<u128>(-d) : static_cast<u128>(d));
  return neg ? -static_cast<i128>(q) : static_cast<i128>(q);
}

// Rounded to nearest (ties away from zero).
inline i128 sdiv128_round(i128 n, i128 d) {
  if (d == 0) return 0;
  bool neg = (n < 0) != (d < 0);
  u128 un = n < 0 ? static_cast<u128>(-n) : static_cast<u128>(n);
  u128 ud = d < 0 ? static_cast<u128>(-d) : static_cast<u128>(d);
  u128 q = udiv128(un + (ud >> 1), ud);
  return neg ? -static_cast<i128>(q) : static_cast<i128>(q);
}

// floor(sqrt(v)) for v >= 0 (bit by bit, no division).
inline u128 isqrt128(u128 v) {
  u128 res = 0;
  u128 bit = static_cast<u128>(1) << 126;
  while (bit > v) bit >>= 2;
  while (bit != 0) {
    if (v >= res + bit) {
      v -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  return res;
}

// (a * b) >> 32 rounded, a and b signed 64-bit (Q32 multiply).
inline i64 mul_q32(i64 a, i64 b) {
  i128 p = static_cast<i128>(a) * b;
  p += static_cast<i128>(1) << 31;
  return static_cast<i64>(p >> 32);
}

}  // namespace sis::power
