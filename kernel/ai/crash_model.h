// Crash predictor: memory-state features and a small integer MLP that estimates the
// probability of an out-of-memory failure within the next kHorizonMs (docs/ai.md).
//
// Portable: the kernel samples MemSample from its allocators (monitor.cpp) and the host
// trainer and tests replay recorded samples through the same FeatureWindow, so training and
// inference see bit-identical features.
#pragma once
#include "ai/model_file.h"
#include "ai/tensor.h"

namespace sis::ai {

constexpr u64 kHorizonMs = 2000;  // "crash within the next 2 s" is the positive class
constexpr u64 kSamplePeriodMs = 100;

// One reading of the kernel's memory state (cumulative counters are since boot).
struct MemSample {
  static constexpr usize kOrders = 11;
  u64 t_ns = 0;
  u64 managed_pages = 0;
  u64 free_pages = 0;
  u64 free_blocks[kOrders] = {};
  u64 failures = 0;       // allocation failures (buddy + large kmalloc), cumulative
  u64 allocs = 0;         // buddy allocations, cumulative
  u64 slab_bytes = 0;     // held by slab caches
  u64 cache_bytes = 0;    // the program image cache (memory the kernel can give back)
  u32 runnable = 0;       // run-queue length (0 while there is no scheduler)
  // User processes (0 while none runs): page faults resolved since the window began
  // (cumulative over every process seen, dead ones included), and the resident-set growth of
  // the fastest-growing process over about the last second, in pages.
  u64 user_faults = 0;
  u64 rss_growth_pages = 0;
  // Block caches (fs/block_cache.h; 0 without a mounted disk): bytes holding blocks, and
  // lookups that hit and missed (cumulative).
  u64 bcache_bytes = 0;
  u64 bcache_hits = 0, bcache_misses = 0;
};

struct CrashFeatures {
  static constexpr usize kCount = 17;
  i16 v[kCount] = {};
};
extern const char* const kCrashFeatureNames[CrashFeatures::kCount];

// The last second of samples and the features computed from them.
class FeatureWindow {
 public:
  static constexpr usize kCap = 16;
  void push(const MemSample& s);
  void reset() { n_ = 0; }
  usize size() const { return n_ < kCap ? n_ : kCap; }
  // Features from the newest sample and the ones before it; false with no sample yet.
  bool features(CrashFeatures* out) const;
  const MemSample& newest() const { return s_[(n_ - 1) % kCap]; }

 private:
  // i = 0: newest; clamped to the oldest held.
  const MemSample& back(usize i) const;
  MemSample s_[kCap];
  usize n_ = 0;
};

// Unusable free-space index for order k (0..256 = Q8.8 fraction of free pages that sit in
// blocks smaller than 2^k pages).
i32 fragmentation_q8(const MemSample& s, unsigned k);

class CrashModel {
 public:
  static constexpr usize kHidden = 16;

  // Parses a kind-1 model file (tensors: mean i16 1xF, scale i16 1xF, W1 i8 HxF, b1 i32 1xH,
  // W2 i8 1xH, b2 i32 1x1). On failure the model stays as it was and *why says what is wrong.
  Error load(const u8* bytes, usize size, const char** why);
  bool loaded() const { return loaded_; }
  u32 version() const { return file_.version; }
  u32 seed() const { return file_.seed; }
  u32 checksum() const { return file_.payload_crc; }
  static constexpr usize parameter_count() {
    return kHidden * CrashFeatures::kCount + kHidden + kHidden + 1;
  }

  // Risk of a crash within the horizon, Q15; logit_q8 receives the pre-sigmoid value.
  u32 predict_q15(const CrashFeatures& f, i32* logit_q8 = nullptr) const;

 private:
  ModelFile file_;
  bool loaded_ = false;
};

}  // namespace sis::ai
