// jobctl: job-control stops and continues, as a job-control shell sees them. Each child is
// stopped (SIGSTOP from the parent, SIGTSTP it raises itself, SIGTSTP with a handler),
// waited for with WUNTRACED, continued with SIGCONT and waited for with WCONTINUED, then
// exits with a code that says it ran on after the stop. Also: waitid with WSTOPPED, a
// SIGKILL for a stopped child, and WNOHANG finding nothing to report. Prints each status.
#include <sys/wait.h>

#include "common.h"

static volatile sig_atomic_t got_tstp;
static void on_tstp(int sig) { got_tstp = sig; }

static void report(const char *what, int status) {
  if (WIFSTOPPED(status)) printf("%s: stopped by SIG%s\n", what, sigabbrev_np(WSTOPSIG(status)));
  else if (WIFCONTINUED(status)) printf("%s: continued\n", what);
  else {
    char buf[64];
    printf("%s: %s\n", what, describe_status(status, buf, sizeof buf));
  }
}

static int wait_for(pid_t pid, int options) {
  int status = 0;
  pid_t got;
  while ((got = waitpid(pid, &status, options)) < 0)
    if (errno != EINTR) die("waitpid");
  if (got != pid) {
    printf("waitpid returned %d, not the child\n", (int)got);
    exit(1);
  }
  return status;
}

int main(void) {
  line_buffered();
  // 1. Stopped from outside. The child loops until the parent's SIGCONT makes it go on.
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    for (;;) pause();  // SIGCONT's default action resumes; only SIGTERM ends it
  }
  kill(pid, SIGSTOP);
  report("SIGSTOP from the parent", wait_for(pid, WUNTRACED));
  int status;
  printf("WNOHANG with nothing new: %d\n", (int)waitpid(pid, &status, WNOHANG | WUNTRACED | WCONTINUED));
  kill(pid, SIGCONT);
  report("SIGCONT", wait_for(pid, WCONTINUED));
  kill(pid, SIGTERM);
  report("then SIGTERM", wait_for(pid, 0));

  // 2. The child stops itself (SIGTSTP's default action) and exits 7 once continued.
  pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    raise(SIGTSTP);
    _exit(7);
  }
  siginfo_t info;
  memset(&info, 0, sizeof info);
  if (waitid(P_PID, pid, &info, WSTOPPED) < 0) die("waitid");
  printf("waitid WSTOPPED: code %s, status SIG%s\n", info.si_code == CLD_STOPPED ? "CLD_STOPPED" : "other",
         sigabbrev_np(info.si_status));
  kill(pid, SIGCONT);
  report("raise(SIGTSTP), continued", wait_for(pid, 0));

  // 3. A handler for SIGTSTP: no stop, the handler runs.
  pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    signal(SIGTSTP, on_tstp);
    raise(SIGTSTP);
    _exit(got_tstp == SIGTSTP ? 8 : 9);
  }
  report("SIGTSTP with a handler", wait_for(pid, WUNTRACED));

  // 4. SIGKILL ends a stopped child.
  pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    raise(SIGSTOP);
    _exit(0);
  }
  report("raise(SIGSTOP)", wait_for(pid, WUNTRACED));
  kill(pid, SIGKILL);
  report("SIGKILL while stopped", wait_for(pid, 0));
  printf("jobctl: done\n");
  return 0;
}
