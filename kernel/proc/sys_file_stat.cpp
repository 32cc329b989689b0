// fstat, newfstatat, statx, statfs and fstatfs: fs::Stat in Linux's struct stat / struct statx layouts
// (linux_stat.h). st_dev is the mount's index + 1 (devices: 0), st_blksize 4096; character
// devices report their device number (the stat's ino) as st_rdev.
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

struct Found {
  fs::Stat st;
  u64 dev = 0;
};

u64 rdev_of(const fs::Stat& st) { return (st.mode & linux::S_IFMT) == linux::S_IFCHR ? st.ino : 0; }

linux::stat to_linux_stat(const Found& f) {
  linux::stat s;
  memset(&s, 0, sizeof(s));
  s.st_dev = f.dev;
  s.st_ino = f.st.ino;
  s.st_mode = f.st.mode;
  s.st_nlink = f.st.nlink;
  s.st_uid = f.st.uid;
  s.st_gid = f.st.gid;
  s.st_rdev = rdev_of(f.st);
  s.st_size = static_cast<i64>(f.st.size);
  s.st_blksize = 4096;
  s.st_blocks = static_cast<i64>(f.st.blocks);
  s.st_atime = f.st.atime;
  s.st_mtime = f.st.mtime;
  s.st_mtime_nsec = f.st.mtime_nsec;
  s.st_ctime = f.st.ctime;
  return s;
}

Result<Found> stat_file(File* f) {
  Found r;
  r.st = TRY(f->stat());
  if (f->kind() == FileKind::Regular || f->kind() == FileKind::Directory || f->kind() == FileKind::Symlink)
    r.dev = static_cast<VfsFile*>(f)->dev();
  return r;
}

// The dev of the directory holding path's last component (for an lstat of a symlink, whose
// target may be elsewhere or missing).
u64 dev_of_parent(fs::Vfs& v, StrView path) {
  StrView last = fs::Vfs::last_component(path);
  StrView dir(path.data, static_cast<usize>(last.data - path.data));
  if (dir.empty()) dir = StrView("/");
  auto fsp = v.fs_of(dir);
  return fsp.ok() ? dev_of_fs(fsp.value()) : 0;
}

// What fstatat and statx look at: dirfd itself (AT_EMPTY_PATH with ""), a device, or a path.
Result<Found> stat_at(SyscallContext& c, u64 dirfd, u64 upath, u32 flags) {
  PathBuf buf;
  AtPath p;
  p = TRY(user_path_at(c, dirfd, upath, buf, flags & linux::AT_EMPTY_PATH));
  if (p.empty) {
    i64 fd = static_cast<i32>(dirfd);
    if (fd == linux::AT_FDCWD) {
      VfsLock lock;
      fs::Vfs& v = file_vfs();
      Found r;
      r.st = TRY(v.stat(c.files->cwd()));
      auto fsp = v.fs_of(c.files->cwd());
      r.dev = fsp.ok() ? dev_of_fs(fsp.value()) : 0;
      return r;
    }
    File* f;
    f = TRY(c.files->get(static_cast<int>(fd)));
    return stat_file(f);
  }
  if (int alias = fd_alias(p.path); alias >= 0) {
    File* f;
    f = TRY(c.files->get(alias));
    return stat_file(f);
  }
  if (is_device_path(p.path)) {
    Found r;
    r.st = TRY(stat_device(p.path));
    return r;
  }
  VfsLock lock;
  fs::Vfs& v = file_vfs();
  Found r;
  bool follow = !(flags & linux::AT_SYMLINK_NOFOLLOW);
  r.st = TRY(follow ? v.stat(p.path) : v.lstat(p.path));
  if (r.st.type() == fs::FileType::Symlink) {
    r.dev = dev_of_parent(v, p.path);
  } else {
    auto fsp = v.fs_of(p.path);
    r.dev = fsp.ok() ? dev_of_fs(fsp.value()) : 0;
  }
  return r;
}

}  // namespace

i64 sys_fstat(SyscallContext& c, const SyscallArgs& a) {
  auto f = c.files->get(fd_arg(a.a[0]));
  if (!f.ok()) return fail(f.error());
  auto r = stat_file(f.value());
  if (!r.ok()) return fail(r.error());
  linux::stat s = to_linux_stat(r.value());
  return c.mem->copy_out(a.a[1], &s, sizeof(s)) == Error::Ok ? 0 : -linux::EFAULT;
}

i64 sys_newfstatat(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[3]);
  if (flags & ~(linux::AT_SYMLINK_NOFOLLOW | linux::AT_EMPTY_PATH | linux::AT_NO_AUTOMOUNT)) return -linux::EINVAL;
  auto r = stat_at(c, a.a[0], a.a[1], flags);
  if (!r.ok()) return fail(r.error());
  linux::stat s = to_linux_stat(r.value());
  return c.mem->copy_out(a.a[2], &s, sizeof(s)) == Error::Ok ? 0 : -linux::EFAULT;
}

i64 sys_statx(SyscallContext& c, const SyscallArgs& a) {
  u32 flags = static_cast<u32>(a.a[2]);
  u32 mask = static_cast<u32>(a.a[3]);
  constexpr u32 kFlags = linux::AT_SYMLINK_NOFOLLOW | linux::AT_EMPTY_PATH | linux::AT_NO_AUTOMOUNT | linux::AT_STATX_SYNC_TYPE;
  if (flags & ~kFlags) return -linux::EINVAL;
  if ((flags & linux::AT_STATX_SYNC_TYPE) == linux::AT_STATX_SYNC_TYPE) return -linux::EINVAL;
  if (mask & linux::STATX__RESERVED) return -linux::EINVAL;
  auto r = stat_at(c, a.a[0], a.a[1], flags);
  if (!r.ok()) return fail(r.error());
  const fs::Stat& st = r.value().st;
  linux::statx x;
  memset(&x, 0, sizeof(x));
  x.stx_mask = linux::STATX_BASIC_STATS | (st.crtime ? linux::STATX_BTIME : 0);
  x.stx_blksize = 4096;
  x.stx_nlink = st.nlink;
  x.stx_uid = st.uid;
  x.stx_gid = st.gid;
  x.stx_mode = static_cast<u16>(st.mode);
  x.stx_ino = st.ino;
  x.stx_size = st.size;
  x.stx_blocks = st.blocks;
  x.stx_atime.tv_sec = st.atime;
  x.stx_btime.tv_sec = st.crtime;
  x.stx_ctime.tv_sec = st.ctime;
  x.stx_mtime.tv_sec = st.mtime;
  x.stx_mtime.tv_nsec = st.mtime_nsec;
  u64 rdev = rdev_of(st);
  x.stx_rdev_major = static_cast<u32>(rdev >> 8);
  x.stx_rdev_minor = static_cast<u32>(rdev & 0xff);
  x.stx_dev_minor = static_cast<u32>(r.value().dev);
  return c.mem->copy_out(a.a[4], &x, sizeof(x)) == Error::Ok ? 0 : -linux::EFAULT;
}

namespace {

i64 put_statfs(SyscallContext& c, fs::FileSystem* fsp, u64 dev, u64 ubuf) {
  fs::FsStat fst;
  {
    VfsLock lock;
    auto r = fsp->statfs();
    if (!r.ok()) return fail(r.error());
    fst = r.value();
  }
  linux::statfs s;
  memset(&s, 0, sizeof(s));
  StrView type(fsp->type_name());
  s.f_type = type == StrView("ext4") ? linux::EXT4_SUPER_MAGIC : type == StrView("ramfs") ? linux::RAMFS_MAGIC : 0;
  s.f_bsize = static_cast<i64>(fst.block_size);
  s.f_blocks = fst.blocks;
  s.f_bfree = fst.free_blocks;
  s.f_bavail = fst.avail_blocks;
  s.f_files = fst.inodes;
  s.f_ffree = fst.free_inodes;
  s.f_fsid[0] = static_cast<i32>(dev);
  s.f_namelen = static_cast<i64>(fs::kNameMax);
  s.f_frsize = static_cast<i64>(fst.block_size);
  s.f_flags = fst.read_only ? linux::ST_RDONLY : 0;
  return c.mem->copy_out(ubuf, &s, sizeof(s)) == Error::Ok ? 0 : -linux::EFAULT;
}

}  // namespace

i64 sys_statfs(SyscallContext& c, const SyscallArgs& a) {
  PathBuf buf;
  auto p = user_path_at(c, static_cast<u64>(linux::AT_FDCWD), a.a[0], buf, false);
  if (!p.ok()) return fail(p.error());
  fs::FileSystem* fsp;
  {
    VfsLock lock;
    auto r = file_vfs().fs_of(p.value().path);
    if (!r.ok()) return fail(r.error());
    fsp = r.value();
  }
  return put_statfs(c, fsp, dev_of_fs(fsp), a.a[1]);
}

i64 sys_fstatfs(SyscallContext& c, const SyscallArgs& a) {
  auto f = c.files->get(fd_arg(a.a[0]));
  if (!f.ok()) return fail(f.error());
  FileKind k = f.value()->kind();
  if (k != FileKind::Regular && k != FileKind::Directory && k != FileKind::Symlink) {
    // Pipes and devices live on Linux's pseudo file systems; SIS has none to describe.
    return -linux::ENOSYS;
  }
  auto* vf = static_cast<VfsFile*>(f.value());
  return put_statfs(c, vf->file_system(), vf->dev(), a.a[1]);
}

}  // namespace sis::proc
