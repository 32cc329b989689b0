// What the kernel knows about physical memory: RAM banks from the device tree, where the
// kernel image and the device tree blob lie. The page allocator (memory issue) starts from
// here; the panic path uses it to validate frame pointers before following them.
#pragma once
#include "lib/fdt.h"

namespace sis::memory_map {

struct Region {
  u64 base;
  u64 size;
};

constexpr usize kMaxBanks = 8;

// Reads the memory nodes and the reservation block. Returns NoEntry without any RAM.
Error init(const Fdt& fdt, u64 dtb_address);

usize bank_count();
Region bank(usize i);
u64 total_ram();
Region kernel_image();
Region dtb();
usize reservation_count();
Region reservation(usize i);

// True when [addr, addr+len) lies inside one RAM bank.
bool is_kernel_ram(u64 addr, u64 len);

}  // namespace sis::memory_map
