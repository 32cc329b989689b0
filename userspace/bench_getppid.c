// bench_getppid [N]: the null system call round trip, getppid N times (default 100000) as a
// raw syscall (glibc does not cache it, but be explicit), timed with CLOCK_MONOTONIC.
#include <sys/syscall.h>

#include "bench.h"

int main(int argc, char **argv) {
  long n = iterations(argc, argv, 100000);
  long sink = 0;
  uint64_t start = now_ns();
  for (long i = 0; i < n; i++) sink += syscall(SYS_getppid);
  uint64_t elapsed = now_ns() - start;
  if (sink == 0) fprintf(stderr, "getppid returned 0 every time\n");
  printf("getppid: %ld calls in %llu ns, %.1f ns/call\n", n, (unsigned long long)elapsed,
         (double)elapsed / (double)n);
  return 0;
}
