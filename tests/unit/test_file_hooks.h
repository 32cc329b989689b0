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
#include "proc/signal_hook.h"
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
constexpr int kSIGINT = kabi::SIGINT, kSIGQUIT = kabi::SIGQUIT, kSIGTSTP = kabi::SIGTSTP, kSIGWINCH = kabi::SIGWINCH,
              kSIGTTIN = kabi::SIGTTIN, kSIGTTOU = kabi::SIGTTOU;
constexpr i64 kENOENT = kabi::ENOENT, kEBADF = kabi::EBADF, kEEXIST = kabi::EEXIST, kENOTDIR = kabi::ENOTDIR,
              kEISDIR = kabi::EISDIR, kEINVAL = kabi::EINVAL, kESPIPE = kabi::ESPIPE, kEPIPE = kabi::EPIPE,
              kENOTEMPTY = kabi::ENOTEMPTY, kEFAULT = kabi::EFAULT, kEAGAIN = kabi::EAGAIN,
              kENOTTY = kabi::ENOTTY, kELOOP = kabi::ELOOP, kERANGE = kabi::ERANGE, kEINTR = kabi::EINTR,
              kEMFILE = kabi::EMFILE, kENAMETOOLONG = kabi::ENAMETOOLONG, kEPERM = kabi::EPERM,
              kEACCES = kabi::EACCES, kEBUSY = kabi::EBUSY, kEOPNOTSUPP = kabi::EOPNOTSUPP;
namespace nr {  // system call numbers (the host's SYS_* macros are x86's or absent)
constexpr u32 ppoll = kabi::SYS_ppoll;
constexpr u32 statfs = kabi::SYS_statfs;
constexpr u32 fstatfs = kabi::SYS_fstatfs;
constexpr u32 sendfile = kabi::SYS_sendfile;
constexpr u32 fchmod = kabi::SYS_fchmod;
constexpr u32 fchownat = kabi::SYS_fchownat;
constexpr u32 fchown = kabi::SYS_fchown;
constexpr u32 utimensat = kabi::SYS_utimensat;
constexpr u32 read = kabi::SYS_read;
constexpr u32 write = kabi::SYS_write;
constexpr u32 readv = kabi::SYS_readv;
constexpr u32 writev = kabi::SYS_writev;
constexpr u32 pread64 = kabi::SYS_pread64;
constexpr u32 pwrite64 = kabi::SYS_pwrite64;
constexpr u32 lseek = kabi::SYS_lseek;
constexpr u32 getdents64 = kabi::SYS_getdents64;
constexpr u32 ioctl = kabi::SYS_ioctl;
constexpr u32 fsync = kabi::SYS_fsync;
constexpr u32 fdatasync = kabi::SYS_fdatasync;
constexpr u32 ftruncate = kabi::SYS_ftruncate;
constexpr u32 close = kabi::SYS_close;
constexpr u32 dup = kabi::SYS_dup;
constexpr u32 dup3 = kabi::SYS_dup3;
constexpr u32 fcntl = kabi::SYS_fcntl;
constexpr u32 pipe2 = kabi::SYS_pipe2;
constexpr u32 umask = kabi::SYS_umask;
constexpr u32 openat = kabi::SYS_openat;
constexpr u32 mkdirat = kabi::SYS_mkdirat;
constexpr u32 unlinkat = kabi::SYS_unlinkat;
constexpr u32 renameat = kabi::SYS_renameat;
constexpr u32 renameat2 = kabi::SYS_renameat2;
constexpr u32 linkat = kabi::SYS_linkat;
constexpr u32 symlinkat = kabi::SYS_symlinkat;
constexpr u32 readlinkat = kabi::SYS_readlinkat;
constexpr u32 fchmodat = kabi::SYS_fchmodat;
constexpr u32 faccessat = kabi::SYS_faccessat;
constexpr u32 faccessat2 = kabi::SYS_faccessat2;
constexpr u32 getcwd = kabi::SYS_getcwd;
constexpr u32 chdir = kabi::SYS_chdir;
constexpr u32 fchdir = kabi::SYS_fchdir;
constexpr u32 truncate = kabi::SYS_truncate;
constexpr u32 sync = kabi::SYS_sync;
constexpr u32 fstat = kabi::SYS_fstat;
constexpr u32 newfstatat = kabi::SYS_newfstatat;
constexpr u32 statx = kabi::SYS_statx;
}  // namespace nr
constexpr int kSEEK_SET = kabi::SEEK_SET, kSEEK_CUR = kabi::SEEK_CUR, kSEEK_END = kabi::SEEK_END;
constexpr u32 kS_IFMT = kabi::S_IFMT, kS_IFREG = kabi::S_IFREG, kS_IFDIR = kabi::S_IFDIR, kS_IFLNK = kabi::S_IFLNK,
              kS_IFCHR = kabi::S_IFCHR, kS_IFIFO = kabi::S_IFIFO;
constexpr u32 kF_OK = kabi::F_OK, kR_OK = kabi::R_OK, kW_OK = kabi::W_OK, kX_OK = kabi::X_OK, kFD_CLOEXEC = kabi::FD_CLOEXEC;
constexpr u32 kSTATX_BASIC_STATS = kabi::STATX_BASIC_STATS, kRENAME_NOREPLACE = kabi::RENAME_NOREPLACE,
              kRENAME_EXCHANGE = kabi::RENAME_EXCHANGE;
constexpr u32 kTCGETS = kabi::TCGETS, kTCSETS = kabi::TCSETS, kTCSETSF = kabi::TCSETSF, kTIOCGWINSZ = kabi::TIOCGWINSZ,
              kTIOCSWINSZ = kabi::TIOCSWINSZ, kTIOCGPGRP = kabi::TIOCGPGRP, kTIOCSPGRP = kabi::TIOCSPGRP,
              kFIONREAD = kabi::FIONREAD;
constexpr u32 kICANON = kabi::ICANON, kECHO = kabi::ECHO, kISIG = kabi::ISIG, kICRNL = kabi::ICRNL,
              kOPOST = kabi::OPOST, kONLCR = kabi::ONLCR, kNOFLSH = kabi::NOFLSH, kECHONL = kabi::ECHONL,
              kTOSTOP = kabi::TOSTOP;
constexpr usize kVMIN = kabi::VMIN, kVTIME = kabi::VTIME, kVINTR = kabi::VINTR, kVEOF = kabi::VEOF,
                kVERASE = kabi::VERASE, kVKILL = kabi::VKILL;
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
              EACCES == sis::proc::test::kEACCES && EBUSY == sis::proc::test::kEBUSY &&
              EOPNOTSUPP == sis::proc::test::kEOPNOTSUPP,
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
  CallerJob job;                                // what caller_job reports (sig_acts per call)
  void reset() { *this = HostHooks(); }
};

HostHooks& hooks();

}  // namespace sis::proc::test
