// exec_chain [N]: execs /bin/exec_chain with N-1 until N is 0 (default 3), then /bin/hello.
// Every step prints its argv and the CHAIN environment variable the previous step set, so
// argv and envp crossing execve are checked; the PID stays the same (hello prints it). It
// first tries to exec a file that does not exist and prints the error.
#include "common.h"

int main(int argc, char **argv) {
  line_buffered();
  int left = argc > 1 ? atoi(argv[1]) : 3;
  const char *chain = getenv("CHAIN");
  printf("exec_chain: argc %d, argv[0] %s, %d left, CHAIN=%s\n", argc, argv[0], left,
         chain ? chain : "(unset)");
  if (!chain) {
    char *missing[] = {"missing", NULL};
    execv("/bin/no-such-program", missing);
    printf("exec of /bin/no-such-program: %s\n", strerrorname_np(errno));
  }
  char link[256];
  snprintf(link, sizeof link, "%s%s%d", chain ? chain : "", chain ? "," : "", left);
  if (setenv("CHAIN", link, 1) != 0) die("setenv");
  fflush(stdout);
  if (left > 0) {
    char count[16];
    snprintf(count, sizeof count, "%d", left - 1);
    char *next[] = {"exec_chain", count, "an extra argument", NULL};
    execv("/bin/exec_chain", next);
    die("execv /bin/exec_chain");
  }
  char *hello[] = {"hello", NULL};
  execv("/bin/hello", hello);
  die("execv /bin/hello");
}
