// Sorting and reproducible pseudo-random numbers for kernel code: percentiles, benchmarks,
// tokenizer tables, stress tests. Heapsort: O(n log n), no recursion, no allocation.
#pragma once
#include "lib/types.h"

namespace sis {

template <typename T, typename Less>
void heap_sort(T* v, usize n, Less less) {
  auto sift = [&](usize i, usize end) {
    for (;;) {
      usize c = 2 * i + 1;
      if (c >= end) return;
      if (c + 1 < end && less(v[c], v[c + 1])) ++c;
      if (!less(v[i], v[c])) return;
      T t = v[i];
      v[i] = v[c];
      v[c] = t;
      i = c;
    }
  };
  for (usize i = n / 2; i-- > 0;) sift(i, n);
  for (usize end = n; end-- > 1;) {
    T t = v[0];
    v[0] = v[end];
    v[end] = t;
    sift(0, end);
  }
}

template <typename T>
void heap_sort(T* v, usize n) {
  heap_sort(v, n, [](const T& a, const T& b) { return a < b; });
}

// xorshift64: reproducible sequences from a seed (which must not be 0).
struct XorShift64 {
  u64 s;
  u64 next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  // Uniform enough for workloads and tests over [lo, hi] (a slight modulo bias, no more).
  u64 range(u64 lo, u64 hi) { return lo + next() % (hi - lo + 1); }
};

}  // namespace sis
