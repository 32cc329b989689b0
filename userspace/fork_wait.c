// fork_wait [N]: forks N children (default 5); child i exits with code 10+i, and one more
// child is killed by SIGTERM. The parent waits for each in creation order and prints the
// statuses, then checks that a further wait reports ECHILD (every child was reaped).
#include "common.h"

int main(int argc, char **argv) {
  line_buffered();
  int n = argc > 1 ? atoi(argv[1]) : 5;
  if (n < 1 || n > 64) {
    fprintf(stderr, "usage: fork_wait [N]  (1..64 children)\n");
    return 2;
  }
  pid_t pids[65];
  printf("fork_wait: forking %d children\n", n);
  fflush(stdout);
  for (int i = 0; i <= n; i++) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
      if (i == n) {  // the last one dies of a signal instead of exiting
        kill(getpid(), SIGTERM);
        _exit(99);  // not reached: SIGTERM's default action terminates
      }
      if (getppid() <= 0) _exit(98);
      _exit(10 + i);
    }
    pids[i] = pid;
  }
  char buf[64];
  for (int i = 0; i <= n; i++) {
    int status = wait_child(pids[i]);
    printf("child %d: %s\n", i, describe_status(status, buf, sizeof buf));
  }
  pid_t more = wait(NULL);
  printf("wait with no children left: %s\n", more < 0 ? strerrorname_np(errno) : "returned a child");
  return 0;
}
