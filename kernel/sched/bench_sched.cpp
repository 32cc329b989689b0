// `bench sched`: every policy on the same workload mixes in one run (kernel only). Each mix
// has latency-sensitive "echo" threads (wake on a timer, answer with a little CPU work)
// under background load (CPU hogs, random-burst threads, a make-like storm of short-lived
// threads). Per mix and policy it measures
//   - the echo threads' wake-up-to-run latency (the run queue's own accounting: from the
//     wake-up to the switch into the thread), p50 / p99 / max;
//   - the CPU hogs' throughput (work-loop iterations per second) and Jain's fairness index
//     of their CPU time (all are nice 0: equal weights);
//   - the policy's pick cost (p50 / p99 of pick_next, PMU cycle counter).
// Mixes come in two sets: training mixes (whose traces train the learned policy's MLP:
// --record prints them) and held-out mixes (the default: the evaluation).
#include "arch/arch.h"
#include "lib/bench.h"
#include "lib/format.h"
#include "lib/json.h"
#include "lib/json_output.h"
#include "lib/sort.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "sched/scheduler.h"
#include "sched/workloads.h"

namespace sis::sched {
namespace {

using ull = unsigned long long;

struct Mix {
  const char* name;
  bool heldout;
  u8 echo;
  u32 echo_period_us, echo_work_us;
  u8 cpu, burst, storm;
};

// Training and held-out mixes differ in their periods, work and proportions.
const Mix kMixes[] = {
    {"t-echo-cpu", false, 2, 3000, 300, 3, 0, 0},
    {"t-echo-burst", false, 1, 10000, 50, 1, 3, 0},
    {"t-storm", false, 1, 6000, 150, 1, 0, 1},
    {"echo-cpu", true, 1, 4000, 100, 4, 0, 0},
    {"echo-burst", true, 2, 7000, 200, 2, 2, 0},
    {"storm", true, 1, 5000, 100, 2, 0, 1},
};

enum Role : u8 { kEcho, kCpu, kBurst, kStorm };
const char* role_name(Role r) { return r == kEcho ? "echo" : r == kCpu ? "cpu" : r == kBurst ? "burst" : "storm"; }

constexpr usize kMaxWorkers = 12;
constexpr usize kMaxLat = 4096;
constexpr usize kMaxTrace = 300;  // per worker: a mix's traces stay under the shell's 32 KiB output

struct Run;
struct Worker {
  Run* run = nullptr;
  Role role = kCpu;
  u32 index = 0;
  Thread* t = nullptr;
  u32* lat = nullptr;  // echo: wake-up latencies (ns) while measuring
  u32 nlat = 0;
  u32* trace = nullptr;  // --record: pairs (burst us, following sleep us)
  u32 ntrace = 0;
  u64 traced_bursts = 0;
  u64 progress0 = 0, run0 = 0, progress1 = 0, run1 = 0;
};

struct Run {
  const Mix* mix = nullptr;
  volatile bool stop = false;
  volatile bool measuring = false;
  bool record = false;
  Worker w[kMaxWorkers];
  usize n = 0;
  volatile u64 storm_children = 0;
};

u32 xorshift(u32* s) {
  u32 x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *s = x;
}

u32 clamp32(u64 v) { return v > 0xffffffffu ? 0xffffffffu : static_cast<u32>(v); }

// After a wake-up: the burst that ended at the block and the sleep that followed.
void record_trace(Worker* w, Thread* me) {
  if (!w->run->record || !w->trace || w->ntrace >= kMaxTrace) return;
  if (me->stats.burst_count == w->traced_bursts) return;
  w->traced_bursts = me->stats.burst_count;
  w->trace[2 * w->ntrace] = clamp32(me->stats.burst(0) / 1000);
  w->trace[2 * w->ntrace + 1] = clamp32(me->stats.last_sleep_ns / 1000);
  ++w->ntrace;
}

void echo_main(void* p) {
  auto* w = static_cast<Worker*>(p);
  Run* r = w->run;
  Thread* me = current();
  while (!r->stop) {
    u64 c0 = me->stats.wake_latency_count;
    sleep_ns(static_cast<u64>(r->mix->echo_period_us) * 1000);
    if (r->stop) break;
    if (r->measuring && me->stats.wake_latency_count != c0 && w->nlat < kMaxLat)
      w->lat[w->nlat++] = clamp32(me->stats.last_wake_latency_ns);
    record_trace(w, me);
    burn_ns(static_cast<u64>(r->mix->echo_work_us) * 1000);  // the answer
  }
}

void cpu_main(void* p) {
  auto* w = static_cast<Worker*>(p);
  while (!w->run->stop) burn_ns(1000000);
}

void burst_main(void* p) {
  auto* w = static_cast<Worker*>(p);
  Thread* me = current();
  u32 seed = 0x9e3779b9u ^ ((w->index + 1) * 2654435761u);
  while (!w->run->stop) {
    burn_ns(500000 + xorshift(&seed) % 7500000);
    sleep_ns(1000000 + xorshift(&seed) % 9000000);
    record_trace(w, me);
  }
}

struct StormChild {
  u64 work_ns;
};

void storm_child(void* p) { burn_ns(static_cast<StormChild*>(p)->work_ns); }

// make -j3: start three short jobs (1-3 ms of CPU each), wait for all, repeat.
void storm_main(void* p) {
  auto* w = static_cast<Worker*>(p);
  Thread* me = current();
  u32 seed = 0x85ebca6bu ^ ((w->index + 1) * 2654435761u);
  while (!w->run->stop) {
    StormChild jobs[3];
    Thread* kids[3] = {};
    for (usize i = 0; i < 3; ++i) {
      jobs[i].work_ns = 1000000 + xorshift(&seed) % 2000000;
      SpawnOptions o;
      o.kind = kWorkBench;
      auto t = spawn("storm-job", storm_child, &jobs[i], o);
      if (t.ok()) kids[i] = t.value();
    }
    burn_ns(100000);  // the "make" process's own bookkeeping
    for (Thread* k : kids)
      if (k) {
        (void)join(k);
        __atomic_fetch_add(&w->run->storm_children, 1, __ATOMIC_RELAXED);
      }
    record_trace(w, me);
  }
}

struct RunResult {
  const char* mix = "";
  const char* policy = "";
  u64 lat_p50 = 0, lat_p99 = 0, lat_max = 0, wakes = 0;
  u64 thr = 0;        // CPU hogs' work-loop iterations per second (sum)
  u64 jain_milli = 0; // Jain's index x 1000
  u64 pick_p50 = 0, pick_p99 = 0, picks = 0;
  Error error = Error::Ok;
};

u64 pct(u32* v, usize n, u32 p) { return n ? v[(n - 1) * p / 100] : 0; }

Error spawn_worker(Run* r, Role role, void (*fn)(void*), u32* lat_buf, u32* trace_buf) {
  if (r->n == kMaxWorkers) return Error::NoSpace;
  Worker& w = r->w[r->n];
  w = Worker{};
  w.run = r;
  w.role = role;
  w.index = static_cast<u32>(r->n);
  w.lat = lat_buf;
  w.trace = trace_buf;
  char name[24];
  format(name, sizeof(name), "bench-%s-%u", role_name(role), static_cast<unsigned>(r->n));
  SpawnOptions o;
  o.kind = kWorkBench;
  auto t = TRY(spawn(name, fn, &w, o));
  w.t = t;
  ++r->n;
  return Error::Ok;
}

void run_one(const Mix& mix, Policy* pol, u64 ms, bool record, u32* lat_bufs, u32* trace_bufs, RunResult* res, Run* r) {
  static u32 scratch[LatencySamples::kCap];
  res->mix = mix.name;
  res->policy = pol->name();
  *r = Run{};
  r->mix = &mix;
  r->record = record;
  if (Error e = set_policy(pol->name()); e != Error::Ok) {
    res->error = e;
    return;
  }
  Error err = Error::Ok;
  auto add = [&](Role role, void (*fn)(void*), u8 count) {
    for (u8 i = 0; i < count && err == Error::Ok; ++i) {
      usize k = r->n;
      err = spawn_worker(r, role, fn, lat_bufs + k * kMaxLat, trace_bufs ? trace_bufs + k * 2 * kMaxTrace : nullptr);
    }
  };
  add(kEcho, echo_main, mix.echo);
  add(kCpu, cpu_main, mix.cpu);
  add(kBurst, burst_main, mix.burst);
  add(kStorm, storm_main, mix.storm);
  if (err == Error::Ok) {
    sleep_ns(30000000);  // warm-up: every worker has run and settled
    u64 irq = arch::irq_save();
    pol->stats().pick.reset();
    u64 picks0 = pol->stats().picks;
    for (usize i = 0; i < r->n; ++i) {
      r->w[i].progress0 = r->w[i].t->progress;
      r->w[i].run0 = r->w[i].t->stats.run_ns;
    }
    r->measuring = true;
    arch::irq_restore(irq);
    u64 t0 = now_ns();
    sleep_ns(ms * 1000000);
    irq = arch::irq_save();
    r->measuring = false;
    u64 dt = now_ns() - t0;
    for (usize i = 0; i < r->n; ++i) {
      r->w[i].progress1 = r->w[i].t->progress;
      r->w[i].run1 = r->w[i].t->stats.run_ns;
    }
    res->picks = pol->stats().picks - picks0;
    res->pick_p50 = arch::cycles_to_ns(pol->stats().pick.percentile(50, scratch));
    res->pick_p99 = arch::cycles_to_ns(pol->stats().pick.percentile(99, scratch));
    arch::irq_restore(irq);
    // Throughput and fairness of the CPU hogs.
    u64 sum = 0, sum_run = 0;
    u64 sum_sq = 0;  // in (run ms)^2 to stay in range
    usize ncpu = 0;
    for (usize i = 0; i < r->n; ++i) {
      Worker& w = r->w[i];
      if (w.role != kCpu) continue;
      sum += w.progress1 - w.progress0;
      u64 run_us = (w.run1 - w.run0) / 1000;
      sum_run += run_us;
      sum_sq += run_us * run_us;
      ++ncpu;
    }
    res->thr = dt ? sum * 1000000000ull / dt : 0;
    res->jain_milli = ncpu && sum_sq ? sum_run * sum_run * 1000 / (ncpu * sum_sq) : 0;
    // Echo latencies, all echo threads together.
    usize nl = 0;
    u32* all = lat_bufs + kMaxWorkers * kMaxLat;  // the pooled area after the per-worker ones
    for (usize i = 0; i < r->n; ++i)
      for (u32 k = 0; k < r->w[i].nlat; ++k) all[nl++] = r->w[i].lat[k];
    heap_sort(all, nl);
    res->wakes = nl;
    res->lat_p50 = pct(all, nl, 50);
    res->lat_p99 = pct(all, nl, 99);
    res->lat_max = nl ? all[nl - 1] : 0;
  }
  r->stop = true;
  for (usize i = 0; i < r->n; ++i) (void)join(r->w[i].t);
  if (err != Error::Ok) res->error = err;
}

void print_trace(Output& out, const Run& r, const char* policy) {
  for (usize i = 0; i < r.n; ++i) {
    const Worker& w = r.w[i];
    if (!w.ntrace) continue;
    out.printf("{\"trace\":1,\"mix\":\"%s\",\"policy\":\"%s\",\"role\":\"%s\",\"worker\":%u,\"bursts_us\":[", r.mix->name,
               policy, role_name(w.role), w.index);
    for (u32 k = 0; k < w.ntrace; ++k) out.printf("%s%u", k ? "," : "", w.trace[2 * k]);
    out.print("],\"sleeps_us\":[");
    for (u32 k = 0; k < w.ntrace; ++k) out.printf("%s%u", k ? "," : "", w.trace[2 * k + 1]);
    out.print("]}\n");
  }
}

// The first item of a comma-separated list that no policy is called, or an empty view.
StrView unknown_policy(StrView list) {
  usize start = 0;
  for (usize i = 0; i <= list.size; ++i) {
    if (i == list.size || list.data[i] == ',') {
      StrView item(list.data + start, i - start);
      bool known = false;
      for (usize p = 0; p < policy_count() && !known; ++p) known = item == StrView(policy_at(p)->name());
      if (!known) return item;
      start = i + 1;
    }
  }
  return {};
}

bool list_has(StrView list, StrView item) {
  usize start = 0;
  for (usize i = 0; i <= list.size; ++i) {
    if (i == list.size || list.data[i] == ',') {
      if (StrView(list.data + start, i - start) == item) return true;
      start = i + 1;
    }
  }
  return false;
}

void put_us(Output& out, u64 ns) { out.printf(" %8llu.%llu", (ull)(ns / 1000), (ull)(ns / 100 % 10)); }

int bench_sched(const Args& a, Output& out) {
  u64 ms = 2000;
  if (!a.value("--ms").empty() && (!parse_u64(a.value("--ms"), &ms) || ms < 100 || ms > 20000)) {
    out.print("bench sched: --ms must be 100..20000\n");
    return 2;
  }
  if (!started()) {
    out.print("bench sched: the scheduler is not running\n");
    return 1;
  }
  StrView mixes = a.value("--mixes");
  if (mixes.empty()) mixes = "heldout";
  StrView pols = a.value("--policies");
  if (pols.empty()) pols = "baseline,eevdf,ewma,learned";
  bool record = a.has("--record");
  const Mix* chosen[array_size(kMixes)];
  usize nmix = 0;
  for (const Mix& m : kMixes)
    if (mixes == StrView("all") || (mixes == StrView("heldout") && m.heldout) || (mixes == StrView("train") && !m.heldout) ||
        list_has(mixes, m.name))
      chosen[nmix++] = &m;
  if (StrView bad = unknown_policy(pols); bad.size || pols.data[pols.size - 1] == ',') {
    // Named policies that do not exist are an error, not silently left out of the table.
    out.printf("bench sched: no policy '%.*s'; policies:", static_cast<int>(bad.size), bad.data);
    for (usize i = 0; i < policy_count(); ++i) out.printf(" %s", policy_at(i)->name());
    out.print("\n");
    return 2;
  }
  Policy* policies[8];
  usize npol = 0;
  for (usize i = 0; i < policy_count() && npol < array_size(policies); ++i)
    if (list_has(pols, policy_at(i)->name())) policies[npol++] = policy_at(i);
  if (!nmix || !npol) {
    out.print("usage: bench sched [--ms N] [--mixes heldout|train|all|NAME,...] [--policies P,...] [--record] [--json]\n");
    out.print("  mixes:");
    for (const Mix& m : kMixes) out.printf(" %s%s", m.name, m.heldout ? "" : "(train)");
    out.print("\n  policies:");
    for (usize i = 0; i < policy_count(); ++i) out.printf(" %s", policy_at(i)->name());
    out.print("\n");
    return 2;
  }
  usize lat_words = (kMaxWorkers + 1) * kMaxLat;
  u32* lat = static_cast<u32*>(kmalloc(lat_words * sizeof(u32)));
  u32* trace = record ? static_cast<u32*>(kmalloc(kMaxWorkers * 2 * kMaxTrace * sizeof(u32))) : nullptr;
  Run* run = static_cast<Run*>(kmalloc(sizeof(Run)));
  static RunResult results[array_size(kMixes) * 8];
  if (!lat || !run || (record && !trace)) {
    kfree(lat);
    kfree(trace);
    kfree(run);
    out.print("bench sched: out of memory\n");
    return 1;
  }
  Policy* before = active_policy();
  usize nres = 0;
  int rc = 0;
  for (usize m = 0; m < nmix; ++m)
    for (usize p = 0; p < npol; ++p) {
      RunResult& r = results[nres++];
      r = RunResult{};
      run_one(*chosen[m], policies[p], ms, record, lat, trace, &r, run);
      if (record) print_trace(out, *run, policies[p]->name());
      if (r.error != Error::Ok) rc = 1;
      sleep_ns(20000000);  // let the stopped workers be reaped before the next run
    }
  (void)set_policy(before->name());
  kfree(lat);
  kfree(trace);
  kfree(run);
  // Throughput relative to the first policy of the same mix (the baseline by default).
  auto rel = [&](usize i) -> u64 {
    usize first = i - i % npol;
    return results[first].thr ? results[i].thr * 1000 / results[first].thr : 0;
  };
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv_uint("ms", ms).kv("reference", policies[0]->name()).key("results").begin_array();
      for (usize i = 0; i < nres; ++i) {
        const RunResult& r = results[i];
        w.begin_object()
            .kv("mix", r.mix)
            .kv("policy", r.policy)
            .kv("error", r.error == Error::Ok ? "" : error_name(r.error))
            .kv_uint("wakeups", r.wakes)
            .kv_uint("latency_p50_ns", r.lat_p50)
            .kv_uint("latency_p99_ns", r.lat_p99)
            .kv_uint("latency_max_ns", r.lat_max)
            .kv_uint("cpu_throughput_per_s", r.thr)
            .key("throughput_vs_reference").fixed(static_cast<i64>(rel(i)), 3)
            .key("jain").fixed(static_cast<i64>(r.jain_milli), 3)
            .kv_uint("picks", r.picks)
            .kv_uint("pick_p50_ns", r.pick_p50)
            .kv_uint("pick_p99_ns", r.pick_p99)
            .end_object();
      }
      w.end_array().end_object();
    });
  }
  out.printf("bench sched: %llu mix(es) x %llu policies, %llu ms each; echo wake-up latency, CPU-hog throughput "
             "(vs %s) and fairness, pick cost\n",
             (ull)nmix, (ull)npol, (ull)ms, policies[0]->name());
  out.print("mix          policy      wakes   lat p50 us   lat p99 us   lat max us  thr vs ref   jain  pick p50 ns  pick p99 ns\n");
  for (usize i = 0; i < nres; ++i) {
    const RunResult& r = results[i];
    if (r.error != Error::Ok) {
      out.printf("%-12s %-10s  error: %s\n", r.mix, r.policy, error_name(r.error));
      continue;
    }
    out.printf("%-12s %-10s %6llu ", r.mix, r.policy, (ull)r.wakes);
    put_us(out, r.lat_p50);
    out.print("  ");
    put_us(out, r.lat_p99);
    out.print("  ");
    put_us(out, r.lat_max);
    out.printf("      %llu.%03llu  %llu.%03llu %12llu %12llu\n", (ull)(rel(i) / 1000), (ull)(rel(i) % 1000),
               (ull)(r.jain_milli / 1000), (ull)(r.jain_milli % 1000), (ull)r.pick_p50, (ull)r.pick_p99);
  }
  return rc;
}

}  // namespace

SIS_BENCH("sched", "scheduling policies on held-out mixes: echo wake-up latency, throughput, fairness, pick cost",
          "bench sched [--ms N] [--mixes heldout|train|all|NAME,...] [--policies P,...] [--record] [--json]\n"
          "  N: measured ms per mix and policy (100..20000, default 2000); policies default baseline,eevdf,ewma,learned;\n"
          "  --record prints each worker's (burst, sleep) trace as JSON lines (the MLP's training data)",
          bench_sched);

}  // namespace sis::sched
