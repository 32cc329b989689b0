// Frame-record walking: see frame_walk.h.
#include "prof/frame_walk.h"

#include "proc/user_memory.h"

namespace sis::prof {

bool frame_record_pending(u32 insn) {
  if ((insn & 0xffc07fffu) == 0xa9807bfdu) return true;  // stp x29, x30, [sp, #-N]!
  if ((insn & 0xffc07fffu) == 0xa9007bfdu) return true;  // stp x29, x30, [sp, #N]
  if ((insn & 0xffc003ffu) == 0x910003fdu) return true;  // mov x29, sp / add x29, sp, #N
  return insn == 0xd65f03c0u;                            // ret
}

usize walk_kernel_stack(u64 pc, u64 fp, u64 lo, u64 hi, u64* out, usize max, bool lr_first, u64 lr,
                        u64* last_record) {
  usize n = 0;
  if (last_record) *last_record = 0;
  if (max == 0) return 0;
  out[n++] = pc;
  if (lr_first && lr && n < max) out[n++] = lr;
  while (n < max) {
    if (fp == 0 || (fp & 0xf) != 0 || fp < lo || hi < 16 || fp > hi - 16) break;
    const u64* rec = reinterpret_cast<const u64*>(static_cast<uptr>(fp));
    u64 next = rec[0];
    u64 ret = rec[1];
    if (ret == 0) break;
    out[n++] = ret;
    if (last_record) *last_record = fp;
    if (next <= fp) break;  // the chain must move up the stack
    fp = next;
  }
  return n;
}

usize walk_user_stack(proc::UserMemory& mem, u64 pc, u64 fp, u64 lr, u64 lo, u64 hi, u64* out, usize max) {
  usize n = 0;
  if (max == 0) return 0;
  out[n++] = pc;
  u32 insn = 0;
  if ((pc & 3) == 0 && mem.copy_in(&insn, pc, 4) == Error::Ok && frame_record_pending(insn) && lr && n < max)
    out[n++] = lr;
  while (n < max) {
    if (fp == 0 || (fp & 0x7) != 0 || fp < lo) break;
    if (hi && (hi < 16 || fp > hi - 16)) break;
    u64 rec[2];
    if (mem.copy_in(rec, fp, sizeof(rec)) != Error::Ok) break;
    if (rec[1] == 0) break;
    out[n++] = rec[1];
    if (rec[0] <= fp) break;
    fp = rec[0];
  }
  return n;
}

}  // namespace sis::prof
