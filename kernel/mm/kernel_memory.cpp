// Kernel memory bring-up: see kernel_memory.h. The RAM of each bank becomes one buddy zone
// whose metadata is carved from the first gap in that bank big enough to hold it.
#include "mm/kernel_memory.h"

#include "arch/arch.h"
#include "core/memory_map.h"
#include "core/panic.h"
#include "mm/fault.h"

namespace sis::mm {
namespace {

BuddyAllocator zones[PageAllocator::kMaxZones];
PageAllocator page_allocator;
Heap kernel_heap_instance;
BootReservations reservations;
bool ready = false;

struct Range {
  u64 lo, hi;
};
constexpr usize kMaxExcluded = memory_map::kMaxBanks + 4;

void fault_to_panic(const char* message) { panic("mm: %s", message); }

void* page_table_page() {
  auto r = page_allocator.alloc(0);
  return r.ok() ? r.value() : nullptr;
}
void free_page_table_page(void* p) { page_allocator.free(p); }

// Sorted, merged list of the ranges inside [lo, hi) that must not be handed out.
usize excluded_ranges(u64 lo, u64 hi, Range* out) {
  Range raw[kMaxExcluded];
  usize n = 0;
  auto add = [&](memory_map::Region r) {
    u64 a = max(r.base, lo), b = min(r.base + r.size, hi);
    if (a < b && n < kMaxExcluded) raw[n++] = {align_down(a, kPageSize), align_up(b, kPageSize)};
  };
  add(memory_map::kernel_image());
  add(memory_map::dtb());
  for (usize i = 0; i < memory_map::reservation_count(); ++i) add(memory_map::reservation(i));
  for (usize i = 1; i < n; ++i)  // insertion sort: a handful of ranges
    for (usize j = i; j > 0 && raw[j].lo < raw[j - 1].lo; --j) {
      Range t = raw[j];
      raw[j] = raw[j - 1];
      raw[j - 1] = t;
    }
  usize m = 0;
  for (usize i = 0; i < n; ++i) {
    if (m && raw[i].lo <= out[m - 1].hi) out[m - 1].hi = max(out[m - 1].hi, raw[i].hi);
    else out[m++] = raw[i];
  }
  return m;
}

Error init_zone(BuddyAllocator& zone, memory_map::Region bank) {
  u64 lo = align_up(bank.base, kPageSize), hi = align_down(bank.base + bank.size, kPageSize);
  if (hi <= lo) return Error::Range;
  reservations.unaligned += bank.size - (hi - lo);
  Range ex[kMaxExcluded];
  usize n = excluded_ranges(lo, hi, ex);
  // Metadata goes into the first gap that holds it.
  u64 meta_bytes = align_up(BuddyAllocator::metadata_bytes(hi - lo), kPageSize);
  u64 meta = 0, cursor = lo;
  for (usize i = 0; i <= n && !meta; ++i) {
    u64 gap_end = i < n ? ex[i].lo : hi;
    if (gap_end >= cursor + meta_bytes) meta = cursor;
    if (i < n) cursor = max(cursor, ex[i].hi);
  }
  if (!meta) return Error::NoMemory;
  TRY(zone.init(reinterpret_cast<void*>(lo), lo, hi - lo, reinterpret_cast<void*>(meta), meta_bytes));
  reservations.metadata += meta_bytes;
  // Free every gap, skipping the metadata.
  cursor = lo;
  for (usize i = 0; i <= n; ++i) {
    u64 gap_end = i < n ? ex[i].lo : hi;
    if (gap_end > cursor) {
      if (meta >= cursor && meta < gap_end) {
        zone.add_free_range(cursor, meta - cursor);
        zone.add_free_range(meta + meta_bytes, gap_end - meta - meta_bytes);
      } else {
        zone.add_free_range(cursor, gap_end - cursor);
      }
    }
    if (i < n) cursor = max(cursor, ex[i].hi);
  }
  return page_allocator.add_zone(&zone);
}

}  // namespace

Error init_kernel_memory() {
  if (ready) return Error::Exists;
  reservations = BootReservations{};
  reservations.total_ram = memory_map::total_ram();
  reservations.kernel_image = align_up(memory_map::kernel_image().size, kPageSize);
  reservations.dtb = align_up(memory_map::dtb().size, kPageSize);
  for (usize i = 0; i < memory_map::reservation_count(); ++i) reservations.firmware += memory_map::reservation(i).size;
  usize nzones = min(memory_map::bank_count(), PageAllocator::kMaxZones);
  for (usize i = 0; i < nzones; ++i) {
    TRY(init_zone(zones[i], memory_map::bank(i)));
  }
  // Zeroed pages use the plain store loop: under QEMU TCG it beats both NEON and DC ZVA
  // (`bench alloc`); on hardware DC ZVA is usually the one to pick.
  page_allocator.set_zero_fn(zero_words);
  // FIXME(SMP): secondary CPUs need set_cpu_index_fn(arch::cpu_id) before they allocate;
  // until then every CPU would share magazine 0.
  set_fault_hook(fault_to_panic);
  TRY(kernel_heap_instance.init(&page_allocator, SIS_MM_POISON_DEFAULT));
  set_kernel_heap(&kernel_heap_instance);
  arch::set_page_table_allocator(page_table_page, free_page_table_page);
  ready = true;
  return Error::Ok;
}

bool kernel_memory_ready() { return ready; }
PageAllocator& kernel_pages() { return page_allocator; }
Heap& heap() { return kernel_heap_instance; }
const BootReservations& boot_reservations() { return reservations; }

}  // namespace sis::mm

// The C++ allocation operators: no exceptions, so running out of memory in `new` panics.
// Code that can cope with failure calls kmalloc (or a cache's alloc) and checks the result.
void* operator new(unsigned long size) {
  void* p = sis::kmalloc(size);
  if (!p) sis::panic("operator new(%lu): out of memory", size);
  return p;
}
void* operator new[](unsigned long size) { return operator new(size); }
void operator delete(void* p) noexcept { sis::kfree(p); }
void operator delete[](void* p) noexcept { sis::kfree(p); }
void operator delete(void* p, unsigned long) noexcept { sis::kfree(p); }
void operator delete[](void* p, unsigned long) noexcept { sis::kfree(p); }
