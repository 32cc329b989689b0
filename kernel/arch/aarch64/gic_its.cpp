// GICv3 ITS: message-signalled interrupts (MSI-X) for PCI devices. A device writes an event
// id to the ITS doorbell (GITS_TRANSLATER); the ITS maps (device id, event id) to an LPI
// delivered to this CPU's redistributor. Setup: LPI configuration and pending tables for the
// redistributor, the ITS device and collection tables and command queue; per vector a
// MAPD (once per device) and MAPTI. The ITS node and the PCI requester-id mapping come from
// the device tree (arm,gic-v3-its; msi-map on the host bridge is the identity on virt).
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"
#include "lib/fdt.h"
#include "lib/string.h"

namespace sis::arch {

uptr gic_redistributor();
u32 gic_processor_number();

namespace {

constexpr u32 kLpiBase = 8192;
constexpr u32 kIdBits = 14;                 // INTIDs up to 16383: 8192 LPIs
constexpr u32 kMaxLpis = 256;               // handlers we keep
constexpr uptr GICR_CTLR = 0x0000, GICR_PROPBASER = 0x0070, GICR_PENDBASER = 0x0078;
constexpr uptr GITS_CTLR = 0x0000, GITS_TYPER = 0x0008, GITS_CBASER = 0x0080, GITS_CWRITER = 0x0088,
               GITS_CREADR = 0x0090, GITS_BASER = 0x0100, GITS_TRANSLATER = 0x10040;

alignas(4096) u8 lpi_config[(1u << kIdBits) - kLpiBase];
alignas(65536) u8 lpi_pending[(1u << kIdBits) / 8];
// Device and collection tables: 16 KiB each (2048 devices of 8 bytes on QEMU's ITS; the
// device ids here are PCI requester ids on bus 0, below 256). In .bss: zero from boot.
constexpr usize kTablePages = 4;
alignas(65536) u8 its_tables[8][kTablePages * 4096];
alignas(65536) u8 cmd_queue[4096];
alignas(256) u8 itt_pool[64][256];       // one ITT per device, 256 bytes (32 events of 8 bytes)

uptr its = 0;
bool ready = false;
u32 cmd_offset = 0;
u32 next_lpi = kLpiBase;
u64 rdbase = 0;
struct LpiSlot {
  IrqHandler handler;
  void* ctx;
  u64 count;
} lpis[kMaxLpis];
struct MappedDevice {
  u32 id;
  bool used;
} devices[64];

void command(u64 d0, u64 d1, u64 d2, u64 d3) {
  auto* c = reinterpret_cast<volatile u64*>(cmd_queue + cmd_offset);
  c[0] = d0;
  c[1] = d1;
  c[2] = d2;
  c[3] = d3;
  cmd_offset = (cmd_offset + 32) % sizeof(cmd_queue);
  dsb_sy();
  mmio_write<u64>(its + GITS_CWRITER, cmd_offset);
  for (u32 i = 0; i < 10000000 && mmio_read<u64>(its + GITS_CREADR) != cmd_offset; ++i) {
  }
}

void sync() { command(0x05, 0, rdbase << 16, 0); }

Result<usize> map_device(u32 device_id) {
  for (usize i = 0; i < array_size(devices); ++i)
    if (devices[i].used && devices[i].id == device_id) return i;
  for (usize i = 0; i < array_size(devices); ++i) {
    if (devices[i].used) continue;
    devices[i] = {device_id, true};
    // MAPD: ITT of 32 events (size field = bits - 1 = 4), valid.
    command(0x08 | (static_cast<u64>(device_id) << 32), 4, (reinterpret_cast<u64>(itt_pool[i]) & 0xffffffffff00ull) | (1ull << 63), 0);
    return i;
  }
  return Error::NoSpace;
}

}  // namespace

Error msi_init(const Fdt& fdt) {
  auto node = fdt.find_compatible("arm,gic-v3-its");
  if (!node.ok()) return Error::NoEntry;
  auto reg = TRY(fdt.reg(node.value(), 0));
  if (map_device(reg.address, reg.size) != Error::Ok) return Error::NoMemory;
  its = reg.address;
  uptr gicr = gic_redistributor();
  if (!gicr) return Error::Invalid;

  // Redistributor: LPI configuration (priority 0xa0, disabled) and pending tables.
  memset(lpi_config, 0xa0, sizeof(lpi_config));
  memset(lpi_pending, 0, sizeof(lpi_pending));
  dsb_sy();
  mmio_write<u64>(gicr + GICR_PROPBASER, reinterpret_cast<u64>(lpi_config) | (1ull << 10) | (7ull << 7) | (kIdBits - 1));
  mmio_write<u64>(gicr + GICR_PENDBASER, reinterpret_cast<u64>(lpi_pending) | (1ull << 10) | (7ull << 7));
  mmio_write<u32>(gicr + GICR_CTLR, mmio_read<u32>(gicr + GICR_CTLR) | 1);  // EnableLPIs

  // ITS: off while programming its tables.
  mmio_write<u32>(its + GITS_CTLR, 0);
  for (u32 i = 0; i < 1000000 && !(mmio_read<u32>(its + GITS_CTLR) & (1u << 31)); ++i) {
  }
  u64 typer = mmio_read<u64>(its + GITS_TYPER);
  bool pta = (typer >> 19) & 1;
  rdbase = pta ? (static_cast<u64>(gicr) >> 16) : gic_processor_number();
  for (u32 n = 0; n < 8; ++n) {
    u64 baser = mmio_read<u64>(its + GITS_BASER + n * 8);
    u64 type = (baser >> 56) & 7;
    if (type == 0) continue;  // unimplemented
    u64 entry_size = ((baser >> 48) & 0x1f);
    u64 v = (1ull << 63) | (type << 56) | (entry_size << 48) | (1ull << 10) | (7ull << 59) |
            reinterpret_cast<u64>(its_tables[n]) | (0ull << 8) /* 4 KiB pages */ | (kTablePages - 1);
    mmio_write<u64>(its + GITS_BASER + n * 8, v);
  }
  memset(cmd_queue, 0, sizeof(cmd_queue));
  mmio_write<u64>(its + GITS_CBASER, (1ull << 63) | (7ull << 59) | (1ull << 10) | reinterpret_cast<u64>(cmd_queue) | 0);
  mmio_write<u64>(its + GITS_CWRITER, 0);
  cmd_offset = 0;
  mmio_write<u32>(its + GITS_CTLR, 1);
  command(0x09, 0, (1ull << 63) | (rdbase << 16) | 0 /* collection 0 */, 0);  // MAPC
  sync();
  ready = true;
  return Error::Ok;
}

bool msi_available() { return ready; }

Result<MsiTarget> msi_allocate(u32 device_id, u32 event_id, IrqHandler handler, void* ctx) {
  if (!ready) return Error::NotSupported;
  if (event_id >= 32) return Error::Range;
  if (next_lpi - kLpiBase >= kMaxLpis) return Error::NoSpace;
  TRY(map_device(device_id));
  u32 intid = next_lpi++;
  lpis[intid - kLpiBase] = {handler, ctx, 0};
  lpi_config[intid - kLpiBase] = 0xa0 | 1;  // priority, enabled
  dsb_sy();
  command(0x0a | (static_cast<u64>(device_id) << 32), event_id | (static_cast<u64>(intid) << 32), 0, 0);  // MAPTI
  command(0x0c | (static_cast<u64>(device_id) << 32), event_id, 0, 0);                                   // INV
  sync();
  return MsiTarget{static_cast<u64>(its) + GITS_TRANSLATER, event_id, intid};
}

u64 msi_count(u32 intid) { return intid >= kLpiBase && intid - kLpiBase < kMaxLpis ? lpis[intid - kLpiBase].count : 0; }

void gic_handle_lpi(u32 intid) {
  if (intid - kLpiBase >= kMaxLpis) return;
  LpiSlot& s = lpis[intid - kLpiBase];
  ++s.count;
  if (s.handler) s.handler(s.ctx);
}

}  // namespace sis::arch
