// `bench alloc`: allocator latency in the guest. For each kmalloc size class (the slab path)
// and for a 4 KiB page straight from the buddy allocator, N allocations and N frees are
// timed in batches of 32 with the generic counter (62.5 MHz under QEMU, 16 ns per tick, so
// single operations cannot be resolved: each batch is divided by 32, and the median and p99
// are taken over the per-batch averages). Poisoning is switched off for the run (and empty
// slabs dropped) so the numbers are the allocator without its debug fill; the kernel boots
// with poisoning on (SIS_MM_POISON_DEFAULT), so `--poison` runs with it on instead: the
// path every kmalloc/kfree takes in a default boot. Then a realistic mix of sizes
// (hit rate, metadata overhead), and page and object zeroing: byte loop (kernel memset),
// plain 8-byte-store loop, NEON q-register stores and DC ZVA.
#include "arch/arch.h"
#include "lib/json.h"
#include "lib/json_output.h"
#include "lib/sort.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "lib/bench.h"

namespace sis::mm {
namespace {

using ull = unsigned long long;
constexpr usize kBatch = 32;


// Ticks for a whole batch -> tenths of a nanosecond per operation.
u64 tenths_ns(u64 ticks, u64 per) { return ticks * 10000000000ull / arch::counter_frequency() / per; }

struct Summary {
  u64 median = 0, p99 = 0;  // tenths of ns per operation
};

Summary summarize(u32* ticks, usize n, u64 per) {
  heap_sort(ticks, n);
  return {tenths_ns(ticks[n / 2], per), tenths_ns(ticks[n * 99 / 100], per)};
}

struct Case {
  char name[16];
  Summary alloc, free, pair;
};

template <typename Alloc, typename Free>
bool run_case(usize batches, u32* ta, u32* tf, u32* tp, Alloc&& alloc, Free&& free, Case* c) {
  void* ptrs[kBatch];
  for (usize b = 0; b <= batches; ++b) {  // batch 0 warms up and is not recorded
    u64 t0 = arch::counter();
    for (usize i = 0; i < kBatch; ++i) ptrs[i] = alloc();
    u64 t1 = arch::counter();
    for (usize i = 0; i < kBatch; ++i) free(ptrs[i]);
    u64 t2 = arch::counter();
    for (usize i = 0; i < kBatch; ++i)
      if (!ptrs[i]) return false;
    if (b == 0) continue;
    ta[b - 1] = static_cast<u32>(t1 - t0);
    tf[b - 1] = static_cast<u32>(t2 - t1);
    tp[b - 1] = static_cast<u32>(t2 - t0);
  }
  c->alloc = summarize(ta, batches, kBatch);
  c->free = summarize(tf, batches, kBatch);
  c->pair = summarize(tp, batches, kBatch);
  return true;
}

// Median time to zero `bytes` with `fn`, over `reps` repetitions of `per` back-to-back calls.
template <typename F>
u64 time_zero(u8* buf, usize bytes, usize per, usize reps, u32* scratch, F&& fn) {
  for (usize r = 0; r < reps; ++r) {
    u64 t0 = arch::counter();
    for (usize i = 0; i < per; ++i) fn(buf + i * bytes, bytes);
    scratch[r] = static_cast<u32>(arch::counter() - t0);
  }
  return summarize(scratch, reps, per).median;
}

// A realistic mix: 2048 live objects of common kernel sizes, one freed and one allocated
// per step. Reports the slab hit rate over the run and the slab metadata overhead at the end
// (before the live set is freed), both over the kmalloc caches.
struct MixResult {
  bool ok = false;
  u64 ops = 0, hits = 0, misses = 0, slab_bytes = 0, metadata_bytes = 0, pair_tenths_ns = 0;
};

MixResult run_mix(mm::Heap& heap, u64 ops) {
  static const u16 sizes[] = {16, 24, 32, 48, 64, 64, 96, 128, 128, 200, 256, 384, 512, 1024, 2048};
  constexpr usize kLive = 2048;
  MixResult r;
  auto** live = static_cast<void**>(kmalloc(kLive * sizeof(void*)));
  if (!live) return r;
  auto totals = [&](u64* hits, u64* misses, u64* slab, u64* meta) {
    *hits = *misses = *slab = *meta = 0;
    for (usize k = 0; k < mm::Heap::kClassCount; ++k) {
      mm::SlabCacheStats st = heap.size_class(k).stats();
      *hits += st.hits;
      *misses += st.misses;
      *slab += st.slab_bytes;
      *meta += st.metadata_bytes;
    }
  };
  u64 h0, m0, unused1, unused2;
  totals(&h0, &m0, &unused1, &unused2);
  u64 x = 0x2545f4914f6cdd1dull;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  r.ok = true;
  for (usize i = 0; i < kLive; ++i) {
    live[i] = heap.alloc(sizes[next() % array_size(sizes)]);
    r.ok &= live[i] != nullptr;
  }
  u64 t0 = arch::counter();
  for (u64 i = 0; i < ops && r.ok; ++i) {
    usize k = static_cast<usize>(next() % kLive);
    heap.free(live[k]);
    live[k] = heap.alloc(sizes[next() % array_size(sizes)]);
    r.ok &= live[k] != nullptr;
  }
  u64 t1 = arch::counter();
  u64 h1, m1;
  totals(&h1, &m1, &r.slab_bytes, &r.metadata_bytes);
  r.ops = ops;
  r.hits = h1 - h0;
  r.misses = m1 - m0;
  r.pair_tenths_ns = tenths_ns(t1 - t0, ops ? ops : 1);
  for (usize i = 0; i < kLive; ++i) heap.free(live[i]);
  kfree(live);
  return r;
}

void print_ns(Output& out, u64 tenths) { out.printf(" %8llu.%llu", (ull)(tenths / 10), (ull)(tenths % 10)); }

int bench_alloc(const Args& a, Output& out) {
  u64 ops = 100000;
  if (!a.value("--ops").empty() && (!parse_u64(a.value("--ops"), &ops) || ops < kBatch * 10 || ops > 10000000)) {
    out.print("bench alloc: --ops must be 320..10000000\n");
    return 2;
  }
  usize batches = static_cast<usize>((ops + kBatch - 1) / kBatch);
  mm::Heap& heap = mm::heap();
  mm::PageAllocator& pages = mm::kernel_pages();
  u32* samples = static_cast<u32*>(kmalloc(3 * batches * sizeof(u32)));
  auto zbuf = pages.alloc(5);  // 128 KiB: 32 pages for the zeroing runs
  if (!samples || !zbuf.ok()) {
    kfree(samples);
    if (zbuf.ok()) pages.free(zbuf.value());
    out.print("bench alloc: out of memory for samples\n");
    return 1;
  }
  u32 *ta = samples, *tf = samples + batches, *tp = samples + 2 * batches;
  const bool poison_during_run = a.has("--poison");
  bool poison = heap.poisoning();
  heap.set_poisoning(poison_during_run);
  heap.compact();  // drop empty slabs: the run's slabs are made with the setting above

  Case cases[mm::Heap::kClassCount + 1];
  usize ncases = 0;
  bool ok = true;
  for (usize k = 0; k < mm::Heap::kClassCount && ok; ++k) {
    usize size = mm::Heap::kMinSmall << k;
    Case& c = cases[ncases++];
    format(c.name, sizeof(c.name), "slab-%zu", size);
    ok = run_case(batches, ta, tf, tp, [&] { return heap.alloc(size); }, [&](void* p) { heap.free(p); }, &c);
  }
  Case& bc = cases[ncases++];
  format(bc.name, sizeof(bc.name), "buddy-4K");
  if (ok) {
    ok = run_case(
        batches, ta, tf, tp,
        [&]() -> void* {
          auto r = pages.alloc(0);
          return r.ok() ? r.value() : nullptr;
        },
        [&](void* p) { pages.free(p); }, &bc);
  }
  MixResult mix = ok ? run_mix(heap, batches * kBatch) : MixResult{};
  ok = ok && mix.ok;
  heap.set_poisoning(poison);
  heap.compact();

  auto* z = static_cast<u8*>(zbuf.value());
  constexpr usize kReps = 256;
  static u32 scratch[kReps];
  u64 page_bytes = time_zero(z, 4096, 8, kReps, scratch, [](u8* p, usize n) { memset(p, 0, n); });
  u64 page_words = time_zero(z, 4096, 8, kReps, scratch, [](u8* p, usize n) { mm::zero_words(p, n); });
  u64 page_neon = time_zero(z, 4096, 8, kReps, scratch, [](u8* p, usize n) { arch::zero_neon(p, n); });
  u64 page_dczva = time_zero(z, 4096, 8, kReps, scratch, [](u8* p, usize n) { arch::zero_dczva(p, n); });
  u64 obj_words = time_zero(z, 256, 64, kReps, scratch, [](u8* p, usize n) { mm::zero_words(p, n); });
  u64 obj_neon = time_zero(z, 256, 64, kReps, scratch, [](u8* p, usize n) { arch::zero_neon(p, n); });
  pages.free(zbuf.value());
  kfree(samples);
  if (!ok) {
    out.print("bench alloc: an allocation failed during the run\n");
    return 1;
  }
  const Case& s64 = cases[2];
  u64 buddy_vs_slab = s64.pair.median ? bc.pair.median * 100 / s64.pair.median : 0;  // x100
  auto ratio = [](u64 slow, u64 fast) { return fast ? slow * 100 / fast : 0; };  // x100

  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object()
          .kv_uint("ops_per_case", batches * kBatch)
          .kv_uint("batch", kBatch)
          .kv_uint("counter_hz", arch::counter_frequency())
          .kv("unit", "ns per operation (batch average)")
          .kv_bool("poisoning_during_run", poison_during_run);
      w.key("cases").begin_array();
      for (usize i = 0; i < ncases; ++i) {
        const Case& c = cases[i];
        w.begin_object()
            .kv("name", c.name)
            .key("alloc_median_ns").fixed(static_cast<i64>(c.alloc.median), 1)
            .key("alloc_p99_ns").fixed(static_cast<i64>(c.alloc.p99), 1)
            .key("free_median_ns").fixed(static_cast<i64>(c.free.median), 1)
            .key("free_p99_ns").fixed(static_cast<i64>(c.free.p99), 1)
            .key("pair_median_ns").fixed(static_cast<i64>(c.pair.median), 1)
            .key("pair_p99_ns").fixed(static_cast<i64>(c.pair.p99), 1)
            .end_object();
      }
      w.end_array();
      w.key("buddy_page_vs_slab64_pair").fixed(static_cast<i64>(buddy_vs_slab), 2);
      w.key("mix")
          .begin_object()
          .kv_uint("ops", mix.ops)
          .key("pair_ns").fixed(static_cast<i64>(mix.pair_tenths_ns), 1)
          .kv_uint("hits", mix.hits)
          .kv_uint("misses", mix.misses)
          .kv_uint("hit_rate_permille", mix.hits + mix.misses ? mix.hits * 1000 / (mix.hits + mix.misses) : 0)
          .kv_uint("slab_bytes", mix.slab_bytes)
          .kv_uint("metadata_bytes", mix.metadata_bytes)
          .kv_uint("overhead_permille", mix.slab_bytes ? mix.metadata_bytes * 1000 / mix.slab_bytes : 0)
          .end_object();
      w.key("zero")
          .begin_object()
          .key("page_byte_loop_ns").fixed(static_cast<i64>(page_bytes), 1)
          .key("page_word_loop_ns").fixed(static_cast<i64>(page_words), 1)
          .key("page_neon_ns").fixed(static_cast<i64>(page_neon), 1)
          .key("page_dczva_ns").fixed(static_cast<i64>(page_dczva), 1)
          .key("object256_word_loop_ns").fixed(static_cast<i64>(obj_words), 1)
          .key("object256_neon_ns").fixed(static_cast<i64>(obj_neon), 1)
          .key("page_neon_speedup_vs_word_loop").fixed(static_cast<i64>(ratio(page_words, page_neon)), 2)
          .key("object_neon_speedup_vs_word_loop").fixed(static_cast<i64>(ratio(obj_words, obj_neon)), 2)
          .end_object();
      w.end_object();
    });
  }
  out.printf("bench alloc: %llu ops per case, batches of %zu timed with the generic counter (%llu Hz), "
             "poisoning %s\n", (ull)(batches * kBatch), kBatch, (ull)arch::counter_frequency(),
             poison_during_run ? "on" : "off");
  out.printf("%-10s %11s %11s %11s %11s %11s %11s   (ns per op)\n", "case", "alloc med", "alloc p99", "free med",
             "free p99", "pair med", "pair p99");
  for (usize i = 0; i < ncases; ++i) {
    const Case& c = cases[i];
    out.printf("%-10s", c.name);
    print_ns(out, c.alloc.median);
    print_ns(out, c.alloc.p99);
    print_ns(out, c.free.median);
    print_ns(out, c.free.p99);
    print_ns(out, c.pair.median);
    print_ns(out, c.pair.p99);
    out.print("\n");
  }
  out.printf("buddy 4 KiB page alloc+free / slab-64 alloc+free (medians): %llu.%02llux\n", (ull)(buddy_vs_slab / 100),
             (ull)(buddy_vs_slab % 100));
  u64 hit = mix.hits + mix.misses ? mix.hits * 1000 / (mix.hits + mix.misses) : 0;
  u64 ovh = mix.slab_bytes ? mix.metadata_bytes * 1000 / mix.slab_bytes : 0;
  out.printf("realistic mix (2048 live objects, 16 B..2 KiB, %llu replacements): free+alloc %llu.%llu ns, "
             "hit rate %llu.%llu%%, slab metadata overhead %llu.%llu%% of %llu KiB\n",
             (ull)mix.ops, (ull)(mix.pair_tenths_ns / 10), (ull)(mix.pair_tenths_ns % 10), (ull)(hit / 10),
             (ull)(hit % 10), (ull)(ovh / 10), (ull)(ovh % 10), (ull)(mix.slab_bytes >> 10));
  out.printf("zero a 4 KiB page:   byte loop %llu.%llu ns, word loop %llu.%llu ns, NEON %llu.%llu ns (%llu.%02llux), "
             "DC ZVA %llu.%llu ns (%llu.%02llux)\n",
             (ull)(page_bytes / 10), (ull)(page_bytes % 10), (ull)(page_words / 10), (ull)(page_words % 10),
             (ull)(page_neon / 10), (ull)(page_neon % 10), (ull)(ratio(page_words, page_neon) / 100),
             (ull)(ratio(page_words, page_neon) % 100), (ull)(page_dczva / 10), (ull)(page_dczva % 10),
             (ull)(ratio(page_words, page_dczva) / 100), (ull)(ratio(page_words, page_dczva) % 100));
  out.printf("zero a 256 B object: word loop %llu.%llu ns, NEON %llu.%llu ns (%llu.%02llux)\n", (ull)(obj_words / 10),
             (ull)(obj_words % 10), (ull)(obj_neon / 10), (ull)(obj_neon % 10), (ull)(ratio(obj_words, obj_neon) / 100),
             (ull)(ratio(obj_words, obj_neon) % 100));
  return 0;
}

}  // namespace

SIS_BENCH("alloc", "slab and buddy allocation latency, page/object zeroing",
          "bench alloc [--ops N] [--poison] [--json]\n"
          "  N allocations + N frees per size class (default 100000), median and p99 in ns\n"
          "  Poisoning is off for the run unless --poison (the kernel boots with it on).", bench_alloc);

}  // namespace sis::mm
