#include "drivers/pci/pci_host_dt.h"

namespace sis::pci {
namespace {

Result<Fdt::Node> find_by_phandle(const Fdt& fdt, u32 phandle) {
  Result<Fdt::Node> found = Error::NoEntry;
  TRY(fdt.walk([&](const Fdt::Node& n) {
    auto p = fdt.prop_u32(n, "phandle");
    if (p.ok() && p.value() == phandle) {
      found = n;
      return true;
    }
    return false;
  }));
  return found;
}

// Reads cell k of a property (a 32-bit big-endian word).
bool cell(ByteSpan p, usize k, u32* out) {
  auto v = Fdt::read_cells(p, k, 1);
  if (!v.ok()) return false;
  *out = static_cast<u32>(v.value());
  return true;
}

u64 join(u32 hi, u32 lo) { return (static_cast<u64>(hi) << 32) | lo; }

}  // namespace

Result<IntxRoute> HostBridge::route(u32 bus, u32 device, u32 function, u32 pin) const {
  u32 addr = (bus << 16) | (device << 11) | (function << 8);
  for (usize i = 0; i < route_count; ++i) {
    if ((addr & mask_address_hi) == routes[i].child_address_hi && (pin & mask_pin) == routes[i].pin)
      return routes[i];
  }
  return Error::NoEntry;
}

Result<u32> HostBridge::msi_device_id(u32 rid) const {
  if (!has_msi_map || rid < msi_rid_base || rid - msi_rid_base >= msi_length) return Error::NoEntry;
  return msi_base + (rid - msi_rid_base);
}

Result<HostBridge> parse_host_bridge(const Fdt& fdt) {
  auto node = TRY(fdt.find_compatible("pci-host-ecam-generic"));
  const Fdt::Node& n = node;
  HostBridge hb;
  auto ecam = TRY(fdt.reg(n, 0));
  hb.ecam_base = ecam.address;
  hb.ecam_size = ecam.size;
  hb.bus_end = static_cast<u32>(ecam.size >> 20) - 1;  // 1 MiB of ECAM per bus
  if (auto br = fdt.prop(n, "bus-range"); br.ok()) {
    u32 a, b;
    if (!cell(br.value(), 0, &a) || !cell(br.value(), 1, &b) || b < a) return Error::Corrupt;
    hb.bus_start = a;
    hb.bus_end = b;
  }
  if (hb.bus_end > 255) hb.bus_end = 255;

  // ranges: <pci address (3 cells)> <cpu address (parent's #address-cells)> <size (2 cells)>
  u32 parent_ac = n.addr_cells;
  u32 child_sc = fdt.own_size_cells(n);
  if (parent_ac < 1 || parent_ac > 2 || child_sc < 1 || child_sc > 2) return Error::NotSupported;
  if (auto ranges = fdt.prop(n, "ranges"); ranges.ok()) {
    usize stride = 3 + parent_ac + child_sc;
    usize entries = ranges->size / (stride * 4);
    for (usize i = 0; i < entries && hb.window_count < HostBridge::kMaxWindows; ++i) {
      u32 c[7] = {};
      for (usize k = 0; k < stride; ++k)
        if (!cell(ranges.value(), i * stride + k, &c[k])) return Error::Corrupt;
      Window w;
      u32 space = (c[0] >> 24) & 3;
      w.kind = space == 1 ? Window::Kind::Io : space == 2 ? Window::Kind::Mem32
               : space == 3 ? Window::Kind::Mem64 : Window::Kind::None;
      w.prefetchable = (c[0] >> 30) & 1;
      w.pci_address = join(c[1], c[2]);
      w.cpu_address = parent_ac == 2 ? join(c[3], c[4]) : c[3];
      usize s = 3 + parent_ac;
      w.size = child_sc == 2 ? join(c[s], c[s + 1]) : c[s];
      if (w.kind != Window::Kind::None && w.size) hb.windows[hb.window_count++] = w;
    }
  }

  // interrupt-map: <child unit address (3)> <child pin (1)> <parent phandle (1)>
  //                <parent unit address (parent's #address-cells)> <parent specifier (#interrupt-cells)>
  auto map = fdt.prop(n, "interrupt-map");
  auto mask = fdt.prop(n, "interrupt-map-mask");
  if (map.ok() && mask.ok()) {
    u32 m0, m3;
    if (!cell(mask.value(), 0, &m0) || !cell(mask.value(), 3, &m3)) return Error::Corrupt;
    hb.mask_address_hi = m0;
    hb.mask_pin = m3;
    usize k = 0;
    usize total = map->size / 4;
    while (k < total && hb.route_count < HostBridge::kMaxRoutes) {
      u32 addr_hi, pin, phandle;
      if (!cell(map.value(), k, &addr_hi) || !cell(map.value(), k + 3, &pin) || !cell(map.value(), k + 4, &phandle))
        return Error::Corrupt;
      auto parent = find_by_phandle(fdt, phandle);
      if (!parent.ok()) return Error::Corrupt;
      u32 pac = fdt.prop_u32(parent.value(), "#address-cells").value_or(0);
      u32 pic = fdt.prop_u32(parent.value(), "#interrupt-cells").value_or(3);
      if (pic < 3 || pac > 3) return Error::NotSupported;
      usize spec = k + 5 + pac;
      IntxRoute r;
      r.child_address_hi = addr_hi;
      r.pin = pin;
      if (!cell(map.value(), spec, &r.gic_type) || !cell(map.value(), spec + 1, &r.gic_number) ||
          !cell(map.value(), spec + 2, &r.gic_flags))
        return Error::Corrupt;
      hb.routes[hb.route_count++] = r;
      k = spec + pic;
    }
  }
  // msi-map: <rid-base msi-controller-phandle msi-base length> (first entry used).
  if (auto mm = fdt.prop(n, "msi-map"); mm.ok()) {
    u32 phandle;
    if (!cell(mm.value(), 0, &hb.msi_rid_base) || !cell(mm.value(), 1, &phandle) || !cell(mm.value(), 2, &hb.msi_base) ||
        !cell(mm.value(), 3, &hb.msi_length))
      return Error::Corrupt;
    hb.has_msi_map = true;
  }
  return hb;
}

}  // namespace sis::pci
