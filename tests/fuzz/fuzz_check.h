// Invariant checks for the fuzz targets: a violated invariant traps, which both libFuzzer and
// the replay driver report as a crash together with the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>

#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      __builtin_trap();                                                           \
    }                                                                             \
  } while (0)

// True when [p, p+n) lies inside [base, base+size).
inline bool fuzz_inside(const void* base, size_t size, const void* p, size_t n) {
  auto b = reinterpret_cast<uintptr_t>(base), q = reinterpret_cast<uintptr_t>(p);
  return q >= b && q - b <= size && n <= size - (q - b);
}
