// Vfs: the virtual file system -- a mount table, path resolution and open files over the
// FileSystem interface (file_system.h). The kernel has one instance, kernel_vfs().
//
// Paths are resolved component by component straight from the caller's string: no heap
// allocation per component (a symbolic link's target is expanded into one fixed buffer).
// At most kMaxSymlinks links are followed per resolution (Error::Loop beyond), a path is
// shorter than kMaxPath (PATH_MAX, 4096 with the NUL: Error::PathTooLong), a component at
// most kNameMax bytes (NAME_MAX, 255: Error::NameTooLong), and a mount point is entered
// when a lookup lands on the directory it covers. Relative paths are taken relative to "/"
// (there is no cwd yet). A trailing slash means "a directory": "/f/" for a file is NotDir,
// and creating a file through "/new/" is IsDir (as POSIX open(2) with O_CREAT).
//
// Destructive calls (unlink, rmdir, remove, remove_tree, rename) refuse a last component
// of "." or ".." (Error::Invalid) before touching anything, as POSIX does.
//
// Two APIs: the path API below is what the shell and the control port (fs.list, fs.stat,
// fs.read, fs.write, fs.mkdir, fs.remove, fs.rename) use; the descriptor API (open, read,
// write, seek, close, fsync, readdir) is for longer-lived users such as future syscalls.
//
// FIXME: one CPU and one shell thread today; a sleeping lock around the VFS is needed once
// threads share it.
#pragma once
#include "fs/file_system.h"

namespace sis::fs {

struct MountInfo {
  FileSystem* fs = nullptr;
  char path[64] = {};
  char source[32] = {};  // e.g. "virtio0" or "ramfs"
};

enum OpenFlags : u32 {
  kOpenRead = 1,
  kOpenWrite = 2,
  kOpenCreate = 4,
  kOpenTruncate = 8,
  kOpenAppend = 16,
  kOpenExclusive = 32,
};

enum class WriteMode : u8 { Replace, Append, At };

class Vfs {
 public:
  static constexpr usize kMaxMounts = 8, kMaxOpen = 64, kMaxPath = 4096, kMaxSymlinks = 16;

  // Mounts fs at path ("/" must come first; other paths must be directories).
  Error mount(StrView path, FileSystem* fs, StrView source);
  // Unmounts (syncs through FileSystem::unmount); Busy while files are open on it.
  Error unmount(StrView path);
  usize mount_count() const;
  const MountInfo* mount_at(usize i) const;
  // The file system a path lives on.
  Result<FileSystem*> fs_of(StrView path);

  // Path API.
  Result<Stat> stat(StrView path);   // follows a final symlink
  Result<Stat> lstat(StrView path);  // does not
  // Calls fn for every entry (including "." and ".."); fn returns false to stop.
  Error list(StrView path, bool (*fn)(void* ctx, const DirEntry& e), void* ctx);
  Result<usize> read_file(StrView path, u64 off, void* buf, usize len);
  // Replace: create or truncate, then write; Append: create if missing, write at the end;
  // At: write at `off` in an existing file.
  Result<usize> write_file(StrView path, const void* buf, usize len, WriteMode mode, u64 off = 0);
  Error mkdir(StrView path, u32 mode = 0755);
  Error unlink(StrView path);
  Error rmdir(StrView path);
  Error remove(StrView path);  // unlink, or rmdir for a directory
  // Removes path and, for a directory, everything below it (symlinks are removed, not
  // followed). Checked before anything is removed: "/" is Busy, a last component "." or
  // ".." is Invalid, a path that resolves to the root directory is Busy.
  Error remove_tree(StrView path);
  // The last component of path, trailing slashes ignored; empty for "/" (or "", "//").
  static StrView last_component(StrView path);
  Error rename(StrView from, StrView to);
  Error symlink(StrView target, StrView link_path);
  // A hard link new_path to existing (follow_last: through a final symlink, as linkat's
  // AT_SYMLINK_FOLLOW). CrossDevice across mounts.
  Error link(StrView existing, StrView new_path, bool follow_last);
  Result<usize> readlink(StrView path, char* buf, usize cap);
  Error truncate(StrView path, u64 size);
  // chmod, chown, utimensat by path (follow_last: a final symlink is followed).
  Error setattr(StrView path, bool follow_last, const SetAttr& a);
  Error sync();
  // Every mounted file system's commit_if_due (the kernel's periodic commit job).
  Error commit_due(u64 now_s);
  Result<FsStat> statfs(StrView path);

  // Descriptor API.
  Result<int> open(StrView path, u32 flags, u32 mode = 0644);
  Error close(int fd);
  Result<usize> read(int fd, void* buf, usize len);
  Result<usize> write(int fd, const void* buf, usize len);
  Result<u64> seek(int fd, i64 off, int whence);  // whence: 0 SET, 1 CUR, 2 END
  Error fsync(int fd);
  Result<Stat> fstat(int fd);
  Result<bool> readdir(int fd, DirEntry* out);
  usize open_count() const;

 private:
  struct Node {
    u32 mount;
    u64 ino;
  };
  struct Mount {
    bool used = false;
    MountInfo info;
    Node covered{0, 0};  // the directory this mount hides (unused for "/")
  };
  struct File {
    bool used = false;
    u32 flags = 0;
    Node node{0, 0};
    u64 offset = 0;
  };
  struct Parent {
    Node dir;
    bool trailing_slash;  // "name/": the caller wants a directory
    u8 len;
    char name[kNameMax + 1];
    StrView view() const { return {name, len}; }
  };

  Result<Node> resolve(StrView path, bool follow_last);
  Result<Parent> resolve_parent(StrView path);
  Result<Node> walk(StrView path, bool follow_last, Parent* parent);
  Node enter_mounts(Node n) const;
  FileSystem* fs(const Node& n) const { return mounts_[n.mount].info.fs; }
  Result<File*> file(int fd);

  Mount mounts_[kMaxMounts];
  File files_[kMaxOpen];
  char expand_[kMaxPath];
  char tmp_[kMaxPath];
  char tree_[kMaxPath];  // remove_tree's current path
};

// The kernel's VFS.
Vfs& kernel_vfs();

}  // namespace sis::fs
