// The system call dispatcher (kernel only): installs proc's trap hooks in arch, merges the
// groups of handlers into one table indexed by the Linux aarch64 number, runs a call with
// interrupts enabled, counts calls per number (unknown ones too: they return -ENOSYS), and
// turns user faults into page-fault handling or signals.
#pragma once
#include "proc/syscall_context.h"

namespace sis::proc {

Error proc_init();  // frames, signals, the table, the hooks (once, after the scheduler)

struct SyscallCount {
  u32 nr;
  const char* name;  // nullptr for a number without a handler
  u64 calls;
};
// Numbers called at least once, ascending; returns how many were written.
usize syscall_counts(SyscallCount* out, usize cap);
u64 syscalls_total();
u64 syscalls_unknown();  // calls that got ENOSYS for lack of a handler
const char* syscall_name(u32 nr);

// The groups (sys_*.cpp; the file calls are sys_file.h).
SyscallGroup process_syscalls();
SyscallGroup memory_syscalls();
SyscallGroup misc_syscalls();

}  // namespace sis::proc
