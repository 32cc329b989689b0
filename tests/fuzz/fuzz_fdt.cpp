// Fuzz target: the device tree reader on arbitrary bytes. Everything the kernel does with a
// DTB at boot (open, walk, find by path/compatible/type, aliases, reg, properties,
// reservations) must return an error on bad input, never read outside the blob.
#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "fuzz_check.h"
#include "lib/fdt.h"

using sis::ByteSpan;
using sis::Fdt;
using sis::StrView;

namespace {

const uint8_t* g_base;
size_t g_size;

void check_span(const void* p, size_t n) { FUZZ_CHECK(n == 0 || fuzz_inside(g_base, g_size, p, n)); }
void check_str(StrView s) { check_span(s.data, s.size + 1); }  // the NUL must be inside too

const char* const kProps[] = {"reg",         "compatible", "interrupts", "#address-cells", "#size-cells",
                              "device_type", "status",     "ranges",     "stdout-path",    "method",
                              "phandle",     "serial0",    ""};

void inspect(const Fdt& f, const Fdt::Node& n) {
  FUZZ_CHECK(n.depth >= 0 && n.depth <= Fdt::kMaxDepth);
  check_str(n.name);
  for (const char* name : kProps) {
    auto p = f.prop(n, name);
    if (p.ok()) {
      check_span(p->data, p->size);
      for (unsigned cells = 1; cells <= 2; ++cells)
        for (size_t i = 0; i < 4; ++i) (void)Fdt::read_cells(p.value(), i, cells);
    }
    auto s = f.prop_string(n, name);
    if (s.ok()) check_str(s.value());
    (void)f.prop_u32(n, name);
  }
  for (size_t i = 0; i < 4; ++i) {
    auto r = f.reg(n, i);
    if (!r.ok()) break;
  }
  (void)f.is_compatible(n, "arm,pl011");
  (void)f.is_compatible(n, "");
  (void)f.own_addr_cells(n);
  (void)f.own_size_cells(n);
}

template <typename Next>
void iterate(Next&& next) {
  Fdt::Node cur;
  const Fdt::Node* after = nullptr;
  for (int i = 0; i < 64; ++i) {
    auto r = next(after);
    if (!r.ok()) return;
    // Each step must move forward in the struct block, or the kernel's loops never end.
    if (after) FUZZ_CHECK(r->offset > after->offset);
    cur = r.value();
    after = &cur;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  g_base = data;
  g_size = size;
  auto opened = Fdt::open(data, size);
  if (!opened.ok()) return 0;
  const Fdt& f = opened.value();
  FUZZ_CHECK(f.total_size() <= size);

  int nodes = 0;
  (void)f.walk([&](const Fdt::Node& n) {
    inspect(f, n);
    return ++nodes >= 512;
  });

  if (auto root = f.root(); root.ok()) {
    FUZZ_CHECK(root->depth == 0);
    inspect(f, root.value());
  }
  for (const char* path : {"/", "/chosen", "/memory", "/cpus/cpu@0", "/cpus/cpu", "/aliases", "/intc/its",
                           "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", "//", "/pl011@9000000"}) {
    auto n = f.find_path(path);
    if (n.ok()) inspect(f, n.value());
  }
  if (auto chosen = f.find_path("/chosen"); chosen.ok()) {
    auto spec = f.prop_string(chosen.value(), "stdout-path");
    if (spec.ok()) {
      auto n = f.resolve_alias_or_path(spec.value());
      if (n.ok()) inspect(f, n.value());
    }
  }
  for (const char* spec : {"serial0", "serial0:115200", "/pl011@9000000:115200n8", ":", "", "reg"})
    (void)f.resolve_alias_or_path(spec);

  for (const char* compat : {"arm,pl011", "arm,gic-v3", "virtio,mmio", "arm,armv8-timer", "arm,psci-0.2"})
    iterate([&](const Fdt::Node* after) { return f.find_compatible(compat, after); });
  for (const char* type : {"memory", "cpu"})
    iterate([&](const Fdt::Node* after) { return f.find_device_type(type, after); });

  size_t rsv = f.reservation_count();
  for (size_t i = 0; i < rsv && i < 64; ++i) FUZZ_CHECK(f.reservation(i).ok());
  FUZZ_CHECK(!f.reservation(rsv).ok());
  return 0;
}
