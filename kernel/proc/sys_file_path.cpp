// System calls that name files by path: openat, mkdirat, unlinkat, renameat(2), linkat,
// symlinkat, readlinkat, fchmodat, fchmod, fchownat, fchown, utimensat, faccessat(2), getcwd, chdir, fchdir,
// truncate, sync.
// Paths are made absolute against the dirfd or the cwd (user_path_at), then handed to the
// VFS under the VfsLock. The caller is root: permission bits never refuse access, but
// existence, file types and read-only file systems do, as Linux reports them to root.
#include "lib/env.h"
#include "lib/string.h"
#include "proc/file_devices.h"
#include "proc/linux_stat.h"
#include "proc/sys_file_internal.h"
#include "proc/user_memory.h"
#include "proc/vfs_file.h"
#include "proc/vfs_lock.h"

namespace sis::proc {

using namespace sysfile;

namespace {

constexpr u32 O_TMPFILE = 020000000 | linux::O_DIRECTORY;

bool is_dot_or_dotdot(StrView s) { return s == StrView(".") || s == StrView(".."); }

// Opens path (absolute) as a VfsFile; the VfsLock is held by the caller.
Result<File*> open_vfs(FileTable& files, StrView path, u32 flags, u32 mode, char* scratch, usize scratch_cap) {
  fs::Vfs& v = file_vfs();
  fs::Stat st;
  bool created = false;
  if (flags & linux::O_CREAT) {
    if (flags & linux::O_DIRECTORY) return Error::Invalid;
    auto s = (flags & linux::O_EXCL) ? v.lstat(path) : v.stat(path);
    if (s.ok()) {
      if (flags & linux::O_EXCL) return Error::Exists;
      st = s.value();
    } else if (s.error() == Error::NoEntry) {
      int vfd;
      vfd = TRY(v.open(path, fs::kOpenRead | fs::kOpenCreate | fs::kOpenExclusive, mode & ~files.umask() & 07777));
      auto fst = v.fstat(vfd);
      (void)v.close(vfd);
      st = TRY(fst);
      created = true;
    } else {
      return s.error();
    }
  } else {
    st = TRY((flags & linux::O_NOFOLLOW) ? v.lstat(path) : v.stat(path));
    if ((flags & linux::O_NOFOLLOW) && st.type() == fs::FileType::Symlink) return Error::Loop;
  }
  fs::FileType type = st.type();
  u32 acc = flags & linux::O_ACCMODE;
  if ((flags & linux::O_DIRECTORY) && type != fs::FileType::Directory) return Error::NotDir;
  if (type == fs::FileType::Directory && (acc != linux::O_RDONLY || (flags & linux::O_CREAT))) return Error::IsDir;
  if (type != fs::FileType::Directory && type != fs::FileType::Regular) return static_cast<Error>(linux::ENXIO);
  fs::FileSystem* fsp;
  fsp = TRY(v.fs_of(path));
  if (type == fs::FileType::Regular && (flags & linux::O_TRUNC) && !created && st.size) {
    if (fsp->read_only()) return Error::ReadOnly;
    TRY(fsp->truncate(st.ino, 0));
  }
  if (acc != linux::O_RDONLY && fsp->read_only()) return Error::ReadOnly;
  u32 status = flags & (linux::O_ACCMODE | linux::O_APPEND | linux::O_NONBLOCK);
  VfsFile* f = make_file<VfsFile>(fsp, st.ino, type, dev_of_fs(fsp), status);
  if (!f) return Error::NoMemory;
  auto n = FileTable::join_path("/", path, scratch, scratch_cap, true);
  Error e = n.ok() ? f->set_path(StrView(scratch, n.value())) : n.error();
  if (e != Error::Ok) {
    f->unref();
    return e;
  }
  return static_cast<File*>(f);
}

}  // namespace

i64 sys_openat(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[2]);
  u32 mode = static_cast<u32>(a.a[3]);
  if ((flags & O_TMPFILE) == O_TMPFILE) return -linux::EOPNOTSUPP;
  PathBuf buf;
  auto p = user_path_at(c, a.a[0], a.a[1], buf, false);
  if (!p.ok()) return fail(p.error());
  StrView path = p.value().path;
  bool cloexec = flags & linux::O_CLOEXEC;
  Result<File*> f = Error::NoEntry;
  if (int alias = fd_alias(path); alias >= 0) {
    // Linux reopens the file the descriptor names: a path-opened file is opened again by
    // its path (a new offset, the new flags); a pipe, tty or device is the same object
    // (here: the same description, so it shares status flags with the original).
    auto orig = c.files->get(alias);
    if (!orig.ok()) return -linux::ENOENT;
    File* o = orig.value();
    if (o->kind() == FileKind::Regular || o->kind() == FileKind::Directory) {
      StrView opath = static_cast<VfsFile*>(o)->path();
      memcpy(buf.path(), opath.data, opath.size);
      VfsLock lock;
      f = open_vfs(*c.files, StrView(buf.path(), opath.size), flags, mode, buf.user(), PathBuf::kCap);
    } else {
      o->ref();
      f = o;
    }
  } else if (is_device_path(path)) {
    if (flags & linux::O_DIRECTORY) return -linux::ENOTDIR;
    if ((flags & linux::O_CREAT) && (flags & linux::O_EXCL)) return -linux::EEXIST;
    f = open_device(path, flags & (linux::O_ACCMODE | linux::O_APPEND | linux::O_NONBLOCK));
  } else {
    VfsLock lock;
    f = open_vfs(*c.files, path, flags, mode, buf.user(), PathBuf::kCap);
  }
  if (!f.ok()) return fail(f.error());
  auto fd = c.files->install(f.value(), cloexec);
  return fd.ok() ? fd.value() : fail(fd.error());
}

i64 sys_mkdirat(SyscallContext& c, const SyscallArgs& a) {
  PathBuf buf;
  auto p = user_path_at(c, a.a[0], a.a[1], buf, false);
  if (!p.ok()) return fail(p.error());
  StrView path = p.value().path;
  StrView last = fs::Vfs::last_component(path);
  if (last.empty() || is_dot_or_dotdot(last)) return -linux::EEXIST;  // "/", ".", ".." exist
  VfsLock lock;
  return fail(file_vfs().mkdir(path, static_cast<u32>(a.a[2]) & ~c.files->umask() & 07777));
}

i64 sys_unlinkat(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[2]);
  if (flags & ~linux::AT_REMOVEDIR) return -linux::EINVAL;
  PathBuf buf;
  auto p = user_path_at(c, a.a[0], a.a[1], buf, false);
  if (!p.ok()) return fail(p.error());
  StrView path = p.value().path;
  StrView last = fs::Vfs::last_component(path);
  VfsLock lock;
  if (flags & linux::AT_REMOVEDIR) {
    if (last.empty()) return -linux::EBUSY;
    if (last == StrView(".")) return -linux::EINVAL;
    if (last == StrView("..")) return -linux::ENOTEMPTY;
    return fail(file_vfs().rmdir(path));
  }
  if (last.empty() || is_dot_or_dotdot(last)) return -linux::EISDIR;
  return fail(file_vfs().unlink(path));
}

i64 sys_renameat2(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[4]);
  if (flags & ~linux::RENAME_NOREPLACE) return -linux::EINVAL;  // EXCHANGE, WHITEOUT: not offered
  PathBuf from_buf, to_buf;
  auto from = user_path_at(c, a.a[0], a.a[1], from_buf, false);
  if (!from.ok()) return fail(from.error());
  auto to = user_path_at(c, a.a[2], a.a[3], to_buf, false);
  if (!to.ok()) return fail(to.error());
  StrView f = from.value().path, t = to.value().path;
  StrView fl = fs::Vfs::last_component(f), tl = fs::Vfs::last_component(t);
  if (fl.empty() || tl.empty() || is_dot_or_dotdot(fl) || is_dot_or_dotdot(tl)) return -linux::EBUSY;
  VfsLock lock;
  fs::Vfs& v = file_vfs();
  if (flags & linux::RENAME_NOREPLACE) {
    auto src = v.lstat(f);
    if (!src.ok()) return fail(src.error());
    if (v.lstat(t).ok()) return -linux::EEXIST;
  }
  return fail(v.rename(f, t));
}

i64 sys_renameat(SyscallContext& c, const SyscallArgs& a) {
  SyscallArgs b = a;
  b.a[4] = 0;
  return sys_renameat2(c, b);
}

i64 sys_linkat(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[4]);
  if (flags & ~(linux::AT_SYMLINK_FOLLOW | linux::AT_EMPTY_PATH)) return -linux::EINVAL;
  PathBuf from_buf, to_buf;
  auto from = user_path_at(c, a.a[0], a.a[1], from_buf, false);
  if (!from.ok()) return fail(from.error());
  auto to = user_path_at(c, a.a[2], a.a[3], to_buf, false);
  if (!to.ok()) return fail(to.error());
  VfsLock lock;
  fs::Vfs& v = file_vfs();
  auto src = (flags & linux::AT_SYMLINK_FOLLOW) ? v.stat(from.value().path) : v.lstat(from.value().path);
  if (!src.ok()) return fail(src.error());
  if (src.value().type() == fs::FileType::Directory) return -linux::EPERM;
  auto dst = v.lstat(to.value().path);
  if (dst.ok()) return -linux::EEXIST;
  if (dst.error() != Error::NoEntry) return fail(dst.error());
  // ext4 makes the link; ramfs has none (EPERM, as Linux says for such a file system).
  return fail(v.link(from.value().path, to.value().path, flags & linux::AT_SYMLINK_FOLLOW));
}

i64 sys_symlinkat(SyscallContext& c, const SyscallArgs& a) {
  PathBuf target_buf, link_buf;
  if (!target_buf.ok()) return -linux::ENOMEM;
  auto tn = c.mem->copy_string_in(target_buf.path(), a.a[0], PathBuf::kCap);
  if (!tn.ok()) return fail(tn.error());
  if (tn.value() == 0) return -linux::ENOENT;
  auto p = user_path_at(c, a.a[1], a.a[2], link_buf, false);
  if (!p.ok()) return fail(p.error());
  VfsLock lock;
  return fail(file_vfs().symlink(StrView(target_buf.path(), tn.value()), p.value().path));
}

i64 sys_readlinkat(SyscallContext& c, const SyscallArgs& a) {
  i64 size = static_cast<i32>(a.a[3]);
  if (size <= 0) return -linux::EINVAL;
  PathBuf buf;
  auto p = user_path_at(c, a.a[0], a.a[1], buf, false);
  if (!p.ok()) return fail(p.error());
  usize cap = min<usize>(static_cast<usize>(size), PathBuf::kCap);
  usize n;
  {
    VfsLock lock;
    auto r = file_vfs().readlink(p.value().path, buf.user(), cap);
    if (!r.ok()) return fail(r.error());
    n = min(r.value(), cap);
  }
  if (c.mem->copy_out(a.a[2], buf.user(), n) != Error::Ok) return -linux::EFAULT;
  return static_cast<i64>(n);
}

namespace {

i64 setattr_fd(SyscallContext& c, u64 fd, const fs::SetAttr& attr) {
  auto f = c.files->get(fd_arg(fd));
  if (!f.ok()) return fail(f.error());
  Error e = f.value()->setattr(attr);
  return e == Error::Ok ? 0 : fail(e);
}

// chmod/chown/utimensat on a path (follow: a final symlink is followed) or, for an empty
// path with AT_EMPTY_PATH (or utimensat's NULL path), on the descriptor dirfd itself.
i64 setattr_at(SyscallContext& c, u64 dirfd, u64 upath, bool empty_ok, bool follow, const fs::SetAttr& attr) {
  PathBuf buf;
  auto p = user_path_at(c, dirfd, upath, buf, empty_ok);
  if (!p.ok()) return fail(p.error());
  if (p.value().empty) {
    return setattr_fd(c, dirfd, attr);
  }
  if (is_device_path(p.value().path)) return -linux::EPERM;  // the devices have no inode to change
  VfsLock lock;
  Error e = file_vfs().setattr(p.value().path, follow, attr);
  return e == Error::Ok ? 0 : fail(e);
}

fs::SetAttr mode_attr(u64 mode) {
  fs::SetAttr a;
  a.mask = fs::SetAttr::kMode;
  a.mode = static_cast<u32>(mode) & 07777;
  return a;
}

// Every process is root here, so any owner may be set. As Linux: -1 leaves a field alone,
// and a chown of a non-directory clears set-user-ID, and set-group-ID when group-executable
// (should_remove_suid); that needs the present mode.
Result<fs::SetAttr> owner_attr(const fs::Stat& st, u64 uid_arg, u64 gid_arg) {
  fs::SetAttr a;
  u32 uid = static_cast<u32>(uid_arg), gid = static_cast<u32>(gid_arg);
  if (uid != ~0u) {
    a.mask |= fs::SetAttr::kUid;
    a.uid = uid;
  }
  if (gid != ~0u) {
    a.mask |= fs::SetAttr::kGid;
    a.gid = gid;
  }
  if (a.mask && st.type() != fs::FileType::Directory) {
    u32 mode = st.mode & 07777;
    u32 cleared = mode & ~(04000u | ((mode & 010) ? 02000u : 0u));
    if (cleared != mode) {
      a.mask |= fs::SetAttr::kMode;
      a.mode = cleared;
    }
  }
  return a;
}

}  // namespace

i64 sys_fchmodat(SyscallContext& c, const SyscallArgs& a) {
  return setattr_at(c, a.a[0], a.a[1], false, true, mode_attr(a.a[2]));
}

i64 sys_fchmod(SyscallContext& c, const SyscallArgs& a) { return setattr_fd(c, a.a[0], mode_attr(a.a[1])); }

i64 sys_fchownat(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[4]);
  if (flags & ~(linux::AT_SYMLINK_NOFOLLOW | linux::AT_EMPTY_PATH)) return -linux::EINVAL;
  bool follow = !(flags & linux::AT_SYMLINK_NOFOLLOW);
  PathBuf buf;
  auto p = user_path_at(c, a.a[0], a.a[1], buf, flags & linux::AT_EMPTY_PATH);
  if (!p.ok()) return fail(p.error());
  if (p.value().empty) {
    auto f = c.files->get(fd_arg(a.a[0]));
    if (!f.ok()) return fail(f.error());
    auto st = f.value()->stat();
    if (!st.ok()) return fail(st.error());
    Error e = f.value()->setattr(owner_attr(st.value(), a.a[2], a.a[3]).value());
    return e == Error::Ok ? 0 : fail(e);
  }
  if (is_device_path(p.value().path)) return -linux::EPERM;
  VfsLock lock;
  fs::Vfs& v = file_vfs();
  auto st = follow ? v.stat(p.value().path) : v.lstat(p.value().path);
  if (!st.ok()) return fail(st.error());
  Error e = v.setattr(p.value().path, follow, owner_attr(st.value(), a.a[2], a.a[3]).value());
  return e == Error::Ok ? 0 : fail(e);
}

i64 sys_fchown(SyscallContext& c, const SyscallArgs& a) {
  auto f = c.files->get(fd_arg(a.a[0]));
  if (!f.ok()) return fail(f.error());
  auto st = f.value()->stat();
  if (!st.ok()) return fail(st.error());
  return setattr_fd(c, a.a[0], owner_attr(st.value(), a.a[1], a.a[2]).value());
}

// utimensat(dirfd, path, times[2], flags): times NULL sets both to now; a tv_nsec of
// UTIME_NOW or UTIME_OMIT sets that one to now or leaves it; a NULL path is the descriptor
// itself (futimens).
i64 sys_utimensat(SyscallContext& c, const SyscallArgs& a) {
  constexpr i64 kUtimeNow = (1l << 30) - 1, kUtimeOmit = (1l << 30) - 2;
  u32 flags = static_cast<u32>(a.a[3]);
  if (flags & ~(linux::AT_SYMLINK_NOFOLLOW | linux::AT_EMPTY_PATH)) return -linux::EINVAL;
  i64 ts[4] = {0, kUtimeNow, 0, kUtimeNow};  // atime {sec, nsec}, mtime {sec, nsec}
  if (a.a[2] && c.mem->copy_in(ts, a.a[2], sizeof(ts)) != Error::Ok) return -linux::EFAULT;
  fs::SetAttr attr;
  i64 now = static_cast<i64>(wall_clock_seconds());
  for (int i = 0; i < 2; ++i) {
    i64 sec = ts[2 * i], nsec = ts[2 * i + 1];
    if (nsec == kUtimeOmit) continue;
    if (nsec != kUtimeNow && (nsec < 0 || nsec >= 1000000000)) return -linux::EINVAL;
    bool use_now = nsec == kUtimeNow;
    attr.mask |= i == 0 ? fs::SetAttr::kAtime : fs::SetAttr::kMtime;
    (i == 0 ? attr.atime : attr.mtime) = use_now ? now : sec;
    (i == 0 ? attr.atime_nsec : attr.mtime_nsec) = use_now ? 0 : static_cast<u32>(nsec);
  }
  bool follow = !(flags & linux::AT_SYMLINK_NOFOLLOW);
  if (!a.a[1]) return attr.mask ? setattr_fd(c, a.a[0], attr) : 0;  // futimens
  if (!attr.mask) {  // both omitted: nothing changes, but the path must still exist
    PathBuf buf;
    auto p = user_path_at(c, a.a[0], a.a[1], buf, flags & linux::AT_EMPTY_PATH);
    return p.ok() ? 0 : fail(p.error());
  }
  return setattr_at(c, a.a[0], a.a[1], flags & linux::AT_EMPTY_PATH, follow, attr);
}

namespace {

i64 access_at(SyscallContext& c, u64 dirfd, u64 upath, u32 mode, u32 flags) {
  if (mode & ~(linux::R_OK | linux::W_OK | linux::X_OK)) return -linux::EINVAL;
  if (flags & ~(linux::AT_EACCESS | linux::AT_SYMLINK_NOFOLLOW | linux::AT_EMPTY_PATH)) return -linux::EINVAL;
  PathBuf buf;
  auto p = user_path_at(c, dirfd, upath, buf, flags & linux::AT_EMPTY_PATH);
  if (!p.ok()) return fail(p.error());
  fs::Stat st;
  bool read_only = false;
  if (p.value().empty) {
    auto f = c.files->get(fd_arg(dirfd));
    if (!f.ok()) return fail(f.error());
    auto s = f.value()->stat();
    if (!s.ok()) return fail(s.error());
    st = s.value();
  } else if (is_device_path(p.value().path)) {
    return 0;
  } else {
    VfsLock lock;
    fs::Vfs& v = file_vfs();
    auto s = (flags & linux::AT_SYMLINK_NOFOLLOW) ? v.lstat(p.value().path) : v.stat(p.value().path);
    if (!s.ok()) return fail(s.error());
    st = s.value();
    auto fsp = v.fs_of(p.value().path);
    read_only = fsp.ok() && fsp.value()->read_only();
  }
  // Root: reading and writing are always allowed (but not writing a read-only file
  // system); executing needs an x bit somewhere, or a directory.
  if ((mode & linux::W_OK) && read_only) return -linux::EROFS;
  if ((mode & linux::X_OK) && st.type() != fs::FileType::Directory && !(st.mode & 0111)) return -linux::EACCES;
  return 0;
}

}  // namespace

i64 sys_faccessat(SyscallContext& c, const SyscallArgs& a) {
  return access_at(c, a.a[0], a.a[1], static_cast<u32>(a.a[2]), 0);
}

i64 sys_faccessat2(SyscallContext& c, const SyscallArgs& a) {
  return access_at(c, a.a[0], a.a[1], static_cast<u32>(a.a[2]), static_cast<u32>(a.a[3]));
}

i64 sys_getcwd(SyscallContext& c, const SyscallArgs& a) {
  StrView cwd = c.files->cwd();
  if (a.a[1] < cwd.size + 1) return -linux::ERANGE;
  if (c.mem->copy_out(a.a[0], cwd.data, cwd.size) != Error::Ok) return -linux::EFAULT;
  char nul = 0;
  if (c.mem->copy_out(a.a[0] + cwd.size, &nul, 1) != Error::Ok) return -linux::EFAULT;
  return static_cast<i64>(cwd.size + 1);
}

i64 sys_chdir(SyscallContext& c, const SyscallArgs& a) {
  PathBuf buf;
  auto p = user_path_at(c, static_cast<u64>(linux::AT_FDCWD), a.a[0], buf, false);
  if (!p.ok()) return fail(p.error());
  if (is_device_path(p.value().path)) return -linux::ENOTDIR;
  {
    VfsLock lock;
    auto st = file_vfs().stat(p.value().path);
    if (!st.ok()) return fail(st.error());
    if (st.value().type() != fs::FileType::Directory) return -linux::ENOTDIR;
  }
  return fail(c.files->set_cwd(p.value().path));
}

i64 sys_fchdir(SyscallContext& c, const SyscallArgs& a) {
  auto f = c.files->get(fd_arg(a.a[0]));
  if (!f.ok()) return fail(f.error());
  if (f.value()->kind() != FileKind::Directory) return -linux::ENOTDIR;
  return fail(c.files->set_cwd(static_cast<VfsFile*>(f.value())->path()));
}

i64 sys_truncate(SyscallContext& c, const SyscallArgs& a) {
  if (static_cast<i64>(a.a[1]) < 0) return -linux::EINVAL;
  PathBuf buf;
  auto p = user_path_at(c, static_cast<u64>(linux::AT_FDCWD), a.a[0], buf, false);
  if (!p.ok()) return fail(p.error());
  VfsLock lock;
  fs::Vfs& v = file_vfs();
  auto st = v.stat(p.value().path);
  if (!st.ok()) return fail(st.error());
  if (st.value().type() == fs::FileType::Directory) return -linux::EISDIR;
  if (st.value().type() != fs::FileType::Regular) return -linux::EINVAL;
  return fail(v.truncate(p.value().path, a.a[1]));
}

i64 sys_sync(SyscallContext&, const SyscallArgs&) {
  VfsLock lock;
  (void)file_vfs().sync();  // sync(2) cannot fail
  return 0;
}

}  // namespace sis::proc
