// sigrestart: what a signal does to a read that waits on an empty pipe, the three ways a
// shell meets it. A handler without SA_RESTART makes the read fail with EINTR; a handler
// with SA_RESTART runs and the read goes on to return the data written later; a stop and a
// continue (no handler at all) leave the read waiting for its data too. The output does not
// depend on timing: the parent signals again and again until the child's read returns
// (signals that come before the read only run the handler), and writes the data last.
#include <time.h>

#include "common.h"

static volatile sig_atomic_t handled;
static void on_usr1(int sig) {
  (void)sig;
  handled = 1;
}

static void nap(void) {
  struct timespec ts = {0, 20 * 1000 * 1000};
  nanosleep(&ts, NULL);
}

// The child: reads the pipe once and reports what came back.
static void reader(int fd) {
  char buf[16];
  ssize_t n = read(fd, buf, sizeof buf);
  if (n < 0) printf("  read: %s, handler ran: %s\n", strerrorname_np(errno), handled ? "yes" : "no");
  else printf("  read: %d bytes \"%.*s\", handler ran: %s\n", (int)n, (int)n, buf, handled ? "yes" : "no");
  _exit(0);
}

// Pokes the child with `poke` until it exits or `rounds` pokes were made; then writes.
static void run(const char *what, int flags, int rounds, void (*poke)(pid_t)) {
  printf("%s\n", what);
  // Installed before the fork: the child has it before the first poke can come.
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = flags;
  if (sigaction(SIGUSR1, &sa, NULL) < 0) die("sigaction");
  int fds[2];
  if (pipe(fds) < 0) die("pipe");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    close(fds[1]);
    reader(fds[0]);
  }
  close(fds[0]);
  int status = 0;
  bool done = false;
  for (int i = 0; i < rounds && !done; ++i) {
    poke(pid);
    nap();
    pid_t got = waitpid(pid, &status, WNOHANG);
    if (got < 0) die("waitpid");
    done = got == pid;
  }
  if (write(fds[1], "data", 4) != 4) {
    if (!done) die("write");  // EPIPE once the reader is gone is expected
  }
  close(fds[1]);
  if (!done) status = wait_child(pid);
  char buf[64];
  printf("  child %s\n", describe_status(status, buf, sizeof buf));
}

static void send_usr1(pid_t pid) { kill(pid, SIGUSR1); }

static void stop_and_continue(pid_t pid) {
  int status;
  kill(pid, SIGSTOP);
  if (waitpid(pid, &status, WUNTRACED) < 0) die("waitpid WUNTRACED");
  kill(pid, SIGCONT);
  if (waitpid(pid, &status, WCONTINUED) < 0) die("waitpid WCONTINUED");
}

int main(void) {
  line_buffered();
  signal(SIGPIPE, SIG_IGN);
  // Until the read returns: it must, with EINTR.
  run("handler without SA_RESTART:", 0, 1000, send_usr1);
  // Five signals, at least one while the read waits: it must go on and get the data.
  run("handler with SA_RESTART:", SA_RESTART, 5, send_usr1);
  run("stopped and continued, no handler:", 0, 5, stop_and_continue);
  printf("sigrestart: done\n");
  return 0;
}
