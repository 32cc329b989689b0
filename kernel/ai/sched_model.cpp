// Attention model for the scheduler (see sched_model.h).
#include "ai/sched_model.h"

namespace sis::ai {

const char* const kSchedFeatureNames[SchedFeatures::kCount] = {
    "last_burst_ms", "avg_burst_ms", "wait_ms", "burst_so_far_ms", "io_ratio", "nice", "run_s", "woken",
};

namespace {
i32 ms_q8(u64 ns) { return static_cast<i32>(min<u64>(ns, 100000000) * 256 / 1000000); }  // 1 ms = 1.0
}  // namespace

SchedFeatures sched_features(const ThreadFacts& f) {
  SchedFeatures s;
  i32 v[SchedFeatures::kCount];
  v[0] = ms_q8(f.last_burst_ns);
  v[1] = ms_q8(f.avg_burst_ns);
  v[2] = ms_q8(f.wait_ns);
  v[3] = ms_q8(f.burst_so_far_ns);
  u64 sw = f.voluntary + f.involuntary;
  v[4] = sw ? static_cast<i32>(f.voluntary * 256 / sw) : 128;
  v[5] = f.nice * 256 / 20;
  v[6] = static_cast<i32>(min<u64>(f.run_ns, 100000000000ull) * 256 / 1000000000);  // 1 s = 1.0
  v[7] = f.woken ? 256 : 0;
  for (usize i = 0; i < SchedFeatures::kCount; ++i) s.v[i] = sat16(v[i]);
  return s;
}

Error SchedModel::load(const u8* bytes, usize size, const char** why) {
  ModelFile f;
  constexpr u16 I = kIn, D = kDim;
  Error e = f.parse(bytes, size);
  if (e == Error::Ok && f.kind != ModelKind::Sched) {
    f.error = "not a scheduler model (wrong kind)";
    e = Error::BadFormat;
  }
  if (e == Error::Ok &&
      !(f.expect(0, DType::I16, 1, I) && f.expect(1, DType::I16, 1, I) && f.expect(2, DType::I8, D, I) &&
        f.expect(3, DType::I32, 1, D) && f.expect(4, DType::I8, D, D) && f.expect(5, DType::I8, D, D) &&
        f.expect(6, DType::I8, D, D) && f.expect(7, DType::I8, 1, 2 * D) && f.expect(8, DType::I32, 1, 1)))
    e = Error::BadFormat;
  if (e != Error::Ok) {
    if (why) *why = f.error;
    return e;
  }
  file_ = f;
  loaded_ = true;
  return Error::Ok;
}

usize SchedModel::pick(const SchedFeatures* x, usize n, i32* scores, u16* attn_row) {
  if (n == 0) return 0;
  if (n > kMaxTokens) n = kMaxTokens;
  if (!loaded_) {
    for (usize i = 0; i < n; ++i) scores[i] = 0;
    return 0;
  }
  const TensorView* t = file_.tensors;
  const i16* mean = t[0].i16s();
  const i16* scale = t[1].i16s();
  for (usize i = 0; i < n; ++i) {
    for (usize j = 0; j < kIn; ++j) {
      // Normalized inputs are clamped to +-kClamp standard deviations: a thread unlike any
      // seen in training (the shell after a 1 s command) must not dominate by sheer size.
      i64 v = round_shift((static_cast<i64>(x[i].v[j]) - mean[j]) * scale[j], kActShift);
      xn_[i][j] = static_cast<i16>(v > kClamp ? kClamp : v < -kClamp ? -kClamp : v);
    }
    matvec(t[2].i8s(), t[3].i32s(), xn_[i], h_[i], kDim, kIn, t[2].shift);
    relu(h_[i], kDim);
    matvec(t[4].i8s(), nullptr, h_[i], q_[i], kDim, kDim, t[4].shift);
    matvec(t[5].i8s(), nullptr, h_[i], k_[i], kDim, kDim, t[5].shift);
    matvec(t[6].i8s(), nullptr, h_[i], v_[i], kDim, kDim, t[6].shift);
  }
  // 1/sqrt(8) = 0.35355 ~ 91/256.
  constexpr i32 kInvSqrtD = 91;
  i32 logits[kMaxTokens];
  for (usize i = 0; i < n; ++i) {
    for (usize j = 0; j < n; ++j) logits[j] = static_cast<i32>(round_shift(static_cast<i64>(dot_q8(q_[i], k_[j], kDim)) * kInvSqrtD, kActShift));
    softmax_q15(logits, a_[i], n);
    for (usize d = 0; d < kDim; ++d) {
      i64 acc = 0;
      for (usize j = 0; j < n; ++j) acc += static_cast<i64>(a_[i][j]) * v_[j][d];
      u_[i][kDim + d] = sat16(round_shift(acc, 15));
      u_[i][d] = h_[i][d];
    }
  }
  i16 s16[kMaxTokens];
  for (usize i = 0; i < n; ++i) matvec(t[7].i8s(), t[8].i32s(), u_[i], &s16[i], 1, 2 * kDim, t[7].shift);
  for (usize i = 0; i < n; ++i) scores[i] = s16[i];
  usize best = argmax_i32(scores, n);
  if (attn_row)
    for (usize j = 0; j < n; ++j) attn_row[j] = a_[best][j];
  return best;
}

}  // namespace sis::ai
