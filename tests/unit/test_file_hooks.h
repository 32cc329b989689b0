// The host's side of the hooks the descriptor code needs from the kernel (file_wait.h,
// signal_hook.h), defined in test_file_host_hooks.cpp:
//  - a WaitChannel that never sleeps: when a caller would block it runs the next scripted
//    action (what another thread would have done meanwhile: write to the pipe, type a key,
//    raise a signal), then re-checks; with no action left it fails the test instead of
//    hanging (or returns TimedOut for a timed wait);
//  - signal_pending_for_current() reads a flag the test sets;
//  - signal_pgrp() records (pgid, sig) pairs.
//
// The kernel's Linux ABI headers come first, and tests use the kO_*/kAT_*... copies below:
// the host's <fcntl.h>, <signal.h> and <sys/stat.h> define the same names as macros (with
// x86 values for some O_ flags). Errno values are the host's <errno.h> macros, which on a
// Linux host equal arm64's (both use asm-generic/errno-base.h) -- checked here.
#pragma once
#include "proc/linux_abi.h"
#include "proc/linux_stat.h"
#include "proc/linux_termios.h"
#include "fs/ramfs.h"
#include "proc/file.h"
#include "proc/file_devices.h"
#include "proc/file_table.h"
#include "proc/pipe.h"
#include "proc/sys_file.h"
#include "proc/tty.h"
#include "proc/vfs_file.h"

namespace sis::proc::test {
namespace kabi = sis::proc::linux;
constexpr u32 kO_RDONLY = kabi::O_RDONLY, kO_WRONLY = kabi::O_WRONLY, kO_RDWR = kabi::O_RDWR,
              kO_CREAT = kabi::O_CREAT, kO_EXCL = kabi::O_EXCL, kO_TRUNC = kabi::O_TRUNC,
              kO_APPEND = kabi::O_APPEND, kO_NONBLOCK = kabi::O_NONBLOCK,
              kO_DIRECTORY = kabi::O_DIRECTORY, kO_NOFOLLOW = kabi::O_NOFOLLOW,
              kO_CLOEXEC = kabi::O_CLOEXEC, kO_LARGEFILE = kabi::O_LARGEFILE;
constexpr i64 kAT_FDCWD = kabi::AT_FDCWD;
constexpr u32 kAT_SYMLINK_NOFOLLOW = kabi::AT_SYMLINK_NOFOLLOW, kAT_REMOVEDIR = kabi::AT_REMOVEDIR,
              kAT_EMPTY_PATH = kabi::AT_EMPTY_PATH;
constexpr u32 kF_DUPFD = kabi::F_DUPFD, kF_GETFD = kabi::F_GETFD, kF_SETFD = kabi::F_SETFD,
              kF_GETFL = kabi::F_GETFL, kF_SETFL = kabi::F_SETFL, kF_DUPFD_CLOEXEC = kabi::F_DUPFD_CLOEXEC;
constexpr int kSIGINT = kabi::SIGINT, kSIGQUIT = kabi::SIGQUIT, kSIGTSTP = kabi::SIGTSTP, kSIGWINCH = kabi::SIGWINCH;
constexpr i64 kENOENT = kabi::ENOENT, kEBADF = kabi::EBADF, kEEXIST = kabi::EEXIST, kENOTDIR = kabi::ENOTDIR,
              kEISDIR = kabi::EISDIR, kEINVAL = kabi::EINVAL, kESPIPE = kabi::ESPIPE, kEPIPE = kabi::EPIPE,
              kENOTEMPTY = kabi::ENOTEMPTY, kEFAULT = kabi::EFAULT, kEAGAIN = kabi::EAGAIN,
              kENOTTY = kabi::ENOTTY, kELOOP = kabi::ELOOP, kERANGE = kabi::ERANGE, kEINTR = kabi::EINTR,
              kEMFILE = kabi::EMFILE, kENAMETOOLONG = kabi::ENAMETOOLONG, kEPERM = kabi::EPERM,
              kEACCES = kabi::EACCES, kEBUSY = kabi::EBUSY;
}  // namespace sis::proc::test

#include <errno.h>

static_assert(ENOENT == sis::proc::test::kENOENT && EBADF == sis::proc::test::kEBADF &&
              EEXIST == sis::proc::test::kEEXIST && ENOTDIR == sis::proc::test::kENOTDIR &&
              EISDIR == sis::proc::test::kEISDIR && EINVAL == sis::proc::test::kEINVAL &&
              ESPIPE == sis::proc::test::kESPIPE && EPIPE == sis::proc::test::kEPIPE &&
              ENOTEMPTY == sis::proc::test::kENOTEMPTY && EFAULT == sis::proc::test::kEFAULT &&
              EAGAIN == sis::proc::test::kEAGAIN && ENOTTY == sis::proc::test::kENOTTY &&
              ELOOP == sis::proc::test::kELOOP && ERANGE == sis::proc::test::kERANGE &&
              EINTR == sis::proc::test::kEINTR && EMFILE == sis::proc::test::kEMFILE &&
              ENAMETOOLONG == sis::proc::test::kENAMETOOLONG && EPERM == sis::proc::test::kEPERM &&
              EACCES == sis::proc::test::kEACCES && EBUSY == sis::proc::test::kEBUSY,
              "the host's errno values are Linux's generic ones");

#include <functional>
#include <utility>
#include <vector>

namespace sis::proc::test {

struct HostHooks {
  std::vector<std::function<void()>> on_block;  // consumed front to back
  usize blocks = 0;                             // times a caller had to wait
  bool signal_pending = false;
  std::vector<std::pair<int, int>> signals;     // (pgid, sig) from signal_pgrp
  void reset() { *this = HostHooks(); }
};

HostHooks& hooks();

}  // namespace sis::proc::test
