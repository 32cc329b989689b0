#include "core/memory_map.h"

extern "C" char __kernel_start[], __kernel_end[];

namespace sis::memory_map {
namespace {

Region banks[kMaxBanks];
usize nbanks = 0;
Region dtb_region{};
Region reserved[kMaxBanks];
usize nreserved = 0;

}  // namespace

Error init(const Fdt& fdt, u64 dtb_address) {
  nbanks = 0;
  dtb_region = {dtb_address, fdt.total_size()};
  Fdt::Node n;
  const Fdt::Node* after = nullptr;
  for (;;) {
    auto node = fdt.find_device_type("memory", after);
    if (!node.ok()) break;
    n = node.value();
    after = &n;
    for (usize i = 0; nbanks < kMaxBanks; ++i) {
      auto r = fdt.reg(n, i);
      if (!r.ok()) break;
      if (r->size) banks[nbanks++] = {r->address, r->size};
    }
  }
  nreserved = 0;
  for (usize i = 0; i < fdt.reservation_count() && nreserved < kMaxBanks; ++i) {
    auto r = fdt.reservation(i);
    if (r.ok()) reserved[nreserved++] = {r->address, r->size};
  }
  return nbanks ? Error::Ok : Error::NoEntry;
}

usize bank_count() { return nbanks; }
Region bank(usize i) { return i < nbanks ? banks[i] : Region{0, 0}; }

u64 total_ram() {
  u64 t = 0;
  for (usize i = 0; i < nbanks; ++i) t += banks[i].size;
  return t;
}

Region kernel_image() {
  auto s = reinterpret_cast<u64>(__kernel_start);
  return {s, reinterpret_cast<u64>(__kernel_end) - s};
}

Region dtb() { return dtb_region; }
usize reservation_count() { return nreserved; }
Region reservation(usize i) { return i < nreserved ? reserved[i] : Region{0, 0}; }

bool is_kernel_ram(u64 addr, u64 len) {
  for (usize i = 0; i < nbanks; ++i)
    if (addr >= banks[i].base && len <= banks[i].size && addr - banks[i].base <= banks[i].size - len) return true;
  return false;
}

}  // namespace sis::memory_map
