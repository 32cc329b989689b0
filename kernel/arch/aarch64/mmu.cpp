// Kernel page tables: 4 KiB granule, 48-bit VA (4 levels), identity map (VA == PA) for RAM
// and devices plus page-granular mappings anywhere (guarded kernel stacks now, user address
// spaces later).
//
// mmu_early_enable runs before kmain with the MMU off. It maps the 2 MiB-aligned envelope
// around the kernel image with 4 KiB pages and W^X permissions from the linker symbols:
// text read-only + executable, rodata read-only, data/bss read-write + never executable,
// the boot-stack guard page unmapped; then the device tree. kmain adds RAM (2 MiB blocks,
// never executable) and devices as the device tree reveals them. Table pages come from a
// static pool until mm installs a page allocator (set_page_table_allocator).
//
// Invariants: an invalid descriptor is either 0 (free) or kGuardEntry (a guard page that
// map_pages refuses to fill); entries are only ever changed invalid -> valid without TLB
// maintenance, and valid -> invalid with a TLB invalidate. This file is compiled with
// -mstrict-align because it runs before the MMU is on, when every access must be aligned.
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

extern "C" char __kernel_start[], __kernel_end[], __text_end[], __rodata_end[], __boot_stack_guard[];

namespace sis::arch {
namespace {

constexpr u64 kPage = 4096;
constexpr u64 kBlock = 2ull << 20;  // 2 MiB
constexpr usize kPoolPages = 64;    // L0 + L1s + L2s + the image's L3s: ~60 GiB of RAM in blocks

constexpr u64 kValid = 1ull << 0;
constexpr u64 kTable = 1ull << 1;  // levels 0-2: table (1) vs block (0); level 3: must be 1
constexpr u64 kAttrDevice = 0ull << 2;  // MAIR index 0
constexpr u64 kAttrNormal = 1ull << 2;  // MAIR index 1
constexpr u64 kAttrMask = 7ull << 2;
constexpr u64 kApUser = 1ull << 6;      // AP[1]: EL0 access
constexpr u64 kApReadOnly = 1ull << 7;  // AP[2]
constexpr u64 kInnerShareable = 3ull << 8;
constexpr u64 kAccessFlag = 1ull << 10;
constexpr u64 kNotGlobal = 1ull << 11;
constexpr u64 kPxn = 1ull << 53;
constexpr u64 kUxn = 1ull << 54;
constexpr u64 kAddrMask = 0x0000fffffffff000ull;
constexpr u64 kGuardEntry = 0x6a7d000ull;  // invalid (bit 0 clear), recognisably a guard

constexpr u64 kMair = (0x04ull << 0)    // 0: Device-nGnRE
                      | (0xffull << 8)   // 1: Normal, write-back read/write-allocate
                      | (0x44ull << 16); // 2: Normal, non-cacheable

alignas(kPage) u64 pool[kPoolPages][512];
usize pool_used = 0;
void* (*table_alloc)() = nullptr;
void (*table_free)(void*) = nullptr;

u64* new_table() {
  u64* t;
  if (table_alloc) {
    t = static_cast<u64*>(table_alloc());
    if (!t) return nullptr;
  } else {
    if (pool_used == kPoolPages) return nullptr;
    t = pool[pool_used++];
  }
  for (usize i = 0; i < 512; ++i) t[i] = 0;
  return t;
}

bool from_pool(const u64* t) { return t >= &pool[0][0] && t < &pool[0][0] + kPoolPages * 512; }

u64* kernel_root() {
  static u64* l0 = nullptr;
  if (!l0) l0 = new_table();
  return l0;
}

usize index(u64 va, unsigned level) { return (va >> (39 - 9 * level)) & 511; }

// Returns the next-level table for entry `index`, creating it when empty (if `create`).
u64* descend(u64* table, usize index, bool create) {
  u64 e = table[index];
  if (e & kValid) {
    if (!(e & kTable)) return nullptr;  // a block: cannot refine
    return reinterpret_cast<u64*>(e & kAddrMask);
  }
  if (!create || e != 0) return nullptr;
  u64* next = new_table();
  if (!next) return nullptr;
  table[index] = reinterpret_cast<u64>(next) | kValid | kTable;
  return next;
}

// The level-3 entry for va, or nullptr (a block covers it, or no table and !create).
u64* leaf(u64* root, u64 va, bool create) {
  u64* t = root;
  for (unsigned level = 0; level < 3 && t; ++level) t = descend(t, index(va, level), create);
  return t ? &t[index(va, 3)] : nullptr;
}

u64 attrs_for(u32 flags) {
  u64 d = kAccessFlag;
  if (flags & kMapDevice) d |= kAttrDevice | kPxn | kUxn;
  else d |= kAttrNormal | kInnerShareable;
  if (!(flags & kMapWrite)) d |= kApReadOnly;
  if (flags & kMapUser) {
    d |= kApUser | kNotGlobal | kPxn;  // the kernel never executes user pages
    if (!(flags & kMapExec)) d |= kUxn;
  } else {
    d |= kUxn;
    if (!(flags & kMapExec)) d |= kPxn;
  }
  return d;
}

u32 flags_of(u64 d) {
  u32 f = kMapRead;
  if ((d & kAttrMask) == kAttrDevice) f |= kMapDevice;
  if (!(d & kApReadOnly)) f |= kMapWrite;
  if (d & kApUser) f |= kMapUser;
  if (!(d & ((d & kApUser) ? kUxn : kPxn))) f |= kMapExec;
  return f;
}

// Invalidates va's entry: a global (kernel) entry whatever the ASID, a user entry for asid.
void tlb_flush_page(u64 va, u16 asid = 0) {
  u64 arg = (u64{asid} << 48) | ((va >> 12) & ((1ull << 44) - 1));
  asm volatile("dsb ishst\n tlbi vae1is, %0\n dsb ish\n isb" ::"r"(arg) : "memory");
}

Error map_blocks(u64 pa, u64 size, u64 attrs) {
  u64 start = align_down(pa, kBlock);
  u64 end = align_up(pa + size, kBlock);
  if (end <= start || end > (1ull << 48)) return Error::Range;
  for (u64 a = start; a < end; a += kBlock) {
    u64* l1 = descend(kernel_root(), index(a, 0), true);
    if (!l1) return Error::NoMemory;
    u64* l2 = descend(l1, index(a, 1), true);
    if (!l2) return Error::NoMemory;
    u64& e = l2[index(a, 2)];
    if (e != 0) continue;  // first mapping wins (the kernel image's pages, RAM vs devices)
    e = a | attrs | kValid | kAccessFlag;
  }
  dsb_ishst();  // new entries only replace invalid ones: no TLB invalidation needed
  isb();
  return Error::Ok;
}

// The kernel image envelope, page by page, with the permissions of each section.
Error map_kernel_image() {
  auto kstart = reinterpret_cast<u64>(__kernel_start);
  auto kend = reinterpret_cast<u64>(__kernel_end);
  auto text_end = reinterpret_cast<u64>(__text_end);
  auto rodata_end = reinterpret_cast<u64>(__rodata_end);
  auto guard = reinterpret_cast<u64>(__boot_stack_guard);
  for (u64 a = align_down(kstart, kBlock); a < align_up(kend, kBlock); a += kPage) {
    u64* e = leaf(kernel_root(), a, true);
    if (!e) return Error::NoMemory;
    if (a == guard) {
      *e = kGuardEntry;
      continue;
    }
    u32 flags = kMapRead | kMapWrite;  // data, bss, and RAM around the image
    if (a >= kstart && a < text_end) flags = kMapRead | kMapExec;
    else if (a >= text_end && a < rodata_end) flags = kMapRead;
    *e = a | attrs_for(flags) | kValid | kTable;
  }
  return Error::Ok;
}

}  // namespace

Error map_normal(u64 pa, u64 size) { return map_blocks(pa, size, kAttrNormal | kInnerShareable | kPxn | kUxn); }
Error map_device(u64 pa, u64 size) { return map_blocks(pa, size, kAttrDevice | kPxn | kUxn); }

void set_page_table_allocator(void* (*alloc)(), void (*free)(void*)) {
  table_alloc = alloc;
  table_free = free;
}

PageTable kernel_page_table() { return PageTable{kernel_root()}; }

Result<PageTable> create_page_table() {
  u64* root = new_table();
  if (!root) return Error::NoMemory;
  return PageTable{root};
}

namespace {
void free_tables(u64* t, unsigned level) {
  if (level < 3) {
    for (usize i = 0; i < 512; ++i)
      if ((t[i] & (kValid | kTable)) == (kValid | kTable)) free_tables(reinterpret_cast<u64*>(t[i] & kAddrMask), level + 1);
  }
  if (from_pool(t)) return;  // boot pool pages are never recycled
  if (table_free) table_free(t);
}
}  // namespace

void destroy_page_table(PageTable t) {
  if (t.root && t.root != kernel_root()) free_tables(t.root, 0);
}

Error map_pages(PageTable t, u64 va, u64 pa, u64 size, u32 flags) {
  if (!t.root || ((va | pa | size) & (kPage - 1)) || size == 0 || va + size > (1ull << 48)) return Error::Invalid;
  for (u64 off = 0; off < size; off += kPage) {  // refuse before changing anything
    u64* e = leaf(t.root, va + off, false);
    if (e && *e != 0) return Error::Exists;
  }
  u64 attrs = attrs_for(flags);
  for (u64 off = 0; off < size; off += kPage) {
    u64* e = leaf(t.root, va + off, true);
    if (!e) return Error::NoMemory;  // FIXME: pages mapped so far stay mapped
    *e = (pa + off) | attrs | kValid | kTable;
  }
  dsb_ishst();
  isb();
  return Error::Ok;
}

Error unmap_pages(PageTable t, u64 va, u64 size) {
  if (!t.root || ((va | size) & (kPage - 1))) return Error::Invalid;
  for (u64 off = 0; off < size; off += kPage) {
    u64* e = leaf(t.root, va + off, false);
    if (!e || !(*e & kValid)) continue;
    *e = 0;
    tlb_flush_page(va + off, t.asid);
  }
  return Error::Ok;
}

Error set_guard_page(PageTable t, u64 va) {
  if (!t.root || (va & (kPage - 1))) return Error::Invalid;
  u64* e = leaf(t.root, va, true);
  if (!e) return Error::NoMemory;
  if (*e & kValid) {
    *e = kGuardEntry;
    tlb_flush_page(va, t.asid);
  } else {
    *e = kGuardEntry;
  }
  return Error::Ok;
}

Error clear_guard_page(PageTable t, u64 va) {
  u64* e = leaf(t.root, va, false);
  if (e && *e == kGuardEntry) *e = 0;
  return Error::Ok;
}

Result<Translation> translate(PageTable t, u64 va) {
  if (!t.root) return Error::Invalid;
  u64* table = t.root;
  for (unsigned level = 0; level <= 3; ++level) {
    u64 e = table[index(va, level)];
    if (!(e & kValid)) {
      if (e == kGuardEntry) return Translation{0, 0, true};
      return Error::NoEntry;
    }
    bool is_table = (e & kTable) && level < 3;
    if (!is_table) {
      if (level == 0) return Error::Corrupt;  // no 512 GiB blocks with a 4 KiB granule
      u64 span = 1ull << (39 - 9 * level);
      return Translation{(e & kAddrMask & ~(span - 1)) | (va & (span - 1)), flags_of(e), false};
    }
    table = reinterpret_cast<u64*>(e & kAddrMask);
  }
  return Error::Corrupt;
}

usize page_table_pool_used() { return pool_used; }

// --- user address spaces ---
namespace {
constexpr unsigned kAsidCount = 256;  // 8-bit ASIDs (TCR_EL1.AS = 0); 0 is the kernel's
u64 asid_bits[kAsidCount / 64] = {1};  // ASID 0 reserved
PageTable active{nullptr, 0};

// A private copy of a kernel table (same entries: shared lower levels, same blocks).
u64* copy_table(const u64* from) {
  u64* t = new_table();
  if (!t) return nullptr;
  for (usize i = 0; i < 512; ++i) t[i] = from[i];
  return t;
}

u64* table_at(u64 e) { return (e & (kValid | kTable)) == (kValid | kTable) ? reinterpret_cast<u64*>(e & kAddrMask) : nullptr; }

// Frees the tables of t that are not the kernel's: an entry equal to the kernel table's entry
// at the same place (kt) is shared and left alone.
void free_private(u64* t, const u64* kt, unsigned level) {
  if (level < 3) {
    for (usize i = 0; i < 512; ++i) {
      if (kt && t[i] == kt[i]) continue;
      u64* child = table_at(t[i]);
      if (!child) continue;
      const u64* kchild = kt ? table_at(kt[i]) : nullptr;
      free_private(child, kchild, level + 1);
    }
  }
  if (!from_pool(t) && table_free) table_free(t);
}

Result<u16> asid_alloc() {
  for (unsigned w = 0; w < kAsidCount / 64; ++w)
    if (~asid_bits[w]) {
      unsigned b = static_cast<unsigned>(__builtin_ctzll(~asid_bits[w]));
      asid_bits[w] |= 1ull << b;
      return static_cast<u16>(w * 64 + b);
    }
  return Error::WouldBlock;  // every ASID in use: the caller reports EAGAIN
}

void asid_free(u16 asid) {
  // Drop whatever the TLB still holds for it before it names another address space.
  asm volatile("dsb ishst\n tlbi aside1is, %0\n dsb ish\n isb" ::"r"(u64{asid} << 48) : "memory");
  asid_bits[asid / 64] &= ~(1ull << (asid % 64));
}
}  // namespace

Result<PageTable> create_user_page_table() {
  u16 asid = TRY(asid_alloc());
  const u64* k0 = kernel_root();
  const u64* k1 = table_at(k0[0]);
  const u64* k2 = k1 ? table_at(k1[0]) : nullptr;
  u64* root = copy_table(k0);
  u64* l1 = k1 ? copy_table(k1) : new_table();
  u64* l2 = k2 ? copy_table(k2) : new_table();
  if (!root || !l1 || !l2) {
    u64* made[] = {root, l1, l2};
    for (u64* t : made)
      if (t && table_free) table_free(t);
    asid_free(asid);
    return Error::NoMemory;
  }
  l1[0] = reinterpret_cast<u64>(l2) | kValid | kTable;
  root[0] = reinterpret_cast<u64>(l1) | kValid | kTable;
  return PageTable{root, asid};
}

void destroy_user_page_table(PageTable t) {
  if (!t.root || t.root == kernel_root()) return;
  if (active.root == t.root) activate_page_table(kernel_page_table());
  free_private(t.root, kernel_root(), 0);
  asid_free(t.asid);
}

Error protect_page(PageTable t, u64 va, u32 flags) {
  if (!t.root || (va & (kPage - 1))) return Error::Invalid;
  u64* e = leaf(t.root, va, false);
  if (!e || !(*e & kValid)) return Error::NoEntry;
  *e = (*e & kAddrMask) | attrs_for(flags) | kValid | kTable;
  tlb_flush_page(va, t.asid);
  return Error::Ok;
}

void activate_page_table(PageTable t) {
  if (!t.root) t = kernel_page_table();
  if (active.root == t.root) return;
  active = t;
  SIS_WRITE_SYSREG(ttbr0_el1, reinterpret_cast<u64>(t.root) | (u64{t.asid} << 48));
  isb();
}

PageTable active_page_table() { return active.root ? active : kernel_page_table(); }

}  // namespace sis::arch

extern "C" void mmu_early_enable(const sis::u8* dtb) {
  using namespace sis;
  using namespace sis::arch;
  if (map_kernel_image() != Error::Ok) return;
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
  SIS_WRITE_SYSREG(ttbr0_el1, reinterpret_cast<u64>(kernel_root()));
  isb();
  asm volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
  u64 sctlr = SIS_READ_SYSREG(sctlr_el1);
  sctlr |= (1ull << 0) | (1ull << 2) | (1ull << 12);  // M, C, I
  sctlr &= ~(1ull << 1);                              // no alignment checking
  SIS_WRITE_SYSREG(sctlr_el1, sctlr);
  isb();
}
