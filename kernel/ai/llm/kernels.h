// The inner loops of inference behind one table, so the scalar reference and the NEON
// versions are interchangeable at run time (llmctl selftest and the unit tests compare
// them). The scalar table sums in plain index order; NEON keeps 4-lane partial sums, so the
// two differ only by float rounding (the self-test bounds the difference).
#pragma once
#include "lib/types.h"

namespace sis::llm {

struct Kernels {
  const char* name;
  // out[i] = sum_j w[i * n + j] * x[j] for i < d (w is d rows of n).
  void (*matvec)(float* out, const float* x, const float* w, u32 n, u32 d);
  float (*dot)(const float* a, const float* b, u32 n);
  void (*axpy)(float* y, float a, const float* x, u32 n);  // y += a * x
  // out = x * g / sqrt(mean(x^2) + eps)
  void (*rmsnorm)(float* out, const float* x, const float* g, u32 n, float eps);
};

const Kernels& scalar_kernels();
// The NEON table, or nullptr when this build has no NEON (the x86 host).
const Kernels* neon_kernels();
// NEON when available, else scalar.
const Kernels& best_kernels();

}  // namespace sis::llm
