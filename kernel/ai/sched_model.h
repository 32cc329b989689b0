// The scheduler's model: a one-layer, single-head attention network over the runnable
// threads' feature vectors (docs/ai.md). Each candidate thread is a token:
//   h_i = relu(We x_i + be)              embedding, d = 8
//   q_i, k_i, v_i = Wq h_i, Wk h_i, Wv h_i
//   c_i = sum_j softmax_j(q_i . k_j / sqrt(d)) v_j      attention over the other threads
//   score_i = wo . [h_i ; c_i] + bo       the pick is argmax_i score_i
// Fixed point throughout (tensor.h); at most kMaxTokens candidates; all buffers live in the
// model object (no allocation per decision). Portable: the host simulator and trainer
// (tools/ai-train) run the exact kernel arithmetic.
#pragma once
#include "ai/model_file.h"
#include "ai/tensor.h"

namespace sis::ai {

struct SchedFeatures {
  static constexpr usize kCount = 8;
  i16 v[kCount] = {};
};
extern const char* const kSchedFeatureNames[SchedFeatures::kCount];

// Raw per-thread facts the features are made from (filled by the policy from a Thread).
struct ThreadFacts {
  u64 last_burst_ns = 0;
  u64 avg_burst_ns = 0;     // of the last (up to) 4 completed bursts
  u64 wait_ns = 0;          // runnable for this long
  u64 burst_so_far_ns = 0;  // CPU used since it last blocked
  u64 voluntary = 0, involuntary = 0;
  int nice = 0;
  u64 run_ns = 0;
  bool woken = false;       // its last enqueue was a wake-up
};
SchedFeatures sched_features(const ThreadFacts& f);

class SchedModel {
 public:
  static constexpr usize kIn = SchedFeatures::kCount;
  static constexpr usize kDim = 8;
  static constexpr usize kMaxTokens = 8;
  static constexpr i32 kClamp = 4 * kOne;  // normalized inputs are clamped to +-4
  static constexpr usize parameter_count() { return kDim * kIn + kDim + 3 * kDim * kDim + 2 * kDim + 1; }

  // Kind-2 model file: mean i16 1xIn, scale i16 1xIn, We i8 DxIn, be i32 1xD, Wq, Wk, Wv
  // i8 DxD, wo i8 1x2D, bo i32 1x1.
  Error load(const u8* bytes, usize size, const char** why);
  bool loaded() const { return loaded_; }
  u32 version() const { return file_.version; }
  u32 checksum() const { return file_.payload_crc; }

  // Scores n <= kMaxTokens candidates; returns the index of the best. `scores` gets the
  // Q8.8 scores; attn_row (optional) the chosen token's attention weights (Q15).
  usize pick(const SchedFeatures* x, usize n, i32* scores, u16* attn_row = nullptr);

 private:
  ModelFile file_;
  bool loaded_ = false;
  // Work buffers (one decision at a time: the caller holds the run-queue lock).
  i16 xn_[kMaxTokens][kIn];
  i16 h_[kMaxTokens][kDim], q_[kMaxTokens][kDim], k_[kMaxTokens][kDim], v_[kMaxTokens][kDim];
  i16 u_[kMaxTokens][2 * kDim];
  u16 a_[kMaxTokens][kMaxTokens];
};

}  // namespace sis::ai
