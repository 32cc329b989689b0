// Growing the profiler's env_alloc'd arrays (name table, stack counter, folded text): one
// copy of the allocate, move and free that each of them used to spell out.
#pragma once
#include "lib/env.h"
#include "lib/string.h"

namespace sis::prof {

// Moves the first `used` elements of `p` into a new array of `new_cap` elements and frees
// the old one. False (p unchanged) when out of memory. T is trivially copyable.
template <typename T>
bool resize_array(T*& p, usize used, usize new_cap) {
  T* q = static_cast<T*>(env_alloc(new_cap * sizeof(T)));
  if (!q) return false;
  if (used) memcpy(q, p, used * sizeof(T));
  env_free(p);
  p = q;
  return true;
}

// Makes room for at least `need` elements: the capacity doubles from `first`, up to the
// largest allocation env_alloc makes (kEnvMaxAlloc bytes). False (p and cap unchanged) when
// `need` does not fit in that or memory runs out.
template <typename T>
bool reserve_array(T*& p, usize& cap, usize used, usize need, usize first = 64) {
  if (need <= cap) return true;
  usize n = cap ? cap : first;
  while (n < need) n *= 2;
  if (n * sizeof(T) > kEnvMaxAlloc) {
    n = kEnvMaxAlloc / sizeof(T);
    if (n < need) return false;
  }
  if (!resize_array(p, used, n)) return false;
  cap = n;
  return true;
}

}  // namespace sis::prof
