// VfsFile: an open regular file, directory or symlink (O_PATH-like opens of a symlink are not
// offered) on a mounted file system. It names the inode directly (FileSystem*, ino), so a
// rename of the path does not disturb it, and keeps its own offset, shared by every
// descriptor dup'ed or inherited from the same open. Every call takes the VfsLock around
// the file system call (vfs_lock.h).
//
// Directories produce linux_dirent64 records for getdents64: d_off is the file system's
// readdir cookie after the entry, so lseek(fd, d_off, SEEK_SET) resumes after it and a
// record that does not fit the caller's buffer is returned by the next call.
//
// FIXME: an unlinked file that is still open loses its data (the file systems free the
// inode at unlink; Linux keeps it until the last close), and a file system can be unmounted
// under an open VfsFile (Vfs::unmount only knows its own descriptors).
#pragma once
#include "fs/vfs.h"
#include "proc/file.h"

namespace sis::proc {

class VfsFile final : public File {
 public:
  // dev: the st_dev to report (the mount's index + 1).
  VfsFile(fs::FileSystem* fs, u64 ino, fs::FileType type, u64 dev, u32 flags);
  ~VfsFile() override;

  Result<usize> read(void* buf, usize n, bool may_block) override;
  Result<usize> write(const void* buf, usize n, bool may_block, bool atomic) override;
  Result<usize> pread(void* buf, usize n, u64 off) override;
  Result<usize> pwrite(const void* buf, usize n, u64 off) override;
  Result<u64> lseek(i64 off, int whence) override;
  Result<fs::Stat> stat() override;
  usize describe(char* buf, usize cap) const override;
  Result<usize> getdents64(u8* buf, usize cap) override;
  Error fsync() override;
  Error truncate(u64 size) override;
  Error setattr(const fs::SetAttr& a) override;

  fs::FileSystem* file_system() const { return fs_; }
  u64 ino() const { return ino_; }
  u64 dev() const { return dev_; }
  // The absolute path the file was opened by: what a directory's dirfd or fchdir resolves
  // against, and what describe() shows (FIXME: stale if the file is renamed while open).
  // NoMemory if it cannot be kept.
  Error set_path(StrView path);
  StrView path() const { return {path_, path_len_}; }

 private:
  Result<usize> write_at(const void* buf, usize n, u64 off);

  fs::FileSystem* fs_;
  u64 ino_;
  u64 dev_;
  u64 offset_ = 0;  // bytes for files, the readdir cookie for directories
  char* path_ = nullptr;
  usize path_len_ = 0;
};

}  // namespace sis::proc
