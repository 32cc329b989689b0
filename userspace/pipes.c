// pipes: pipe + fork. The parent writes 1 MiB of pseudo-random bytes in chunks of varying
// size; the child reads to EOF and prints the byte count and a checksum; the parent prints
// its own after reaping the child (so the order of the lines is fixed). Then: read with no
// writers is EOF (0), write with no readers is EPIPE when SIGPIPE is ignored and kills with
// SIGPIPE by default, and an empty O_NONBLOCK pipe reads EAGAIN.
#include <fcntl.h>
#include <stdint.h>

#include "common.h"

enum { kTotal = 1 << 20 };

static uint32_t fnv1a(uint32_t h, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void transfer(void) {
  int fds[2];
  if (pipe(fds) != 0) die("pipe");
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    close(fds[1]);
    unsigned char buf[8192];
    uint32_t sum = 2166136261u;
    long total = 0;
    for (;;) {
      ssize_t got = read(fds[0], buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) die("child read");
      if (got == 0) break;
      sum = fnv1a(sum, buf, (size_t)got);
      total += got;
    }
    printf("child: read %ld bytes to EOF, fnv1a %08x\n", total, sum);
    fflush(stdout);
    _exit(0);
  }
  close(fds[0]);
  static unsigned char data[kTotal];
  for (size_t i = 0; i < kTotal; i += 8) {
    uint64_t r = next_random();
    memcpy(data + i, &r, 8);
  }
  size_t off = 0;
  while (off < kTotal) {
    size_t chunk = 1 + next_random() % 20000;  // odd sizes: partial pipe buffers
    if (chunk > kTotal - off) chunk = kTotal - off;
    ssize_t put = write(fds[1], data + off, chunk);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) die("parent write");
    off += (size_t)put;
  }
  close(fds[1]);
  char desc[64];
  int status = wait_child(pid);
  printf("parent: wrote %zu bytes, fnv1a %08x; child %s\n", off,
         fnv1a(2166136261u, data, kTotal), describe_status(status, desc, sizeof desc));
}

static void eof_and_epipe(void) {
  int fds[2];
  if (pipe(fds) != 0) die("pipe");
  if (write(fds[1], "ab", 2) != 2) die("write");
  close(fds[1]);
  char buf[8];
  ssize_t a = read(fds[0], buf, sizeof buf);
  ssize_t b = read(fds[0], buf, sizeof buf);
  printf("read after the last writer closed: %zd bytes, then %zd (EOF)\n", a, b);
  close(fds[0]);

  if (pipe(fds) != 0) die("pipe");
  close(fds[0]);
  signal(SIGPIPE, SIG_IGN);
  ssize_t w = write(fds[1], "x", 1);
  printf("write with no reader, SIGPIPE ignored: %zd, %s\n", w, w < 0 ? strerrorname_np(errno) : "no error");
  signal(SIGPIPE, SIG_DFL);
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    (void)write(fds[1], "x", 1);
    _exit(0);  // not reached: SIGPIPE's default action terminates
  }
  close(fds[1]);
  char desc[64];
  printf("write with no reader, SIGPIPE default: child %s\n", describe_status(wait_child(pid), desc, sizeof desc));

  if (pipe2(fds, O_NONBLOCK) != 0) die("pipe2");
  ssize_t r = read(fds[0], buf, sizeof buf);
  printf("read from an empty O_NONBLOCK pipe: %zd, %s\n", r, r < 0 ? strerrorname_np(errno) : "no error");
  close(fds[0]);
  close(fds[1]);
}

int main(void) {
  line_buffered();
  transfer();
  eof_and_epipe();
  return 0;
}
