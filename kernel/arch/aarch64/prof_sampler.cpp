// The profiler's sample interrupt (arch/sampling.h).
//
// PMU: event counter 1 counts CPU_CYCLES (event 0x11) at EL1 and EL0 and is preloaded with
// 2^32 - period, so it overflows every `period` cycles and raises the PMU interrupt (a PPI
// named by the device tree's "arm,armv8-pmuv3" node). Counter 0 belongs to pmu.cpp and the
// cycle counter to cycles.cpp; this file touches counter 1 only through its own registers
// (PMEVCNTR1_EL0, PMEVTYPER1_EL0), never PMSELR_EL0, so it cannot disturb pmu.cpp's
// select-then-read sequence even when it interrupts it. QEMU TCG implements the overflow
// interrupt with a virtual-clock timer (the cycle event counts at 1 GHz of virtual time);
// the start does not assume it and waits for the first overflows before trusting it.
//
// Timer: the EL1 physical timer (CNTP_*), re-armed on an absolute grid like timer.cpp does
// with the virtual timer (which drives the scheduler's tick and stays untouched).
#include "arch/sampling.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/trap_frame.h"
#include "arch/arch.h"
#include "lib/fdt.h"

namespace sis::arch {

extern TrapFrame* irq_frame;  // exceptions.cpp: the frame of the IRQ being handled

namespace {

constexpr u32 kCounterBit = 1u << 1;  // event counter 1
constexpr u64 kCpuCycles = 0x11;
constexpr u64 kPmuCheckNs = 50'000'000;  // how long the start waits for the first overflows
constexpr u32 kPmuCheckOverflows = 3;

SampleHandler handler = nullptr;
volatile bool running = false;
volatile bool delivering = false;  // false while the PMU check runs (its samples are not kept)
SampleSource source = SampleSource::Timer;
volatile u64 interrupts = 0;

bool pmu_registered = false, timer_registered = false;
bool pmu_broken = false;  // its overflow interrupt did not arrive once: do not try again
u32 period = 0;           // cycles between PMU samples
u64 cycle_rate = 0;       // CPU_CYCLES per second, measured at the start
u64 timer_interval = 0;   // generic-counter ticks between timer samples
u64 timer_deadline = 0;

void deliver() {
  interrupts = interrupts + 1;
  const TrapFrame* f = irq_frame;
  if (!delivering || !handler || !f) return;
  InterruptedContext c{f->elr, f->x[29], f->x[30], f->sp, (f->spsr & 0xf) == 0};
  handler(c);
}

void on_pmu(void*) {
  u64 ovs = SIS_READ_SYSREG(pmovsclr_el0);
  if (!(ovs & kCounterBit)) return;
  SIS_WRITE_SYSREG(pmovsclr_el0, kCounterBit);
  if (!running || source != SampleSource::Pmu) return;
  // Keep the overshoot (a late interrupt under a busy host) so the next sample stays on
  // the cycle grid; more than a whole period late restarts it.
  u32 over = static_cast<u32>(SIS_READ_SYSREG(pmevcntr1_el0));
  SIS_WRITE_SYSREG(pmevcntr1_el0, over < period ? over - period : 0u - period);
  isb();
  deliver();
}

void on_timer(void*) {
  if (!running || source != SampleSource::Timer) {
    SIS_WRITE_SYSREG(cntp_ctl_el0, 2);  // IMASK: a late interrupt after stop
    return;
  }
  u64 now = SIS_READ_SYSREG(cntpct_el0);
  timer_deadline += timer_interval;
  if (static_cast<i64>(now - timer_deadline) > static_cast<i64>(10 * timer_interval)) timer_deadline = now + timer_interval;
  SIS_WRITE_SYSREG(cntp_cval_el0, timer_deadline);
  deliver();
}

void pmu_off() {
  SIS_WRITE_SYSREG(pmintenclr_el1, kCounterBit);
  SIS_WRITE_SYSREG(pmcntenclr_el0, kCounterBit);
  SIS_WRITE_SYSREG(pmovsclr_el0, kCounterBit);
  isb();
}

// CPU_CYCLES per second of the generic counter, measured over 1 ms.
u64 measure_cycle_rate() {
  u64 freq = counter_frequency();
  SIS_WRITE_SYSREG(pmevcntr1_el0, 0);
  isb();
  u64 c0 = counter();
  u32 e0 = static_cast<u32>(SIS_READ_SYSREG(pmevcntr1_el0));
  while (counter() - c0 < freq / 1000) {
  }
  u32 e1 = static_cast<u32>(SIS_READ_SYSREG(pmevcntr1_el0));
  u64 c1 = counter();
  if (c1 == c0) return 0;
  return static_cast<u64>(static_cast<u32>(e1 - e0)) * freq / (c1 - c0);
}

// Starts the PMU source and waits for its first overflows; false (and off) if none come.
bool try_pmu(const Fdt& fdt, u32 hz) {
  if (pmu_broken) return false;
  PmuInfo info = pmu_info();
  if (info.version == 0 || info.version == 0xf || info.counters < 2) return false;
  if (!((info.ceid0 >> kCpuCycles) & 1)) return false;
  if (!pmu_registered) {
    auto node = fdt.find_compatible("arm,armv8-pmuv3");
    if (!node.ok()) return false;
    Trigger trig;
    auto intid = dt_interrupt(fdt, node->offset, 0, &trig);
    if (!intid.ok() || irq_register(intid.value(), trig, on_pmu, nullptr) != Error::Ok) return false;
    pmu_registered = true;
  }
  SIS_WRITE_SYSREG(pmevtyper1_el0, kCpuCycles);  // filter bits clear: count at EL1 and EL0
  SIS_WRITE_SYSREG(pmcr_el0, SIS_READ_SYSREG(pmcr_el0) | 1);  // E (cycles.cpp may have set it)
  SIS_WRITE_SYSREG(pmcntenset_el0, kCounterBit);
  isb();
  u64 rate = measure_cycle_rate();
  cycle_rate = rate;
  u64 p = rate / hz;
  if (p < 1000 || p > 0xffff'ffffull) {  // not counting, or a rate we cannot express
    pmu_off();
    return false;
  }
  period = static_cast<u32>(p);
  source = SampleSource::Pmu;
  interrupts = 0;
  u64 s = irq_save();
  SIS_WRITE_SYSREG(pmovsclr_el0, kCounterBit);
  SIS_WRITE_SYSREG(pmevcntr1_el0, static_cast<u32>(0u - period));
  SIS_WRITE_SYSREG(pmintenset_el1, kCounterBit);
  isb();
  running = true;
  irq_restore(s);
  u64 t0 = counter();
  u64 wait = kPmuCheckNs * counter_frequency() / 1'000'000'000 + 1;
  // A period of a 1..10000 Hz rate: 50 ms always holds 3 overflows at 60 Hz and above;
  // below that, allow three periods.
  u64 need = (3 * counter_frequency()) / hz + 1;
  if (need > wait) wait = need;
  while (interrupts < kPmuCheckOverflows && counter() - t0 < wait) {
  }
  if (interrupts >= kPmuCheckOverflows) return true;
  s = irq_save();
  running = false;
  pmu_off();
  irq_restore(s);
  pmu_broken = true;
  return false;
}

Error start_timer(const Fdt& fdt, u32 hz) {
  if (!timer_registered) {
    auto node = fdt.find_compatible("arm,armv8-timer");
    if (!node.ok()) return Error::NotSupported;
    Trigger trig;
    auto intid = dt_interrupt(fdt, node->offset, 1, &trig);  // non-secure EL1 physical timer
    if (!intid.ok()) return Error::NotSupported;
    TRY(irq_register(intid.value(), trig, on_timer, nullptr));
    timer_registered = true;
  }
  u64 freq = counter_frequency();
  if (freq / hz == 0) return Error::Invalid;
  timer_interval = freq / hz;
  source = SampleSource::Timer;
  interrupts = 0;
  u64 s = irq_save();
  timer_deadline = SIS_READ_SYSREG(cntpct_el0) + timer_interval;
  SIS_WRITE_SYSREG(cntp_cval_el0, timer_deadline);
  SIS_WRITE_SYSREG(cntp_ctl_el0, 1);  // enabled, not masked
  isb();
  running = true;
  irq_restore(s);
  return Error::Ok;
}

}  // namespace

const char* sample_source_name(SampleSource s) { return s == SampleSource::Pmu ? "pmu" : "timer"; }

Result<SampleSource> sampling_start(const Fdt& fdt, u32 hz, SampleHandler h, bool allow_pmu) {
  if (hz < 1 || hz > 10000 || !h) return Error::Invalid;
  if (running) return Error::Busy;
  handler = h;
  delivering = false;
  if (!(allow_pmu && irqs_enabled() && try_pmu(fdt, hz))) TRY(start_timer(fdt, hz));
  delivering = true;
  return source;
}

void sampling_stop() {
  u64 s = irq_save();
  if (running) {
    running = false;
    delivering = false;
    if (source == SampleSource::Pmu) pmu_off();
    else SIS_WRITE_SYSREG(cntp_ctl_el0, 0);
    isb();
  }
  irq_restore(s);
}

bool sampling_running() { return running; }
u64 sampling_interrupts() { return interrupts; }
u64 sampling_cycle_rate() { return source == SampleSource::Pmu ? cycle_rate : 0; }
u32 sampling_period() { return source == SampleSource::Pmu ? period : 0; }

}  // namespace sis::arch
