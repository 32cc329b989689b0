// What the device tree says about the PCIe host bridge ("pci-host-ecam-generic"): the ECAM
// window, the bus range, the windows through which the CPU reaches PCI memory and I/O space
// ("ranges") and how legacy INTx pins are wired to the interrupt controller
// ("interrupt-map" + "interrupt-map-mask"). Portable and host-tested; nothing is assumed
// about QEMU's particular addresses.
#pragma once
#include "lib/fdt.h"

namespace sis::pci {

struct Window {
  enum class Kind : u8 { None, Io, Mem32, Mem64 } kind = Kind::None;
  bool prefetchable = false;
  u64 pci_address = 0;
  u64 cpu_address = 0;
  u64 size = 0;
};

struct IntxRoute {
  u32 child_address_hi = 0;  // bus/device/function bits of the child unit address
  u32 pin = 0;               // 1..4 = INTA..INTD
  u32 gic_type = 0;          // 0 SPI, 1 PPI (GIC interrupt specifier)
  u32 gic_number = 0;
  u32 gic_flags = 0;
};

struct HostBridge {
  u64 ecam_base = 0;
  u64 ecam_size = 0;
  u32 bus_start = 0;
  u32 bus_end = 0;
  static constexpr usize kMaxWindows = 4;
  Window windows[kMaxWindows];
  usize window_count = 0;
  static constexpr usize kMaxRoutes = 64;
  IntxRoute routes[kMaxRoutes];
  usize route_count = 0;
  u32 mask_address_hi = 0;
  u32 mask_pin = 0;
  // msi-map: requester ids [msi_rid_base, +msi_length) map to MSI device ids from msi_base.
  bool has_msi_map = false;
  u32 msi_rid_base = 0, msi_base = 0, msi_length = 0;

  // The MSI (ITS) device id of a requester id; NoEntry when the map does not cover it.
  Result<u32> msi_device_id(u32 requester_id) const;

  // The GIC interrupt for (bus, device, function, pin); NoEntry when unrouted.
  Result<IntxRoute> route(u32 bus, u32 device, u32 function, u32 pin) const;
};

Result<HostBridge> parse_host_bridge(const Fdt& fdt);

}  // namespace sis::pci
