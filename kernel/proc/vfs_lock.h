// VfsLock: the command lock (sched/background.h) around every system call's use of fs::Vfs.
// The kernel shell and the control port run commands holding that lock, and the VFS has no
// lock of its own, so a process's file system call takes it for the duration of the VFS
// call — and never across a blocking wait (a pipe or tty read holds no VfsLock). Host
// builds have one thread per test and no command lock: the guard does nothing there.
#pragma once
#ifndef SIS_HOST
#include "sched/background.h"
#endif

namespace sis::proc {

class VfsLock {
 public:
#ifdef SIS_HOST
  VfsLock() {}
  ~VfsLock() {}  // user-provided: a guard variable is not "unused"
#else
  VfsLock() { background::lock_commands(); }
  ~VfsLock() { background::unlock_commands(); }
#endif
  VfsLock(const VfsLock&) = delete;
  VfsLock& operator=(const VfsLock&) = delete;
};

}  // namespace sis::proc
