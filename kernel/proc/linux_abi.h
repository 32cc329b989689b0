// The Linux aarch64 user ABI that SIS processes see: system call numbers (the generic table
// in include/uapi/asm-generic/unistd.h, which arm64 uses), errno values, signal numbers and
// the open/at flags (arm64's own O_DIRECTORY/O_NOFOLLOW/O_DIRECT values). Facts from the
// Linux UAPI headers; struct layouts live beside the calls that use them.
#pragma once
#include "lib/result.h"

namespace sis::proc::linux {

// --- errno ---
enum Errno : i64 {
  EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7, ENOEXEC = 8,
  EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14, EBUSY = 16,
  EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENFILE = 23,
  EMFILE = 24, ENOTTY = 25, ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30,
  EMLINK = 31, EPIPE = 32, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39,
  ELOOP = 40, EOPNOTSUPP = 95, ETIMEDOUT = 110,
};

// The negative errno a system call returns for a kernel Error (Error values are errno
// values except for the few kernel-only codes).
inline i64 neg_errno(Error e) {
  switch (e) {
    case Error::Ok: return 0;
    case Error::PathTooLong: return -ENAMETOOLONG;
    case Error::Corrupt: return -EIO;
    case Error::Range: return -ERANGE;
    default: return -static_cast<i64>(e);
  }
}

// --- system call numbers (aarch64) ---
enum Syscall : u64 {
  SYS_getcwd = 17, SYS_dup = 23, SYS_dup3 = 24, SYS_fcntl = 25, SYS_ioctl = 29,
  SYS_mknodat = 33, SYS_mkdirat = 34, SYS_unlinkat = 35, SYS_symlinkat = 36, SYS_linkat = 37,
  SYS_renameat = 38, SYS_statfs = 43, SYS_fstatfs = 44, SYS_truncate = 45, SYS_ftruncate = 46,
  SYS_faccessat = 48, SYS_chdir = 49, SYS_fchdir = 50, SYS_fchmod = 52, SYS_fchmodat = 53,
  SYS_fchownat = 54, SYS_fchown = 55, SYS_openat = 56, SYS_close = 57, SYS_pipe2 = 59,
  SYS_getdents64 = 61, SYS_lseek = 62, SYS_read = 63, SYS_write = 64, SYS_readv = 65,
  SYS_writev = 66, SYS_pread64 = 67, SYS_pwrite64 = 68, SYS_sendfile = 71, SYS_pselect6 = 72,
  SYS_ppoll = 73, SYS_readlinkat = 78, SYS_newfstatat = 79, SYS_fstat = 80, SYS_sync = 81,
  SYS_fsync = 82, SYS_fdatasync = 83, SYS_utimensat = 88, SYS_exit = 93, SYS_exit_group = 94,
  SYS_waitid = 95, SYS_set_tid_address = 96, SYS_futex = 98, SYS_set_robust_list = 99,
  SYS_nanosleep = 101, SYS_clock_gettime = 113, SYS_clock_getres = 114,
  SYS_clock_nanosleep = 115, SYS_sched_yield = 124, SYS_kill = 129, SYS_tkill = 130,
  SYS_tgkill = 131, SYS_sigaltstack = 132, SYS_rt_sigsuspend = 133, SYS_rt_sigaction = 134,
  SYS_rt_sigprocmask = 135, SYS_rt_sigpending = 136, SYS_rt_sigreturn = 139,
  SYS_setpriority = 140, SYS_getpriority = 141, SYS_setgid = 144, SYS_setuid = 146,
  SYS_getresuid = 148, SYS_getresgid = 150, SYS_times = 153, SYS_setpgid = 154,
  SYS_getpgid = 155, SYS_getsid = 156, SYS_setsid = 157, SYS_getgroups = 158, SYS_uname = 160,
  SYS_getrlimit = 163, SYS_setrlimit = 164, SYS_getrusage = 165, SYS_umask = 166,
  SYS_prctl = 167, SYS_gettimeofday = 169, SYS_getpid = 172, SYS_getppid = 173,
  SYS_getuid = 174, SYS_geteuid = 175, SYS_getgid = 176, SYS_getegid = 177, SYS_gettid = 178,
  SYS_sysinfo = 179, SYS_brk = 214, SYS_munmap = 215, SYS_mremap = 216, SYS_clone = 220,
  SYS_execve = 221, SYS_mmap = 222, SYS_mprotect = 226, SYS_madvise = 233, SYS_wait4 = 260,
  SYS_prlimit64 = 261, SYS_renameat2 = 276, SYS_getrandom = 278, SYS_statx = 291,
  SYS_rseq = 293, SYS_clone3 = 435, SYS_close_range = 436, SYS_faccessat2 = 439,
};
constexpr u64 kSyscallCount = 512;  // numbers at or above are ENOSYS without a table slot

// --- signals ---
enum Signal : int {
  SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
  SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
  SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20,
  SIGTTIN = 21, SIGTTOU = 22, SIGWINCH = 28, SIGSYS = 31,
};
constexpr int kSignalCount = 64;  // 1..64

// --- open(2) and *at(2) flags (octal, as the UAPI headers write them) ---
constexpr u32 O_ACCMODE = 03, O_RDONLY = 0, O_WRONLY = 01, O_RDWR = 02, O_CREAT = 0100,
              O_EXCL = 0200, O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000,
              O_NONBLOCK = 04000, O_DSYNC = 010000, O_DIRECTORY = 040000,  // arm64 values
              O_NOFOLLOW = 0100000, O_DIRECT = 0200000, O_LARGEFILE = 0400000,
              O_CLOEXEC = 02000000, O_PATH = 010000000;
constexpr i64 AT_FDCWD = -100;
constexpr u32 AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200,
              AT_SYMLINK_FOLLOW = 0x400, AT_EMPTY_PATH = 0x1000;
constexpr u32 FD_CLOEXEC = 1;

}  // namespace sis::proc::linux

namespace sis::proc::linux {
// "SIGSEGV" for 11; "signal 40" style names are not returned: nullptr for numbers without a
// name here.
const char* signal_name(int sig);
}  // namespace sis::proc::linux
