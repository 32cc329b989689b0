// PCIe enumeration through ECAM. At boot the kernel walks every bus the device tree gives,
// sizes each function's BARs and assigns them from the host bridge's memory windows (QEMU
// leaves them unassigned: no firmware runs before us), enables memory decoding and bus
// mastering, and resolves each INTx pin to its GIC interrupt through the interrupt-map.
// Drivers then look devices up by vendor/device id and walk their capabilities.
#pragma once
#include "drivers/pci/pci_host_dt.h"

namespace sis::pci {

struct Bar {
  u64 address = 0;  // CPU physical address (identity-mapped as device memory)
  u64 size = 0;
  bool is_64bit = false;
  bool is_io = false;
  bool prefetchable = false;
};

struct Device {
  u8 bus, device, function;
  u16 vendor_id, device_id;
  u8 class_code, subclass, prog_if, revision;
  u8 header_type;
  u8 interrupt_pin;  // 0 none, 1..4 INTA..INTD
  u32 intx_intid;    // GIC INTID for the pin, 0 when unrouted
  Bar bars[6];

  u32 read32(u32 offset) const;
  u16 read16(u32 offset) const;
  u8 read8(u32 offset) const;
  void write32(u32 offset, u32 v) const;
  void write16(u32 offset, u16 v) const;
  void write8(u32 offset, u8 v) const;
  // Offset of the first capability with `id` after `after` (0 = from the start); 0 if none.
  u8 find_capability(u8 id, u8 after = 0) const;
  uptr config_base;
};

Error init(const Fdt& fdt);

// MSI-X (through the GICv3 ITS). msix_vectors: table size, 0 when the device has no MSI-X
// or the machine no ITS. msix_route points vector v at a new LPI running handler(ctx) and
// returns its INTID; msix_enable turns MSI-X on and INTx off for the device.
u32 msix_vectors(const Device& d);
Result<u32> msix_route(Device& d, u32 vector, void (*handler)(void*), void* ctx);
void msix_enable(Device& d);
void msix_disable(Device& d);  // back to INTx
usize device_count();
Device* device_at(usize i);
Device* find(u16 vendor, u16 device_id, Device* after = nullptr);
const HostBridge& host_bridge();
const char* class_name(u8 class_code, u8 subclass);

}  // namespace sis::pci
