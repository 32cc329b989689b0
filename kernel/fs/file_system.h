// FileSystem: the interface every mounted file system implements for the VFS (vfs.h).
//
// Files are named by inode numbers (u64) inside one file system, so the VFS can walk paths
// without allocating per component and hold no per-inode objects. Names are StrViews
// (not NUL-terminated). Errors are POSIX-like values (lib/result.h).
#pragma once
#include "lib/result.h"

namespace sis::fs {

enum class FileType : u8 { Unknown = 0, Regular, Directory, Symlink, CharDev, BlockDev, Fifo, Socket };
const char* file_type_name(FileType t);

// Mode bits as in POSIX st_mode.
constexpr u32 kModeTypeMask = 0170000;
constexpr u32 kModeDir = 0040000, kModeReg = 0100000, kModeLink = 0120000;
FileType file_type_from_mode(u32 mode);

struct Stat {
  u64 ino = 0;
  u32 mode = 0;  // type and permission bits
  u32 nlink = 0;
  u32 uid = 0, gid = 0;
  u64 size = 0;
  u64 blocks = 0;  // 512-byte units, like st_blocks
  i64 atime = 0, mtime = 0, ctime = 0, crtime = 0;  // seconds since the epoch
  u32 mtime_nsec = 0;
  u32 flags = 0;  // file-system specific inode flags (ext4 i_flags)
  FileType type() const { return file_type_from_mode(mode); }
};

constexpr usize kNameMax = 255;

struct DirEntry {
  u64 ino = 0;
  FileType type = FileType::Unknown;
  u8 name_len = 0;
  char name[kNameMax + 1] = {};  // NUL-terminated copy
  StrView name_view() const { return {name, name_len}; }
};

struct FsStat {
  u64 block_size = 0;
  u64 blocks = 0, free_blocks = 0, avail_blocks = 0;
  u64 inodes = 0, free_inodes = 0;
  bool read_only = false;
};

// What setattr changes (chmod, chown, utimensat): each field only when its bit is in mask.
// The inode's change time becomes now whenever anything changes.
struct SetAttr {
  static constexpr u32 kMode = 1, kUid = 2, kGid = 4, kAtime = 8, kMtime = 16;
  u32 mask = 0;
  u32 mode = 0;  // permission bits (07777); the file type stays
  u32 uid = 0, gid = 0;
  i64 atime = 0, mtime = 0;  // seconds since the epoch
  u32 atime_nsec = 0, mtime_nsec = 0;
};

class FileSystem {
 public:
  virtual const char* type_name() const = 0;
  virtual u64 root_ino() const = 0;
  virtual bool read_only() const = 0;

  virtual Result<u64> lookup(u64 dir, StrView name) = 0;
  virtual Result<Stat> getattr(u64 ino) = 0;
  // Reads up to len bytes at off; returns bytes read (0 at or past end of file).
  virtual Result<usize> read(u64 ino, u64 off, void* buf, usize len) = 0;
  virtual Result<usize> write(u64 ino, u64 off, const void* buf, usize len) = 0;
  virtual Error truncate(u64 ino, u64 size) = 0;
  // Readlink copies at most cap bytes (not terminated) and returns the target's length.
  virtual Result<usize> readlink(u64 ino, char* buf, usize cap) = 0;
  // Directory iteration: *cookie starts at 0; returns false at the end.
  virtual Result<bool> readdir(u64 dir, u64* cookie, DirEntry* out) = 0;

  virtual Result<u64> create(u64 dir, StrView name, u32 mode) = 0;
  virtual Result<u64> mkdir(u64 dir, StrView name, u32 mode) = 0;
  virtual Result<u64> symlink(u64 dir, StrView name, StrView target) = 0;
  // A hard link: name in dir becomes another name of ino (not a directory). File systems
  // without hard links keep this default (EPERM, as Linux says for them).
  virtual Error link(u64 /*dir*/, StrView /*name*/, u64 /*ino*/) { return Error::NotPermitted; }
  virtual Error unlink(u64 dir, StrView name) = 0;
  virtual Error rmdir(u64 dir, StrView name) = 0;
  // Replaces an existing target (a file, or an empty directory when the source is one).
  virtual Error rename(u64 from_dir, StrView from, u64 to_dir, StrView to) = 0;

  // Changes mode bits, owner or times (SetAttr). File systems without it keep this default.
  virtual Error setattr(u64, const SetAttr&) { return Error::NotSupported; }

  virtual Error fsync(u64 ino) = 0;  // returns once the file's data and metadata are durable
  virtual Error sync() = 0;
  // Periodic write-back (the kernel's background job calls it about once a second): commits
  // when changes have waited for the file system's commit interval. Returns true if it did.
  virtual Result<bool> commit_if_due(u64 now_s) {
    (void)now_s;
    return false;
  }
  virtual Result<FsStat> statfs() = 0;
  virtual Error unmount() = 0;  // sync and release; the object may be destroyed afterwards

  // Change tracking, for caches of file contents (the program image cache, proc/
  // image_cache.h). A file system that tracks changes notes every change of an inode (data,
  // size, the inode itself, its reuse) with a sequence number; a cache remembers
  // change_seq() when it copies a file and later asks changed_since(ino, that seq).
  virtual bool tracks_changes() const { return false; }
  u64 change_seq() const { return change_seq_; }
  // False only when the record proves ino did not change since seq (a change older than the
  // last kChangeRecord changes is "maybe": true).
  bool changed_since(u64 ino, u64 seq) const {
    if (!tracks_changes() || seq > change_seq_) return true;
    if (change_seq_ - seq > kChangeRecord) return true;
    for (u64 s = seq + 1; s <= change_seq_; ++s)
      if (changed_ino_[s % kChangeRecord] == ino) return true;
    return false;
  }

 protected:
  ~FileSystem() = default;
  void note_change(u64 ino) { changed_ino_[++change_seq_ % kChangeRecord] = ino; }

 private:
  static constexpr u64 kChangeRecord = 256;
  u64 change_seq_ = 0;
  u64 changed_ino_[kChangeRecord] = {};
};

}  // namespace sis::fs
