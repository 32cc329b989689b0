// GICv3 interrupt controller: distributor (SPIs), this CPU's redistributor (SGIs/PPIs) and
// the system-register CPU interface (ICC_*). Addresses come from the device tree's
// "arm,gic-v3" node: reg[0] is the distributor, reg[1] the redistributor region.
// All interrupts are Group 1 non-secure, routed to this CPU, one priority for now.
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/trap_frame.h"
#include "lib/fdt.h"

namespace sis::arch {
namespace {

// Distributor registers
constexpr uptr GICD_CTLR = 0x0000;
constexpr uptr GICD_TYPER = 0x0004;
constexpr uptr GICD_IGROUPR = 0x0080;
constexpr uptr GICD_ISENABLER = 0x0100;
constexpr uptr GICD_ICENABLER = 0x0180;
constexpr uptr GICD_IPRIORITYR = 0x0400;
constexpr uptr GICD_ICFGR = 0x0c00;
constexpr uptr GICD_IROUTER = 0x6000;
constexpr u32 CTLR_RWP = 1u << 31;
constexpr u32 CTLR_ARE = 1u << 4;  // with a single security state (QEMU virt, no EL3)
constexpr u32 CTLR_ENABLE_G1 = 1u << 1;

// Redistributor: RD frame, then SGI frame 64 KiB later
constexpr uptr GICR_CTLR = 0x0000;
constexpr uptr GICR_TYPER = 0x0008;
constexpr uptr GICR_WAKER = 0x0014;
constexpr uptr GICR_SGI = 0x10000;
constexpr uptr GICR_IGROUPR0 = GICR_SGI + 0x0080;
constexpr uptr GICR_ISENABLER0 = GICR_SGI + 0x0100;
constexpr uptr GICR_ICENABLER0 = GICR_SGI + 0x0180;
constexpr uptr GICR_IPRIORITYR = GICR_SGI + 0x0400;
constexpr uptr GICR_ICFGR1 = GICR_SGI + 0x0c04;
constexpr u32 WAKER_PROCESSOR_SLEEP = 1u << 1;
constexpr u32 WAKER_CHILDREN_ASLEEP = 1u << 2;

constexpr u32 kMaxIntid = 1020;
constexpr u8 kPriority = 0xa0;
constexpr u32 kSpurious = 1023;

// Up to kShare handlers per INTID: legacy PCI INTx lines are shared between devices, and
// each handler checks its own device's status.
constexpr usize kShare = 4;
struct Slot {
  IrqHandler handler[kShare];
  void* ctx[kShare];
  u64 count;
};

uptr gicd = 0;
uptr gicr = 0;  // this CPU's redistributor frame
u32 spi_lines = 0;
u32 interrupt_cells = 3;
Slot slots[kMaxIntid];
u64 spurious_count = 0;

void wait_rwp(uptr reg) {
  for (u32 i = 0; i < 1000000 && (mmio_read<u32>(reg) & CTLR_RWP); ++i) {
  }
}

u64 my_affinity() {
  u64 mpidr = SIS_READ_SYSREG(mpidr_el1);
  return (mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 24);
}

Error find_redistributor(u64 base, u64 size) {
  u64 aff = my_affinity();
  for (u64 off = 0; off + 0x20000 <= size; off += 0x20000) {
    u64 typer = mmio_read<u64>(base + off + GICR_TYPER);
    if ((typer >> 32) == aff) {
      gicr = base + off;
      return Error::Ok;
    }
    if (typer & (1u << 4)) break;  // Last
  }
  return Error::NoEntry;
}

void set_priority(u32 intid) {
  uptr reg = intid < 32 ? gicr + GICR_IPRIORITYR + intid : gicd + GICD_IPRIORITYR + intid;
  mmio_write<u8>(reg, kPriority);
}

void set_trigger(u32 intid, Trigger t) {
  if (intid < 16) return;  // SGIs are always edge
  uptr reg = intid < 32 ? gicr + GICR_ICFGR1 : gicd + GICD_ICFGR + (intid / 16) * 4;
  u32 shift = (intid % 16) * 2 + 1;
  u32 v = mmio_read<u32>(reg);
  v = t == Trigger::Edge ? (v | (1u << shift)) : (v & ~(1u << shift));
  mmio_write<u32>(reg, v);
}

void enable(u32 intid) {
  if (intid < 32) {
    mmio_write<u32>(gicr + GICR_ISENABLER0, 1u << intid);
  } else {
    mmio_write<u64>(gicd + GICD_IROUTER + intid * 8, my_affinity());
    mmio_write<u32>(gicd + GICD_ISENABLER + (intid / 32) * 4, 1u << (intid % 32));
  }
}

}  // namespace

uptr gic_redistributor() { return gicr; }
u32 gic_processor_number() { return static_cast<u32>((mmio_read<u64>(gicr + GICR_TYPER) >> 8) & 0xffff); }
void gic_handle_lpi(u32 intid);  // gic_its.cpp

Error interrupts_init(const Fdt& fdt) {
  auto node = fdt.find_compatible("arm,gic-v3");
  if (!node.ok()) return Error::NoEntry;
  auto d = fdt.reg(node.value(), 0);
  auto r = fdt.reg(node.value(), 1);
  if (!d.ok() || !r.ok()) return Error::Corrupt;
  interrupt_cells = fdt.prop_u32(node.value(), "#interrupt-cells").value_or(3);
  if (map_device(d->address, d->size) != Error::Ok || map_device(r->address, r->size) != Error::Ok)
    return Error::NoMemory;
  gicd = d->address;

  // Distributor: off while configuring, every SPI group 1, disabled, default priority.
  mmio_write<u32>(gicd + GICD_CTLR, 0);
  wait_rwp(gicd + GICD_CTLR);
  spi_lines = ((mmio_read<u32>(gicd + GICD_TYPER) & 0x1f) + 1) * 32;
  if (spi_lines > kMaxIntid) spi_lines = kMaxIntid;
  for (u32 i = 32; i < spi_lines; i += 32) {
    mmio_write<u32>(gicd + GICD_ICENABLER + (i / 32) * 4, 0xffffffff);
    mmio_write<u32>(gicd + GICD_IGROUPR + (i / 32) * 4, 0xffffffff);
  }
  mmio_write<u32>(gicd + GICD_CTLR, CTLR_ARE | CTLR_ENABLE_G1);
  wait_rwp(gicd + GICD_CTLR);

  // Redistributor: wake it up, then SGIs/PPIs group 1 and disabled.
  if (find_redistributor(r->address, r->size) != Error::Ok) return Error::NoEntry;
  mmio_write<u32>(gicr + GICR_WAKER, mmio_read<u32>(gicr + GICR_WAKER) & ~WAKER_PROCESSOR_SLEEP);
  for (u32 i = 0; i < 1000000 && (mmio_read<u32>(gicr + GICR_WAKER) & WAKER_CHILDREN_ASLEEP); ++i) {
  }
  mmio_write<u32>(gicr + GICR_ICENABLER0, 0xffffffff);
  mmio_write<u32>(gicr + GICR_IGROUPR0, 0xffffffff);
  wait_rwp(gicr + GICR_CTLR);

  // CPU interface through system registers.
  SIS_WRITE_SYSREG(ICC_SRE_EL1, SIS_READ_SYSREG(ICC_SRE_EL1) | 1);
  isb();
  SIS_WRITE_SYSREG(ICC_PMR_EL1, 0xff);
  SIS_WRITE_SYSREG(ICC_BPR1_EL1, 0);
  SIS_WRITE_SYSREG(ICC_CTLR_EL1, 0);  // EOImode 0: EOIR both drops priority and deactivates
  SIS_WRITE_SYSREG(ICC_IGRPEN1_EL1, 1);
  isb();
  return Error::Ok;
}

Error irq_register(u32 intid, Trigger trigger, IrqHandler handler, void* ctx) {
  if (intid >= kMaxIntid || (intid >= 32 && intid >= spi_lines) || !gicd) return Error::Range;
  Slot& s = slots[intid];
  usize free = kShare;
  for (usize i = 0; i < kShare; ++i) {
    if (s.handler[i] == handler && s.ctx[i] == ctx) return Error::Ok;  // already registered
    if (!s.handler[i] && free == kShare) free = i;
  }
  if (free == kShare) return Error::Busy;
  bool first = free == 0 && !s.handler[0];
  s.handler[free] = handler;
  s.ctx[free] = ctx;
  if (!first) return Error::Ok;  // line already configured and enabled
  set_priority(intid);
  set_trigger(intid, trigger);
  enable(intid);
  return Error::Ok;
}

u64 irq_count(u32 intid) { return intid < kMaxIntid ? slots[intid].count : spurious_count; }

Result<u32> dt_interrupt(const Fdt& fdt, u32 node_offset, usize index, Trigger* trigger) {
  Fdt::Node n;
  n.offset = node_offset;
  auto p = TRY(fdt.prop(n, "interrupts"));
  if (interrupt_cells < 3) return Error::NotSupported;
  auto type = Fdt::read_cells(p, index * interrupt_cells, 1);
  auto num = Fdt::read_cells(p, index * interrupt_cells + 1, 1);
  auto flags = Fdt::read_cells(p, index * interrupt_cells + 2, 1);
  if (!type.ok() || !num.ok() || !flags.ok()) return Error::Range;
  if (trigger) *trigger = (flags.value() & 0x3) ? Trigger::Edge : Trigger::Level;
  if (type.value() == 0) return static_cast<u32>(num.value() + 32);  // SPI
  if (type.value() == 1) return static_cast<u32>(num.value() + 16);  // PPI
  return Error::NotSupported;
}

// Called from trap_dispatch for IRQ exceptions: acknowledge, run the handler, end.
void gic_handle_irq() {
  for (bool first = true;; first = false) {
    u32 intid = static_cast<u32>(SIS_READ_SYSREG(ICC_IAR1_EL1) & 0xffffff);
    if (intid >= kSpurious - 3 && intid <= kSpurious) {  // 1020..1023: nothing (more) pending
      if (first) ++spurious_count;
      return;
    }
    if (intid >= 8192) {
      gic_handle_lpi(intid);  // message-signalled (ITS): edge, one handler each
    } else if (intid < kMaxIntid) {
      Slot& s = slots[intid];
      ++s.count;
      for (usize i = 0; i < kShare && s.handler[i]; ++i) s.handler[i](s.ctx[i]);
    }
    SIS_WRITE_SYSREG(ICC_EOIR1_EL1, intid);
    isb();
  }
}

}  // namespace sis::arch
