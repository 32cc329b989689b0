// Scalar reference kernels: the definition the NEON versions and the NumPy reference
// (tests/llm/reference.py) are compared against. Loops are written so the compiler may not
// reorder the sums (no -ffast-math anywhere), which keeps the host results reproducible.
#include "ai/llm/kernels.h"

namespace sis::llm {
namespace {

void matvec(float* out, const float* x, const float* w, u32 n, u32 d) {
  for (u32 i = 0; i < d; ++i) {
    const float* row = w + u64(i) * n;
    float s = 0.0f;
    for (u32 j = 0; j < n; ++j) s += row[j] * x[j];
    out[i] = s;
  }
}

float dot(const float* a, const float* b, u32 n) {
  float s = 0.0f;
  for (u32 j = 0; j < n; ++j) s += a[j] * b[j];
  return s;
}

void axpy(float* y, float a, const float* x, u32 n) {
  for (u32 j = 0; j < n; ++j) y[j] += a * x[j];
}

void rmsnorm(float* out, const float* x, const float* g, u32 n, float eps) {
  float ss = 0.0f;
  for (u32 j = 0; j < n; ++j) ss += x[j] * x[j];
  float inv = 1.0f / __builtin_sqrtf(ss / static_cast<float>(n) + eps);
  for (u32 j = 0; j < n; ++j) out[j] = g[j] * (inv * x[j]);
}

const Kernels kScalar = {"scalar", matvec, dot, axpy, rmsnorm};

}  // namespace

const Kernels& scalar_kernels() { return kScalar; }

const Kernels& best_kernels() {
  const Kernels* n = neon_kernels();
  return n ? *n : kScalar;
}

}  // namespace sis::llm
