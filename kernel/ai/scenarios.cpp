// Memory-stress scenarios (see scenarios.h).
#include "ai/scenarios.h"

#include "ai/monitor.h"
#include "arch/arch.h"
#include "core/panic.h"
#include "lib/sort.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "sched/scheduler.h"

namespace sis::ai {

const char* const kScenarioNames[kScenarioCount] = {"leak", "spike", "frag", "steady", "idle", "burst", "plateau", "threads"};

namespace {

enum class Kind : u8 { Leak, Spike, Frag, Steady, Idle, Burst, Plateau, Threads };

struct Entry {
  void* p;
  u32 bytes;
  u8 small;  // kmalloc object (else a page block)
  u8 order;
};

constexpr unsigned kTableOrder = 8;  // 1 MiB of entries
constexpr usize kTableEntries = (mm::kPageSize << kTableOrder) / sizeof(Entry);
constexpr usize kCritical = 8;       // order-2 blocks the critical allocator holds
constexpr unsigned kCriticalOrder = 2;


struct Workload {
  Entry* table = nullptr;
  usize live = 0;
  u64 bytes = 0;
  volatile bool stop = false;

  void release(usize i) {
    Entry e = table[i];
    if (e.small) mm::heap().free(e.p);
    else mm::kernel_pages().free(e.p);
    bytes -= e.bytes;
    table[i] = table[--live];
  }
  void release_all() {
    while (live) release(live - 1);
  }
  // Returns false when the allocation failed.
  bool alloc_small(u32 size) {
    if (live == kTableEntries) return false;
    void* p = mm::heap().alloc(size);
    if (!p) return false;
    table[live++] = {p, size, 1, 0};
    bytes += size;
    return true;
  }
  bool alloc_pages(unsigned order) {
    if (live == kTableEntries) return false;
    auto r = mm::kernel_pages().alloc(order);
    if (!r.ok()) return false;
    u32 b = static_cast<u32>(mm::kPageSize << order);
    static_cast<u8*>(r.value())[0] = 1;  // touch it
    table[live++] = {r.value(), b, 0, static_cast<u8>(order)};
    bytes += b;
    return true;
  }
};

// The thread storm's workers: each takes 16 KiB blocks at its pace and holds them until
// the storm ends or autonomy stops it (then it frees them and exits).
constexpr usize kStormThreads = 96;
constexpr usize kStormBlocks = 256;  // 4 MiB per worker at most
constexpr unsigned kStormOrder = 2;  // 16 KiB, a kernel stack: what the critical allocator needs too
struct StormWorker {
  sched::Thread* thread = nullptr;
  void* blocks[kStormBlocks] = {};
  usize held = 0;
  u64 period_ms = 10;  // one block per period
  volatile bool* stop = nullptr;
  volatile bool* done = nullptr;
  volatile u64 bytes = 0;
};
StormWorker g_storm[kStormThreads];

void storm_worker(void* arg) {
  auto* w = static_cast<StormWorker*>(arg);
  while (!*w->stop && !*w->done && !sched::should_stop()) {
    if (w->held < kStormBlocks) {
      auto r = mm::kernel_pages().alloc(kStormOrder);
      if (r.ok()) {
        static_cast<u8*>(r.value())[0] = 1;
        w->blocks[w->held++] = r.value();
        w->bytes = w->held * (mm::kPageSize << kStormOrder);
      }
    }
    sched::sleep_ns(w->period_ms * 1000000);
  }
  while (w->held) mm::kernel_pages().free(w->blocks[--w->held]);
  w->bytes = 0;
}

u64 storm_bytes() {
  u64 b = 0;
  for (const StormWorker& w : g_storm) b += w.bytes;
  return b;
}

struct ConsumerCtx {
  struct Workload* w;
  bool storm;
};

u64 consumer_bytes(void* ctx) {
  auto* c = static_cast<ConsumerCtx*>(ctx);
  return c->w->bytes + (c->storm ? storm_bytes() : 0);
}
void consumer_stop(void* ctx) { static_cast<ConsumerCtx*>(ctx)->w->stop = true; }

u64 ms_since(u64 start) { return arch::counter_to_ns(arch::counter() - start) / 1000000; }

}  // namespace

bool scenario_known(const char* name) {
  for (const char* n : kScenarioNames)
    if (StrView(n) == StrView(name)) return true;
  return false;
}

Error run_scenario(const ScenarioConfig& cfg, ScenarioResult* out) {
  Kind kind;
  StrView n(cfg.name);
  if (n == StrView("leak")) kind = Kind::Leak;
  else if (n == StrView("spike")) kind = Kind::Spike;
  else if (n == StrView("frag")) kind = Kind::Frag;
  else if (n == StrView("steady")) kind = Kind::Steady;
  else if (n == StrView("idle")) kind = Kind::Idle;
  else if (n == StrView("burst")) kind = Kind::Burst;
  else if (n == StrView("plateau")) kind = Kind::Plateau;
  else if (n == StrView("threads")) kind = Kind::Threads;
  else return Error::Invalid;
  if (kind == Kind::Threads && !sched::started()) return Error::Invalid;  // needs threads

  *out = ScenarioResult{};
  mm::PageAllocator& pages = mm::kernel_pages();
  auto tb = pages.alloc(kTableOrder);
  if (!tb.ok()) return Error::NoMemory;
  Workload w;
  w.table = static_cast<Entry*>(tb.value());
  void* critical[kCritical] = {};
  usize crit_next = 0;

  XorShift64 rng{cfg.seed * 0x9e3779b97f4a7c15ull + 0x1234567};
  for (int i = 0; i < 4; ++i) rng.next();
  u64 free0 = pages.stats().free_pages * mm::kPageSize;
  out->free_at_start = free0;
  // Seeded shape parameters.
  u64 leak_kib_per_ms = rng.range(20, 90);                  // leak: 20..90 MiB/s
  u64 peak_permille = rng.range(700, 1100);                 // spike
  u64 period_ms = rng.range(1500, 3000);
  u64 frag_fill_permille = rng.range(800, 980);             // frag
  u64 frag_kib_per_ms = rng.range(4, 30);
  u64 frag_extra_permille = rng.range(0, 250);  // how much the 8 KiB phase takes in the end
  u64 steady_permille = rng.range(300, 750);                // steady
  u64 burst_permille = rng.range(550, 800);                 // burst: how high each burst goes
  u64 burst_hold_ms = rng.range(200, 600), burst_gap_ms = rng.range(200, 800);
  u64 plateau_permille = rng.range(700, 880);               // plateau: where the ramp stops
  u64 plateau_kib_per_ms = rng.range(15, 60);
  u64 burst_until = 0;  // burst: end of the current hold (0: filling), then of the gap
  bool burst_holding = false;

  u64 storm_gap_ms = rng.range(15, 60);                     // threads: a new one this often
  u64 storm_period_lo = rng.range(4, 12);                   // each takes a block this often
  usize storm_n = 0;
  u64 storm_next_ms = 0;
  volatile bool storm_done = false;

  static Consumer consumer;
  static ConsumerCtx cctx;
  cctx = {&w, kind == Kind::Threads};
  consumer = {cfg.name, consumer_bytes, consumer_stop, &cctx};
  register_consumer(&consumer);

  u64 start = arch::counter();
  u64 end_ms = cfg.seconds * 1000;
  int frag_phase = 0;
  u64 last_crit_ms = ~0ull;
  while (true) {
    u64 t = ms_since(start);
    if (t >= end_ms) break;
    if ((out->ops & 31) == 0) monitor_poll();
    ++out->ops;

    // The critical allocator: a new order-2 block every millisecond, then the oldest of
    // the 8 it holds goes back (so each request needs memory beyond what it holds).
    if (t != last_crit_ms) {
      last_crit_ms = t;
      auto c = pages.alloc(kCriticalOrder);
      if (!c.ok()) {
        out->crashed = true;
        out->crash_ms = t;
        monitor_sample_now();  // the failure is in the trace the trainer sees
        if (cfg.panic_on_crash)
          panic("out of memory: critical order-%u allocation failed (scenario %s, seed %llu, %llu ms)", kCriticalOrder,
                cfg.name, static_cast<unsigned long long>(cfg.seed), static_cast<unsigned long long>(t));
        break;
      }
      if (critical[crit_next]) pages.free(critical[crit_next]);
      critical[crit_next] = c.value();
      crit_next = (crit_next + 1) % kCritical;
    }

    if (w.stop) {
      if (!out->stopped_by_ai) {
        out->stopped_by_ai = true;
        out->stopped_ms = t;
        w.release_all();
        mm::heap().compact();
      }
      if (kind == Kind::Threads) sched::sleep_ns(1000000);  // let the workers free and exit
      continue;
    }

    bool ok = true;
    switch (kind) {
      case Kind::Leak:
        if (w.bytes < leak_kib_per_ms * 1024 * t) {
          u64 r = rng.next() % 100;
          ok = r < 25 ? w.alloc_small(static_cast<u32>(rng.range(64, 2048)))
                      : w.alloc_pages(static_cast<unsigned>(rng.range(0, 5)));
        }
        break;
      case Kind::Spike: {
        // Triangle wave between 30% and the peak.
        u64 phase = t % period_ms;
        u64 tri = phase < period_ms / 2 ? phase * 2000 / period_ms : (period_ms - phase) * 2000 / period_ms;
        u64 target = free0 / 1000 * (300 + (peak_permille - 300) * tri / 1000);
        if (w.bytes < target) {
          ok = rng.next() % 100 < 20 ? w.alloc_small(static_cast<u32>(rng.range(64, 2048)))
                                     : w.alloc_pages(static_cast<unsigned>(rng.range(0, 6)));
        } else if (w.live && w.bytes > target + (256 << 10)) {
          w.release(static_cast<usize>(rng.next() % w.live));
        }
        break;
      }
      case Kind::Frag:
        if (frag_phase == 0) {
          if (w.bytes < free0 / 1000 * frag_fill_permille) {
            ok = w.alloc_pages(0);
          } else {
            // Free every other page: the table holds them in allocation order.
            usize keep = 0;
            for (usize i = 0; i < w.live; ++i) {
              if (i % 2) {
                pages.free(w.table[i].p);
                w.bytes -= w.table[i].bytes;
              } else {
                w.table[keep++] = w.table[i];
              }
            }
            w.live = keep;
            frag_phase = 1;
          }
        } else if (w.bytes < free0 / 1000 * (frag_fill_permille / 2 + frag_extra_permille) &&
                   w.bytes < free0 / 1000 * frag_fill_permille / 2 + frag_kib_per_ms * 1024 * t / 4) {
          ok = w.alloc_pages(1);
        }
        break;
      case Kind::Steady:
        if (w.bytes < free0 / 1000 * steady_permille && rng.next() % 100 < 70) {
          ok = rng.next() % 100 < 50 ? w.alloc_small(static_cast<u32>(rng.range(16, 2048)))
                                     : w.alloc_pages(static_cast<unsigned>(rng.range(0, 4)));
        } else if (w.live) {
          w.release(static_cast<usize>(rng.next() % w.live));
        }
        break;
      case Kind::Idle:
        break;
      case Kind::Burst:
        // Fill fast to the seeded level, hold, free everything, pause, again.
        if (burst_until && t < burst_until) break;
        if (burst_until && burst_holding) {
          w.release_all();
          burst_holding = false;
          burst_until = t + burst_gap_ms;
        } else if (w.bytes < free0 / 1000 * burst_permille) {
          burst_until = 0;
          ok = w.alloc_pages(static_cast<unsigned>(rng.range(2, 6)));
        } else {
          burst_holding = true;
          burst_until = t + burst_hold_ms;
        }
        break;
      case Kind::Threads:
        if (storm_n < kStormThreads && t >= storm_next_ms) {
          StormWorker& sw = g_storm[storm_n];
          sw = StormWorker{};
          sw.period_ms = storm_period_lo + rng.next() % 8;
          sw.stop = &w.stop;
          sw.done = &storm_done;
          sched::SpawnOptions so;
          auto th = sched::spawn("storm", storm_worker, &sw, so);
          ok = th.ok();
          if (ok) sw.thread = th.value(), ++storm_n;
          storm_next_ms = t + storm_gap_ms;
        }
        sched::sleep_ns(1000000);  // the workers need the CPU; the critical allocator runs each ms
        break;
      case Kind::Plateau:
        // A leak that stops at a seeded level below the limit and holds there.
        if (w.bytes < free0 / 1000 * plateau_permille && w.bytes < plateau_kib_per_ms * 1024 * t) {
          ok = rng.next() % 100 < 25 ? w.alloc_small(static_cast<u32>(rng.range(64, 2048)))
                                     : w.alloc_pages(static_cast<unsigned>(rng.range(0, 5)));
        }
        break;
    }
    if (!ok) ++out->failures;
    if (w.bytes > out->peak_bytes) out->peak_bytes = w.bytes;
  }
  out->elapsed_ms = ms_since(start);
  storm_done = true;
  for (usize i = 0; i < storm_n; ++i) (void)sched::join(g_storm[i].thread);
  unregister_consumer(&consumer);
  w.release_all();
  for (void* c : critical)
    if (c) pages.free(c);
  pages.free(w.table);
  mm::heap().compact();
  return Error::Ok;
}

}  // namespace sis::ai
