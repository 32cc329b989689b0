// arch::zero_neon / arch::zero_dczva: C++ entry points for zero.S. NEON runs with
// interrupts masked so that no context switch can ever observe or clobber v0/v1 mid-loop
// (today handlers never touch FP/SIMD; this keeps it true once threads and user tasks exist).
#include "arch/arch.h"

extern "C" void sis_zero_neon(void* p, sis::usize bytes);
extern "C" void sis_zero_dczva(void* p, sis::usize bytes);

namespace sis::arch {

void zero_neon(void* p, usize bytes) {
  if (!bytes) return;
  u64 s = irq_save();
  sis_zero_neon(p, bytes);
  irq_restore(s);
}

void zero_dczva(void* p, usize bytes) {
  if (bytes) sis_zero_dczva(p, bytes);
}

}  // namespace sis::arch
