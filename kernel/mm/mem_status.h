// The memory subsystem's state for `memctl` and the control port (kernel only): derived
// figures the shell prints as text, and one JSON writer per object, shared by the shell's
// --json output and the control port's `mem` metrics group so the two cannot drift apart.
// The writers write an object's members; the caller opens and closes it.
#pragma once
#include "lib/json.h"
#include "mm/buddy.h"

namespace sis::mm {

// Fraction of free memory that cannot serve an order-k request (0..1000): the "unusable
// free space index". 0 = every free page sits in a block of order >= k.
u64 fragmentation_permille(const BuddyStats& s, unsigned k);

// Sums over the heap's slab caches.
struct SlabTotals {
  u64 slab_bytes = 0, metadata_bytes = 0, hits = 0, misses = 0;
  u64 heap_bytes = 0;  // kmalloc bytes in use: objects in slabs plus large (page) allocations
};
SlabTotals slab_totals();

// How the kernel page table maps the image: "r-x", "r--", "rw-", "guard" or "unmapped".
struct KernelMapPerms {
  char text[9], rodata[9], data[9], boot_stack_guard[9];
};
KernelMapPerms kernel_map_perms();
const char* page_perms(u64 va, char* buf);  // buf holds 9 bytes; returns buf or a constant

// The `mem` metrics group: total_bytes (RAM), managed_bytes, free_bytes, used_bytes
// (managed - free), slab_bytes, heap_bytes.
void write_mem_metrics(JsonWriter& w);
void write_mem_metrics(JsonWriter& w, const BuddyStats& b, const SlabTotals& st);
// `memctl stats --json`: the metrics group's members, then zones, reserved, buddy (orders
// with fragmentation), slab (caches and totals), large, kernel_map, poisoning,
// kernel_stacks.
void write_mem_status(JsonWriter& w);

}  // namespace sis::mm
