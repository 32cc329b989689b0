// Scalar fixed-point tensor kernels (see tensor.h for the number formats).
#include "ai/tensor.h"

#if defined(SIS_AI_NEON)
#include "arch/arch.h"
#endif

namespace sis::ai {
namespace {

// 2^(i/32) in Q16 for i = 0..32 (exp2 of the fractional part, interpolated linearly).
constexpr u32 kExp2Q16[33] = {65536,  66971,  68438,  69936,  71468,  73032,  74632,  76266,  77936,
                              79642,  81386,  83169,  84990,  86851,  88752,  90696,  92682,  94711,
                              96785,  98905,  101070, 103283, 105545, 107856, 110218, 112631, 115098,
                              117618, 120194, 122825, 125515, 128263, 131072};
constexpr i32 kLog2eQ12 = 5909;  // log2(e) * 4096

using MatvecFn = void (*)(const i8*, const i32*, const i16*, i16*, usize, usize, int);
MatvecFn g_matvec = matvec_scalar;
bool g_neon = false;

}  // namespace

#if defined(SIS_AI_NEON)
// tensor_neon.cpp (kernel only, compiled with NEON enabled).
void matvec_neon_kernel(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift);

// Interrupts masked (no handler, no preemption in between), FP/SIMD access allowed and the
// whole register file saved and restored around the NEON kernel: the lazy FP switching of
// the scheduler sees exactly the registers it left. ~528 bytes saved and restored per call.
void matvec_neon_guarded(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift) {
  static arch::FpState saved;  // one user at a time: interrupts are masked
  u64 irq = arch::irq_save();
  bool access = arch::fp_access_allowed();
  if (!access) arch::fp_set_access(true);
  arch::fp_save(&saved);
  matvec_neon_kernel(w, bias, x, y, rows, cols, wshift);
  arch::fp_restore(&saved);
  if (!access) arch::fp_set_access(false);
  arch::irq_restore(irq);
}
bool neon_available() { return true; }
#else
bool neon_available() { return false; }
#endif

void matvec_scalar(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift) {
  for (usize r = 0; r < rows; ++r) {
    const i8* row = w + r * cols;
    i32 acc = 0;  // |w| <= 128, |x| <= 32768, cols <= 4096: |acc| < 2^31
    for (usize c = 0; c < cols; ++c) acc += static_cast<i32>(row[c]) * x[c];
    i64 v = round_shift(acc, wshift) + (bias ? bias[r] : 0);
    y[r] = sat16(v);
  }
}

void matvec(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift) {
  g_matvec(w, bias, x, y, rows, cols, wshift);
}

bool set_neon(bool on) {
#if defined(SIS_AI_NEON)
  g_neon = on;
  g_matvec = on ? matvec_neon_guarded : matvec_scalar;
  return true;
#else
  g_neon = false;
  g_matvec = matvec_scalar;
  return !on;
#endif
}
bool neon_enabled() { return g_neon; }

void matmul(const i8* w, const i32* bias, const i16* x, i16* y, usize n, usize rows, usize cols, int wshift) {
  for (usize i = 0; i < n; ++i) matvec(w, bias, x + i * cols, y + i * rows, rows, cols, wshift);
}

void relu(i16* x, usize n) {
  for (usize i = 0; i < n; ++i)
    if (x[i] < 0) x[i] = 0;
}

i32 dot_q8(const i16* a, const i16* b, usize n) {
  i64 acc = 0;
  for (usize i = 0; i < n; ++i) acc += static_cast<i32>(a[i]) * b[i];
  i64 v = round_shift(acc, kActShift);
  return static_cast<i32>(v > 0x7fffffff ? 0x7fffffff : v < -0x7fffffff ? -0x7fffffff : v);
}

u32 exp_neg_q16(i32 x_q8) {
  if (x_q8 >= 0) return 65536;
  // t = x * log2(e) in Q16 (negative): 2^t = 2^n * 2^(f / 65536), n = floor(t / 65536).
  i64 t = (static_cast<i64>(x_q8) * kLog2eQ12) >> 4;
  i64 n = t >> 16;  // arithmetic shift: floor
  u32 f = static_cast<u32>(t - n * 65536);  // 0..65535
  u32 i = f >> 11, r = f & 2047;
  u32 m = kExp2Q16[i] + static_cast<u32>((static_cast<u64>(kExp2Q16[i + 1] - kExp2Q16[i]) * r + 1024) >> 11);
  if (-n >= 32) return 0;
  return static_cast<u32>(round_shift(m, static_cast<int>(-n)));
}

u32 sigmoid_q15(i32 x_q8) {
  if (x_q8 < 0) return kProbOne - sigmoid_q15(x_q8 == INT32_MIN ? INT32_MAX : -x_q8);
  u64 e = exp_neg_q16(-x_q8);  // Q16
  return static_cast<u32>((u64{1} << 31) / (65536 + e));
}

void softmax_q15(const i32* logits_q8, u16* probs, usize n) {
  if (n == 0) return;
  i32 mx = logits_q8[0];
  for (usize i = 1; i < n; ++i) mx = max(mx, logits_q8[i]);
  u64 sum = 0;
  u32 e[64];
  usize m = n < 64 ? n : 64;  // callers keep n <= 64 (the scheduler caps its token count)
  for (usize i = 0; i < m; ++i) {
    i64 d = static_cast<i64>(logits_q8[i]) - mx;
    e[i] = exp_neg_q16(d < -0x7fffffff ? -0x7fffffff : static_cast<i32>(d));
    sum += e[i];
  }
  for (usize i = 0; i < m; ++i) probs[i] = static_cast<u16>((static_cast<u64>(e[i]) << 15) / sum);
  for (usize i = m; i < n; ++i) probs[i] = 0;
}

u32 isqrt64(u64 v) {
  u64 r = 0, bit = u64{1} << 62;
  while (bit > v) bit >>= 2;
  while (bit) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return static_cast<u32>(r);
}

void rmsnorm(const i16* x, const i16* gain, i16* y, usize n) {
  if (n == 0) return;
  u64 ss = 0;
  for (usize i = 0; i < n; ++i) ss += static_cast<u64>(static_cast<i64>(x[i]) * x[i]);
  u32 rms = isqrt64(ss / n);  // Q8.8
  if (rms == 0) rms = 1;
  for (usize i = 0; i < n; ++i) {
    i64 v = (static_cast<i64>(x[i]) << kActShift) / rms;  // Q8.8, unit RMS
    if (gain) v = round_shift(v * gain[i], kActShift);
    y[i] = sat16(v);
  }
}

void layernorm(const i16* x, const i16* gain, i16* y, usize n) {
  if (n == 0) return;
  i64 sum = 0;
  for (usize i = 0; i < n; ++i) sum += x[i];
  i64 mean = sum / static_cast<i64>(n);
  i16 centered[256];
  usize m = n < 256 ? n : 256;
  for (usize i = 0; i < m; ++i) centered[i] = sat16(x[i] - mean);
  rmsnorm(centered, gain, y, m);
}

usize argmax_i32(const i32* v, usize n) {
  usize best = 0;
  for (usize i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

}  // namespace sis::ai
