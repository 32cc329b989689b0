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

// Whether the instruction at an interrupted pc means x29 does not point at the current
// function's own frame record: the prologue's `stp x29, x30, [sp, ...]` (not stored yet) or
// `mov/add x29, sp, ...` (stored, x29 not moved yet), or the epilogue's `ret` (already
// restored). Then x30 holds the return address into the caller, and the walk puts it after
// the pc (without it the caller would be missing from the sample).
bool frame_record_pending(u32 insn);

// Kernel: records must lie inside [lo, hi) (the interrupted thread's stack). Writes pc
// first, then each record's return address; returns how many were written (<= max).
// lr_first: put lr after pc (frame_record_pending at pc). last_record (if given): the
// address of the last record whose return address was written (0 if none), e.g. the
// exception frame's record when the walk ends in the interrupted user code.
usize walk_kernel_stack(u64 pc, u64 fp, u64 lo, u64 hi, u64* out, usize max, bool lr_first = false, u64 lr = 0,
                        u64* last_record = nullptr);

// User: the same over a process's memory (reads of 16 bytes each through mem). A record
// must also lie in [lo, hi) when hi != 0 (the stack mapping, if known).
// The instruction at pc is read through mem too (for frame_record_pending).
usize walk_user_stack(proc::UserMemory& mem, u64 pc, u64 fp, u64 lr, u64 lo, u64 hi, u64* out, usize max);

}  // namespace sis::prof
