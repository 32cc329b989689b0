// CPU-level primitives behind arch.h: interrupt masking, idle, the generic counter.
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

namespace sis::arch {

void irq_enable() { asm volatile("msr daifclr, #2" ::: "memory"); }
void irq_disable() { asm volatile("msr daifset, #2" ::: "memory"); }

u64 irq_save() {
  u64 daif = SIS_READ_SYSREG(daif);
  irq_disable();
  return daif;
}

void irq_restore(u64 state) { SIS_WRITE_SYSREG(daif, state); }

bool irqs_enabled() { return (SIS_READ_SYSREG(daif) & (1u << 7)) == 0; }

void wait_for_interrupt_then_enable() {
  // WFI wakes on a pending interrupt even while it is masked, so checking for work with
  // interrupts masked and then sleeping cannot miss a wake-up.
  asm volatile("dsb sy\n wfi" ::: "memory");
  irq_enable();
}

u64 counter() {
  isb();
  return SIS_READ_SYSREG(cntvct_el0);
}

u64 counter_frequency() { return SIS_READ_SYSREG(cntfrq_el0); }

u64 counter_to_ns(u64 ticks) {
  u64 f = counter_frequency();
  if (f == 0) return 0;
  // Split to avoid overflow: whole seconds, then the remainder.
  return (ticks / f) * 1000000000ull + (ticks % f) * 1000000000ull / f;
}

void halt() {
  irq_disable();
  for (;;) asm volatile("wfi");
}

void execute_undefined_instruction() { asm volatile("udf #0"); }

u64 cpu_midr() { return SIS_READ_SYSREG(midr_el1); }

}  // namespace sis::arch
