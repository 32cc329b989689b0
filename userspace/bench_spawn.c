// bench_spawn [N [PATH [ARGS...]]]: fork + execve + wait4 of PATH (default /bin/busybox true)
// N times (default 1000); every child must exit 0. Prints us per spawn.
#include "bench.h"

int main(int argc, char **argv) {
  long n = iterations(argc, argv, 1000);
  char *fallback[] = {"/bin/busybox", "true", NULL};
  char **child_argv = argc > 2 ? argv + 2 : fallback;
  uint64_t start = now_ns();
  for (long i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
      execv(child_argv[0], child_argv);
      _exit(127);
    }
    int status = wait_child(pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      char desc[64];
      fprintf(stderr, "spawn %ld of %s: %s\n", i, child_argv[0], describe_status(status, desc, sizeof desc));
      return 1;
    }
  }
  uint64_t elapsed = now_ns() - start;
  printf("fork+exec+wait of %s: %ld spawns in %llu ns, %.1f us/spawn\n", child_argv[0], n,
         (unsigned long long)elapsed, (double)elapsed / (double)n / 1000.0);
  return 0;
}
