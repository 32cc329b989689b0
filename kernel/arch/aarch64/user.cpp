// EL0 behind arch.h: entering user mode, decoding what brought a program back into the
// kernel (for proc's hooks), the thread pointer, HWCAP bits, and the EL0 controls.
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/trap_frame.h"
#include "arch/arch.h"

extern "C" [[noreturn]] void sis_enter_user(sis::arch::TrapFrame* frame);

namespace sis::arch {

UserHooks user_hooks = {};  // used by exceptions.cpp
namespace {
bool pan_on = false;
}

void set_user_hooks(const UserHooks& hooks) { user_hooks = hooks; }

void enter_user(TrapFrame* frame) { sis_enter_user(frame); }

void init_user_frame(TrapFrame* frame, u64 pc, u64 sp) {
  *frame = TrapFrame{};
  frame->elr = pc;
  frame->sp = sp;
  frame->spsr = 0;  // EL0t, AArch64, DAIF clear: interrupts on in user mode
}

u64& user_reg(TrapFrame* frame, unsigned n) { return frame->x[n < 31 ? n : 30]; }
u64& user_sp(TrapFrame* frame) { return frame->sp; }
u64& user_pc(TrapFrame* frame) { return frame->elr; }
u64& user_pstate(TrapFrame* frame) { return frame->spsr; }

u64 user_tls() { return SIS_READ_SYSREG(tpidr_el0); }
void set_user_tls(u64 v) { SIS_WRITE_SYSREG(tpidr_el0, v); }

// Bits from Linux's arch/arm64/include/uapi/asm/hwcap.h, set from the ID registers the way
// the kernel's cpufeature code maps them.
u64 user_hwcap() {
  u64 isar0 = SIS_READ_SYSREG(id_aa64isar0_el1);
  u64 pfr0 = SIS_READ_SYSREG(id_aa64pfr0_el1);
  auto field = [](u64 reg, unsigned shift) { return (reg >> shift) & 0xf; };
  u64 hw = 0;
  if (field(pfr0, 16) != 0xf) hw |= 1ull << 0;             // FP
  if (field(pfr0, 20) != 0xf) hw |= 1ull << 1;             // ASIMD
  if (field(pfr0, 16) == 1) hw |= 1ull << 9;               // FPHP
  if (field(pfr0, 20) == 1) hw |= 1ull << 10;              // ASIMDHP
  if (field(isar0, 4) >= 1) hw |= 1ull << 3;               // AES
  if (field(isar0, 4) >= 2) hw |= 1ull << 4;               // PMULL
  if (field(isar0, 8) >= 1) hw |= 1ull << 5;               // SHA1
  if (field(isar0, 12) >= 1) hw |= 1ull << 6;              // SHA2
  if (field(isar0, 16) >= 1) hw |= 1ull << 7;              // CRC32
  if (field(isar0, 20) >= 2) hw |= 1ull << 8;              // ATOMICS
  if (field(isar0, 28) >= 1) hw |= 1ull << 12;             // ASIMDRDM
  return hw;
}

u64 user_hwcap2() { return 0; }

bool user_mode_init() {
  u64 sctlr = SIS_READ_SYSREG(sctlr_el1);
  sctlr |= (1ull << 14)    // DZE: DC ZVA at EL0 (glibc's memset)
           | (1ull << 15)  // UCT: CTR_EL0 readable at EL0 (cache line sizes)
           | (1ull << 16)  // nTWI: WFI at EL0 is not trapped
           | (1ull << 18)  // nTWE: nor WFE
           | (1ull << 26); // UCI: cache maintenance by VA at EL0
  u64 mmfr1 = SIS_READ_SYSREG(id_aa64mmfr1_el1);
  bool has_pan = ((mmfr1 >> 20) & 0xf) != 0;
  if (has_pan) sctlr &= ~(1ull << 23);  // SPAN = 0: PAN is set on every exception to EL1
  SIS_WRITE_SYSREG(sctlr_el1, sctlr);
  u64 cntkctl = SIS_READ_SYSREG(cntkctl_el1);
  SIS_WRITE_SYSREG(cntkctl_el1, cntkctl | (1ull << 1));  // EL0VCTEN: CNTVCT_EL0 at EL0
  isb();
  if (has_pan) {
    asm volatile(".inst 0xd500419f" ::: "memory");  // msr pan, #1 (ARMv8.1 encoding)
    pan_on = true;
  }
  return pan_on;
}

bool pan_enabled() { return pan_on; }

void sync_icache(const void* p, usize n) {
  u64 ctr = SIS_READ_SYSREG(ctr_el0);
  u64 dline = 4ull << ((ctr >> 16) & 0xf), iline = 4ull << (ctr & 0xf);
  u64 start = reinterpret_cast<u64>(p), end = start + n;
  for (u64 a = start & ~(dline - 1); a < end; a += dline) asm volatile("dc cvau, %0" ::"r"(a) : "memory");
  asm volatile("dsb ish" ::: "memory");
  for (u64 a = start & ~(iline - 1); a < end; a += iline) asm volatile("ic ivau, %0" ::"r"(a) : "memory");
  asm volatile("dsb ish\n isb" ::: "memory");
}

}  // namespace sis::arch
