// Register state saved by the exception vectors (vectors.S). The layout is shared with the
// assembly: offsets below are checked by static_asserts there and here.
#pragma once
#include "lib/types.h"

namespace sis::arch {

struct TrapFrame {
  u64 x[31];     // 0..240
  u64 sp;        // 248: stack pointer at the time of the exception
  u64 elr;       // 256
  u64 spsr;      // 264
  u64 esr;       // 272
  u64 far;       // 280
  u64 frame_fp;  // 288: a frame record {x29, elr} so backtraces walk through the exception
  u64 frame_lr;  // 296
  u64 pad[2];    // 304: keep the frame a multiple of 16 bytes
};
static_assert(sizeof(TrapFrame) == 320);

enum class TrapKind : u64 {
  SyncCurrentSp0 = 0, IrqCurrentSp0, FiqCurrentSp0, SErrorCurrentSp0,
  SyncCurrentSpx, IrqCurrentSpx, FiqCurrentSpx, SErrorCurrentSpx,
  SyncLower64, IrqLower64, FiqLower64, SErrorLower64,
  SyncLower32, IrqLower32, FiqLower32, SErrorLower32,
};

}  // namespace sis::arch
