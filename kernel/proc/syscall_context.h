// What a system call handler sees, and how handlers are listed. Handlers are grouped by
// subject (files, memory, processes, signals, the rest); each group is a table of
// {number, name, handler} that the dispatcher (proc/syscall.cpp, kernel) merges into one
// array indexed by number. A handler returns the value for x0: a result >= 0 or -errno.
// Host tests call handlers directly with a SyscallContext they build themselves.
#pragma once
#include "lib/types.h"
#include "proc/user_memory.h"

namespace sis::proc {

class FileTable;  // proc/file_table.h: descriptors, cwd, umask
struct Process;   // proc/process.h (kernel)

struct SyscallArgs {
  u64 a[6];
};

struct SyscallContext {
  UserMemory* mem = nullptr;
  FileTable* files = nullptr;
  Process* process = nullptr;  // the caller (nullptr in host tests of portable handlers)
};

using SyscallHandler = i64 (*)(SyscallContext& c, const SyscallArgs& a);

struct SyscallEntry {
  u32 nr;
  const char* name;
  SyscallHandler fn;
};

struct SyscallGroup {
  const SyscallEntry* entries;
  usize count;
};

}  // namespace sis::proc
