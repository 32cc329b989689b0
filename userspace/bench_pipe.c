// bench_pipe [N]: pipe ping-pong between two processes, N round trips (default 10000) of one
// byte each way; prints ns per round trip (two context switches and four pipe calls).
#include "bench.h"

int main(int argc, char **argv) {
  long n = iterations(argc, argv, 10000);
  int to_child[2], to_parent[2];
  if (pipe(to_child) != 0 || pipe(to_parent) != 0) die("pipe");
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  char byte = 'x';
  if (pid == 0) {
    close(to_child[1]);
    close(to_parent[0]);
    while (read(to_child[0], &byte, 1) == 1) {
      if (write(to_parent[1], &byte, 1) != 1) _exit(1);
    }
    _exit(0);
  }
  close(to_child[0]);
  close(to_parent[1]);
  uint64_t start = now_ns();
  for (long i = 0; i < n; i++) {
    if (write(to_child[1], &byte, 1) != 1) die("write");
    if (read(to_parent[0], &byte, 1) != 1) die("read");
  }
  uint64_t elapsed = now_ns() - start;
  close(to_child[1]);
  int status = wait_child(pid);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "the echo child failed\n");
    return 1;
  }
  printf("pipe ping-pong: %ld round trips in %llu ns, %.1f ns/round trip\n", n,
         (unsigned long long)elapsed, (double)elapsed / (double)n);
  return 0;
}
