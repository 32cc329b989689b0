// Burst prediction for the learned EEVDF policies (learned_policy.h), made when a thread
// wakes up, never when the scheduler picks. From a thread's recent CPU bursts (CPU time
// between two blocking points) and its last sleep, predict
//   - its next CPU burst, and
//   - how latency-critical it is: the probability that the next burst ends within 1 ms,
//     i.e. that it blocks again soon (scx_lavd's intuition: short bursts, frequent waits).
// Two predictors: an EWMA of past bursts (no training), and a small MLP in integer
// arithmetic trained on traces the kernel recorded itself (tools/ai-train/sched_burst_*,
// docs/scheduler.md). Portable: the host trainer computes the features with this code, so
// kernel and trainer agree bit for bit.
#pragma once
#include "lib/types.h"

namespace sis::sched {

using i8 = __INT8_TYPE__;
using i16 = __INT16_TYPE__;

// log2 of (ns / 1000 + 1) in Q8.8 (0 .. ~14 for 0 .. 16 ms), integer only: the MSB gives the
// integer part, the next 8 bits below it the fraction (linear between powers of two).
i32 log2_us_q8(u64 ns);
// Inverse of log2_us_q8 (same piecewise-linear curve), in ns.
u64 exp2_us_q8(i32 q);

constexpr u64 kCriticalBurstNs = 1000000;  // a burst under 1 ms: latency-critical

struct BurstFeatures {
  static constexpr usize kCount = 6;
  i16 v[kCount] = {};  // Q8.8, log2_us_q8 minus kCenter
  static constexpr i32 kCenter = 8 * 256;  // log2(256 us): centres the inputs
};
extern const char* const kBurstFeatureNames[BurstFeatures::kCount];

// What a thread's past says; updated once per completed burst (at its wake-up).
struct BurstHistory {
  static constexpr usize kKeep = 4;
  u64 bursts[kKeep] = {};  // newest first
  u64 last_sleep_ns = 0;
  u64 ewma_ns = 0;         // EWMA of bursts, 1/4 weight for the newest
  u32 count = 0;           // bursts observed
  // A burst of burst_ns ended, then the thread slept sleep_ns.
  void observe(u64 burst_ns, u64 sleep_ns);
  BurstFeatures features() const;
};

struct BurstPrediction {
  u64 burst_ns = 0;    // predicted next burst
  u16 crit_q15 = 0;    // latency-criticality in [0, 1] (Q15)
  u64 slice_ns = 0;    // the slice the policy asks for (0: the base slice)
};

// The slice for a prediction: latency-critical threads (crit >= 1/2) ask for 1.5x their
// predicted burst (at least 0.1 ms), so their deadline comes early; others the base slice.
// EEVDF's lag bound keeps the CPU share fair whatever is asked (eevdf_policy.h).
u64 slice_for(u64 burst_ns, u16 crit_q15);

// EWMA: predicted burst = the EWMA; critical when it is under kCriticalBurstNs.
BurstPrediction predict_ewma(const BurstHistory& h);

// The MLP: kIn -> kHidden (ReLU) -> 2 outputs (log2 burst, Q8.8 minus kCenter; criticality
// logit, Q8.8). Weights are int8 scaled by 2^-shift per layer, biases int32 at the
// accumulator's scale; activations Q8.8.
struct BurstMlp {
  static constexpr usize kIn = BurstFeatures::kCount, kHidden = 8, kOut = 2;
  u32 version = 0;
  u8 shift1 = 0, shift2 = 0;
  i8 w1[kHidden][kIn] = {};
  i32 b1[kHidden] = {};
  i8 w2[kOut][kHidden] = {};
  i32 b2[kOut] = {};
};
// Integer inference: out[0] predicted log2 burst (Q8.8, centred), out[1] criticality logit (Q8.8).
void mlp_forward(const BurstMlp& m, const BurstFeatures& x, i32 out[2]);
BurstPrediction predict_mlp(const BurstMlp& m, const BurstHistory& h);
// The model built into the kernel (sched/models/burst_mlp.inc, made by sis-sched-train).
const BurstMlp& builtin_burst_mlp();

// Q15 logistic of a Q8.8 logit (piecewise linear, integer; used by the kernel and trainer).
u16 sigmoid_q15(i32 logit_q8);

}  // namespace sis::sched
