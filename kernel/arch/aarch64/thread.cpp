// Thread support behind arch.h: initial contexts, the per-CPU current-thread pointer
// (TPIDR_EL1), FP/SIMD access control (CPACR_EL1.FPEN) and the hooks the exception path
// calls for the scheduler (FP trap, IRQ exit). The switch itself is in context.S.
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

extern "C" {
void sis_thread_trampoline();
void sis_context_switch(sis::arch::ThreadContext* prev, const sis::arch::ThreadContext* next);
void sis_fp_save(sis::arch::FpState* s);
void sis_fp_restore(const sis::arch::FpState* s);
void sis_fp_fill(sis::u64 seed);
sis::u32 sis_fp_check(sis::u64 seed);
void sis_fp_touch(sis::u64 v);
}

namespace sis::arch {

void (*fp_trap_handler)() = nullptr;   // used by exceptions.cpp
void (*irq_exit_hook)() = nullptr;     // used by exceptions.cpp

void context_init(ThreadContext* ctx, u64 stack_top, void (*entry)(void*), void* arg) {
  *ctx = ThreadContext{};
  ctx->x19_x28[0] = reinterpret_cast<u64>(entry);
  ctx->x19_x28[1] = reinterpret_cast<u64>(arg);
  ctx->lr = reinterpret_cast<u64>(&sis_thread_trampoline);
  ctx->sp = stack_top & ~15ull;
}

void context_switch(ThreadContext* prev, const ThreadContext* next) { sis_context_switch(prev, next); }
void fp_save(FpState* s) { sis_fp_save(s); }
void fp_restore(const FpState* s) { sis_fp_restore(s); }
void fp_fill(u64 seed) { sis_fp_fill(seed); }
u32 fp_check(u64 seed) { return sis_fp_check(seed); }
void fp_touch(u64 v) { sis_fp_touch(v); }

void set_current_thread(void* t) { SIS_WRITE_SYSREG(tpidr_el1, reinterpret_cast<u64>(t)); }
void* current_thread() { return reinterpret_cast<void*>(SIS_READ_SYSREG(tpidr_el1)); }

u32 cpu_id() { return static_cast<u32>(SIS_READ_SYSREG(mpidr_el1) & 0xff); }

namespace {
constexpr u64 kFpenMask = 3ull << 20;
}

void fp_set_access(bool allowed) {
  u64 v = SIS_READ_SYSREG(cpacr_el1);
  u64 want = allowed ? (v | kFpenMask) : (v & ~kFpenMask);
  if (want == v) return;
  SIS_WRITE_SYSREG(cpacr_el1, want);
  isb();
}

bool fp_access_allowed() { return (SIS_READ_SYSREG(cpacr_el1) & kFpenMask) == kFpenMask; }

void set_fp_trap_handler(void (*handler)()) { fp_trap_handler = handler; }
void set_irq_exit_hook(void (*hook)()) { irq_exit_hook = hook; }

}  // namespace sis::arch
