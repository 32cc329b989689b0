// Integer NEON matrix-vector product (kernel only). This one file is compiled with NEON
// enabled (ai/sources.cmake); everything else keeps -mgeneral-regs-only. It is only ever called
// through matvec_neon_guarded (tensor.cpp), which masks interrupts and saves/restores the
// whole FP/SIMD register file around it, so no thread ever sees its vector registers change.
// Results are bit-identical to matvec_scalar: the same i32 products and (wrapping) sums, the
// same rounding shift, bias and saturation (`autoctl selftest` checks it in the guest).
#include <arm_neon.h>

#include "ai/tensor.h"

namespace sis::ai {

void matvec_neon_kernel(const i8* w, const i32* bias, const i16* x, i16* y, usize rows, usize cols, int wshift) {
  for (usize r = 0; r < rows; ++r) {
    const i8* row = w + r * cols;
    int32x4_t acc0 = vdupq_n_s32(0), acc1 = vdupq_n_s32(0);
    usize c = 0;
    for (; c + 8 <= cols; c += 8) {
      int16x8_t wv = vmovl_s8(vld1_s8(row + c));
      int16x8_t xv = vld1q_s16(x + c);
      acc0 = vmlal_s16(acc0, vget_low_s16(wv), vget_low_s16(xv));
      acc1 = vmlal_high_s16(acc1, wv, xv);
    }
    i32 acc = vaddvq_s32(vaddq_s32(acc0, acc1));
    for (; c < cols; ++c) acc += static_cast<i32>(row[c]) * x[c];
    i64 v = round_shift(acc, wshift) + (bias ? bias[r] : 0);
    y[r] = sat16(v);
  }
}

}  // namespace sis::ai
