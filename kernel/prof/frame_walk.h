// Call-stack walking by AAPCS64 frame records: a record is two words {caller's x29, return
// address} and x29 points at the innermost one. A walk ends at a null or misaligned frame
// pointer, at one outside the allowed range, at one that does not move up the stack (the
// stack grows down, so each caller's record is above its callee's), at a word that cannot
// be read, or at the depth limit. It never faults: kernel stacks are checked against their
// bounds before any read; user memory is read through UserMemory, where a bad address is
// an error value. Portable.
#pragma once
#include "lib/result.h"

namespace sis::proc {
class UserMemory;
}

namespace sis::prof {

// Kernel: records must lie inside [lo, hi) (the interrupted thread's stack). Writes pc
// first, then each record's return address; returns how many were written (<= max).
usize walk_kernel_stack(u64 pc, u64 fp, u64 lo, u64 hi, u64* out, usize max);

// User: the same over a process's memory (reads of 16 bytes each through mem). A record
// must also lie in [lo, hi) when hi != 0 (the stack mapping, if known).
usize walk_user_stack(proc::UserMemory& mem, u64 pc, u64 fp, u64 lo, u64 hi, u64* out, usize max);

}  // namespace sis::prof
