// Synthetic workloads: see workloads.h.
#include "sched/workloads.h"

#include "arch/arch.h"
#include "lib/format.h"
#include "sched/scheduler.h"

namespace sis::sched {
namespace {

volatile u64 fp_threads = 0, fp_checks = 0, fp_errors = 0, fp_preempts = 0;
u32 seq = 0;

u64 ns_to_ticks(u64 ns) { return ns * arch::counter_frequency() / 1000000000ull; }

u32 xorshift(u32* s) {
  u32 x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *s = x;
}

void cpu_main(void*) {
  while (!should_stop()) burn_ns(1000000);
}

void io_main(void*) {
  while (!should_stop()) {
    burn_ns(300000);
    sleep_ns(3000000);
  }
}

void burst_main(void*) {
  u32 seed = 0x9e3779b9u ^ (current()->tid * 2654435761u);
  while (!should_stop()) {
    burn_ns(500000 + xorshift(&seed) % 7500000);
    sleep_ns(1000000 + xorshift(&seed) % 9000000);
  }
}

void fp_main(void*) {
  Thread* me = current();
  u64 seed = static_cast<u64>(me->tid) << 40;
  arch::fp_fill(seed);
  u64 last_invol = me->stats.involuntary;
  for (u64 n = 1; !should_stop(); ++n) {
    burn_ns(50000);  // general registers only: nothing here touches v0-v31
    u32 bad = arch::fp_check(seed);
    __atomic_fetch_add(&fp_checks, 1, __ATOMIC_RELAXED);
    if (bad) __atomic_fetch_add(&fp_errors, 1, __ATOMIC_RELAXED);
    u64 inv = me->stats.involuntary;
    __atomic_fetch_add(&fp_preempts, inv - last_invol, __ATOMIC_RELAXED);
    last_invol = inv;
    if (n % 64 == 0 || bad) arch::fp_fill(++seed);  // new pattern now and then
  }
}

}  // namespace

const char* work_kind_name(u32 kind) {
  switch (kind) {
    case kWorkCpu: return "cpu";
    case kWorkIo: return "io";
    case kWorkBurst: return "burst";
    case kWorkFp: return "fp";
    case kWorkBench: return "bench";
    default: return "-";
  }
}

void burn_ns(u64 ns) {
  Thread* me = current();
  u64 end = arch::counter() + ns_to_ticks(ns);
  while (arch::counter() < end) {
    for (u32 i = 0; i < 64; ++i) asm volatile("" ::: "memory");  // a little work between reads
    if (me) me->progress = me->progress + 1;
  }
}

Result<u32> spawn_workload(WorkKind kind, int nice) {
  void (*fn)(void*) = nullptr;
  switch (kind) {
    case kWorkCpu: fn = cpu_main; break;
    case kWorkIo: fn = io_main; break;
    case kWorkBurst: fn = burst_main; break;
    case kWorkFp: fn = fp_main; break;
    default: return Error::Invalid;
  }
  char name[24];
  format(name, sizeof(name), "%s-%u", work_kind_name(kind), ++seq);
  SpawnOptions o;
  o.nice = nice;
  o.detached = true;
  o.kind = kind;
  auto t = TRY(spawn(name, fn, nullptr, o));
  // Counted here, not when the worker first runs: `schedctl fp wait` right after `spawn fp N`
  // must see them even if none has been scheduled yet (a busy machine made that a flake).
  if (kind == kWorkFp) __atomic_fetch_add(&fp_threads, 1, __ATOMIC_RELAXED);
  return t->tid;
}

usize stop_workloads() {
  static ThreadInfo infos[kMaxThreads];
  usize n = snapshot(infos, kMaxThreads);
  usize stopped = 0;
  for (usize i = 0; i < n; ++i)
    if (infos[i].kind >= kWorkCpu && infos[i].kind <= kWorkFp && infos[i].state != ThreadState::Zombie &&
        request_stop(infos[i].tid) == Error::Ok)
      ++stopped;
  return stopped;
}

FpCheckStats fp_check_stats() { return {fp_threads, fp_checks, fp_errors, fp_preempts}; }

}  // namespace sis::sched
