// The PCIe host bridge description parsed from a device tree shaped like QEMU virt's.
#include <gtest/gtest.h>

#include "drivers/pci/pci_host_dt.h"
#include "fdt_builder.h"

using namespace sis;
using sis::test::FdtBuilder;

namespace {

std::vector<uint8_t> virt_like_tree(bool with_map = true) {
  FdtBuilder b;
  b.begin_node("").prop_u32("#address-cells", 2).prop_u32("#size-cells", 2);
  b.begin_node("intc@8000000")
      .prop_string("compatible", "arm,gic-v3")
      .prop_u32("#interrupt-cells", 3)
      .prop_u32("#address-cells", 2)
      .prop_u32("phandle", 0x8002)
      .end_node();
  b.begin_node("pcie@10000000")
      .prop_string("compatible", "pci-host-ecam-generic")
      .prop_u32("#address-cells", 3)
      .prop_u32("#size-cells", 2)
      .prop_cells("reg", {0x40, 0x10000000, 0x0, 0x10000000})
      .prop_cells("bus-range", {0, 0xff})
      .prop_cells("ranges", {0x01000000, 0, 0, 0, 0x3eff0000, 0, 0x10000,              // I/O
                             0x02000000, 0, 0x10000000, 0, 0x10000000, 0, 0x2eff0000,  // MEM32
                             0x03000000, 0x80, 0, 0x80, 0, 0x80, 0});                   // MEM64
  if (with_map) {
    // device 0 INTA..INTD -> SPI 3..6, device 1 INTA -> SPI 4 (swizzled)
    b.prop_cells("interrupt-map-mask", {0x1800, 0, 0, 7});
    b.prop_cells("interrupt-map", {0x0000, 0, 0, 1, 0x8002, 0, 0, 0, 3, 4,
                                   0x0000, 0, 0, 2, 0x8002, 0, 0, 0, 4, 4,
                                   0x0800, 0, 0, 1, 0x8002, 0, 0, 0, 4, 4,
                                   0x0800, 0, 0, 2, 0x8002, 0, 0, 0, 5, 4});
  }
  b.end_node();
  b.end_node();
  return b.finish();
}

}  // namespace

TEST(PciHostDt, ParsesEcamRangesAndInterruptMap) {
  auto blob = virt_like_tree();
  auto fdt = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(fdt.ok());
  auto hb = pci::parse_host_bridge(fdt.value());
  ASSERT_TRUE(hb.ok()) << error_name(hb.error());
  EXPECT_EQ(hb->ecam_base, 0x4010000000ull);
  EXPECT_EQ(hb->ecam_size, 0x10000000ull);
  EXPECT_EQ(hb->bus_start, 0u);
  EXPECT_EQ(hb->bus_end, 255u);
  ASSERT_EQ(hb->window_count, 3u);
  EXPECT_EQ(hb->windows[0].kind, pci::Window::Kind::Io);
  EXPECT_EQ(hb->windows[1].kind, pci::Window::Kind::Mem32);
  EXPECT_EQ(hb->windows[1].cpu_address, 0x10000000ull);
  EXPECT_EQ(hb->windows[1].size, 0x2eff0000ull);
  EXPECT_EQ(hb->windows[2].kind, pci::Window::Kind::Mem64);
  EXPECT_EQ(hb->windows[2].cpu_address, 0x8000000000ull);
  EXPECT_EQ(hb->windows[2].size, 0x8000000000ull);
  ASSERT_EQ(hb->route_count, 4u);
  auto r = hb->route(0, 1, 0, 1);  // device 1, INTA
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->gic_type, 0u);
  EXPECT_EQ(r->gic_number, 4u);
  auto r2 = hb->route(0, 0, 3, 2);  // function bits are masked off by 0x1800
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->gic_number, 4u);
  EXPECT_EQ(hb->route(0, 2, 0, 1).error(), Error::NoEntry);
}

TEST(PciHostDt, NoBridgeIsNoEntry) {
  FdtBuilder b;
  b.begin_node("").prop_u32("#address-cells", 2).prop_u32("#size-cells", 2).end_node();
  auto blob = b.finish();
  auto fdt = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(fdt.ok());
  EXPECT_EQ(pci::parse_host_bridge(fdt.value()).error(), Error::NoEntry);
}

TEST(PciHostDt, WithoutInterruptMapHasNoRoutes) {
  auto blob = virt_like_tree(false);
  auto fdt = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(fdt.ok());
  auto hb = pci::parse_host_bridge(fdt.value());
  ASSERT_TRUE(hb.ok());
  EXPECT_EQ(hb->route_count, 0u);
  EXPECT_EQ(hb->route(0, 1, 0, 1).error(), Error::NoEntry);
}

TEST(PciHostDt, TruncatedInterruptMapIsCorrupt) {
  FdtBuilder b;
  b.begin_node("").prop_u32("#address-cells", 2).prop_u32("#size-cells", 2);
  b.begin_node("intc").prop_u32("#interrupt-cells", 3).prop_u32("#address-cells", 2).prop_u32("phandle", 1).end_node();
  b.begin_node("pcie")
      .prop_string("compatible", "pci-host-ecam-generic")
      .prop_u32("#address-cells", 3)
      .prop_u32("#size-cells", 2)
      .prop_cells("reg", {0, 0x30000000, 0, 0x1000000})
      .prop_cells("interrupt-map-mask", {0x1800, 0, 0, 7})
      .prop_cells("interrupt-map", {0, 0, 0, 1, 1, 0, 0, 0})  // cut short
      .end_node();
  b.end_node();
  auto blob = b.finish();
  auto fdt = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(fdt.ok());
  EXPECT_EQ(pci::parse_host_bridge(fdt.value()).error(), Error::Corrupt);
}
