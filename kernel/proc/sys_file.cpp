// The file system call table and the helpers the handlers share (sys_file_internal.h).
#include "proc/sys_file.h"

#include "lib/string.h"
#include "proc/linux_abi.h"
#include "proc/sys_file_internal.h"
#include "proc/user_memory.h"
#include "proc/vfs_file.h"

namespace sis::proc {

// Handlers (defined in sys_file_{io,fd,path,stat,poll}.cpp).
#define SIS_FILE_SYSCALLS(X)                                                              \
  X(read) X(write) X(readv) X(writev) X(pread64) X(pwrite64) X(lseek) X(getdents64)       \
  X(ioctl) X(fsync) X(fdatasync) X(ftruncate) X(close) X(dup) X(dup3) X(fcntl) X(pipe2)   \
  X(umask) X(openat) X(mkdirat) X(unlinkat) X(renameat) X(renameat2) X(linkat)            \
  X(symlinkat) X(readlinkat) X(fchmodat) X(faccessat) X(faccessat2) X(getcwd) X(chdir)    \
  X(fchdir) X(truncate) X(sync) X(fstat) X(newfstatat) X(statx) X(ppoll) X(statfs) X(fstatfs) X(sendfile) X(fchmod) X(fchownat) X(fchown) \
  X(utimensat)

#define SIS_DECLARE(name) i64 sys_##name(SyscallContext& c, const SyscallArgs& a);
SIS_FILE_SYSCALLS(SIS_DECLARE)
#undef SIS_DECLARE

namespace {

#define SIS_ENTRY(name) {linux::SYS_##name, #name, sys_##name},
const SyscallEntry kFileSyscalls[] = {SIS_FILE_SYSCALLS(SIS_ENTRY)};
#undef SIS_ENTRY

fs::Vfs* test_vfs = nullptr;

}  // namespace

SyscallGroup file_syscalls() { return {kFileSyscalls, array_size(kFileSyscalls)}; }

fs::Vfs& file_vfs() { return test_vfs ? *test_vfs : fs::kernel_vfs(); }
void set_file_vfs(fs::Vfs* vfs) { test_vfs = vfs; }

namespace sysfile {

Result<StrView> dirfd_path(SyscallContext& c, u64 dirfd) {
  i64 fd = static_cast<i64>(static_cast<i32>(dirfd));
  if (fd == linux::AT_FDCWD) return c.files->cwd();
  File* f;
  f = TRY(c.files->get(static_cast<int>(fd)));
  if (f->kind() != FileKind::Directory) return Error::NotDir;
  return static_cast<VfsFile*>(f)->path();
}

Result<AtPath> user_path_at(SyscallContext& c, u64 dirfd, u64 upath, PathBuf& buf, bool allow_empty) {
  if (!buf.ok()) return Error::NoMemory;
  usize n;
  n = TRY(c.mem->copy_string_in(buf.user(), upath, PathBuf::kCap));
  if (n == 0) {
    if (!allow_empty) return Error::NoEntry;
    AtPath r;
    r.empty = true;
    return r;
  }
  StrView user(buf.user(), n);
  StrView base("/");
  if (buf.user()[0] != '/') base = TRY(dirfd_path(c, dirfd));
  usize len;
  len = TRY(FileTable::join_path(base, user, buf.path(), PathBuf::kCap, false));
  AtPath r;
  r.path = StrView(buf.path(), len);
  return r;
}

int fd_alias(StrView path) {
  if (path == StrView("/dev/stdin")) return 0;
  if (path == StrView("/dev/stdout")) return 1;
  if (path == StrView("/dev/stderr")) return 2;
  const StrView prefixes[] = {StrView("/dev/fd/"), StrView("/proc/self/fd/")};
  for (StrView prefix : prefixes) {
    if (!path.starts_with(prefix) || path.size == prefix.size) continue;
    // Decimal digits only, no leading zero (Linux's /proc lookup refuses "01").
    u64 n = 0;
    for (usize i = prefix.size; i < path.size; ++i) {
      char ch = path.data[i];
      if (ch < '0' || ch > '9' || (i == prefix.size && ch == '0' && path.size > prefix.size + 1)) return -1;
      n = n * 10 + static_cast<u64>(ch - '0');
      if (n >= static_cast<u64>(FileTable::kMaxFds)) return -1;
    }
    return static_cast<int>(n);
  }
  return -1;
}

u64 dev_of_fs(fs::FileSystem* fs) {
  fs::Vfs& v = file_vfs();
  for (usize i = 0; i < v.mount_count(); ++i) {
    const fs::MountInfo* m = v.mount_at(i);
    if (m && m->fs == fs) return i + 1;
  }
  return 0;
}

}  // namespace sysfile
}  // namespace sis::proc
