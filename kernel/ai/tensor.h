// Tensor kernels for the kernel's models: fixed-point integer arithmetic only.
//
// Why integers: the kernel is built with -mgeneral-regs-only (interrupt handlers never save
// FP/SIMD registers), so the decision hot paths (a scheduler pick runs with the run-queue
// lock held and interrupts masked) cannot use floating point. Int8 weights, int16
// activations and int32/int64 accumulators are also what TCG emulates fastest: an integer
// multiply-add is one host instruction, an emulated FP operation is a helper call.
// The optional integer-NEON matrix-vector product (tensor_neon.cpp, kernel only) must give
// bit-identical results to the scalar reference here; `autoctl selftest` checks that in the
// guest.
//
// Conventions (docs/ai.md):
//  - activations: i16 in Q8.8 (256 = 1.0, range about +-128);
//  - weights: i8 with a per-matrix shift s (value = w / 2^s); biases: i32 in Q8.8;
//  - probabilities: Q15 (32768 = 1.0).
// No function allocates; every buffer is the caller's (fixed, preallocated model buffers).
#pragma once
#include "ai/ai_types.h"

namespace sis::ai {

constexpr int kActShift = 8;
constexpr i32 kOne = 1 << kActShift;  // 1.0 in Q8.8
constexpr i32 kProbOne = 1 << 15;     // 1.0 in Q15

inline i16 sat16(i64 v) { return static_cast<i16>(v > 32767 ? 32767 : v < -32768 ? -32768 : v); }
// Arithmetic shift right with round-half-up.
inline i64 round_shift(i64 v, int s) { return s <= 0 ? v : (v + (i64{1} << (s - 1))) >> s; }

// y[r] = sat16(round(sum_c W[r*cols + c] * x[c] >> wshift) + bias[r]); bias may be null.
// Scalar reference (portable). cols <= 4096.
void matvec_scalar(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift);

// The fastest matvec this build has (NEON in the kernel when enabled, else the scalar one).
void matvec(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift);
// Selects the implementation behind matvec (kernel: `autoctl neon on|off`). Returns false
// when NEON is not available in this build.
bool set_neon(bool on);
bool neon_enabled();
bool neon_available();

// Small matrix product: Y[n x rows] = X[n x cols] * W^T (+ bias), row by row with matvec.
void matmul(const i8* w, const i32* bias, const i16* x, i16* y, usize n, usize rows, usize cols, int wshift);

void relu(i16* x, usize n);
// Dot product of two Q8.8 vectors, result in Q8.8 (64-bit accumulation).
i32 dot_q8(const i16* a, const i16* b, usize n);

// e^x for x <= 0 in Q8.8, result in Q16 (65536 = 1.0); x > 0 is clamped to 0.
u32 exp_neg_q16(i32 x_q8);
// Logistic function of a Q8.8 input, in Q15.
u32 sigmoid_q15(i32 x_q8);
// Softmax over n Q8.8 logits into Q15 probabilities (they sum to 32768 +- n).
void softmax_q15(const i32* logits_q8, u16* probs, usize n);
// RMS norm: y = x / rms(x) * gain (gain in Q8.8, null = 1.0).
void rmsnorm(const i16* x, const i16* gain, i16* y, usize n);
// Layer norm without bias: y = (x - mean) / std * gain.
void layernorm(const i16* x, const i16* gain, i16* y, usize n);
u32 isqrt64(u64 v);
usize argmax_i32(const i32* v, usize n);

}  // namespace sis::ai
