// The `mem` metrics group (mem_status.h). Apart from the rest of mem_status.cpp so that the
// host build of the control methods (kernel/host/CMakeLists.txt) can link it: it needs only the
// kernel heap and page allocator, which the host edge provides.
#include "mm/kernel_memory.h"
#include "mm/mem_status.h"

namespace sis::mm {

SlabTotals slab_totals() {
  SlabTotals t;
  Heap& h = heap();
  for (usize i = 0; i < h.cache_slots(); ++i) {
    const SlabCache* c = h.cache(i);
    if (!c) continue;
    SlabCacheStats s = c->stats();
    t.slab_bytes += s.slab_bytes;
    t.metadata_bytes += s.metadata_bytes;
    t.hits += s.hits;
    t.misses += s.misses;
    t.heap_bytes += s.in_use * s.object_size;
  }
  t.heap_bytes += h.large_stats().pages_in_use * kPageSize;
  return t;
}

void write_mem_metrics(JsonWriter& w, const BuddyStats& b, const SlabTotals& st) {
  w.kv_uint("total_bytes", boot_reservations().total_ram).kv_uint("managed_bytes", b.managed_pages * kPageSize);
  w.kv_uint("free_bytes", b.free_pages * kPageSize).kv_uint("used_bytes", (b.managed_pages - b.free_pages) * kPageSize);
  w.kv_uint("slab_bytes", st.slab_bytes).kv_uint("heap_bytes", st.heap_bytes);
}

void write_mem_metrics(JsonWriter& w) { write_mem_metrics(w, kernel_pages().stats(), slab_totals()); }

}  // namespace sis::mm
