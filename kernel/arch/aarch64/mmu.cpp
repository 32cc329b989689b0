// Kernel page tables: identity map, 4 KiB granule, 48-bit VA (4 levels), built from 2 MiB
// blocks. mmu_early_enable runs before kmain with the MMU off and maps only the kernel
// image and the device tree (both located at run time); kmain then adds RAM and devices as
// the device tree reveals them. This file is compiled with -mstrict-align because it runs
// before the MMU is on, when every access is Device memory and must be aligned.
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

extern "C" char __kernel_start[], __kernel_end[];

namespace sis::arch {
namespace {

constexpr u64 kPage = 4096;
constexpr u64 kBlock = 2ull << 20;  // 2 MiB
constexpr usize kPoolPages = 64;    // L0 + L1s + L2s: enough for ~60 GiB of RAM in 2 MiB blocks

constexpr u64 kValid = 1ull << 0;
constexpr u64 kTable = 1ull << 1;  // at levels 0-2: table (1) vs block (0)
constexpr u64 kAttrDevice = 0ull << 2;  // MAIR index 0
constexpr u64 kAttrNormal = 1ull << 2;  // MAIR index 1
constexpr u64 kInnerShareable = 3ull << 8;
constexpr u64 kAccessFlag = 1ull << 10;
constexpr u64 kPxn = 1ull << 53;
constexpr u64 kUxn = 1ull << 54;
constexpr u64 kAddrMask = 0x0000fffffffff000ull;

constexpr u64 kMair = (0x04ull << 0)    // 0: Device-nGnRE
                      | (0xffull << 8)   // 1: Normal, write-back read/write-allocate
                      | (0x44ull << 16); // 2: Normal, non-cacheable

alignas(kPage) u64 pool[kPoolPages][512];
usize pool_used = 0;

u64* new_table() {
  if (pool_used == kPoolPages) return nullptr;
  u64* t = pool[pool_used++];
  for (usize i = 0; i < 512; ++i) t[i] = 0;
  return t;
}

u64* root() {
  static u64* l0 = nullptr;
  if (!l0) l0 = new_table();
  return l0;
}

// Returns the next-level table for entry `e`, creating it when empty.
u64* descend(u64* table, usize index) {
  u64 e = table[index];
  if (e & kValid) {
    if (!(e & kTable)) return nullptr;  // already a block: cannot refine
    return reinterpret_cast<u64*>(e & kAddrMask);
  }
  u64* next = new_table();
  if (!next) return nullptr;
  table[index] = reinterpret_cast<u64>(next) | kValid | kTable;
  return next;
}

Error map_blocks(u64 pa, u64 size, u64 attrs) {
  u64 start = align_down(pa, kBlock);
  u64 end = align_up(pa + size, kBlock);
  if (end <= start || end > (1ull << 48)) return Error::Range;
  for (u64 a = start; a < end; a += kBlock) {
    u64* l1 = descend(root(), (a >> 39) & 511);
    if (!l1) return Error::NoMemory;
    u64* l2 = descend(l1, (a >> 30) & 511);
    if (!l2) return Error::NoMemory;
    u64& e = l2[(a >> 21) & 511];
    if (e & kValid) continue;  // first mapping wins (RAM and devices never overlap)
    e = a | attrs | kValid | kAccessFlag;
  }
  dsb_ishst();  // new entries only replace invalid ones: no TLB invalidation needed
  isb();
  return Error::Ok;
}

}  // namespace

Error map_normal(u64 pa, u64 size) { return map_blocks(pa, size, kAttrNormal | kInnerShareable); }
Error map_device(u64 pa, u64 size) { return map_blocks(pa, size, kAttrDevice | kPxn | kUxn); }

}  // namespace sis::arch

extern "C" void mmu_early_enable(const sis::u8* dtb) {
  using namespace sis;
  using namespace sis::arch;
  auto kstart = reinterpret_cast<u64>(__kernel_start);
  auto kend = reinterpret_cast<u64>(__kernel_end);
  if (map_normal(kstart, kend - kstart) != Error::Ok) return;
  if (dtb) {
    // totalsize is the big-endian word at offset 4; the blob is 8-byte aligned per spec.
    u64 dtb_size = (u64{dtb[4]} << 24) | (u64{dtb[5]} << 16) | (u64{dtb[6]} << 8) | dtb[7];
    if (dtb_size == 0 || dtb_size > kBlock) dtb_size = kBlock;
    if (map_normal(reinterpret_cast<u64>(dtb), dtb_size) != Error::Ok) return;
  }
  u64 pa_range = SIS_READ_SYSREG(id_aa64mmfr0_el1) & 0xf;
  if (pa_range > 5) pa_range = 5;  // 48 bits is all a 4-level table addresses
  u64 tcr = 16                     // T0SZ: 48-bit VA
            | (1ull << 8)          // IRGN0: write-back
            | (1ull << 10)         // ORGN0: write-back
            | (3ull << 12)         // SH0: inner shareable
            | (0ull << 14)         // TG0: 4 KiB
            | (1ull << 23)         // EPD1: no TTBR1 walks (no high half yet)
            | (pa_range << 32);    // IPS
  SIS_WRITE_SYSREG(mair_el1, kMair);
  SIS_WRITE_SYSREG(tcr_el1, tcr);
  SIS_WRITE_SYSREG(ttbr0_el1, reinterpret_cast<u64>(root()));
  isb();
  asm volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
  u64 sctlr = SIS_READ_SYSREG(sctlr_el1);
  sctlr |= (1ull << 0) | (1ull << 2) | (1ull << 12);  // M, C, I
  sctlr &= ~(1ull << 1);                              // no alignment checking
  SIS_WRITE_SYSREG(sctlr_el1, sctlr);
  isb();
}
