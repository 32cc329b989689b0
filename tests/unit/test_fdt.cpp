// lib/fdt: the device tree reader, on a real QEMU virt DTB (committed fixture, produced by
// qemu-system-aarch64 -M virt,gic-version=3,dumpdtb=... -cpu cortex-a72 -m 256 and trimmed
// to its totalsize) and on blobs built here, including many malformed ones.
#include "lib/fdt.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fdt_builder.h"

namespace {

using sis::ByteSpan;
using sis::Error;
using sis::Fdt;
using sis::StrView;
using sis::test::FdtBuilder;

std::string S(StrView v) { return std::string(v.data, v.size); }

std::vector<uint8_t> load_qemu_virt_dtb() {
  std::ifstream in(std::string(SIS_TEST_FDT_DIR) + "/qemu_virt_gicv3_a72_256m.dtb", std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

class QemuVirtDtb : public ::testing::Test {
 protected:
  void SetUp() override {
    blob_ = load_qemu_virt_dtb();
    ASSERT_EQ(blob_.size(), 7568u) << "fixture missing or changed: " SIS_TEST_FDT_DIR;
    auto r = Fdt::open(blob_.data(), blob_.size());
    ASSERT_TRUE(r.ok()) << sis::error_name(r.error());
    fdt_ = r.value();
  }
  Fdt::Node path(const char* p) {
    auto r = fdt_.find_path(p);
    EXPECT_TRUE(r.ok()) << p << ": " << sis::error_name(r.error());
    return r.value_or({});
  }
  bool inside_blob(ByteSpan s) const {
    return s.data >= blob_.data() && s.data + s.size <= blob_.data() + blob_.size();
  }

  std::vector<uint8_t> blob_;
  Fdt fdt_;
};

TEST_F(QemuVirtDtb, HeaderAndRoot) {
  EXPECT_EQ(fdt_.total_size(), 7568u);
  auto root = fdt_.root();
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(S(root->name), "");
  EXPECT_EQ(root->depth, 0);
  EXPECT_EQ(fdt_.own_addr_cells(root.value()), 2u);
  EXPECT_EQ(fdt_.own_size_cells(root.value()), 2u);
  EXPECT_EQ(S(fdt_.prop_string(root.value(), "model").value()), "linux,dummy-virt");
  EXPECT_TRUE(fdt_.is_compatible(root.value(), "linux,dummy-virt"));
  EXPECT_FALSE(fdt_.is_compatible(root.value(), "linux,dummy"));
  EXPECT_EQ(fdt_.prop_u32(root.value(), "#address-cells").value(), 2u);
  // find_path("/") is the root too.
  EXPECT_EQ(path("/").offset, root->offset);
}

TEST_F(QemuVirtDtb, WalkVisitsEveryNodeInOrder) {
  int count = 0, max_depth = 0, virtio = 0;
  std::string first_three;
  Error e = fdt_.walk([&](const Fdt::Node& n) {
    if (count > 0 && count < 4) first_three += S(n.name) + ";";
    ++count;
    max_depth = std::max(max_depth, n.depth);
    if (S(n.name).rfind("virtio_mmio@", 0) == 0) ++virtio;
    EXPECT_TRUE(inside_blob(ByteSpan{reinterpret_cast<const uint8_t*>(n.name.data), n.name.size}));
    return false;
  });
  EXPECT_EQ(e, Error::Ok);
  EXPECT_EQ(count, 56);
  EXPECT_EQ(max_depth, 5);  // /cpus/cpu-map/socket0/cluster0/core0
  EXPECT_EQ(virtio, 32);
  EXPECT_EQ(first_three, "psci;memory@40000000;platform-bus@c000000;");
  // Returning true stops the walk early.
  int visited = 0;
  EXPECT_EQ(fdt_.walk([&](const Fdt::Node&) { return ++visited == 3; }), Error::Ok);
  EXPECT_EQ(visited, 3);
}

TEST_F(QemuVirtDtb, ChosenAndStdoutPath) {
  auto chosen = path("/chosen");
  EXPECT_EQ(S(chosen.name), "chosen");
  EXPECT_EQ(chosen.depth, 1);
  auto stdout_path = fdt_.prop_string(chosen, "stdout-path");
  ASSERT_TRUE(stdout_path.ok());
  EXPECT_EQ(S(stdout_path.value()), "/pl011@9000000");
  auto seed = fdt_.prop(chosen, "kaslr-seed");
  ASSERT_TRUE(seed.ok());
  EXPECT_EQ(seed->size, 8u);
  EXPECT_TRUE(inside_blob(seed.value()));
  EXPECT_EQ(path("/chosen/").offset, chosen.offset);  // trailing slash
  EXPECT_EQ(path("//chosen").offset, chosen.offset);  // empty components are skipped
}

TEST_F(QemuVirtDtb, MemoryNodeByUnitlessNameAndReg) {
  auto mem = path("/memory");
  EXPECT_EQ(S(mem.name), "memory@40000000");
  EXPECT_EQ(mem.addr_cells, 2u);
  EXPECT_EQ(mem.size_cells, 2u);
  auto r = fdt_.reg(mem, 0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address, 0x40000000u);
  EXPECT_EQ(r->size, 256u << 20);
  EXPECT_EQ(fdt_.reg(mem, 1).error(), Error::Range);
  EXPECT_EQ(path("/memory@40000000").offset, mem.offset);
  EXPECT_EQ(fdt_.find_path("/memory@4").error(), Error::NoEntry);  // unit address must match fully
  EXPECT_EQ(fdt_.find_path("/mem").error(), Error::NoEntry);       // no prefix matching
  auto by_type = fdt_.find_device_type("memory");
  ASSERT_TRUE(by_type.ok());
  EXPECT_EQ(by_type->offset, mem.offset);
  EXPECT_EQ(fdt_.find_device_type("memory", &by_type.value()).error(), Error::NoEntry);
}

TEST_F(QemuVirtDtb, Pl011ByCompatible) {
  auto uart = fdt_.find_compatible("arm,pl011");
  ASSERT_TRUE(uart.ok());
  EXPECT_EQ(S(uart->name), "pl011@9000000");
  auto r = fdt_.reg(uart.value(), 0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address, 0x9000000u);
  EXPECT_EQ(r->size, 0x1000u);
  EXPECT_TRUE(fdt_.is_compatible(uart.value(), "arm,primecell"));  // second list entry
  EXPECT_FALSE(fdt_.is_compatible(uart.value(), "arm,pl01"));
  EXPECT_FALSE(fdt_.is_compatible(uart.value(), "primecell"));
  auto irq = fdt_.prop(uart.value(), "interrupts");
  ASSERT_TRUE(irq.ok());
  EXPECT_EQ(Fdt::read_cells(irq.value(), 0, 1).value(), 0u);  // SPI
  EXPECT_EQ(Fdt::read_cells(irq.value(), 1, 1).value(), 1u);  // number 1 -> INTID 33
  EXPECT_EQ(Fdt::read_cells(irq.value(), 2, 1).value(), 4u);  // level high
  EXPECT_EQ(Fdt::read_cells(irq.value(), 3, 1).error(), Error::Range);
  EXPECT_EQ(Fdt::read_cells(irq.value(), 1, 2).error(), Error::Range);  // 12 bytes: one 2-cell group
  EXPECT_EQ(Fdt::read_cells(irq.value(), 0, 2).value(), 1u);
  EXPECT_EQ(Fdt::read_cells(irq.value(), 0, 3).error(), Error::NotSupported);
  EXPECT_EQ(Fdt::read_cells(irq.value(), 0, 0).error(), Error::NotSupported);
  EXPECT_EQ(fdt_.find_compatible("arm,pl011", &uart.value()).error(), Error::NoEntry);
  EXPECT_EQ(fdt_.find_compatible("nope,none").error(), Error::NoEntry);
}

TEST_F(QemuVirtDtb, FindCompatibleIteratesInDocumentOrder) {
  std::vector<std::string> primecells;
  const Fdt::Node* after = nullptr;
  Fdt::Node cur;
  for (int guard = 0; guard < 10; ++guard) {
    auto r = fdt_.find_compatible("arm,primecell", after);
    if (!r.ok()) {
      EXPECT_EQ(r.error(), Error::NoEntry);
      break;
    }
    cur = r.value();
    after = &cur;
    primecells.push_back(S(cur.name));
  }
  EXPECT_EQ(primecells, (std::vector<std::string>{"pl061@9030000", "pl031@9010000", "pl011@9000000"}));

  int virtio = 0;
  after = nullptr;
  for (;;) {
    auto r = fdt_.find_compatible("virtio,mmio", after);
    if (!r.ok()) {
      EXPECT_EQ(r.error(), Error::NoEntry);
      break;
    }
    cur = r.value();
    after = &cur;
    // 32 transports of 0x200 bytes each from 0xa000000 up, in document order.
    auto reg = fdt_.reg(cur, 0);
    ASSERT_TRUE(reg.ok());
    EXPECT_EQ(reg->size, 0x200u);
    EXPECT_EQ(reg->address, 0xa000000u + 0x200u * static_cast<unsigned>(virtio));
    ++virtio;
  }
  EXPECT_EQ(virtio, 32);
}

TEST_F(QemuVirtDtb, CellSizesComeFromTheParent) {
  auto cpu = path("/cpus/cpu@0");
  EXPECT_EQ(cpu.depth, 2);
  EXPECT_EQ(cpu.addr_cells, 1u);
  EXPECT_EQ(cpu.size_cells, 0u);
  auto r = fdt_.reg(cpu, 0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->address, 0u);
  EXPECT_EQ(r->size, 0u);
  EXPECT_EQ(path("/cpus/cpu").offset, cpu.offset);
  EXPECT_EQ(S(fdt_.prop_string(cpu, "compatible").value()), "arm,cortex-a72");
  EXPECT_EQ(fdt_.find_device_type("cpu")->offset, cpu.offset);

  auto gic = path("/intc");
  EXPECT_TRUE(fdt_.is_compatible(gic, "arm,gic-v3"));
  auto dist = fdt_.reg(gic, 0), redist = fdt_.reg(gic, 1);
  ASSERT_TRUE(dist.ok() && redist.ok());
  EXPECT_EQ(dist->address, 0x8000000u);
  EXPECT_EQ(dist->size, 0x10000u);
  EXPECT_EQ(redist->address, 0x80a0000u);
  EXPECT_EQ(redist->size, 0xf60000u);
  auto its = path("/intc/its");
  EXPECT_EQ(its.depth, 2);
  EXPECT_EQ(fdt_.reg(its, 0)->address, 0x8080000u);

  auto pcie = path("/pcie@10000000");
  EXPECT_EQ(fdt_.reg(pcie, 0)->address, 0x4010000000u);  // 64-bit address in two cells
  EXPECT_EQ(fdt_.own_addr_cells(pcie), 3u);
  EXPECT_EQ(fdt_.own_size_cells(pcie), 2u);

  auto plat = path("/platform-bus");
  EXPECT_EQ(fdt_.own_addr_cells(plat), 1u);
  EXPECT_EQ(fdt_.own_size_cells(plat), 1u);

  auto core = path("/cpus/cpu-map/socket0/cluster0/core0");
  EXPECT_EQ(core.depth, 5);
  EXPECT_EQ(fdt_.reg(core, 0).error(), Error::NoEntry);
}

TEST_F(QemuVirtDtb, PathMisses) {
  EXPECT_EQ(fdt_.find_path("chosen").error(), Error::Invalid);
  EXPECT_EQ(fdt_.find_path("").error(), Error::Invalid);
  EXPECT_EQ(fdt_.find_path("/nonexistent").error(), Error::NoEntry);
  EXPECT_EQ(fdt_.find_path("/pl011@9000000/child").error(), Error::NoEntry);
  EXPECT_EQ(fdt_.find_path("/cpu-map").error(), Error::NoEntry);   // exists, but not at the root
  EXPECT_EQ(fdt_.find_path("/cpus/core0").error(), Error::NoEntry);  // deeper than asked
  EXPECT_EQ(fdt_.find_path("/gpio-keys/poweroff")->depth, 2);
  std::string deep;
  for (int i = 0; i <= Fdt::kMaxDepth; ++i) deep += "/a";
  EXPECT_EQ(fdt_.find_path(deep.c_str()).error(), Error::Range);
}

TEST_F(QemuVirtDtb, ResolveStdoutPathWithOptions) {
  auto uart = fdt_.find_compatible("arm,pl011");
  ASSERT_TRUE(uart.ok());
  for (const char* spec : {"/pl011@9000000", "/pl011@9000000:115200n8", "/pl011:115200"}) {
    auto r = fdt_.resolve_alias_or_path(spec);
    ASSERT_TRUE(r.ok()) << spec;
    EXPECT_EQ(r->offset, uart->offset) << spec;
  }
  EXPECT_EQ(fdt_.resolve_alias_or_path("").error(), Error::Invalid);
  EXPECT_EQ(fdt_.resolve_alias_or_path(":115200").error(), Error::Invalid);
  EXPECT_EQ(fdt_.resolve_alias_or_path("serial0").error(), Error::NoEntry);  // virt has no /aliases
}

TEST_F(QemuVirtDtb, PropertiesAndErrors) {
  auto fwcfg = path("/fw-cfg@9020000");
  auto dma = fdt_.prop(fwcfg, "dma-coherent");
  ASSERT_TRUE(dma.ok());
  EXPECT_EQ(dma->size, 0u);  // boolean property
  EXPECT_EQ(fdt_.prop(fwcfg, "no-such-prop").error(), Error::NoEntry);
  EXPECT_EQ(fdt_.prop_u32(fwcfg, "compatible").error(), Error::Corrupt);  // not 4 bytes
  EXPECT_EQ(fdt_.prop_string(fwcfg, "dma-coherent").error(), Error::Corrupt);  // no NUL inside
  auto clk = path("/apb-pclk");
  EXPECT_EQ(fdt_.prop_u32(clk, "clock-frequency").value(), 24000000u);
  EXPECT_EQ(fdt_.prop_u32(clk, "phandle").value(), 0x8000u);
  auto psci = fdt_.find_compatible("arm,psci-0.2");
  ASSERT_TRUE(psci.ok());
  EXPECT_EQ(S(fdt_.prop_string(psci.value(), "method").value()), "hvc");
  EXPECT_EQ(fdt_.prop_u32(psci.value(), "cpu_on").value(), 0xc4000003u);
  auto timer = fdt_.find_compatible("arm,armv8-timer");
  ASSERT_TRUE(timer.ok());
  auto irqs = fdt_.prop(timer.value(), "interrupts");
  ASSERT_TRUE(irqs.ok());
  EXPECT_EQ(irqs->size, 48u);
  EXPECT_EQ(Fdt::read_cells(irqs.value(), 4, 1).value(), 14u);  // non-secure physical timer PPI
}

TEST_F(QemuVirtDtb, NoReservations) {
  EXPECT_EQ(fdt_.reservation_count(), 0u);
  EXPECT_EQ(fdt_.reservation(0).error(), Error::Range);
}

TEST_F(QemuVirtDtb, EveryTruncationIsRejected) {
  for (size_t len = 0; len < blob_.size(); ++len) {
    std::vector<uint8_t> copy(blob_.begin(), blob_.begin() + static_cast<long>(len));  // exact-size heap block
    auto r = Fdt::open(copy.data(), copy.size());
    EXPECT_FALSE(r.ok()) << "length " << len;
    EXPECT_TRUE(r.error() == Error::BadFormat || r.error() == Error::Corrupt) << "length " << len;
  }
}

// Overwrites each 32-bit word of the struct block with token-like values and runs the main
// queries: whatever they return, they must not read outside the blob (ASan checks this in the
// asan preset) and returned spans must lie inside it.
TEST_F(QemuVirtDtb, CorruptedWordsNeverEscapeTheBlob) {
  const uint32_t off_struct = FdtBuilder::get_be32(blob_, FdtBuilder::kOffStruct);
  const uint32_t size_struct = FdtBuilder::get_be32(blob_, FdtBuilder::kOffSizeStruct);
  const uint32_t values[] = {1, 2, 3, 9, 0xffffffff, 0x100};
  int failures = 0;
  for (uint32_t off = 0; off < size_struct; off += 4) {
    for (uint32_t v : values) {
      std::vector<uint8_t> copy = blob_;
      FdtBuilder::put_be32(copy, off_struct + off, v);
      auto f = Fdt::open(copy.data(), copy.size());
      ASSERT_TRUE(f.ok());
      auto uart = f->find_compatible("arm,pl011");
      if (uart.ok()) {
        auto p = f->prop(uart.value(), "reg");
        if (p.ok()) {
          EXPECT_TRUE(p->data >= copy.data() && p->data + p->size <= copy.data() + copy.size());
        }
        (void)f->reg(uart.value(), 0);
      } else {
        ++failures;
      }
    }
  }
  EXPECT_GT(failures, 0);  // the corruption did reach the parser
}

// ---- blobs built in the test ----

std::vector<uint8_t> small_tree(FdtBuilder& b) {
  b.begin_node("")
      .prop_u32("#address-cells", 1)
      .prop_u32("#size-cells", 1)
      .prop_string("compatible", "test,board")
      .begin_node("aliases")
      .prop_string("serial0", "/soc/uart@1000")
      .prop_string("bad", "soc/uart@1000")
      .prop_string("empty", "")
      .prop_string("gone", "/soc/none")
      .end_node()
      .begin_node("chosen")
      .prop_string("stdout-path", "serial0:115200n8")
      .end_node()
      .begin_node("soc")
      .prop_u32("#address-cells", 2)
      .prop_u32("#size-cells", 0)
      .nop()
      .begin_node("uart@1000")
      .nop()
      .prop_strings("compatible", {"vendor,uart", "arm,pl011"})
      .prop_cells("reg", {0x0, 0x1000})
      .end_node()
      .end_node()
      .begin_node("memory@80000000")
      .prop_string("device_type", "memory")
      .prop_cells("reg", {0x80000000, 0x1000000, 0xc0000000, 0x2000000})
      .end_node()
      .end_node();
  return b.finish();
}

TEST(FdtBuilt, RegCellsAliasesAndNops) {
  FdtBuilder b;
  b.reserve(0x48000000, 0x100000).reserve(0xffff0000ull << 16, 0x10);
  auto blob = small_tree(b);
  auto f = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(f.ok());
  auto mem = f->find_path("/memory");
  ASSERT_TRUE(mem.ok());
  EXPECT_EQ(mem->addr_cells, 1u);
  EXPECT_EQ(mem->size_cells, 1u);
  EXPECT_EQ(f->reg(mem.value(), 0)->address, 0x80000000u);
  EXPECT_EQ(f->reg(mem.value(), 0)->size, 0x1000000u);
  EXPECT_EQ(f->reg(mem.value(), 1)->address, 0xc0000000u);
  EXPECT_EQ(f->reg(mem.value(), 1)->size, 0x2000000u);
  EXPECT_EQ(f->reg(mem.value(), 2).error(), Error::Range);

  auto chosen = f->find_path("/chosen");
  ASSERT_TRUE(chosen.ok());
  auto spec = f->prop_string(chosen.value(), "stdout-path");
  ASSERT_TRUE(spec.ok());
  auto uart = f->resolve_alias_or_path(spec.value());
  ASSERT_TRUE(uart.ok()) << sis::error_name(uart.error());
  EXPECT_EQ(S(uart->name), "uart@1000");
  EXPECT_EQ(uart->addr_cells, 2u);
  EXPECT_EQ(uart->size_cells, 0u);
  auto reg = f->reg(uart.value(), 0);
  ASSERT_TRUE(reg.ok());
  EXPECT_EQ(reg->address, 0x1000u);
  EXPECT_EQ(reg->size, 0u);
  EXPECT_EQ(f->find_compatible("arm,pl011")->offset, uart->offset);
  EXPECT_EQ(f->resolve_alias_or_path("serial0")->offset, uart->offset);
  EXPECT_EQ(f->resolve_alias_or_path("bad").error(), Error::Corrupt);     // alias must be absolute
  EXPECT_EQ(f->resolve_alias_or_path("empty").error(), Error::Corrupt);
  EXPECT_EQ(f->resolve_alias_or_path("gone").error(), Error::NoEntry);
  EXPECT_EQ(f->resolve_alias_or_path("serial9").error(), Error::NoEntry);

  ASSERT_EQ(f->reservation_count(), 2u);
  EXPECT_EQ(f->reservation(0)->address, 0x48000000u);
  EXPECT_EQ(f->reservation(0)->size, 0x100000u);
  EXPECT_EQ(f->reservation(1)->address, 0xffff00000000ull);
  EXPECT_EQ(f->reservation(1)->size, 0x10u);
  EXPECT_EQ(f->reservation(2).error(), Error::Range);
}

TEST(FdtBuilt, UnsupportedCellCounts) {
  FdtBuilder b;
  b.begin_node("")
      .prop_u32("#address-cells", 3)
      .prop_u32("#size-cells", 1)
      .begin_node("dev@0")
      .prop_cells("reg", {0, 0, 0, 1})
      .end_node()
      .begin_node("bus")
      .prop_u32("#address-cells", 0)
      .begin_node("x")
      .prop_cells("reg", {1})
      .end_node()
      .end_node()
      .end_node();
  auto blob = b.finish();
  auto f = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->reg(f->find_path("/dev").value(), 0).error(), Error::NotSupported);
  EXPECT_EQ(f->reg(f->find_path("/bus/x").value(), 0).error(), Error::NotSupported);
}

TEST(FdtBuilt, NestingUpToMaxDepthIsAcceptedBeyondIsCorrupt) {
  auto nested = [](int levels) {
    FdtBuilder b;
    for (int i = 0; i < levels; ++i) b.begin_node(i == 0 ? "" : "n");
    for (int i = 0; i < levels; ++i) b.end_node();
    return b.finish();
  };
  auto ok_blob = nested(Fdt::kMaxDepth + 1);  // depths 0..kMaxDepth
  auto f = Fdt::open(ok_blob.data(), ok_blob.size());
  ASSERT_TRUE(f.ok());
  int deepest = -1;
  EXPECT_EQ(f->walk([&](const Fdt::Node& n) { deepest = std::max(deepest, n.depth); return false; }), Error::Ok);
  EXPECT_EQ(deepest, Fdt::kMaxDepth);
  std::string p;
  for (int i = 0; i < Fdt::kMaxDepth; ++i) p += "/n";
  EXPECT_EQ(f->find_path(p.c_str())->depth, Fdt::kMaxDepth);

  auto deep_blob = nested(Fdt::kMaxDepth + 2);
  auto g = Fdt::open(deep_blob.data(), deep_blob.size());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->walk([](const Fdt::Node&) { return false; }), Error::Corrupt);
  EXPECT_EQ(g->find_compatible("x").error(), Error::Corrupt);
  EXPECT_EQ(g->find_path("/x").error(), Error::Corrupt);
}

// A minimal valid blob whose header fields the corruption tests rewrite.
std::vector<uint8_t> minimal_blob() {
  FdtBuilder b;
  b.begin_node("").prop_string("compatible", "min").begin_node("c").end_node().end_node();
  return b.finish();
}

TEST(FdtCorrupt, HeaderChecks) {
  auto good = minimal_blob();
  ASSERT_TRUE(Fdt::open(good.data(), good.size()).ok());
  EXPECT_EQ(Fdt::open(nullptr, 100).error(), Error::BadFormat);
  EXPECT_EQ(Fdt::open(good.data(), 39).error(), Error::BadFormat);  // shorter than a header

  auto bad_magic = good;
  bad_magic[0] ^= 0x01;
  EXPECT_EQ(Fdt::open(bad_magic.data(), bad_magic.size()).error(), Error::BadFormat);

  auto old = good;
  FdtBuilder::put_be32(old, FdtBuilder::kOffVersion, 16);
  EXPECT_EQ(Fdt::open(old.data(), old.size()).error(), Error::NotSupported);

  auto too_big = good;
  FdtBuilder::put_be32(too_big, FdtBuilder::kOffTotalSize, static_cast<uint32_t>(good.size() + 1));
  EXPECT_EQ(Fdt::open(too_big.data(), too_big.size()).error(), Error::Corrupt);
  auto too_small = good;
  FdtBuilder::put_be32(too_small, FdtBuilder::kOffTotalSize, 39);
  EXPECT_EQ(Fdt::open(too_small.data(), too_small.size()).error(), Error::Corrupt);

  // A buffer larger than totalsize is fine (the kernel passes the maximum it mapped).
  auto padded = good;
  padded.resize(good.size() + 4096, 0xee);
  ASSERT_TRUE(Fdt::open(padded.data(), padded.size()).ok());
  EXPECT_EQ(Fdt::open(padded.data(), padded.size())->total_size(), good.size());
}

TEST(FdtCorrupt, BlocksOutOfRange) {
  auto good = minimal_blob();
  const uint32_t total = static_cast<uint32_t>(good.size());
  const uint32_t off_struct = FdtBuilder::get_be32(good, FdtBuilder::kOffStruct);
  const uint32_t size_struct = FdtBuilder::get_be32(good, FdtBuilder::kOffSizeStruct);
  struct Case {
    const char* what;
    size_t field;
    uint32_t value;
  };
  const Case cases[] = {
      {"struct size past end", FdtBuilder::kOffSizeStruct, total - off_struct + 4},
      {"struct offset past end", FdtBuilder::kOffStruct, total + 4},
      {"struct offset wraps", FdtBuilder::kOffStruct, 0xfffffffc},
      {"struct size wraps", FdtBuilder::kOffSizeStruct, 0xffffffff},
      {"struct misaligned", FdtBuilder::kOffStruct, off_struct + 1},
      {"strings past end", FdtBuilder::kOffSizeStrings, total},
      {"strings offset wraps", FdtBuilder::kOffStrings, 0xffffffff},
      {"rsvmap past end", FdtBuilder::kOffRsvmap, total - 8},
      {"rsvmap misaligned", FdtBuilder::kOffRsvmap, 44},
  };
  for (const auto& c : cases) {
    auto blob = good;
    FdtBuilder::put_be32(blob, c.field, c.value);
    EXPECT_EQ(Fdt::open(blob.data(), blob.size()).error(), Error::Corrupt) << c.what;
  }
  (void)size_struct;
}

// Structures that open() accepts (the header is consistent) but that are broken inside.
void expect_struct_corrupt(const std::vector<uint8_t>& blob, const char* what) {
  auto f = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(f.ok()) << what;
  EXPECT_EQ(f->walk([](const Fdt::Node&) { return false; }), Error::Corrupt) << what;
  EXPECT_EQ(f->find_compatible("nothing").error(), Error::Corrupt) << what;
  EXPECT_EQ(f->find_path("/nothing").error(), Error::Corrupt) << what;
}

TEST(FdtCorrupt, StructBlockErrors) {
  {
    FdtBuilder b;  // the name runs to the end of the struct block without a NUL
    b.raw_u32(FdtBuilder::kBeginNode).raw_bytes("abcd", 4);
    auto blob = b.finish(false);
    expect_struct_corrupt(blob, "unterminated name");
    EXPECT_EQ(Fdt::open(blob.data(), blob.size())->root().error(), Error::Corrupt);
  }
  {
    FdtBuilder b;  // property length points past the struct block
    b.begin_node("").raw_u32(FdtBuilder::kProp).raw_u32(0x1000).raw_u32(b.string_offset("p"));
    b.raw_u32(0).end_node();
    expect_struct_corrupt(b.finish(), "property length past end");
  }
  {
    FdtBuilder b;  // length near 2^32: must not wrap around the bounds check
    b.begin_node("").raw_u32(FdtBuilder::kProp).raw_u32(0xfffffff8).raw_u32(b.string_offset("p"));
    b.end_node();
    expect_struct_corrupt(b.finish(), "huge property length");
  }
  {
    FdtBuilder b;  // property name offset outside the strings block
    b.begin_node("").raw_u32(FdtBuilder::kProp).raw_u32(0).raw_u32(0x4000).end_node();
    expect_struct_corrupt(b.finish(), "name offset out of range");
  }
  {
    FdtBuilder b;
    b.begin_node("").begin_node("a").end_node().end_node();
    expect_struct_corrupt(b.finish(false), "missing FDT_END");
  }
  {
    FdtBuilder b;
    b.begin_node("").begin_node("a").end_node();
    expect_struct_corrupt(b.finish(), "FDT_END inside a node");
  }
  {
    FdtBuilder b;
    b.begin_node("").end_node().end_node();
    expect_struct_corrupt(b.finish(), "END_NODE without BEGIN_NODE");
  }
  {
    FdtBuilder b;
    b.prop_u32("early", 1).begin_node("").end_node();
    expect_struct_corrupt(b.finish(), "property before the root");
  }
  {
    FdtBuilder b;
    b.begin_node("").raw_u32(7).end_node();
    expect_struct_corrupt(b.finish(), "unknown token");
  }
  {
    FdtBuilder b;  // only NOPs: runs off the end without FDT_END
    for (int i = 0; i < 8; ++i) b.nop();
    expect_struct_corrupt(b.finish(false), "only NOPs");
  }
  {
    FdtBuilder b;
    expect_struct_corrupt(b.finish(false), "empty struct block");
  }
  {
    FdtBuilder b;  // a truncated token: 2 bytes left
    b.begin_node("").end_node().raw_bytes("\0\0", 2);
    expect_struct_corrupt(b.finish(false), "truncated token");
  }
}

TEST(FdtCorrupt, StringPropertiesMustBeTerminated) {
  FdtBuilder b;
  b.begin_node("").prop("compatible", {'a', 'b', 'c'}).prop("model", {'x', 0, 'y'}).end_node();
  // The strings block itself ends without a NUL for the last name.
  auto blob = b.finish();
  auto f = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(f.ok());
  auto root = f->root();
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(f->prop_string(root.value(), "compatible").error(), Error::Corrupt);
  EXPECT_FALSE(f->is_compatible(root.value(), "abc"));  // an unterminated entry never matches
  EXPECT_EQ(S(f->prop_string(root.value(), "model").value()), "x");

  // Cut the strings block so the last property name loses its NUL.
  auto cut = blob;
  uint32_t size_strings = FdtBuilder::get_be32(cut, FdtBuilder::kOffSizeStrings);
  FdtBuilder::put_be32(cut, FdtBuilder::kOffSizeStrings, size_strings - 1);
  auto g = Fdt::open(cut.data(), cut.size());
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->walk([](const Fdt::Node&) { return false; }), Error::Corrupt);
}

TEST(FdtCorrupt, ReservationMapWithoutTerminatorStopsAtTotalSize) {
  FdtBuilder b;
  b.reserve(0x1000, 0x2000);
  b.begin_node("").end_node();
  auto blob = b.finish();
  auto f = Fdt::open(blob.data(), blob.size());
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->reservation_count(), 1u);
  // Point the map near the end of the blob: entries are read only while they fit.
  auto moved = blob;
  const uint32_t total = static_cast<uint32_t>(moved.size());
  uint32_t off = (total - 16) & ~7u;
  for (uint32_t i = off; i < total; ++i) moved[i] = 0xab;
  FdtBuilder::put_be32(moved, FdtBuilder::kOffRsvmap, off);
  auto g = Fdt::open(moved.data(), moved.size());
  if (g.ok()) {
    EXPECT_LE(g->reservation_count(), 1u);
    if (g->reservation_count() == 1) {
      EXPECT_EQ(g->reservation(0)->size, 0xababababababababull);
    }
  }
}

}  // namespace
