// llmctl selftest: the NEON kernels against the scalar reference, in the guest (the x86
// host cannot run NEON). Random inputs from a fixed seed exercise matvec, dot, axpy and
// rmsnorm at awkward sizes (not multiples of 4), then a whole forward pass of the loaded
// model runs with each kernel set and the logits are compared. Integer-only results, so the
// general-registers-only shell can print them.
#pragma once
#include "lib/types.h"

namespace sis::llm {

struct SelftestResult {
  bool neon_available = false;
  u32 cases = 0, failures = 0;
  u64 max_rel_diff_e9 = 0;     // worst relative difference of the kernel cases, x 1e9
  u64 max_logit_diff_e9 = 0;   // forward pass: worst absolute logit difference, x 1e9
  u32 positions = 0;           // forward pass positions compared (0: no model loaded)
  bool same_argmax = true;     // greedy choice identical at every position
  u64 scalar_ns = 0, neon_ns = 0;  // time of the forward passes
};

// Bounds: kernel cases must agree to a relative 1e-5, logits to an absolute 1e-3.
constexpr u64 kSelftestRelTolE9 = 10000, kSelftestLogitTolE9 = 1000000;

SelftestResult run_selftest(u32 positions);

}  // namespace sis::llm
