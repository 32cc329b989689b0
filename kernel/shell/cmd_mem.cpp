// `memctl`: the memory subsystem's shell face. stats (buddy orders with a fragmentation
// index, slab classes and named caches with hit rate and metadata overhead, the kernel
// image's page permissions), compact (empty slabs back to the buddy allocator), check
// (every allocator invariant), debug on|off (use-after-free poisoning), guard (shows a
// guarded kernel stack; --touch faults on its guard page on purpose) and misuse (a double
// free, foreign or interior pointer, or use after free on purpose: the panic report).
#include "arch/arch.h"
#include "core/memory_map.h"
#include "lib/json.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "mm/kernel_stack.h"
#include "mm/mem_status.h"
#include "shell/command.h"
#include "lib/json_output.h"
#include "shell/subcommand.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;

int stats(const Args& a, Output& out) {
  if (a.has("--json")) return print_json_members(out, [](JsonWriter& w) { mm::write_mem_status(w); });
  mm::BuddyStats b = mm::kernel_pages().stats();
  const mm::BootReservations& r = mm::boot_reservations();
  mm::Heap::LargeStats large = mm::heap().large_stats();
  mm::SlabTotals st = mm::slab_totals();
  mm::KernelMapPerms perms = mm::kernel_map_perms();
  out.printf("RAM %llu MiB in %zu zone(s): managed %llu KiB, free %llu KiB, used %llu KiB\n", (ull)(r.total_ram >> 20),
             mm::kernel_pages().zone_count(), (ull)(b.managed_pages * 4), (ull)(b.free_pages * 4),
             (ull)((b.managed_pages - b.free_pages) * 4));
  out.printf("reserved: kernel image %llu KiB, device tree %llu KiB, firmware %llu KiB, allocator metadata %llu KiB\n",
             (ull)(r.kernel_image >> 10), (ull)(r.dtb >> 10), (ull)(r.firmware >> 10), (ull)(r.metadata >> 10));
  out.printf("\n%-6s %10s %12s %12s %10s %10s %8s\n", "order", "block", "free blocks", "free KiB", "allocs", "frees",
             "frag");
  for (unsigned k = 0; k < mm::BuddyStats::kOrders; ++k) {
    u64 frag = mm::fragmentation_permille(b, k);
    out.printf("%-6u %7llu KiB %12llu %12llu %10llu %10llu %4llu.%03llu\n", k, (ull)(4ull << k), (ull)b.free_blocks[k],
               (ull)(b.free_blocks[k] << k) * 4, (ull)b.allocs[k], (ull)b.frees[k], (ull)(frag / 1000),
               (ull)(frag % 1000));
  }
  out.printf("splits %llu, merges %llu, failed requests %llu (frag = unusable free space index per order)\n",
             (ull)b.splits, (ull)b.merges, (ull)b.failures);
  out.printf("\n%-14s %6s %6s %5s %9s %6s %10s %8s %6s %9s\n", "cache", "size", "/slab", "order", "in use", "slabs",
             "hits", "misses", "hit%", "overhead");
  for (usize i = 0; i < mm::heap().cache_slots(); ++i) {
    const mm::SlabCache* c = mm::heap().cache(i);
    if (!c) continue;
    mm::SlabCacheStats s = c->stats();
    u64 total = s.hits + s.misses;
    u64 hit = total ? s.hits * 1000 / total : 0;
    u64 ovh = s.slab_bytes ? s.metadata_bytes * 1000 / s.slab_bytes : 0;
    out.printf("%-14s %6zu %6zu %5u %9llu %6llu %10llu %8llu %4llu.%llu %7llu.%llu%%\n", s.name, s.object_size,
               s.objects_per_slab, s.slab_order, (ull)s.in_use, (ull)s.slabs, (ull)s.hits, (ull)s.misses,
               (ull)(hit / 10), (ull)(hit % 10), (ull)(ovh / 10), (ull)(ovh % 10));
  }
  u64 ovh = st.slab_bytes ? st.metadata_bytes * 1000 / st.slab_bytes : 0;
  u64 hit = st.hits + st.misses ? st.hits * 1000 / (st.hits + st.misses) : 0;
  out.printf("slab memory %llu KiB, metadata+waste %llu bytes (%llu.%llu%%), hit rate %llu.%llu%%\n",
             (ull)(st.slab_bytes >> 10), (ull)st.metadata_bytes, (ull)(ovh / 10), (ull)(ovh % 10), (ull)(hit / 10),
             (ull)(hit % 10));
  out.printf("large (page) allocations: %llu allocs, %llu frees, %llu pages in use\n", (ull)large.allocs,
             (ull)large.frees, (ull)large.pages_in_use);
  out.printf("kernel map: text %s, rodata %s, data/bss %s, boot stack guard %s; poisoning %s; %u guarded stacks\n",
             perms.text, perms.rodata, perms.data, perms.boot_stack_guard, mm::heap().poisoning() ? "on" : "off", mm::kernel_stacks_in_use());
  return 0;
}

int compact(const Args& a, Output& out) {
  u64 before = mm::kernel_pages().stats().free_pages;
  u64 released = mm::heap().compact();
  mm::BuddyStats b = mm::kernel_pages().stats();
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object()
          .kv_uint("released_bytes", released)
          .kv_uint("free_bytes_before", before * mm::kPageSize)
          .kv_uint("free_bytes_after", b.free_pages * mm::kPageSize)
          .kv_uint("max_order_free_blocks", b.free_blocks[mm::BuddyStats::kOrders - 1])
          .end_object();
    });
  }
  out.printf("compact: released %llu KiB of empty slabs; free %llu -> %llu KiB, %llu free 4 MiB blocks\n",
             (ull)(released >> 10), (ull)(before * 4), (ull)(b.free_pages * 4),
             (ull)b.free_blocks[mm::BuddyStats::kOrders - 1]);
  return 0;
}

int check(const Args&, Output& out) {
  char why[160];
  if (!mm::heap().check(why, sizeof(why))) {
    out.printf("check: FAILED: %s\n", why);
    return 1;
  }
  out.print("check: all allocator invariants hold\n");
  return 0;
}

int guard(const Args& a, Output& out) {
  auto s = mm::alloc_kernel_stack(16 * 1024);
  if (!s.ok()) {
    out.printf("guard: cannot allocate a kernel stack: %s\n", error_name(s.error()));
    return 1;
  }
  char p1[9], p2[9];
  out.printf("stack slot %u: guard 0x%llx (%s), stack 0x%llx-0x%llx (%s) -> phys 0x%llx\n", s->slot, (ull)s->guard,
             mm::page_perms(s->guard, p1), (ull)s->bottom, (ull)s->top, mm::page_perms(s->bottom, p2),
             (ull)reinterpret_cast<uptr>(s->pages));
  if (a.has("--touch")) {
    out.print("touching the guard page: expect a data abort (translation fault) at its address\n");
    *reinterpret_cast<volatile u64*>(s->bottom - 8) = 0x5155;  // one word below the stack
  }
  Error e = mm::free_kernel_stack(s.value());
  return e == Error::Ok ? 0 : 1;
}

// Deliberate misuse, to show (and test) the panic reports.
int misuse(const Args& a, Output& out) {
  StrView kind = a.argc > 2 ? a.argv[2] : StrView("");
  if (kind == StrView("double-free")) {
    void* p = kmalloc(64);
    kfree(p);
    kfree(p);
  } else if (kind == StrView("foreign")) {
    static u64 not_heap;
    kfree(&not_heap);
  } else if (kind == StrView("interior")) {
    auto* p = static_cast<u8*>(kmalloc(256));
    kfree(p + 24);
  } else if (kind == StrView("use-after-free")) {
    if (!mm::heap().poisoning()) {
      out.print("memctl misuse use-after-free: poisoning is off (memctl debug on)\n");
      return 1;
    }
    auto* p = static_cast<u8*>(kmalloc(128));
    kfree(p);
    p[40] = 0x11;     // write through the dangling pointer
    kmalloc(128);     // the per-CPU magazine hands the same object back: poison check fails
  } else {
    out.print("memctl misuse double-free|foreign|interior|use-after-free\n");
    return 2;
  }
  out.print("memctl misuse: the allocator did not notice\n");
  return 1;
}

int debug(const Args& a, Output& out) {
  bool on = a.argc > 2 && a.argv[2] == StrView("on");
  if (!on && (a.argc < 3 || a.argv[2] != StrView("off"))) {
    out.print("usage: memctl debug on|off\n");
    return 2;
  }
  mm::heap().set_poisoning(on);
  u64 released = mm::heap().compact();
  out.printf("poisoning %s for new slabs (%llu KiB of empty slabs released)\n", on ? "on" : "off",
             (ull)(released >> 10));
  return 0;
}

const Subcommand kMemctl[] = {
    {"stats", "[--json]", stats},
    {"--json", nullptr, stats},
    {"compact", "[--json]", compact},
    {"check", "", check},
    {"debug", "on|off", debug},
    {"guard", "[--touch]", guard},
    {"misuse", "double-free|foreign|interior|use-after-free", misuse},
};
int cmd_memctl(const Args& a, Output& out) { return run_subcommand("memctl", kMemctl, a, out, "stats"); }

}  // namespace

SIS_COMMAND("memctl", "memory allocator statistics and control",
            "memctl [stats] [--json]   buddy orders, slab caches, fragmentation, kernel page permissions\n"
            "memctl compact [--json]   give empty slabs back to the buddy allocator\n"
            "memctl check              verify every allocator invariant\n"
            "memctl debug on|off       use-after-free poisoning for new slabs\n"
            "memctl guard [--touch]    map a guarded kernel stack; --touch faults on its guard page\n"
            "memctl misuse KIND        panic on purpose: double-free, foreign, interior, use-after-free",
            cmd_memctl);

}  // namespace sis::shell
