// FileTable: a process's descriptors (fd -> open file description, with FD_CLOEXEC per fd),
// its current directory and its umask. Descriptors are allocated lowest-free (POSIX), up to
// kMaxFds. fork gives the child a copy (clone_into: the same descriptions, one more
// reference each), execve drops the close-on-exec ones (close_on_exec), exit closes all.
//
// The cwd is an absolute, normalised path ("/", "/usr/bin"): no "." or ".." components, no
// repeated or trailing slashes. Relative paths are joined to it here (join_path); the Vfs
// resolves what remains, including ".." across symlinks and mounts. chdir stores the
// lexically normalised path (so after chdir through a symlink, ".." in the cwd string goes
// back up the link, as a shell's logical cwd does; Linux's cwd is physical).
//
// Not thread safe: one thread per process uses its table (the lead's clone has no
// CLONE_FILES sharing).
#pragma once
#include "fs/vfs.h"
#include "proc/file.h"

namespace sis::proc {

class FileTable {
 public:
  static constexpr int kMaxFds = 256;  // what prlimit64 should report as RLIMIT_NOFILE
  static constexpr usize kMaxCwd = fs::Vfs::kMaxPath;

  FileTable();
  ~FileTable();  // close_all
  FileTable(const FileTable&) = delete;
  FileTable& operator=(const FileTable&) = delete;

  // Installs f (adopting the caller's reference) at the lowest free fd >= min_fd.
  // Error::TooManyOpen (EMFILE) when none is free; f is then released.
  Result<int> install(File* f, bool cloexec, int min_fd = 0);
  // Installs f at exactly fd, closing what was there (dup2/dup3 semantics); adopts f.
  Error install_at(int fd, File* f, bool cloexec);
  // The file at fd (borrowed: valid until the fd is closed), or Error::BadFd.
  Result<File*> get(int fd) const;
  // The file at fd with a new reference (for callers that may block or close meanwhile).
  Result<File*> get_ref(int fd) const;
  Error close(int fd);
  Result<bool> cloexec(int fd) const;
  Error set_cloexec(int fd, bool on);

  Result<int> dup(int fd, int min_fd, bool cloexec);
  Error dup_to(int oldfd, int newfd, bool cloexec);

  // fork: child (empty) gets every descriptor (same descriptions), the cwd and the umask.
  Error clone_into(FileTable& child) const;
  void close_on_exec();
  void close_all();
  usize open_count() const;

  // The cwd (absolute, normalised) and setting it (the caller checked it is a directory).
  StrView cwd() const { return {cwd_, cwd_len_}; }
  Error set_cwd(StrView absolute);
  u32 umask() const { return umask_; }
  u32 set_umask(u32 mask);  // returns the old mask

  // Joins path to base (an absolute directory) into out, NUL-terminated: path itself when
  // absolute, else base + "/" + path. With normalise, "." and ".." components are removed
  // lexically and slashes folded (a trailing slash is kept: it means "a directory").
  // Error::PathTooLong when the result does not fit cap with its NUL, NoEntry for "".
  static Result<usize> join_path(StrView base, StrView path, char* out, usize cap, bool normalise);

 private:
  struct Slot {
    File* file = nullptr;
    bool cloexec = false;
  };
  Slot slots_[kMaxFds];
  char cwd_[kMaxCwd];
  usize cwd_len_ = 1;
  u32 umask_ = 022;
};

}  // namespace sis::proc
