// What the sys_file*.cpp handlers share: looking up descriptors, copying user paths and
// making them absolute against a dirfd, and a bounce buffer for moving data between a
// File and user memory.
#pragma once
#include "fs/vfs.h"
#include "lib/env.h"
#include "proc/file.h"
#include "proc/file_table.h"
#include "proc/linux_abi.h"
#include "proc/sys_file.h"

namespace sis::proc::sysfile {

// Linux's MAX_RW_COUNT: one read or write moves at most this much.
constexpr usize kMaxRw = 0x7ffff000;

inline i64 fail(Error e) { return linux::neg_errno(e); }
inline int fd_arg(u64 v) { return static_cast<int>(static_cast<i32>(v)); }

// Two path buffers of PATH_MAX on the heap (kernel stacks are 16 KiB).
class PathBuf {
 public:
  static constexpr usize kCap = fs::Vfs::kMaxPath;
  PathBuf() : mem_(static_cast<char*>(env_alloc(2 * kCap))) {}
  ~PathBuf() { env_free(mem_); }
  PathBuf(const PathBuf&) = delete;
  PathBuf& operator=(const PathBuf&) = delete;
  bool ok() const { return mem_ != nullptr; }
  char* user() { return mem_; }       // the string as the program passed it
  char* path() { return mem_ + kCap; }  // the absolute path

 private:
  char* mem_;
};

// A user path made absolute. `empty` is set when the string was "" and allow_empty let it
// through (AT_EMPTY_PATH: the call is about dirfd itself).
struct AtPath {
  StrView path;
  bool empty = false;
};

// Copies the path at upath and joins it to dirfd's directory (AT_FDCWD: the cwd).
// EFAULT, ENAMETOOLONG, ENOENT ("" without allow_empty), EBADF, ENOTDIR (dirfd is not a
// directory and the path is relative).
Result<AtPath> user_path_at(SyscallContext& c, u64 dirfd, u64 upath, PathBuf& buf, bool allow_empty);

// The directory path a dirfd names (AT_FDCWD: the cwd).
Result<StrView> dirfd_path(SyscallContext& c, u64 dirfd);

// A bounce buffer: a small one on the stack, a larger one on the heap when the request is
// bigger (up to kMax).
class Bounce {
 public:
  static constexpr usize kSmall = 256, kMax = 64 * 1024;
  explicit Bounce(usize want) {
    if (want > kSmall) {
      usize n = want < kMax ? want : kMax;
      heap_ = static_cast<u8*>(env_alloc(n));
      if (heap_) cap_ = n;
    }
  }
  ~Bounce() { env_free(heap_); }
  Bounce(const Bounce&) = delete;
  Bounce& operator=(const Bounce&) = delete;
  u8* data() { return heap_ ? heap_ : small_; }
  usize cap() const { return cap_; }

 private:
  u8 small_[kSmall];
  u8* heap_ = nullptr;
  usize cap_ = kSmall;
};

// /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name the caller's
// own descriptors: the fd, or -1 for any other path.
int fd_alias(StrView path);

// The st_dev a path's file system reports (its mount's index + 1; 0 when unknown).
u64 dev_of_fs(fs::FileSystem* fs);

}  // namespace sis::proc::sysfile
