#include "drivers/pci/pci.h"

#include "arch/arch.h"

namespace sis::pci {
namespace {

constexpr usize kMaxDevices = 32;
HostBridge bridge;
Device devices[kMaxDevices];
usize ndevices = 0;
u64 next_mem32 = 0, end_mem32 = 0, next_mem64 = 0, end_mem64 = 0;
u64 mem32_window_cpu = 0, mem32_window_pci = 0;

uptr cfg_address(u32 bus, u32 dev, u32 fn) {
  return static_cast<uptr>(bridge.ecam_base + ((static_cast<u64>(bus - bridge.bus_start) << 20) | (dev << 15) | (fn << 12)));
}

template <typename T>
T cfg_read(uptr base, u32 off) {
  return *reinterpret_cast<volatile T*>(base + off);
}
template <typename T>
void cfg_write(uptr base, u32 off, T v) {
  *reinterpret_cast<volatile T*>(base + off) = v;
}

// Takes `size` bytes (a power of two, naturally aligned) from a window.
Result<u64> take(u64* next, u64 end, u64 size) {
  u64 a = align_up(*next, size);
  if (a + size > end || a + size < a) return Error::NoSpace;
  *next = a + size;
  return a;
}

void assign_bars(Device& d) {
  u16 cmd = d.read16(0x04);
  d.write16(0x04, static_cast<u16>(cmd & ~0x3u));  // decoding off while probing sizes
  for (u32 i = 0; i < 6; ++i) {
    u32 off = 0x10 + i * 4;
    u32 orig = d.read32(off);
    bool io = orig & 1;
    bool is64 = !io && ((orig >> 1) & 3) == 2;
    d.write32(off, 0xffffffff);
    u64 mask = d.read32(off);
    if (is64) {
      d.write32(off + 4, 0xffffffff);
      mask |= static_cast<u64>(d.read32(off + 4)) << 32;
    } else {
      mask |= 0xffffffff00000000ull;
    }
    mask &= io ? ~0x3ull : ~0xfull;
    u64 size = mask ? (~mask + 1) : 0;
    Bar& b = d.bars[i];
    b = Bar{};
    if (io || size == 0) {
      d.write32(off, orig);  // I/O space is not used by any driver here
      if (is64) ++i;
      continue;
    }
    b.size = size;
    b.is_64bit = is64;
    b.prefetchable = (orig >> 3) & 1;
    // 64-bit BARs prefer the high window; everything falls back to the 32-bit one.
    Result<u64> cpu = Error::NoSpace;
    if (is64 && end_mem64) cpu = take(&next_mem64, end_mem64, size);
    u64 pci_addr = 0;
    if (cpu.ok()) {
      pci_addr = cpu.value();  // the 64-bit window is identity (pci == cpu) on virt; see below
    } else {
      cpu = take(&next_mem32, end_mem32, size);
      if (cpu.ok()) pci_addr = cpu.value() - mem32_window_cpu + mem32_window_pci;
    }
    if (!cpu.ok()) {
      b.size = 0;
      if (is64) ++i;
      continue;
    }
    b.address = cpu.value();
    d.write32(off, static_cast<u32>(pci_addr) | (orig & 0xf));
    if (is64) d.write32(off + 4, static_cast<u32>(pci_addr >> 32));
    arch::map_device(b.address, b.size);
    if (is64) ++i;
  }
  d.write16(0x04, static_cast<u16>(cmd | 0x2 | 0x4));  // memory space + bus master
}

}  // namespace

u32 Device::read32(u32 o) const { return cfg_read<u32>(config_base, o); }
u16 Device::read16(u32 o) const { return cfg_read<u16>(config_base, o); }
u8 Device::read8(u32 o) const { return cfg_read<u8>(config_base, o); }
void Device::write32(u32 o, u32 v) const { cfg_write<u32>(config_base, o, v); }
void Device::write16(u32 o, u16 v) const { cfg_write<u16>(config_base, o, v); }
void Device::write8(u32 o, u8 v) const { cfg_write<u8>(config_base, o, v); }

u8 Device::find_capability(u8 id, u8 after) const {
  if (!(read16(0x06) & (1u << 4))) return 0;  // no capability list
  u8 ptr = after ? read8(after + 1) : read8(0x34);
  for (int guard = 0; ptr >= 0x40 && guard < 48; ++guard) {  // a loop in the list stops here
    ptr &= 0xfc;
    if (read8(ptr) == id) return ptr;
    ptr = read8(ptr + 1);
  }
  return 0;
}

Error init(const Fdt& fdt) {
  auto hb = TRY(parse_host_bridge(fdt));
  bridge = hb;
  for (usize i = 0; i < bridge.window_count; ++i) {
    const Window& w = bridge.windows[i];
    if (w.kind == Window::Kind::Mem32 && !end_mem32) {
      next_mem32 = w.cpu_address;
      end_mem32 = w.cpu_address + w.size;
      mem32_window_cpu = w.cpu_address;
      mem32_window_pci = w.pci_address;
    } else if (w.kind == Window::Kind::Mem64 && !end_mem64 && w.cpu_address == w.pci_address) {
      next_mem64 = w.cpu_address;
      end_mem64 = w.cpu_address + w.size;
    }
  }
  u64 buses = bridge.bus_end - bridge.bus_start + 1;
  // Map ECAM only for the buses we scan (1 MiB each).
  TRY(arch::map_device(bridge.ecam_base, buses << 20));
  ndevices = 0;
  for (u32 bus = bridge.bus_start; bus <= bridge.bus_end; ++bus) {
    for (u32 dev = 0; dev < 32; ++dev) {
      for (u32 fn = 0; fn < 8; ++fn) {
        uptr base = cfg_address(bus, dev, fn);
        u16 vendor = cfg_read<u16>(base, 0);
        if (vendor == 0xffff) {
          if (fn == 0) break;
          continue;
        }
        if (ndevices == kMaxDevices) return Error::Ok;
        Device& d = devices[ndevices++];
        d = Device{};
        d.config_base = base;
        d.bus = static_cast<u8>(bus);
        d.device = static_cast<u8>(dev);
        d.function = static_cast<u8>(fn);
        d.vendor_id = vendor;
        d.device_id = d.read16(0x02);
        d.revision = d.read8(0x08);
        d.prog_if = d.read8(0x09);
        d.subclass = d.read8(0x0a);
        d.class_code = d.read8(0x0b);
        d.header_type = d.read8(0x0e);
        d.interrupt_pin = d.read8(0x3d);
        if ((d.header_type & 0x7f) == 0) {
          assign_bars(d);
          if (d.interrupt_pin >= 1 && d.interrupt_pin <= 4) {
            auto r = bridge.route(bus, dev, fn, d.interrupt_pin);
            if (r.ok()) d.intx_intid = r->gic_number + (r->gic_type == 0 ? 32 : 16);
          }
        }
        if (fn == 0 && !(d.header_type & 0x80)) break;  // single-function device
      }
    }
  }
  return Error::Ok;
}

usize device_count() { return ndevices; }
Device* device_at(usize i) { return i < ndevices ? &devices[i] : nullptr; }
const HostBridge& host_bridge() { return bridge; }

Device* find(u16 vendor, u16 device_id, Device* after) {
  bool armed = after == nullptr;
  for (usize i = 0; i < ndevices; ++i) {
    if (!armed) {
      armed = &devices[i] == after;
      continue;
    }
    if (devices[i].vendor_id == vendor && devices[i].device_id == device_id) return &devices[i];
  }
  return nullptr;
}

namespace {
constexpr u8 kCapMsix = 0x11;

volatile u32* msix_entry(const Device& d, u8 cap, u32 vector) {
  u32 table = d.read32(cap + 4);
  const Bar& b = d.bars[table & 7];
  if (b.size == 0) return nullptr;
  u64 off = (table & ~7u) + static_cast<u64>(vector) * 16;
  if (off + 16 > b.size) return nullptr;
  return reinterpret_cast<volatile u32*>(b.address + off);
}
}  // namespace

u32 msix_vectors(const Device& d) {
  if (!arch::msi_available()) return 0;
  u8 cap = d.find_capability(kCapMsix);
  return cap ? (d.read16(cap + 2) & 0x7ff) + 1 : 0;
}

Result<u32> msix_route(Device& d, u32 vector, void (*handler)(void*), void* ctx) {
  u8 cap = d.find_capability(kCapMsix);
  if (!cap || vector >= msix_vectors(d)) return Error::Range;
  u32 rid = (static_cast<u32>(d.bus) << 8) | (static_cast<u32>(d.device) << 3) | d.function;
  auto dev_id = TRY(bridge.msi_device_id(rid));
  auto target = TRY(arch::msi_allocate(dev_id, vector, handler, ctx));
  volatile u32* e = msix_entry(d, cap, vector);
  if (!e) return Error::Corrupt;
  e[0] = static_cast<u32>(target.address);
  e[1] = static_cast<u32>(target.address >> 32);
  e[2] = target.data;
  e[3] = 0;  // unmasked
  return target.intid;
}

void msix_enable(Device& d) {
  u8 cap = d.find_capability(kCapMsix);
  if (!cap) return;
  u16 ctl = d.read16(cap + 2);
  d.write16(cap + 2, static_cast<u16>((ctl | (1u << 15)) & ~(1u << 14)));  // enable, unmask function
  d.write16(0x04, static_cast<u16>(d.read16(0x04) | (1u << 10)));         // INTx disable
}

void msix_disable(Device& d) {
  u8 cap = d.find_capability(kCapMsix);
  if (!cap) return;
  d.write16(cap + 2, static_cast<u16>(d.read16(cap + 2) & ~(1u << 15)));
  d.write16(0x04, static_cast<u16>(d.read16(0x04) & ~(1u << 10)));
}

const char* class_name(u8 cls, u8 sub) {
  switch (cls) {
    case 0x01: return sub == 0x00 ? "SCSI storage" : sub == 0x08 ? "NVMe storage" : "storage";
    case 0x02: return "network";
    case 0x03: return "display";
    case 0x06: return sub == 0x00 ? "host bridge" : "bridge";
    case 0x07: return "communication";
    case 0x08: return "system peripheral";
    case 0xff: return "misc";
    default: return "other";
  }
}

}  // namespace sis::pci
