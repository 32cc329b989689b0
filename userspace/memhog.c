// memhog: grows its memory by touching fresh pages, the workload the out-of-memory killer
// and autonomy's "stop the largest consumer" act on (tests/integration/test_proc_oom.sh).
//   memhog MIB [MS]   touch MIB MiB in 1 MiB steps (MS milliseconds apart, default 0), then
//                     print the total and exit 0. Under a memory limit it is killed instead.
// The memory comes from mmap (anonymous, private), one page at a time written, so every
// step is real resident memory, not a reservation.
#include <sys/mman.h>
#include <time.h>

#include "common.h"

int main(int argc, char **argv) {
  line_buffered();
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: memhog MIB [MS]\n");
    return 2;
  }
  long mib = strtol(argv[1], NULL, 10), ms = argc == 3 ? strtol(argv[2], NULL, 10) : 0;
  if (mib <= 0 || ms < 0) {
    fprintf(stderr, "memhog: MIB must be positive and MS not negative\n");
    return 2;
  }
  const size_t step = 1 << 20;
  for (long i = 0; i < mib; i++) {
    unsigned char *p = mmap(NULL, step, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) die("mmap");
    for (size_t off = 0; off < step; off += 4096) p[off] = (unsigned char)(i + 1);
    if ((i + 1) % 16 == 0) printf("memhog: %ld MiB\n", i + 1);
    if (ms) {
      struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
      nanosleep(&t, NULL);
    }
  }
  printf("memhog: touched %ld MiB\n", mib);
  return 0;
}
