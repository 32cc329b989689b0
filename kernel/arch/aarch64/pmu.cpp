// PMU event counting for the power model: instructions retired (event 0x08 INST_RETIRED) on
// event counter 0, extended to 64 bits in software. Whether the CPU counts the event is not
// assumed: PMCEID0_EL0 bit 8 says whether it is implemented, and instructions_probe() runs
// a known loop and checks that the counter moved. QEMU TCG implements INST_RETIRED only with
// -icount (precise instruction counting); without it PMCEID0 bit 8 reads 0 and the counter
// stays at 0 (measured: docs/power.md).
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

namespace sis::arch {
namespace {
bool inst_ok = false;
bool inited = false;
u32 last32 = 0;
u64 total = 0;
constexpr u64 kInstRetired = 0x08;

u32 read_counter0() {
  SIS_WRITE_SYSREG(pmselr_el0, 0);
  isb();
  return static_cast<u32>(SIS_READ_SYSREG(pmxevcntr_el0));
}
}  // namespace

PmuInfo pmu_info() {
  PmuInfo p{};
  u64 dfr0 = SIS_READ_SYSREG(id_aa64dfr0_el1);
  p.version = static_cast<u32>((dfr0 >> 8) & 0xf);
  if (p.version == 0 || p.version == 0xf) return p;
  u64 pmcr = SIS_READ_SYSREG(pmcr_el0);
  p.counters = static_cast<u32>((pmcr >> 11) & 0x1f);
  p.ceid0 = SIS_READ_SYSREG(pmceid0_el0);
  p.inst_retired_implemented = (p.ceid0 >> kInstRetired) & 1;
  return p;
}

bool instructions_init() {
  if (inited) return inst_ok;
  inited = true;
  PmuInfo p = pmu_info();
  if (p.version == 0 || p.version == 0xf || p.counters == 0) return false;
  u64 s = irq_save();
  SIS_WRITE_SYSREG(pmselr_el0, 0);
  isb();
  SIS_WRITE_SYSREG(pmxevtyper_el0, kInstRetired);  // count at EL1 and EL0 (filter bits clear)
  SIS_WRITE_SYSREG(pmxevcntr_el0, 0);
  SIS_WRITE_SYSREG(pmcr_el0, SIS_READ_SYSREG(pmcr_el0) | 1);  // E: enable
  SIS_WRITE_SYSREG(pmcntenset_el0, 1);
  isb();
  last32 = read_counter0();
  irq_restore(s);
  // Trust it only if it moves over a loop of known length.
  u32 before = read_counter0();
  for (volatile u32 i = 0; i < 10000; i = i + 1) {
  }
  u32 after = read_counter0();
  inst_ok = p.inst_retired_implemented && after - before >= 10000;
  return inst_ok;
}

bool instructions_counted() { return inst_ok; }

u64 instructions() {
  if (!inst_ok) return 0;
  u64 s = irq_save();
  u32 now = read_counter0();
  total += static_cast<u32>(now - last32);
  last32 = now;
  u64 t = total;
  irq_restore(s);
  return t;
}

u64 instructions_probe_raw() {
  if (!inited) (void)instructions_init();
  u64 s = irq_save();
  u32 before = read_counter0();
  for (volatile u32 i = 0; i < 10000; i = i + 1) {
  }
  u32 after = read_counter0();
  irq_restore(s);
  return static_cast<u32>(after - before);
}

}  // namespace sis::arch
