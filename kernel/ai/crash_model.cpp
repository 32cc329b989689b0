// Crash predictor features and inference (see crash_model.h).
#include "ai/crash_model.h"

namespace sis::ai {

const char* const kCrashFeatureNames[CrashFeatures::kCount] = {
    "free_ratio",     "free_trend_1s", "free_trend_100ms", "frag_order3", "frag_order6",
    "largest_free",   "slab_ratio",    "slab_growth_1s",   "fail_rate_1s", "failing_now",
    "alloc_rate",     "cache_ratio",   "runqueue",         "fault_rate",  "rss_growth_1s",
    "bcache_ratio",   "bcache_hit",
};

namespace {

i32 ratio_q8(u64 part, u64 whole) { return whole ? static_cast<i32>(part * 256 / whole) : 0; }

// (a - b) per second over dt_ns, Q8.8 values in, Q8.8 per second out.
i32 per_second(i64 delta, u64 dt_ns) {
  if (dt_ns == 0) return 0;
  return static_cast<i32>(delta * 1000000000 / static_cast<i64>(dt_ns));
}

}  // namespace

i32 fragmentation_q8(const MemSample& s, unsigned k) {
  if (!s.free_pages) return 0;
  u64 usable = 0;
  for (unsigned j = k; j < MemSample::kOrders; ++j) usable += s.free_blocks[j] << j;
  if (usable > s.free_pages) usable = s.free_pages;
  return ratio_q8(s.free_pages - usable, s.free_pages);
}

void FeatureWindow::push(const MemSample& s) {
  s_[n_ % kCap] = s;
  ++n_;
}

const MemSample& FeatureWindow::back(usize i) const {
  usize held = size();
  if (i >= held) i = held - 1;
  return s_[(n_ - 1 - i) % kCap];
}

bool FeatureWindow::features(CrashFeatures* out) const {
  if (n_ == 0) return false;
  const MemSample& now = back(0);
  const MemSample& prev = back(1);
  const MemSample& sec = back(1000 / kSamplePeriodMs);  // about 1 s ago (or the oldest)
  i32 v[CrashFeatures::kCount];
  i32 free_now = ratio_q8(now.free_pages, now.managed_pages);
  v[0] = free_now;
  v[1] = per_second(free_now - ratio_q8(sec.free_pages, sec.managed_pages), now.t_ns - sec.t_ns);
  v[2] = per_second(free_now - ratio_q8(prev.free_pages, prev.managed_pages), now.t_ns - prev.t_ns);
  v[3] = fragmentation_q8(now, 3);
  v[4] = fragmentation_q8(now, 6);
  unsigned largest = 0;
  for (unsigned j = 0; j < MemSample::kOrders; ++j)
    if (now.free_blocks[j]) largest = j + 1;
  v[5] = static_cast<i32>(largest * 256 / MemSample::kOrders);
  u64 bytes = now.managed_pages * 4096;
  i32 slab_now = ratio_q8(now.slab_bytes, bytes);
  v[6] = slab_now;
  v[7] = per_second(slab_now - ratio_q8(sec.slab_bytes, sec.managed_pages * 4096), now.t_ns - sec.t_ns);
  u64 fails_1s = now.failures - sec.failures;
  v[8] = static_cast<i32>(min<u64>(fails_1s, 1000) * 256 / 10);  // 10 failures/s = 1.0
  v[9] = now.failures != prev.failures ? 256 : 0;
  u64 dt = now.t_ns - sec.t_ns;
  u64 alloc_rate = dt ? (now.allocs - sec.allocs) * 1000000000 / dt : 0;  // per second
  v[10] = static_cast<i32>(min<u64>(alloc_rate, 1000000) * 256 / 100000);  // 100k/s = 1.0
  v[11] = ratio_q8(now.cache_bytes, bytes);
  v[12] = static_cast<i32>(min<u32>(now.runnable, 256) * 256 / 8);  // 8 runnable = 1.0
  u64 faults_1s = now.user_faults >= sec.user_faults ? now.user_faults - sec.user_faults : 0;
  u64 fault_rate = dt ? faults_1s * 1000000000 / dt : 0;                   // per second
  v[13] = static_cast<i32>(min<u64>(fault_rate, 1000000) * 256 / 10000);  // 10k/s = 1.0
  v[14] = ratio_q8(now.rss_growth_pages, now.managed_pages);               // of memory, per ~1 s
  v[15] = ratio_q8(now.bcache_bytes, bytes);
  // (A cache unmounted within the window makes a total fall: count nothing then.)
  u64 hits = now.bcache_hits >= sec.bcache_hits ? now.bcache_hits - sec.bcache_hits : 0;
  u64 misses = now.bcache_misses >= sec.bcache_misses ? now.bcache_misses - sec.bcache_misses : 0;
  u64 looked = hits + misses;
  v[16] = looked ? ratio_q8(hits, looked) : 256;  // no lookups: nothing missed
  for (usize i = 0; i < CrashFeatures::kCount; ++i) out->v[i] = sat16(v[i]);
  return true;
}

Error CrashModel::load(const u8* bytes, usize size, const char** why) {
  ModelFile f;
  constexpr u16 F = CrashFeatures::kCount, H = kHidden;
  Error e = f.parse(bytes, size);
  if (e == Error::Ok && f.kind != ModelKind::Crash) {
    f.error = "not a crash-predictor model (wrong kind)";
    e = Error::BadFormat;
  }
  if (e == Error::Ok && !(f.expect(0, DType::I16, 1, F) && f.expect(1, DType::I16, 1, F) &&
                          f.expect(2, DType::I8, H, F) && f.expect(3, DType::I32, 1, H) &&
                          f.expect(4, DType::I8, 1, H) && f.expect(5, DType::I32, 1, 1))) {
    e = Error::BadFormat;
  }
  if (e != Error::Ok) {
    if (why) *why = f.error;
    return e;
  }
  file_ = f;
  loaded_ = true;
  return Error::Ok;
}

u32 CrashModel::predict_q15(const CrashFeatures& f, i32* logit_q8) const {
  constexpr usize F = CrashFeatures::kCount, H = kHidden;
  if (!loaded_) {
    if (logit_q8) *logit_q8 = 0;
    return kProbOne / 2;
  }
  const TensorView* t = file_.tensors;
  const i16* mean = t[0].i16s();
  const i16* scale = t[1].i16s();
  i16 x[F];
  for (usize i = 0; i < F; ++i)
    x[i] = sat16(round_shift((static_cast<i64>(f.v[i]) - mean[i]) * scale[i], kActShift));
  i16 h[H];
  matvec(t[2].i8s(), t[3].i32s(), x, h, H, F, t[2].shift);
  relu(h, H);
  i16 out;
  matvec(t[4].i8s(), t[5].i32s(), h, &out, 1, H, t[4].shift);
  if (logit_q8) *logit_q8 = out;
  return sigmoid_q15(out);
}

}  // namespace sis::ai
