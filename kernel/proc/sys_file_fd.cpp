// Descriptor system calls: close, dup, dup3, fcntl, pipe2, umask.
#include "proc/linux_stat.h"
#include "proc/pipe.h"
#include "proc/sys_file_internal.h"
#include "proc/user_memory.h"

namespace sis::proc {

using namespace sysfile;

i64 sys_close(SyscallContext& c, const SyscallArgs& a) { return fail(c.files->close(fd_arg(a.a[0]))); }

i64 sys_dup(SyscallContext& c, const SyscallArgs& a) {
  auto r = c.files->dup(fd_arg(a.a[0]), 0, false);
  return r.ok() ? r.value() : fail(r.error());
}

i64 sys_dup3(SyscallContext& c, const SyscallArgs& a) {
  int oldfd = fd_arg(a.a[0]), newfd = fd_arg(a.a[1]);
  u32 flags = static_cast<u32>(a.a[2]);
  // Linux's order of checks: flags, same fd, newfd's range, then oldfd.
  if (flags & ~linux::O_CLOEXEC) return -linux::EINVAL;
  if (oldfd == newfd) return -linux::EINVAL;
  if (newfd < 0 || newfd >= FileTable::kMaxFds) return -linux::EBADF;
  Error e = c.files->dup_to(oldfd, newfd, flags & linux::O_CLOEXEC);
  return e == Error::Ok ? newfd : fail(e);
}

i64 sys_fcntl(SyscallContext& c, const SyscallArgs& a) {
  int fd = fd_arg(a.a[0]);
  u32 cmd = static_cast<u32>(a.a[1]);
  u64 arg = a.a[2];
  auto fr = c.files->get(fd);
  if (!fr.ok()) return fail(fr.error());
  File* f = fr.value();
  switch (cmd) {
    case linux::F_DUPFD:
    case linux::F_DUPFD_CLOEXEC: {
      i64 min_fd = static_cast<i64>(static_cast<i32>(arg));
      if (min_fd < 0 || min_fd >= FileTable::kMaxFds) return -linux::EINVAL;
      auto r = c.files->dup(fd, static_cast<int>(min_fd), cmd == linux::F_DUPFD_CLOEXEC);
      return r.ok() ? r.value() : fail(r.error());
    }
    case linux::F_GETFD: return c.files->cloexec(fd).value_or(false) ? linux::FD_CLOEXEC : 0;
    case linux::F_SETFD: return fail(c.files->set_cloexec(fd, arg & linux::FD_CLOEXEC));
    case linux::F_GETFL: {
      u32 fl = f->status_flags();
      // Files opened by path carry O_LARGEFILE on 64-bit Linux (force_o_largefile).
      if (f->kind() == FileKind::Regular || f->kind() == FileKind::Directory) fl |= linux::O_LARGEFILE;
      return fl;
    }
    case linux::F_SETFL: {
      constexpr u32 kChangeable = linux::O_APPEND | linux::O_NONBLOCK;
      u32 fl = (f->status_flags() & ~kChangeable) | (static_cast<u32>(arg) & kChangeable);
      f->set_status_flags(fl);
      return 0;
    }
    default:
      // Record locks (F_GETLK/F_SETLK), leases, owners, pipe sizes: not offered.
      return -linux::EINVAL;
  }
}

i64 sys_pipe2(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[1]);
  if (flags & ~(linux::O_CLOEXEC | linux::O_NONBLOCK)) return -linux::EINVAL;
  auto pr = make_pipe(flags);
  if (!pr.ok()) return fail(pr.error());
  bool cloexec = flags & linux::O_CLOEXEC;
  auto rfd = c.files->install(pr.value().read, cloexec);
  if (!rfd.ok()) {
    pr.value().write->unref();
    return fail(rfd.error());
  }
  auto wfd = c.files->install(pr.value().write, cloexec);
  if (!wfd.ok()) {
    (void)c.files->close(rfd.value());
    return fail(wfd.error());
  }
  i32 fds[2] = {rfd.value(), wfd.value()};
  if (c.mem->copy_out(a.a[0], fds, sizeof(fds)) != Error::Ok) {
    (void)c.files->close(fds[0]);
    (void)c.files->close(fds[1]);
    return -linux::EFAULT;
  }
  return 0;
}

i64 sys_umask(SyscallContext& c, const SyscallArgs& a) { return c.files->set_umask(static_cast<u32>(a.a[0])); }

}  // namespace sis::proc
