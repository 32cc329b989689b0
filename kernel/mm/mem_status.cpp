// The memory subsystem's state as figures and JSON (mem_status.h).
#include "mm/mem_status.h"

#include "arch/arch.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "mm/kernel_stack.h"

extern "C" char __kernel_start[], __text_end[], __data_start[], __boot_stack_guard[];

namespace sis::mm {

u64 fragmentation_permille(const BuddyStats& s, unsigned k) {
  if (!s.free_pages) return 0;
  u64 usable = 0;
  for (unsigned j = k; j < BuddyStats::kOrders; ++j) usable += s.free_blocks[j] << j;
  return (s.free_pages - usable) * 1000 / s.free_pages;
}

const char* page_perms(u64 va, char* buf) {
  auto t = arch::translate(arch::kernel_page_table(), va);
  if (!t.ok()) return "unmapped";
  if (t->guard) return "guard";
  buf[0] = 'r';
  buf[1] = t->flags & arch::kMapWrite ? 'w' : '-';
  buf[2] = t->flags & arch::kMapExec ? 'x' : '-';
  buf[3] = 0;
  return buf;
}

KernelMapPerms kernel_map_perms() {
  KernelMapPerms p;
  char b[9];
  copy_cstr(p.text, sizeof(p.text), page_perms(reinterpret_cast<u64>(__kernel_start), b));
  copy_cstr(p.rodata, sizeof(p.rodata), page_perms(reinterpret_cast<u64>(__text_end), b));
  copy_cstr(p.data, sizeof(p.data), page_perms(reinterpret_cast<u64>(__data_start), b));
  copy_cstr(p.boot_stack_guard, sizeof(p.boot_stack_guard), page_perms(reinterpret_cast<u64>(__boot_stack_guard), b));
  return p;
}



void write_mem_status(JsonWriter& w) {
  BuddyStats b = kernel_pages().stats();
  const BootReservations& r = boot_reservations();
  Heap::LargeStats large = heap().large_stats();
  SlabTotals st = slab_totals();
  KernelMapPerms perms = kernel_map_perms();
  write_mem_metrics(w, b, st);
  w.kv_uint("zones", kernel_pages().zone_count());
  w.key("reserved").begin_object().kv_uint("kernel_image", r.kernel_image).kv_uint("dtb", r.dtb);
  w.kv_uint("firmware", r.firmware).kv_uint("metadata", r.metadata).kv_uint("unaligned", r.unaligned).end_object();
  w.key("buddy").begin_object().key("orders").begin_array();
  for (unsigned k = 0; k < BuddyStats::kOrders; ++k) {
    w.begin_object().kv_uint("order", k).kv_uint("block_bytes", kPageSize << k).kv_uint("free_blocks", b.free_blocks[k]);
    w.kv_uint("allocs", b.allocs[k]).kv_uint("frees", b.frees[k]);
    w.kv_uint("fragmentation_permille", fragmentation_permille(b, k)).end_object();
  }
  w.end_array().kv_uint("splits", b.splits).kv_uint("merges", b.merges).kv_uint("failures", b.failures);
  w.end_object();
  w.key("slab").begin_object().key("caches").begin_array();
  for (usize i = 0; i < heap().cache_slots(); ++i) {
    const SlabCache* c = heap().cache(i);
    if (!c) continue;
    SlabCacheStats s = c->stats();
    w.begin_object().kv("name", s.name).kv_uint("object_size", s.object_size);
    w.kv_uint("objects_per_slab", s.objects_per_slab).kv_uint("slab_order", s.slab_order);
    w.kv_uint("in_use", s.in_use).kv_uint("cached", s.cached).kv_uint("allocs", s.allocs).kv_uint("frees", s.frees);
    w.kv_uint("slabs", s.slabs).kv_uint("empty_slabs", s.empty_slabs).kv_uint("hits", s.hits);
    w.kv_uint("misses", s.misses).kv_uint("slab_bytes", s.slab_bytes).kv_uint("metadata_bytes", s.metadata_bytes);
    w.end_object();
  }
  w.end_array().kv_uint("slab_bytes", st.slab_bytes).kv_uint("metadata_bytes", st.metadata_bytes);
  w.kv_uint("overhead_permille", st.slab_bytes ? st.metadata_bytes * 1000 / st.slab_bytes : 0);
  w.kv_uint("hits", st.hits).kv_uint("misses", st.misses);
  w.kv_uint("hit_rate_permille", st.hits + st.misses ? st.hits * 1000 / (st.hits + st.misses) : 0).end_object();
  w.key("large").begin_object().kv_uint("allocs", large.allocs).kv_uint("frees", large.frees);
  w.kv_uint("pages_in_use", large.pages_in_use).kv_uint("failures", large.failures).end_object();
  w.key("kernel_map").begin_object().kv("text", perms.text).kv("rodata", perms.rodata).kv("data", perms.data);
  w.kv("boot_stack_guard", perms.boot_stack_guard).end_object();
  w.kv_bool("poisoning", heap().poisoning()).kv_uint("kernel_stacks", kernel_stacks_in_use());
}

}  // namespace sis::mm
