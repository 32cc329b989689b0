// NEON (Advanced SIMD) kernels for aarch64: 4 float lanes, fused multiply-add, four output
// rows per pass of matvec so each load of x feeds four rows. Compiled only where the
// compiler targets NEON (the kernel's FP object library); elsewhere neon_kernels() is null.
//
// FP/SIMD safety in the kernel: this file is built without -mgeneral-regs-only. Interrupt
// handlers are built with it and never touch v registers, so an interrupt in the middle of
// these loops cannot corrupt them; the thread that runs inference must be one whose FP
// state the scheduler saves on a switch (docs/llm.md, "FP/SIMD in the kernel").
#include "ai/llm/kernels.h"

#if defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>

namespace sis::llm {
namespace {

float dot(const float* a, const float* b, u32 n) {
  float32x4_t acc0 = vdupq_n_f32(0.0f), acc1 = vdupq_n_f32(0.0f);
  u32 j = 0;
  for (; j + 8 <= n; j += 8) {
    acc0 = vfmaq_f32(acc0, vld1q_f32(a + j), vld1q_f32(b + j));
    acc1 = vfmaq_f32(acc1, vld1q_f32(a + j + 4), vld1q_f32(b + j + 4));
  }
  for (; j + 4 <= n; j += 4) acc0 = vfmaq_f32(acc0, vld1q_f32(a + j), vld1q_f32(b + j));
  float s = vaddvq_f32(vaddq_f32(acc0, acc1));
  for (; j < n; ++j) s += a[j] * b[j];
  return s;
}

void matvec(float* out, const float* x, const float* w, u32 n, u32 d) {
  u32 i = 0;
  for (; i + 4 <= d; i += 4) {
    const float* r0 = w + u64(i) * n;
    const float* r1 = r0 + n;
    const float* r2 = r1 + n;
    const float* r3 = r2 + n;
    float32x4_t a0 = vdupq_n_f32(0.0f), a1 = a0, a2 = a0, a3 = a0;
    u32 j = 0;
    for (; j + 4 <= n; j += 4) {
      float32x4_t xv = vld1q_f32(x + j);
      a0 = vfmaq_f32(a0, vld1q_f32(r0 + j), xv);
      a1 = vfmaq_f32(a1, vld1q_f32(r1 + j), xv);
      a2 = vfmaq_f32(a2, vld1q_f32(r2 + j), xv);
      a3 = vfmaq_f32(a3, vld1q_f32(r3 + j), xv);
    }
    float s0 = vaddvq_f32(a0), s1 = vaddvq_f32(a1), s2 = vaddvq_f32(a2), s3 = vaddvq_f32(a3);
    for (; j < n; ++j) {
      s0 += r0[j] * x[j];
      s1 += r1[j] * x[j];
      s2 += r2[j] * x[j];
      s3 += r3[j] * x[j];
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < d; ++i) out[i] = dot(w + u64(i) * n, x, n);
}

void axpy(float* y, float a, const float* x, u32 n) {
  float32x4_t av = vdupq_n_f32(a);
  u32 j = 0;
  for (; j + 4 <= n; j += 4) vst1q_f32(y + j, vfmaq_f32(vld1q_f32(y + j), av, vld1q_f32(x + j)));
  for (; j < n; ++j) y[j] += a * x[j];
}

void rmsnorm(float* out, const float* x, const float* g, u32 n, float eps) {
  float ss = dot(x, x, n);
  float inv = 1.0f / __builtin_sqrtf(ss / static_cast<float>(n) + eps);
  float32x4_t iv = vdupq_n_f32(inv);
  u32 j = 0;
  for (; j + 4 <= n; j += 4) vst1q_f32(out + j, vmulq_f32(vld1q_f32(g + j), vmulq_f32(iv, vld1q_f32(x + j))));
  for (; j < n; ++j) out[j] = g[j] * (inv * x[j]);
}

const Kernels kNeon = {"neon", matvec, dot, axpy, rmsnorm};

}  // namespace

const Kernels* neon_kernels() { return &kNeon; }

}  // namespace sis::llm

#else

namespace sis::llm {
const Kernels* neon_kernels() { return nullptr; }
}  // namespace sis::llm

#endif
