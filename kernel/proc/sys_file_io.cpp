// Data system calls: read, write, readv, writev, pread64, pwrite64, sendfile, lseek,
// getdents64, ioctl, fsync, fdatasync, ftruncate. Bytes move between the File and user memory through
// a bounce buffer, chunk by chunk: a read blocks for its first chunk only (later chunks
// take what is there), a write blocks for every chunk, and a write of at most PIPE_BUF
// bytes goes to the file in one call so that a pipe can keep it atomic. A bad user
// pointer after some bytes moved returns the count (as Linux does), before any is EFAULT.
#include "lib/string.h"
#include "proc/linux_stat.h"
#include "proc/linux_termios.h"
#include "proc/sys_file_internal.h"
#include "proc/user_memory.h"

namespace sis::proc {

using namespace sysfile;

namespace {

// A descriptor's file with a reference held for the call (it may block, or the table
// may change under a blocked call).
Result<File*> file_ref(SyscallContext& c, u64 fd) { return c.files->get_ref(fd_arg(fd)); }

// Reads up to n bytes into user memory at ubuf. pos: nullptr for the file's offset, else a
// pread position (advanced).
i64 do_read(SyscallContext& c, File* f, u64 ubuf, usize n, u64* pos, bool may_block) {
  if (n > kMaxRw) n = kMaxRw;
  if (n == 0) return 0;
  Bounce b(n);
  usize total = 0;
  while (total < n) {
    usize chunk = min(n - total, b.cap());
    Result<usize> r = pos ? f->pread(b.data(), chunk, *pos + total) : f->read(b.data(), chunk, may_block && total == 0);
    if (!r.ok()) {
      if (total) break;
      return fail(r.error());
    }
    usize got = r.value();
    if (got == 0) break;
    if (c.mem->copy_out(ubuf + total, b.data(), got) != Error::Ok) {
      // A seekable file gives the bytes back (its offset returns to before them), so a
      // bad buffer loses nothing; a pipe's or tty's bytes are gone, as on Linux.
      if (!pos && f->kind() == FileKind::Regular) (void)f->lseek(-static_cast<i64>(got), linux::SEEK_CUR);
      if (total) break;
      return -linux::EFAULT;
    }
    total += got;
    if (got < chunk) break;
  }
  if (pos) *pos += total;
  return static_cast<i64>(total);
}

i64 do_write(SyscallContext& c, File* f, u64 ubuf, usize n, u64* pos) {
  if (n > kMaxRw) n = kMaxRw;
  if (n == 0) {
    // Linux still reports a broken pipe or a bad file for an empty write.
    return 0;
  }
  Bounce b(n);
  bool atomic = n <= kPipeBuf;
  if (atomic && b.cap() < n) return -linux::ENOMEM;
  bool may_block = !f->nonblocking();
  usize total = 0;
  while (total < n) {
    usize chunk = min(n - total, b.cap());
    if (c.mem->copy_in(b.data(), ubuf + total, chunk) != Error::Ok) {
      if (total) break;
      return -linux::EFAULT;
    }
    Result<usize> r = pos ? f->pwrite(b.data(), chunk, *pos + total) : f->write(b.data(), chunk, may_block, atomic);
    if (!r.ok()) {
      if (total) break;
      return fail(r.error());
    }
    total += r.value();
    if (r.value() < chunk) break;
  }
  if (pos) *pos += total;
  return static_cast<i64>(total);
}

i64 check_read(File* f) {
  if (!f->readable()) return -linux::EBADF;
  if (f->kind() == FileKind::Directory) return -linux::EISDIR;
  return 0;
}

struct IoVec {
  u64 base;
  u64 len;
};
constexpr u64 kIovMax = 1024;  // UIO_MAXIOV

// Copies and checks an iovec array; the total length (capped like Linux at kMaxRw).
Result<usize> load_iov(SyscallContext& c, u64 uiov, u64 count, IoVec* out) {
  if (count > kIovMax) return Error::Invalid;
  usize total = 0;
  for (u64 i = 0; i < count; ++i) {
    TRY(c.mem->copy_in(&out[i], uiov + i * sizeof(IoVec), sizeof(IoVec)));
    if (static_cast<i64>(out[i].len) < 0) return Error::Invalid;
    if (out[i].len > kMaxRw - total) out[i].len = kMaxRw - total;
    total += out[i].len;
  }
  return total;
}

// readv/writev (pos: preadv/pwritev style positions; not offered yet, nullptr).
i64 do_vector(SyscallContext& c, const SyscallArgs& a, bool writing) {
  File* fp;
  auto fr = file_ref(c, a.a[0]);
  if (!fr.ok()) return fail(fr.error());
  fp = fr.value();
  FileRef hold(fp);
  if (writing ? !fp->writable() : fp->readable() == false) return -linux::EBADF;
  if (!writing && fp->kind() == FileKind::Directory) return -linux::EISDIR;
  u64 count = a.a[2];
  if (count > kIovMax) return -linux::EINVAL;
  IoVec* iov = static_cast<IoVec*>(env_alloc(sizeof(IoVec) * (count ? count : 1)));
  if (!iov) return -linux::ENOMEM;
  auto tr = load_iov(c, a.a[1], count, iov);
  i64 result = 0;
  if (!tr.ok()) {
    result = fail(tr.error());
  } else if (writing && tr.value() <= kPipeBuf) {
    // Small writev: gather into one write so a pipe keeps it atomic.
    Bounce b(tr.value());
    u8* buf = b.data();
    if (b.cap() < tr.value()) result = -linux::ENOMEM;
    usize at = 0;
    for (u64 i = 0; i < count && result == 0; ++i) {
      if (c.mem->copy_in(buf + at, iov[i].base, iov[i].len) != Error::Ok) result = -linux::EFAULT;
      at += iov[i].len;
    }
    if (result == 0 && at) {
      auto r = fp->write(buf, at, !fp->nonblocking(), true);
      result = r.ok() ? static_cast<i64>(r.value()) : fail(r.error());
    }
  } else {
    usize total = 0;
    for (u64 i = 0; i < count; ++i) {
      if (iov[i].len == 0) continue;
      i64 r = writing ? do_write(c, fp, iov[i].base, iov[i].len, nullptr)
                      : do_read(c, fp, iov[i].base, iov[i].len, nullptr, !fp->nonblocking() && total == 0);
      if (r < 0) {
        if (total == 0) result = r;
        break;
      }
      total += static_cast<usize>(r);
      if (static_cast<u64>(r) < iov[i].len) break;
    }
    if (result == 0) result = static_cast<i64>(total);
  }
  env_free(iov);
  return result;
}

}  // namespace

i64 sys_read(SyscallContext& c, const SyscallArgs& a) {
  auto fr = file_ref(c, a.a[0]);
  if (!fr.ok()) return fail(fr.error());
  FileRef f(fr.value());
  if (i64 e = check_read(f.get())) return e;
  return do_read(c, f.get(), a.a[1], a.a[2], nullptr, !f->nonblocking());
}

i64 sys_write(SyscallContext& c, const SyscallArgs& a) {
  auto fr = file_ref(c, a.a[0]);
  if (!fr.ok()) return fail(fr.error());
  FileRef f(fr.value());
  if (!f->writable()) return -linux::EBADF;
  return do_write(c, f.get(), a.a[1], a.a[2], nullptr);
}

i64 sys_readv(SyscallContext& c, const SyscallArgs& a) { return do_vector(c, a, false); }
i64 sys_writev(SyscallContext& c, const SyscallArgs& a) { return do_vector(c, a, true); }

i64 sys_pread64(SyscallContext& c, const SyscallArgs& a) {
  auto fr = file_ref(c, a.a[0]);
  if (!fr.ok()) return fail(fr.error());
  FileRef f(fr.value());
  if (i64 e = check_read(f.get())) return e;
  if (static_cast<i64>(a.a[3]) < 0) return f->kind() == FileKind::Pipe ? -linux::ESPIPE : -linux::EINVAL;
  u64 pos = a.a[3];
  return do_read(c, f.get(), a.a[1], a.a[2], &pos, false);
}

i64 sys_pwrite64(SyscallContext& c, const SyscallArgs& a) {
  auto fr = file_ref(c, a.a[0]);
  if (!fr.ok()) return fail(fr.error());
  FileRef f(fr.value());
  if (!f->writable()) return -linux::EBADF;
  if (static_cast<i64>(a.a[3]) < 0) return f->kind() == FileKind::Pipe ? -linux::ESPIPE : -linux::EINVAL;
  u64 pos = a.a[3];
  return do_write(c, f.get(), a.a[1], a.a[2], &pos);
}

// sendfile(out_fd, in_fd, loff_t* offset, count): in_fd's bytes to out_fd through the
// kernel. With offset, in_fd is read at *offset (updated) and its file offset stays;
// without, from its file offset. in_fd must be seekable-or-readable like Linux's (a pipe
// works as source on Linux >= 5.12; so it does here).
i64 sys_sendfile(SyscallContext& c, const SyscallArgs& a) {
  auto outr = file_ref(c, a.a[0]);
  if (!outr.ok()) return fail(outr.error());
  FileRef out(outr.value());
  auto inr = file_ref(c, a.a[1]);
  if (!inr.ok()) return fail(inr.error());
  FileRef in(inr.value());
  if (!in->readable() || !out->writable()) return -linux::EBADF;
  if (in->kind() == FileKind::Directory) return -linux::EINVAL;
  if (out->status_flags() & linux::O_APPEND) return -linux::EINVAL;
  u64 uoff = a.a[2];
  u64 pos = 0;
  if (uoff) {
    if (c.mem->copy_in(&pos, uoff, sizeof(pos)) != Error::Ok) return -linux::EFAULT;
    if (static_cast<i64>(pos) < 0) return -linux::EINVAL;
  }
  usize n = min<u64>(a.a[3], kMaxRw);
  Bounce b(n);
  usize total = 0;
  i64 result = 0;
  while (total < n) {
    usize chunk = min(n - total, b.cap());
    Result<usize> r = uoff ? in->pread(b.data(), chunk, pos) : in->read(b.data(), chunk, !in->nonblocking() && total == 0);
    if (!r.ok()) {
      if (!total) result = fail(r.error());
      break;
    }
    if (r.value() == 0) break;
    auto w = out->write(b.data(), r.value(), !out->nonblocking(), false);
    usize put = w.ok() ? w.value() : 0;
    if (uoff) pos += put;
    else if (put < r.value() && in->kind() == FileKind::Regular) (void)in->lseek(-static_cast<i64>(r.value() - put), linux::SEEK_CUR);
    total += put;
    if (!w.ok()) {
      if (!total) result = fail(w.error());
      break;
    }
    if (put < r.value() || r.value() < chunk) break;
  }
  if (uoff && c.mem->copy_out(uoff, &pos, sizeof(pos)) != Error::Ok) return -linux::EFAULT;
  return result < 0 ? result : static_cast<i64>(total);
}

i64 sys_lseek(SyscallContext& c, const SyscallArgs& a) {
  auto fr = c.files->get(fd_arg(a.a[0]));
  if (!fr.ok()) return fail(fr.error());
  u32 whence = static_cast<u32>(a.a[2]);
  auto r = fr.value()->lseek(static_cast<i64>(a.a[1]), static_cast<int>(whence));
  if (!r.ok()) return fail(r.error());
  return static_cast<i64>(r.value());
}

i64 sys_getdents64(SyscallContext& c, const SyscallArgs& a) {
  auto fr = c.files->get(fd_arg(a.a[0]));
  if (!fr.ok()) return fail(fr.error());
  File* f = fr.value();
  usize cap = static_cast<usize>(min<u64>(a.a[2], Bounce::kMax));
  if (f->kind() != FileKind::Directory) return -linux::ENOTDIR;
  Bounce b(cap);
  cap = min(cap, b.cap());
  auto r = f->getdents64(b.data(), cap);
  if (!r.ok()) return fail(r.error());
  // FIXME: a fault here loses the records read (the offset moved past them), as on Linux
  // only when the first copy fails; rare enough for a program bug.
  if (r.value() && c.mem->copy_out(a.a[1], b.data(), r.value()) != Error::Ok) return -linux::EFAULT;
  return static_cast<i64>(r.value());
}

i64 sys_ioctl(SyscallContext& c, const SyscallArgs& a) {
  int fd = fd_arg(a.a[0]);
  auto fr = c.files->get(fd);
  if (!fr.ok()) return fail(fr.error());
  File* f = fr.value();
  u32 cmd = static_cast<u32>(a.a[1]);
  constexpr u32 FIONCLEX = 0x5450, FIOCLEX = 0x5451;
  switch (cmd) {  // the generic ones every file has
    case FIOCLEX: return fail(c.files->set_cloexec(fd, true));
    case FIONCLEX: return fail(c.files->set_cloexec(fd, false));
    case linux::FIONBIO: {
      i32 on;
      if (c.mem->copy_in(&on, a.a[2], sizeof(on)) != Error::Ok) return -linux::EFAULT;
      u32 fl = f->status_flags();
      f->set_status_flags(on ? fl | linux::O_NONBLOCK : fl & ~linux::O_NONBLOCK);
      return 0;
    }
    default: break;
  }
  auto r = f->ioctl(cmd, a.a[2], *c.mem);
  return r.ok() ? r.value() : fail(r.error());
}

i64 sys_fsync(SyscallContext& c, const SyscallArgs& a) {
  auto fr = c.files->get(fd_arg(a.a[0]));
  if (!fr.ok()) return fail(fr.error());
  return fail(fr.value()->fsync());
}

i64 sys_fdatasync(SyscallContext& c, const SyscallArgs& a) { return sys_fsync(c, a); }

i64 sys_ftruncate(SyscallContext& c, const SyscallArgs& a) {
  auto fr = c.files->get(fd_arg(a.a[0]));
  if (!fr.ok()) return fail(fr.error());
  if (static_cast<i64>(a.a[1]) < 0) return -linux::EINVAL;
  return fail(fr.value()->truncate(a.a[1]));
}

}  // namespace sis::proc
