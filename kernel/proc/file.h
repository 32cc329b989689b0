// File: an open file description (what open(2), pipe2(2) and dup(2) hand out), shared by
// reference between descriptors (dup, fork) and freed when the last descriptor closes.
// Implementations: VfsFile (regular files and directories over fs::Vfs, vfs_file.h),
// PipeFile (pipe.h), TtyFile (tty.h) and the character devices in file_devices.h.
//
// Reads and writes move bytes between the file and a kernel buffer; the system calls
// (sys_file*.cpp) bounce them through UserMemory in chunks. `may_block` false means "return
// Error::WouldBlock rather than wait" (O_NONBLOCK, or a later chunk of a read that already
// has data); `atomic` asks a pipe to take all bytes or none (a write of at most PIPE_BUF).
// A blocked call returns Error::Interrupted when a signal is pending (signal_hook.h).
//
// Objects come from env_alloc (make_file) and live exactly as long as their references:
// File::live_count() lets tests (and `procctl info`) check that nothing leaks.
#pragma once
#include "fs/file_system.h"
#include "lib/env.h"
#include "lib/result.h"
#include "proc/linux_abi.h"

// Placement construction for make_file, with its own tag so it never meets another
// definition of the standard placement new (the kernel has no <new>).
namespace sis::proc {
struct FilePlacement {};
}  // namespace sis::proc
inline void* operator new(decltype(sizeof(0)), void* p, sis::proc::FilePlacement) noexcept { return p; }
inline void operator delete(void*, void*, sis::proc::FilePlacement) noexcept {}

namespace sis::proc {

class UserMemory;

enum class FileKind : u8 { Regular, Directory, Symlink, Pipe, Tty, CharDevice, Socket };

// What poll(2) would report (POLLIN, POLLOUT, POLLHUP, POLLERR).
struct Readiness {
  bool readable = false;
  bool writable = false;
  bool hangup = false;  // a pipe with no writers (read side) / no readers (write side)
};

constexpr usize kPipeBuf = 4096;  // PIPE_BUF: writes up to this size are atomic

class File {
 public:
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  // References: one per descriptor that names this description (plus any kernel holder).
  void ref() { __atomic_add_fetch(&refs_, 1, __ATOMIC_RELAXED); }
  void unref();  // the last reference releases the file (release(), then freed)
  u32 refs() const { return refs_; }

  FileKind kind() const { return kind_; }
  // O_ACCMODE | O_APPEND | O_NONBLOCK (the flags F_GETFL reports besides O_LARGEFILE).
  u32 status_flags() const { return flags_; }
  void set_status_flags(u32 f) { flags_ = f; }
  bool readable() const { return (flags_ & linux::O_ACCMODE) != linux::O_WRONLY; }
  bool writable() const { return (flags_ & linux::O_ACCMODE) != linux::O_RDONLY; }
  bool nonblocking() const { return flags_ & linux::O_NONBLOCK; }

  virtual Result<usize> read(void* buf, usize n, bool may_block);
  virtual Result<usize> write(const void* buf, usize n, bool may_block, bool atomic);
  virtual Result<usize> pread(void* buf, usize n, u64 off);        // ESPIPE unless seekable
  virtual Result<usize> pwrite(const void* buf, usize n, u64 off);
  virtual Result<u64> lseek(i64 off, int whence);                   // ESPIPE unless seekable
  virtual Result<fs::Stat> stat() = 0;
  // Fills buf with whole linux_dirent64 records; 0 at the end; Invalid if not even one fits.
  virtual Result<usize> getdents64(u8* buf, usize cap);
  // Terminal ioctls; ENOTTY for everything else.
  virtual Result<i64> ioctl(u32 cmd, u64 arg, UserMemory& mem);
  virtual Error fsync() { return Error::Invalid; }  // EINVAL on pipes and ttys, as Linux
  virtual Error truncate(u64 size);
  // fchmod, fchown, futimens: files of a file system change their inode; others refuse (EPERM).
  virtual Error setattr(const fs::SetAttr& a);
  virtual Readiness poll() { return {true, true, false}; }
  // What the file is, for people (procctl info's descriptor list): a path, "pipe:[ino]",
  // "/dev/tty". Copies at most cap-1 bytes and terminates; returns the length.
  virtual usize describe(char* buf, usize cap) const = 0;
  // Blocks until poll() would report a change worth looking at for this file (a pipe's data
  // or room, a tty's input): Ok, Interrupted (a signal), TimedOut. Files that are always
  // ready return Ok at once. ppoll's single-file wait.
  static constexpr u64 kForever = ~0ull;
  virtual Error wait_ready(u64 timeout_ns) {
    (void)timeout_ns;
    return Error::Ok;
  }

  // Live File objects (all kinds): zero once every process and kernel holder closed theirs.
  static usize live_count();

 protected:
  File(FileKind kind, u32 flags);
  virtual ~File();
  // Called once, when the last reference goes (a pipe end tells the other side).
  virtual void release() {}

 private:
  u32 refs_ = 1;
  u32 flags_;
  FileKind kind_;
};

// Allocates and constructs a T (a File subclass) with one reference; nullptr when out of
// memory. Destroyed by its last unref.
template <typename T, typename... Args>
T* make_file(Args&&... args) {
  void* mem = env_alloc(sizeof(T));
  if (!mem) return nullptr;
  return new (mem, FilePlacement{}) T(static_cast<Args&&>(args)...);
}

// Holds one reference for a scope (kernel code that looks a file up, then uses it).
class FileRef {
 public:
  FileRef() = default;
  explicit FileRef(File* f) : f_(f) {}  // adopts a reference
  FileRef(const FileRef&) = delete;
  FileRef& operator=(const FileRef&) = delete;
  ~FileRef() {
    if (f_) f_->unref();
  }
  File* get() const { return f_; }
  File* operator->() const { return f_; }
  explicit operator bool() const { return f_ != nullptr; }

 private:
  File* f_ = nullptr;
};

}  // namespace sis::proc
