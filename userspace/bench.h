// Shared by the bench_* programs: a monotonic clock in nanoseconds and the iteration count
// from argv[1]. Bench output is timing (not compared with the oracle, only its format).
#pragma once
#include <stdint.h>
#include <time.h>

#include "common.h"

static inline uint64_t now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) die("clock_gettime");
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline long iterations(int argc, char **argv, long fallback) {
  long n = argc > 1 ? atol(argv[1]) : fallback;
  if (n < 1) {
    fprintf(stderr, "usage: %s [ITERATIONS]  (at least 1)\n", argv[0]);
    exit(2);
  }
  return n;
}
