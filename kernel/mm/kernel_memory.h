// Kernel memory bring-up (kernel only): turns the device tree's RAM banks into buddy zones,
// minus the kernel image, the device tree blob, firmware reservations and the allocator's
// own metadata; then starts the heap, routes misuse reports to panic, hands page-table pages
// to the MMU code, and installs operator new/delete. Call once, after RAM is mapped.
#pragma once
#include "mm/heap.h"

namespace sis::mm {

Error init_kernel_memory();
bool kernel_memory_ready();

PageAllocator& kernel_pages();
Heap& heap();

struct BootReservations {
  u64 total_ram = 0;      // bytes in the device tree's banks
  u64 kernel_image = 0;   // bytes withheld for the image (incl. bss and boot stack)
  u64 dtb = 0;
  u64 firmware = 0;       // /memreserve/ entries
  u64 metadata = 0;       // buddy page states, owner tags and bitmaps
  u64 unaligned = 0;      // partial pages at range edges
};
const BootReservations& boot_reservations();

}  // namespace sis::mm
