// The file system calls (Linux aarch64 numbers and semantics): descriptors, I/O, paths,
// stat, pipes, the tty ioctls. The dispatcher (proc/syscall.cpp) merges file_syscalls()
// into its table and calls each handler with a SyscallContext {mem, files, process};
// handlers use only c.mem and c.files, so host tests call them directly.
//
//   sys_file_io.cpp    read, write, readv, writev, pread64, pwrite64, sendfile, lseek,
//                      getdents64, ioctl, fsync, fdatasync, ftruncate
//   sys_file_fd.cpp    close, dup, dup3, fcntl, pipe2, umask
//   sys_file_path.cpp  openat, mkdirat, unlinkat, renameat, renameat2, linkat, symlinkat,
//                      readlinkat, fchmodat, fchmod, fchownat, fchown, faccessat, faccessat2,
//                      getcwd, chdir, fchdir,
//                      truncate, sync
//   sys_file_stat.cpp  fstat, newfstatat, statx, statfs, fstatfs
//   sys_file_poll.cpp  ppoll
#pragma once
#include "fs/vfs.h"
#include "proc/syscall_context.h"

namespace sis::proc {

SyscallGroup file_syscalls();

// The VFS the calls use: fs::kernel_vfs() unless a test sets its own (nullptr restores it).
fs::Vfs& file_vfs();
void set_file_vfs(fs::Vfs* vfs);

}  // namespace sis::proc
