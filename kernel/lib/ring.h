// Fixed-capacity single-producer/single-consumer byte ring. The UART interrupt handler is
// the producer for RX and the consumer for TX; indices are free-running so full and empty
// are distinguishable without wasting a slot. Capacity must be a power of two.
#pragma once
#include "lib/types.h"

namespace sis {

template <typename T, usize N>
class Ring {
  static_assert((N & (N - 1)) == 0, "capacity must be a power of two");

 public:
  bool push(T v) {
    usize h = __atomic_load_n(&head_, __ATOMIC_RELAXED);
    usize t = __atomic_load_n(&tail_, __ATOMIC_ACQUIRE);
    if (h - t == N) return false;
    buf_[h & (N - 1)] = v;
    __atomic_store_n(&head_, h + 1, __ATOMIC_RELEASE);
    return true;
  }
  bool pop(T* out) {
    usize t = __atomic_load_n(&tail_, __ATOMIC_RELAXED);
    usize h = __atomic_load_n(&head_, __ATOMIC_ACQUIRE);
    if (h == t) return false;
    *out = buf_[t & (N - 1)];
    __atomic_store_n(&tail_, t + 1, __ATOMIC_RELEASE);
    return true;
  }
  usize size() const { return __atomic_load_n(&head_, __ATOMIC_ACQUIRE) - __atomic_load_n(&tail_, __ATOMIC_ACQUIRE); }
  bool empty() const { return size() == 0; }
  bool full() const { return size() == N; }
  static constexpr usize capacity() { return N; }

 private:
  T buf_[N];
  usize head_ = 0;
  usize tail_ = 0;
};

}  // namespace sis
