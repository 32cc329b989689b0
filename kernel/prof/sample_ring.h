// SampleRing: one CPU's samples between its sample interrupt (the only producer) and the
// drain thread (the only consumer). A full ring drops the new sample and counts it. Slots
// are filled in place (a Sample is ~700 bytes: no copy on the interrupted stack).
// Portable.
#pragma once
#include "prof/sample.h"

namespace sis::prof {

template <usize N>
class SampleRing {
  static_assert((N & (N - 1)) == 0, "capacity must be a power of two");

 public:
  // Producer: the slot to fill, or nullptr (counted as dropped) when full; then commit().
  Sample* reserve() {
    usize h = __atomic_load_n(&head_, __ATOMIC_RELAXED);
    if (h - __atomic_load_n(&tail_, __ATOMIC_ACQUIRE) == N) {
      __atomic_store_n(&dropped_, dropped_ + 1, __ATOMIC_RELAXED);
      return nullptr;
    }
    return &slots_[h & (N - 1)];
  }
  void commit() { __atomic_store_n(&head_, head_ + 1, __ATOMIC_RELEASE); }

  // Consumer: the oldest sample (nullptr when empty); release() frees its slot.
  const Sample* peek() const {
    usize t = __atomic_load_n(&tail_, __ATOMIC_RELAXED);
    if (__atomic_load_n(&head_, __ATOMIC_ACQUIRE) == t) return nullptr;
    return &slots_[t & (N - 1)];
  }
  void release() { __atomic_store_n(&tail_, tail_ + 1, __ATOMIC_RELEASE); }

  u64 dropped() const { return __atomic_load_n(&dropped_, __ATOMIC_RELAXED); }
  // Only while the producer is stopped.
  void reset() {
    head_ = tail_ = 0;
    dropped_ = 0;
  }
  static constexpr usize capacity() { return N; }

 private:
  Sample slots_[N];
  usize head_ = 0;
  usize tail_ = 0;
  u64 dropped_ = 0;
};

}  // namespace sis::prof
