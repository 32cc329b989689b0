// `stresstest mem --pressure low|medium|high [--seconds N]`: builds real memory pressure.
// A table of live allocations is kept near a target share of free RAM (25%, 60%, 95%) with
// a mix of kmalloc sizes (16 B..2 KiB), objects from a named cache and page blocks up to
// 1 MiB; at high pressure requests fail, and the test checks they fail cleanly. Every
// allocation is stamped with a tag at both ends and checked on free (overlap or corruption
// shows as a mismatch). At the end everything is freed and the allocator invariants are
// verified; `memctl compact` then gives the empty slabs back.
#include "arch/arch.h"
#include "lib/sort.h"
#include "lib/json.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "shell/cancel.h"
#include "shell/command.h"
#include "lib/json_output.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;

struct Entry {
  u8* p;
  u32 size;   // bytes stamped (the request size)
  u8 kind;    // 0 kmalloc, 1 named cache, 2 pages
  u8 order;
};

constexpr usize kTableOrder = 8;  // 1 MiB of entries
constexpr usize kTableEntries = (mm::kPageSize << kTableOrder) / sizeof(Entry);


u64 tag_of(const Entry& e) { return reinterpret_cast<uptr>(e.p) * 0x9e3779b97f4a7c15ull ^ e.size; }

void stamp(const Entry& e) {
  u64 t = tag_of(e);
  memcpy(e.p, &t, 8);
  memcpy(e.p + e.size - 8, &t, 8);
}

bool intact(const Entry& e) {
  u64 t = tag_of(e), a, b;
  memcpy(&a, e.p, 8);
  memcpy(&b, e.p + e.size - 8, 8);
  return a == t && b == t;
}

int cmd_stresstest(const Args& a, Output& out) {
  if (a.argc < 2 || a.argv[1] != StrView("mem")) {
    out.print("usage: stresstest mem --pressure low|medium|high [--seconds N] [--json]\n");
    return 2;
  }
  StrView pressure = a.value("--pressure");
  if (pressure.empty()) pressure = "medium";
  u64 target_permille;
  if (pressure == StrView("low")) target_permille = 250;
  else if (pressure == StrView("medium")) target_permille = 600;
  else if (pressure == StrView("high")) target_permille = 950;
  else {
    out.print("stresstest: --pressure must be low, medium or high\n");
    return 2;
  }
  u64 seconds = 3;
  if (!a.value("--seconds").empty() && (!parse_u64(a.value("--seconds"), &seconds) || seconds == 0 || seconds > 600)) {
    out.print("stresstest: --seconds must be 1..600\n");
    return 2;
  }
  mm::PageAllocator& pages = mm::kernel_pages();
  mm::Heap& heap = mm::heap();
  auto table_block = pages.alloc(kTableOrder);
  if (!table_block.ok()) {
    out.print("stresstest: no memory for the allocation table\n");
    return 1;
  }
  auto* table = static_cast<Entry*>(table_block.value());
  auto cache = heap.create_cache("stress-obj", 200, 16);
  if (!cache.ok()) {
    pages.free(table);
    out.printf("stresstest: cannot create a named cache: %s\n", error_name(cache.error()));
    return 1;
  }
  u64 free_at_start = pages.stats().free_pages * mm::kPageSize;
  u64 target = free_at_start / 1000 * target_permille;
  usize live = 0;
  u64 used = 0, peak = 0, ops = 0, allocs = 0, frees = 0, failures = 0, corrupt = 0;
  XorShift64 rng{arch::counter() | 1};
  u64 end = arch::counter() + seconds * arch::counter_frequency();

  auto release = [&](usize i) {
    Entry e = table[i];
    if (!intact(e)) ++corrupt;
    if (e.kind == 0) heap.free(e.p);
    else if (e.kind == 1) cache.value()->free(e.p);
    else pages.free(e.p);
    used -= e.size;
    table[i] = table[--live];
    ++frees;
  };

  bool interrupted = false;
  while (true) {
    if ((ops & 255) == 0 && (arch::counter() >= end || (interrupted = cancelled()))) break;
    ++ops;
    bool grow = live == 0 || (used < target && live < kTableEntries && rng.next() % 100 < 70);
    if (!grow) {
      release(static_cast<usize>(rng.next() % live));
      continue;
    }
    Entry e{};
    u64 r = rng.next() % 100;
    if (r < 60) {
      e.kind = 0;
      e.size = static_cast<u32>(16 + rng.next() % 2033);
      e.p = static_cast<u8*>(heap.alloc(e.size));
    } else if (r < 75) {
      e.kind = 1;
      e.size = 200;
      auto o = cache.value()->alloc();
      e.p = o.ok() ? static_cast<u8*>(o.value()) : nullptr;
    } else {
      e.kind = 2;
      e.order = static_cast<u8>(rng.next() % 9);
      e.size = static_cast<u32>(mm::kPageSize << e.order);
      auto o = pages.alloc(e.order);
      e.p = o.ok() ? static_cast<u8*>(o.value()) : nullptr;
    }
    if (!e.p) {
      ++failures;  // expected near the limit: make room and go on
      for (int k = 0; k < 4 && live; ++k) release(static_cast<usize>(rng.next() % live));
      continue;
    }
    stamp(e);
    table[live++] = e;
    ++allocs;
    used += e.size;
    peak = max(peak, used);
  }
  while (live) release(live - 1);
  Error destroyed = heap.destroy_cache(cache.value());
  pages.free(table);
  char why[160];
  bool ok = heap.check(why, sizeof(why));
  u64 free_now = pages.stats().free_pages * mm::kPageSize;
  u64 peak_permille = free_at_start ? peak * 1000 / free_at_start : 0;
  bool pass = ok && corrupt == 0 && destroyed == Error::Ok;
  if (a.has("--json")) {
    print_json(out, [&](JsonWriter& w) {
      w.begin_object()
          .kv("pressure", pressure)
          .kv_uint("seconds", seconds)
          .kv_uint("operations", ops)
          .kv_uint("allocs", allocs)
          .kv_uint("frees", frees)
          .kv_uint("failures", failures)
          .kv_uint("corruptions", corrupt)
          .kv_uint("peak_bytes", peak)
          .kv_uint("peak_permille_of_free", peak_permille)
          .kv_uint("free_bytes_before", free_at_start)
          .kv_uint("free_bytes_after", free_now)
          .kv_bool("invariants_ok", ok)
          .kv_bool("passed", pass)
          .end_object();
    });
  } else {
    out.printf("stresstest mem (%.*s pressure, %llu s): %llu ops, %llu allocs, %llu frees, %llu failed requests\n",
               static_cast<int>(pressure.size), pressure.data, (ull)seconds, (ull)ops, (ull)allocs, (ull)frees,
               (ull)failures);
    out.printf("peak use %llu KiB (%llu.%llu%% of free memory), corrupted allocations %llu\n", (ull)(peak >> 10),
               (ull)(peak_permille / 10), (ull)(peak_permille % 10), (ull)corrupt);
    out.printf("free before %llu KiB, after %llu KiB (empty slabs are kept until `memctl compact`)\n",
               (ull)(free_at_start >> 10), (ull)(free_now >> 10));
    if (!ok) out.printf("invariant check FAILED: %s\n", why);
    out.printf("%s\n", pass ? "PASS" : "FAIL");
  }
  if (interrupted) out.printf("stresstest: interrupted after %llu operations (everything was freed)\n", (ull)ops);
  return pass && !interrupted ? 0 : 1;
}

}  // namespace

SIS_COMMAND("stresstest", "stress a subsystem (stresstest mem --pressure low|medium|high)",
            "stresstest mem --pressure low|medium|high [--seconds N] [--json]\n"
            "  keeps 25% / 60% / 95% of free RAM allocated in mixed sizes, checks every block on free",
            cmd_stresstest);

}  // namespace sis::shell
