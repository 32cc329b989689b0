// The fine-grained cycle counter behind arch::cycles (see arch.h): PMCCNTR_EL0, 64-bit
// (PMCR_EL0.LC), counting at EL1, calibrated against the generic counter.
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

namespace sis::arch {
namespace {
bool have_pmu = false;
u64 cyc0 = 0, cnt0 = 0;
}  // namespace

void cycles_init() {
  u64 pmuver = (SIS_READ_SYSREG(id_aa64dfr0_el1) >> 8) & 0xf;
  if (pmuver == 0 || pmuver == 0xf) return;
  u64 pmcr = SIS_READ_SYSREG(pmcr_el0);
  SIS_WRITE_SYSREG(pmcr_el0, pmcr | (1u << 6) | (1u << 0));  // LC: 64-bit cycle counter; E: enable
  SIS_WRITE_SYSREG(pmccfiltr_el0, 0);                          // count at every EL
  SIS_WRITE_SYSREG(pmcntenset_el0, 1ull << 31);
  isb();
  have_pmu = true;
  cnt0 = counter();
  cyc0 = SIS_READ_SYSREG(pmccntr_el0);
}

u64 cycles() {
  if (!have_pmu) return counter();
  isb();
  return SIS_READ_SYSREG(pmccntr_el0);
}

u64 cycles_to_ns(u64 c) {
  if (!have_pmu) return counter_to_ns(c);
  u64 dc = cycles() - cyc0;
  u64 dns = counter_to_ns(counter() - cnt0);
  if (dc < 1000000 || dns == 0) return c;  // too early to calibrate: assume 1 GHz
  u64 ns_per_kcycle = dns * 1000 / dc;
  return c * ns_per_kcycle / 1000;
}

}  // namespace sis::arch
