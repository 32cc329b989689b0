// Helpers shared by the test programs (static aarch64 glibc, run by SIS and by the
// qemu-aarch64-static oracle). Output must be byte-identical under both: no addresses, no
// timing, no PIDs except where the oracle harness knows the PID (hello).
#pragma once
// Built with -D_GNU_SOURCE (cmake/userspace.cmake): strerrorname_np, sigabbrev_np, pipe2.
#include <stdbool.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

// Fails the program with a message naming the call; the caller's checks say what it expected.
static inline void die(const char *what) {
  fprintf(stderr, "%s: %s\n", what, strerror(errno));
  exit(1);
}

// Line-buffered stdout even into a pipe (procctl and the oracle capture it): a program killed
// by a signal still has printed every line it finished, and fork does not duplicate a buffer.
static inline void line_buffered(void) { setvbuf(stdout, NULL, _IOLBF, 0); }

// "exited with code N" / "killed by SIGSEGV": a wait status as the programs print it.
static inline const char *describe_status(int status, char *buf, size_t len) {
  if (WIFEXITED(status)) {
    snprintf(buf, len, "exited with code %d", WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    const char *abbrev = sigabbrev_np(WTERMSIG(status));
    if (abbrev) snprintf(buf, len, "killed by SIG%s", abbrev);
    else snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
  } else {
    snprintf(buf, len, "wait status 0x%x", status);
  }
  return buf;
}

// Waits for one child and returns its status; a failing waitpid ends the program.
static inline int wait_child(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) die("waitpid");
  }
  return status;
}
