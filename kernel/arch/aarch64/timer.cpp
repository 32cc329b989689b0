// Periodic tick from the EL1 virtual timer. Its interrupt number comes from the device
// tree's "arm,armv8-timer" node (third entry: the virtual timer PPI).
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"
#include "lib/fdt.h"

namespace sis::arch {
namespace {

u64 interval = 0;  // counter ticks per timer tick
u32 tick_hz = 0;
volatile u64 ticks = 0;
void (*tick_callback)() = nullptr;

u64 deadline = 0;  // counter value of the next tick

void on_timer(void*) {
  // Re-arm on an absolute grid (CVAL), so late interrupts (a busy host under TCG) do not
  // stretch every period: the scheduler's slices and sleeps are counted in ticks. After a
  // long stall (more than 10 periods behind) restart the grid instead of bursting.
  u64 now = SIS_READ_SYSREG(cntvct_el0);
  deadline += interval;
  if (static_cast<i64>(now - deadline) > static_cast<i64>(10 * interval)) deadline = now + interval;
  SIS_WRITE_SYSREG(cntv_cval_el0, deadline);
  ticks = ticks + 1;
  if (tick_callback) tick_callback();
}

}  // namespace

Error timer_init(const Fdt& fdt, u32 hz, void (*on_tick)()) {
  auto node = fdt.find_compatible("arm,armv8-timer");
  if (!node.ok()) return Error::NoEntry;
  Trigger trig;
  auto intid = TRY(dt_interrupt(fdt, node->offset, 2, &trig));
  u64 freq = counter_frequency();
  if (freq == 0 || hz == 0) return Error::Invalid;
  interval = freq / hz;
  tick_hz = hz;
  tick_callback = on_tick;
  TRY(irq_register(intid, trig, on_timer, nullptr));
  deadline = SIS_READ_SYSREG(cntvct_el0) + interval;
  SIS_WRITE_SYSREG(cntv_cval_el0, deadline);
  SIS_WRITE_SYSREG(cntv_ctl_el0, 1);  // enabled, not masked
  isb();
  return Error::Ok;
}

u64 timer_ticks() { return ticks; }
u32 timer_hz() { return tick_hz; }

}  // namespace sis::arch
