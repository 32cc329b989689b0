// sys_fuzz [--seed S] [--iterations N] [--seconds T] [--batch B] [--dir DIR]: random system
// call numbers with random arguments from a seeded PRNG. The kernel must survive anything a
// process can ask; the fuzzer itself is expected to be hurt by what it asks (it may unmap its
// own code, get SIGSEGV handlers set to garbage, block forever), so the calls run in batch
// children: a supervisor forks one child per batch of B calls (default 100), the child
// reports the index of each call before it makes it through a pipe, and the supervisor kills
// a child that is still running after 2 s. A batch that did not complete is reported with the
// call it was in (regenerated from the seed). Stops after N calls (default 2000) or, with
// --seconds, after T seconds; prints the seed, the outcomes and "the fuzzer survived".
// The output is not deterministic across kernels (outcomes differ); the seed reproduces the
// same sequence of calls.
//
// Skipped numbers (never made), and why:
//   exit, exit_group: would end the batch at once (nothing else to learn).
//   rt_sigreturn: restores a garbage frame; that path is covered by signal tests, not noise.
//   kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo, pidfd_send_signal: a random PID
//     (-1 = every process) would signal processes outside the fuzzer, which under the oracle
//     are the host's.
//   ptrace, process_vm_readv/writev, process_madvise, process_mrelease, pidfd_getfd, kcmp,
//   prlimit64, setpriority, sched_setparam/setscheduler/setaffinity/setattr, ioprio_set,
//   migrate_pages, move_pages: act on another process named by a random PID.
//   chroot: the oracle runs the fuzzer in a chroot, which must hold.
//   reboot, kexec_load, kexec_file_load, init_module, finit_module, delete_module, swapon,
//   swapoff, mount, umount2, pivot_root, move_mount, open_tree, fsopen, fsconfig, fsmount,
//   fspick, mount_setattr, acct, quotactl, quotactl_fd, sethostname, setdomainname,
//   settimeofday, clock_settime, clock_adjtime, adjtimex, syslog, vhangup, perf_event_open,
//   bpf, fanotify_init, fanotify_mark, open_by_handle_at, keyctl, add_key, request_key,
//   mlock, mlock2, mlockall: act on the machine; the oracle runs this on the host.
//   clone3: its flags come from a struct; random ones could share the address space (clone
//     covers process creation).
// Sanitized arguments: clone loses the flags that share state with the fuzzer (CLONE_VM,
// CLONE_VFORK, CLONE_THREAD, CLONE_SIGHAND, CLONE_PARENT, CLONE_SETTLS, the TID pointers) and
// the namespace flags, and its child exits at once; mmap loses MAP_POPULATE and MAP_LOCKED,
// madvise never gets MADV_POPULATE_READ/WRITE and fallocate's length is at most 1 MiB (so a
// random size cannot commit the host's memory or fill its disk); file names the fuzzer points
// at never contain '/', so files it creates stay in DIR (default "tmp", relative to the
// working directory: / under SIS, the rootfs copy under the oracle). In a batch child, fds 0..3
// are DIR, the scratch file DIR/sys_fuzz.scratch and a pipe (the output is not reachable).
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "common.h"

enum { kMaxNr = 460, kScratchSize = 64 * 1024, kReportFd = 200, kMaxReports = 20 };
static const char kScratchFile[] = "sys_fuzz.scratch";  // in DIR, removed at the end

static const int kSkipped[] = {
    SYS_exit, SYS_exit_group, SYS_rt_sigreturn, SYS_kill, SYS_tkill, SYS_tgkill,
    SYS_rt_sigqueueinfo, SYS_rt_tgsigqueueinfo, 424 /* pidfd_send_signal */, SYS_ptrace,
    SYS_process_vm_readv, SYS_process_vm_writev, 440 /* process_madvise */,
    448 /* process_mrelease */, 438 /* pidfd_getfd */, SYS_kcmp, SYS_prlimit64, SYS_setpriority,
    SYS_sched_setparam, SYS_sched_setscheduler, SYS_sched_setaffinity, SYS_sched_setattr,
    SYS_ioprio_set, SYS_migrate_pages, SYS_move_pages, SYS_reboot, SYS_kexec_load,
    SYS_kexec_file_load, SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_swapon,
    SYS_swapoff, SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chroot, 429 /* move_mount */,
    428 /* open_tree */, 430 /* fsopen */, 431 /* fsconfig */, 432 /* fsmount */,
    433 /* fspick */, 442 /* mount_setattr */, SYS_acct, SYS_quotactl, 443 /* quotactl_fd */,
    SYS_sethostname, SYS_setdomainname, SYS_settimeofday, SYS_clock_settime, SYS_clock_adjtime,
    SYS_adjtimex, SYS_syslog, SYS_vhangup, SYS_perf_event_open, SYS_bpf, SYS_fanotify_init,
    SYS_fanotify_mark, SYS_open_by_handle_at, SYS_keyctl, SYS_add_key, SYS_request_key,
    SYS_mlock, SYS_mlock2, SYS_mlockall, 435 /* clone3 */,
};

static bool skipped(long nr) {
  for (size_t i = 0; i < sizeof kSkipped / sizeof kSkipped[0]; i++) {
    if (kSkipped[i] == nr) return true;
  }
  return false;
}

static uint64_t mix(uint64_t *state) {  // splitmix64: good enough, fully deterministic
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static unsigned char scratch[kScratchSize] __attribute__((aligned(4096)));

struct call {
  long nr;
  long args[6];
};

static long random_arg(uint64_t *rng) {
  uint64_t r = mix(rng);
  switch (r % 8) {
    case 0: return 0;
    case 1: return (long)(mix(rng) % 64);                 // small: fds, flags, sizes
    case 2: return -(long)(mix(rng) % 8) - 1;             // -1 and friends
    case 3: return (long)(uintptr_t)(scratch + mix(rng) % kScratchSize);
    case 4: return (long)mix(rng);
    case 5: return (long)(1ull << (mix(rng) % 64));
    case 6: {
      static const uint64_t kKernel[] = {0x40080000u, 0x08000000u, 0x700000000000ull,
                                         0xffff000040080000ull, 0xfffffffffffff000ull};
      return (long)kKernel[mix(rng) % 5];
    }
    default: return (long)(uintptr_t)(scratch + (mix(rng) % (kScratchSize / 4096)) * 4096);
  }
}

// The next call of a batch; the same sequence in the child and, for reports, the supervisor.
static struct call next_call(uint64_t *rng) {
  struct call c;
  do {
    c.nr = (long)(mix(rng) % kMaxNr);
    for (int i = 0; i < 6; i++) c.args[i] = random_arg(rng);
  } while (skipped(c.nr));
  switch (c.nr) {
    case SYS_clone:
      c.args[0] &= ~(long)(CLONE_VM | CLONE_VFORK | CLONE_THREAD | CLONE_SIGHAND | CLONE_PARENT |
                           CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
                           CLONE_CHILD_CLEARTID | CLONE_PIDFD | CLONE_NEWNS | CLONE_NEWCGROUP |
                           CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
                           CLONE_NEWNET | CLONE_IO);
      c.args[1] = 0;  // the child runs on a copy of the fuzzer's stack
      break;
    case SYS_mmap: c.args[3] &= ~(long)(MAP_POPULATE | MAP_LOCKED); break;
    case SYS_madvise:
      if (c.args[2] == 22 || c.args[2] == 23) c.args[2] = MADV_NORMAL;  // MADV_POPULATE_*
      break;
    case SYS_fallocate: c.args[3] = (long)((unsigned long)c.args[3] % (1u << 20)); break;
  }
  return c;
}

static uint64_t batch_seed(uint64_t seed, long batch) { return seed * 1000003u + (uint64_t)batch; }

static void fill_scratch(uint64_t seed) {
  uint64_t rng = seed ^ 0x5eed5eed5eedull;
  for (size_t i = 0; i < kScratchSize; i += 8) {
    uint64_t r = mix(&rng);
    for (int b = 0; b < 8; b++) {
      unsigned char byte = (unsigned char)(r >> (8 * b));
      scratch[i + b] = byte == '/' ? 'x' : byte;
    }
  }
}

static void run_batch(uint64_t seed, long batch, long calls) {
  fill_scratch(batch_seed(seed, batch));
  uint64_t rng = batch_seed(seed, batch);
  for (uint32_t i = 0; i < (uint32_t)calls; i++) {
    struct call c = next_call(&rng);
    if (write(kReportFd, &i, sizeof i) != sizeof i) _exit(3);  // the report pipe is gone
    long r = syscall(c.nr, c.args[0], c.args[1], c.args[2], c.args[3], c.args[4], c.args[5]);
    if (c.nr == SYS_clone && r == 0) _exit(0);  // a clone child: its parent goes on
  }
  uint32_t done = UINT32_MAX;
  if (write(kReportFd, &done, sizeof done) != sizeof done) _exit(3);
  _exit(0);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct tally {
  long calls, batches, completed, early, killed, timed_out, reports;
};

static void report(struct tally *t, uint64_t seed, long batch, long index, const char *how) {
  if (++t->reports > kMaxReports) return;
  if (index < 0) {
    printf("  batch %ld: %s before its first call\n", batch, how);
    return;
  }
  uint64_t rng = batch_seed(seed, batch);
  struct call c = {0};
  for (long i = 0; i <= index; i++) c = next_call(&rng);
  printf("  batch %ld: %s in call %ld: nr %ld (%lx, %lx, %lx, %lx, %lx, %lx)\n", batch, how, index,
         c.nr, c.args[0], c.args[1], c.args[2], c.args[3], c.args[4], c.args[5]);
}

// One batch child, supervised: returns after it ended (or was killed for taking too long).
static void supervise_batch(struct tally *t, uint64_t seed, long batch, long calls, const char *dir) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) die("pipe2");
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    if (fcntl(fds[1], F_DUPFD, kReportFd) != kReportFd) _exit(4);
    if (chdir(dir) != 0) _exit(5);
    close(fds[0]);
    close(fds[1]);
    close(0);  // the fuzzer must not write garbage to the output or read the console
    close(1);
    close(2);
    // Real objects behind the small fds the arguments often name (0..3): the directory, a
    // scratch file and a pipe, so calls reach file, directory and pipe code with garbage.
    if (open(".", O_RDONLY | O_DIRECTORY) != 0) _exit(6);
    if (open(kScratchFile, O_CREAT | O_RDWR | O_TRUNC, 0600) != 1) _exit(6);
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) _exit(6);
    run_batch(seed, batch, calls);
  }
  close(fds[1]);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  double deadline = now_s() + 2.0;
  long last = -1;
  bool finished = false, killed = false;
  int status = 0;
  for (;;) {
    uint32_t idx[256];
    ssize_t got;
    while ((got = read(fds[0], idx, sizeof idx)) > 0) {
      for (ssize_t i = 0; i < got / 4; i++) {
        if (idx[i] == UINT32_MAX) finished = true;
        else last = idx[i];
      }
    }
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) die("waitpid");
    if (!killed && now_s() > deadline) {
      kill(pid, SIGKILL);
      killed = true;
    }
    struct timespec tick = {0, 5 * 1000 * 1000};
    nanosleep(&tick, NULL);
  }
  uint32_t idx[256];
  ssize_t got;
  while ((got = read(fds[0], idx, sizeof idx)) > 0) {
    for (ssize_t i = 0; i < got / 4; i++) {
      if (idx[i] == UINT32_MAX) finished = true;
      else last = idx[i];
    }
  }
  close(fds[0]);
  t->batches++;
  t->calls += last + 1;
  char desc[64];
  if (finished && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    t->completed++;
  } else if (killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
    t->timed_out++;
    report(t, seed, batch, last, "still running after 2 s, killed");
  } else if (WIFSIGNALED(status)) {
    t->killed++;
    report(t, seed, batch, last, describe_status(status, desc, sizeof desc));
  } else {
    t->early++;
    report(t, seed, batch, last, describe_status(status, desc, sizeof desc));
  }
}

int main(int argc, char **argv) {
  line_buffered();
  uint64_t seed = 1;
  long iterations = -1, batch_size = 100;
  double seconds = 0;
  const char *dir = "tmp";
  for (int i = 1; i < argc; i++) {
    bool has_value = i + 1 < argc;
    if (!strcmp(argv[i], "--seed") && has_value) seed = strtoull(argv[++i], NULL, 0);
    else if (!strcmp(argv[i], "--iterations") && has_value) iterations = atol(argv[++i]);
    else if (!strcmp(argv[i], "--seconds") && has_value) seconds = atof(argv[++i]);
    else if (!strcmp(argv[i], "--batch") && has_value) batch_size = atol(argv[++i]);
    else if (!strcmp(argv[i], "--dir") && has_value) dir = argv[++i];
    else {
      fprintf(stderr, "usage: sys_fuzz [--seed S] [--iterations N] [--seconds T] [--batch B] [--dir DIR]\n");
      return 2;
    }
  }
  if (iterations < 0) iterations = seconds > 0 ? 0 : 2000;  // 0: bounded by time only
  if (batch_size < 1 || batch_size > 100000) batch_size = 100;
  printf("sys_fuzz: seed %llu, %ld calls, %g s, batches of %ld, in %s\n", (unsigned long long)seed,
         iterations, seconds, batch_size, dir);
  signal(SIGPIPE, SIG_IGN);
  struct tally t = {0};
  double start = now_s();
  for (long batch = 0;; batch++) {
    long planned = batch * batch_size;
    if (iterations > 0 && planned >= iterations) break;
    if (seconds > 0 && now_s() - start >= seconds) break;
    long calls = batch_size;
    if (iterations > 0 && iterations - planned < calls) calls = iterations - planned;
    supervise_batch(&t, seed, batch, calls, dir);
  }
  if (chdir(dir) == 0) unlink(kScratchFile);
  if (t.reports > kMaxReports) printf("  (%ld more batches not listed)\n", t.reports - kMaxReports);
  printf("sys_fuzz: %ld calls in %ld batches: %ld completed, %ld killed by a signal, %ld exited early, %ld timed out\n",
         t.calls, t.batches, t.completed, t.killed, t.early, t.timed_out);
  printf("sys_fuzz: the fuzzer survived\n");
  return 0;
}
