// The kernel scheduler: see scheduler.h for the API and its invariants.
//
// Switching: switch_locked() runs with the run-queue lock held and interrupts masked. It
// asks the RunQueue for the next thread, fixes up FP/SIMD state, publishes the new current
// thread (TPIDR_EL1) and calls arch::context_switch. The thread we land in finishes the
// switch (clears the previous thread's on_cpu) and releases the lock with its own saved
// interrupt state; a brand-new thread does the same in thread_main.
#include "sched/scheduler.h"

#include "lib/new.h"

#include "arch/arch.h"
#include "core/panic.h"
#include "lib/assert.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "sched/eevdf_policy.h"
#include "sched/fair_policy.h"
#include "sched/learned_policy.h"
#include "sched/sched_trace.h"
#include "sched/rr_policy.h"


namespace sis::sched {
namespace {

struct Cpu {
  RunQueue rq;
  // Per-CPU, changed with interrupts masked (the FP trap takes no lock).
  Thread* fp_owner = nullptr;  // whose registers are live in the FP/SIMD file
  // Set just before a switch, for the thread switched to.
  Thread* switched_from SIS_GUARDED_BY(rq.lock) = nullptr;
  ThreadList<&Thread::sleep_link> sleepers SIS_GUARDED_BY(rq.lock);  // sorted by wake_deadline_ns
  FpStats fp;
};

Cpu cpu0;
FairPolicy fair_policy;
EevdfPolicy eevdf_policy;
LearnedPolicy ewma_policy(LearnedPolicy::Predictor::Ewma);
LearnedPolicy learned_policy(LearnedPolicy::Predictor::Mlp, &builtin_burst_mlp());
RoundRobinPolicy rr_policy;
Policy* policies[8];
usize npolicies = 0;

SpinLock table_lock;  // lock order: table_lock, then a run-queue lock
Thread* table[kMaxThreads] SIS_GUARDED_BY(table_lock);
u32 next_tid SIS_GUARDED_BY(table_lock) = 0;

Thread boot_thread;
Thread idle_thread;
volatile bool running = false;
FpMode mode = FpMode::Lazy;
void (*tick_observer)(u64, bool) = nullptr;

Cpu& this_cpu() { return cpu0; }  // FIXME(SMP): index by arch::cpu_id()

u64 pick_clock() { return arch::cycles(); }

Error table_insert(Thread* t) {
  SpinLockGuard g(table_lock);
  for (usize i = 0; i < kMaxThreads; ++i) {
    if (!table[i]) {
      table[i] = t;
      t->tid = next_tid++;
      return Error::Ok;
    }
  }
  return Error::NoSpace;
}

void table_remove(Thread* t) {
  SpinLockGuard g(table_lock);
  for (usize i = 0; i < kMaxThreads; ++i)
    if (table[i] == t) table[i] = nullptr;
}

void destroy(Thread* t) {
  table_remove(t);
  if (t->owns_stack) (void)mm::free_kernel_stack(t->stack);
  t->~Thread();
  kfree(t);
}

// The switch path checks the lock at compile time only (SIS_REQUIRES, proven for every
// caller); at run time RunQueue::schedule and thread_main check it. Each run-time owner
// check reads MPIDR_EL1, ~70 ns under QEMU TCG (bench ctxsw), so not three times a switch.
void finish_switch(Cpu& c) SIS_REQUIRES(c.rq.lock) {
  Thread* from = c.switched_from;
  c.switched_from = nullptr;
  if (from && from != current()) from->on_cpu = false;
}

// Returns (still locked) when this thread runs again.
void switch_locked(Cpu& c) SIS_REQUIRES(c.rq.lock) {
  SIS_ASSERT_MSG(!arch::irqs_enabled(), "a context switch with interrupts enabled");
  Thread* prev = c.rq.current();
  Thread* next = c.rq.schedule(now_ns());
  if (next == prev) return;
  if (mode == FpMode::Eager) {
    arch::fp_save(&prev->fp);
    arch::fp_restore(&next->fp);
    c.fp_owner = next;
    ++c.fp.saves;
    ++c.fp.restores;
  } else {
    arch::fp_set_access(next == c.fp_owner);
  }
  if (prev->user_table.root) prev->user_tls = arch::user_tls();
  if (next->user_table.root) arch::set_user_tls(next->user_tls);
  arch::activate_page_table(next->user_table);  // the kernel's own table for kernel threads
  next->on_cpu = true;
  c.switched_from = prev;
  arch::set_current_thread(next);
  arch::context_switch(&prev->ctx, &next->ctx);
  finish_switch(c);
}

void schedule_now() {
  Cpu& c = this_cpu();
  u64 s = c.rq.lock.lock();
  switch_locked(c);
  c.rq.lock.unlock(s);
}

[[noreturn]] void thread_main(void* p) {
  Cpu& c = this_cpu();
  // A new thread starts inside switch_locked() of the thread it replaced: the run-queue lock
  // was taken there, on this CPU, and is released here.
  c.rq.lock.assert_held();
  finish_switch(c);
  c.rq.lock.unlock(arch::irq_save());  // keep interrupts masked until the lock is free
  arch::irq_enable();
  auto* t = static_cast<Thread*>(p);
  t->entry(t->arg);
  exit(0);
}

void idle_main(void*) {
  Cpu& c = this_cpu();
  for (;;) {
    reap();
    arch::irq_disable();
    u64 s = c.rq.lock.lock();
    bool nothing_to_do = c.rq.queued() == 0 && !c.rq.need_resched();
    c.rq.lock.unlock(s);  // interrupts stay masked until the wait
    if (nothing_to_do) {
      arch::wait_for_interrupt_then_enable();  // the IRQ exit hook switches away if needed
    } else {
      arch::irq_enable();
      yield();
    }
  }
}

void on_irq_exit() {
  if (!running) return;
  Cpu& c = this_cpu();
  if (c.rq.need_resched_unlocked()) schedule_now();
}

void fp_copy_current_locked(arch::FpState* out) {
  Cpu& c = this_cpu();
  Thread* t = current();
  if (c.fp_owner == t) {
    arch::fp_set_access(true);
    arch::fp_save(out);
  } else {
    *out = t->fp;
  }
}

void on_fp_trap() {
  // Interrupts are masked (exception entry). Give the FP/SIMD file to the current thread.
  Cpu& c = this_cpu();
  Thread* t = running ? current() : nullptr;
  arch::fp_set_access(true);
  if (!t || c.fp_owner == t) return;
  if (c.fp_owner) {
    arch::fp_save(&c.fp_owner->fp);
    ++c.fp.saves;
  }
  arch::fp_restore(&t->fp);
  ++c.fp.restores;
  ++c.fp.traps;
  c.fp_owner = t;
  t->fp_used = true;
}

}  // namespace

u64 now_ns() { return arch::counter_to_ns(arch::counter()); }
bool started() { return running; }
Thread* current() { return static_cast<Thread*>(arch::current_thread()); }

Error register_policy(Policy* p) {
  if (npolicies == array_size(policies)) return Error::NoSpace;
  for (usize i = 0; i < npolicies; ++i)
    if (StrView(policies[i]->name()) == StrView(p->name())) return Error::Exists;
  policies[npolicies++] = p;
  return Error::Ok;
}
usize policy_count() { return npolicies; }
Policy* policy_at(usize i) { return i < npolicies ? policies[i] : nullptr; }
Policy* active_policy() {
  Cpu& c = this_cpu();
  SpinLockGuard g(c.rq.lock);
  return c.rq.policy();
}

Error start() {
  if (running) return Error::Busy;
  (void)register_policy(&fair_policy);
  (void)register_policy(&rr_policy);
  (void)register_policy(&eevdf_policy);
  (void)register_policy(&ewma_policy);
  (void)register_policy(&learned_policy);
  ewma_policy.set_tracer(trace_hint, now_ns);
  learned_policy.set_tracer(trace_hint, now_ns);
  Cpu& c = this_cpu();
  u64 now = now_ns();

  set_thread_name(&idle_thread, "idle");
  idle_thread.entry = idle_main;
  TRY(table_insert(&idle_thread));  // tid 0
  auto stack = TRY(mm::alloc_kernel_stack(8 * 1024));
  idle_thread.stack = stack;
  idle_thread.owns_stack = true;
  arch::context_init(&idle_thread.ctx, idle_thread.stack.top, thread_main, &idle_thread);

  set_thread_name(&boot_thread, "shell");
  TRY(table_insert(&boot_thread));  // tid 1
  boot_thread.fp_used = true;  // the boot context may have used FP (zeroing benchmarks)

  arch::cycles_init();
  {
    SpinLockGuard g(c.rq.lock);
    c.rq.init(arch::cpu_id(), &idle_thread, &fair_policy, now);
    c.rq.set_pick_clock(pick_clock);
    idle_thread.stats.created_ns = boot_thread.stats.created_ns = now;
    c.rq.set_running(&boot_thread, now);
  }
  c.fp_owner = &boot_thread;  // FP access is on since boot: its registers are live
  arch::set_current_thread(&boot_thread);
  arch::set_fp_trap_handler(on_fp_trap);
  arch::set_irq_exit_hook(on_irq_exit);
  running = true;
  return Error::Ok;
}

void timer_tick() {
  if (!running) return;
  Cpu& c = this_cpu();
  SpinLockGuard g(c.rq.lock);
  u64 now = now_ns();
  while (Thread* t = c.sleepers.front()) {
    if (t->wake_deadline_ns > now) break;
    c.sleepers.remove(t);
    t->sleeping = false;
    c.rq.wake(t, now);
  }
  c.rq.tick(now);
  if (auto* fn = tick_observer) fn(now, c.rq.current() == c.rq.idle());
}

void set_tick_observer(void (*fn)(u64, bool)) { tick_observer = fn; }

Result<Thread*> spawn(const char* name, void (*fn)(void*), void* arg, const SpawnOptions& opt) {
  if (!running || !fn) return Error::Invalid;
  if (opt.nice < kNiceMin || opt.nice > kNiceMax) return Error::Range;
  reap();
  void* mem = kzalloc(sizeof(Thread));
  if (!mem) return Error::NoMemory;
  if (reinterpret_cast<uptr>(mem) % alignof(Thread) != 0) {
    kfree(mem);
    return Error::Invalid;
  }
  Thread* t = new (mem) Thread();
  auto stack = mm::alloc_kernel_stack(opt.stack_bytes);
  if (!stack.ok()) {
    kfree(mem);
    return stack.error();
  }
  t->stack = stack.value();
  t->owns_stack = true;
  set_thread_name(t, name);
  t->entry = fn;
  t->arg = arg;
  t->nice = opt.nice;
  t->detached = opt.detached;
  t->kind = opt.kind;
  arch::context_init(&t->ctx, t->stack.top - opt.reserve_top, thread_main, t);
  if (Error e = table_insert(t); e != Error::Ok) {
    (void)mm::free_kernel_stack(t->stack);
    kfree(mem);
    return e;
  }
  Cpu& c = this_cpu();
  {
    SpinLockGuard g(c.rq.lock);
    c.rq.add(t, now_ns());
  }
  return t;
}

Error join(Thread* t, int* exit_code) {
  Thread* me = current();
  if (!t || t == me || t->detached || t == &idle_thread || t == &boot_thread) return Error::Invalid;
  Cpu& c = this_cpu();
  u64 s = c.rq.lock.lock();
  while (!t->exited) {
    t->joiner = me;
    me->state = ThreadState::Blocked;
    switch_locked(c);
  }
  c.rq.lock.unlock(s);
  while (t->on_cpu) yield();  // SMP: it may still be finishing its last switch
  if (exit_code) *exit_code = t->exit_code;
  destroy(t);
  return Error::Ok;
}

void exit(int code) {
  arch::irq_disable();
  Thread* t = current();
  if (t == &boot_thread || t == &idle_thread) panic("sched: the %s thread cannot exit", t->name);
  Cpu& c = this_cpu();
  (void)c.rq.lock.lock();
  t->exit_code = code;
  t->exited = true;
  if (c.fp_owner == t) c.fp_owner = nullptr;
  if (t->joiner) c.rq.wake(t->joiner, now_ns());
  t->state = ThreadState::Zombie;
  switch_locked(c);
  panic("sched: exited thread %u resumed", t->tid);
}

void yield() {
  if (!running) return;
  Cpu& c = this_cpu();
  u64 s = c.rq.lock.lock();
  current()->yielding = true;
  switch_locked(c);
  c.rq.lock.unlock(s);
}

void preempt_point() {
  if (!running || !arch::irqs_enabled()) return;
  if (this_cpu().rq.need_resched_unlocked()) schedule_now();
}

namespace {
void add_sleeper(Cpu& c, Thread* t, u64 deadline) SIS_REQUIRES(c.rq.lock) {
  c.rq.lock.assert_held();
  t->wake_deadline_ns = deadline;
  Thread* pos = c.sleepers.front();
  while (pos && pos->wake_deadline_ns <= deadline) pos = ThreadList<&Thread::sleep_link>::next(pos);
  c.sleepers.insert_before(pos, t);
  t->sleeping = true;
}
}  // namespace

void prepare_block(Thread* t, u64 deadline_ns) {
  Cpu& c = this_cpu();
  SpinLockGuard g(c.rq.lock);
  t->state = ThreadState::Blocked;
  t->state_since_ns = now_ns();
  if (deadline_ns) add_sleeper(c, t, deadline_ns);
}

void block() {
  Cpu& c = this_cpu();
  u64 s = c.rq.lock.lock();
  Thread* me = current();
  if (me->state == ThreadState::Blocked) switch_locked(c);
  if (me->sleeping) {  // woken before its deadline
    c.sleepers.remove(me);
    me->sleeping = false;
  }
  c.rq.lock.unlock(s);
}

void wake(Thread* t) {
  Cpu& c = this_cpu();
  SpinLockGuard g(c.rq.lock);
  c.rq.wake(t, now_ns());
}

void sleep_ns(u64 ns) {
  if (!running) {
    u64 end = arch::counter() + ns * arch::counter_frequency() / 1000000000ull;
    while (arch::counter() < end) {
      arch::irq_disable();
      arch::wait_for_interrupt_then_enable();
    }
    return;
  }
  Thread* t = current();
  Cpu& c = this_cpu();
  u64 s = c.rq.lock.lock();
  if (!t->stop_requested && ns) {
    u64 now = now_ns();
    add_sleeper(c, t, now + ns);
    t->state = ThreadState::Blocked;
    t->state_since_ns = now;
    switch_locked(c);
  }
  c.rq.lock.unlock(s);
}

bool should_stop() {
  Thread* t = current();
  return t && t->stop_requested;
}

Error request_stop(u32 tid) {
  Cpu& c = this_cpu();
  {
    SpinLockGuard g(table_lock);
    Thread* t = nullptr;
    for (usize i = 0; i < kMaxThreads && !t; ++i)
      if (table[i] && table[i]->tid == tid) t = table[i];
    if (!t) return Error::NoEntry;
    if (t == &idle_thread || t == &boot_thread) return Error::Invalid;
    t->stop_requested = true;
    SpinLockGuard r(c.rq.lock);
    if (t->sleeping) {
      c.sleepers.remove(t);
      t->sleeping = false;
      c.rq.wake(t, now_ns());
    }
  }
  preempt_point();
  return Error::Ok;
}

void reap() {
  if (!running) return;
  for (;;) {
    Thread* victim = nullptr;
    {
      SpinLockGuard g(table_lock);
      for (usize i = 0; i < kMaxThreads && !victim; ++i) {
        Thread* t = table[i];
        if (t && t->detached && t->exited && t->state == ThreadState::Zombie && !t->on_cpu) {
          victim = t;
          table[i] = nullptr;
        }
      }
    }
    if (!victim) return;
    destroy(victim);
  }
}

Error set_policy(StrView name) {
  Policy* p = nullptr;
  for (usize i = 0; i < npolicies; ++i)
    if (StrView(policies[i]->name()) == name) p = policies[i];
  if (!p) return Error::NoEntry;
  Cpu& c = this_cpu();
  {
    SpinLockGuard g(c.rq.lock);
    c.rq.set_policy(p, now_ns());
  }
  preempt_point();
  return Error::Ok;
}

Error set_nice(u32 tid, int nice) {
  if (nice < kNiceMin || nice > kNiceMax) return Error::Range;
  Cpu& c = this_cpu();
  {
    SpinLockGuard g(table_lock);
    Thread* t = nullptr;
    for (usize i = 0; i < kMaxThreads && !t; ++i)
      if (table[i] && table[i]->tid == tid) t = table[i];
    if (!t) return Error::NoEntry;
    if (t == &idle_thread) return Error::Invalid;
    SpinLockGuard r(c.rq.lock);
    c.rq.set_nice(t, nice, now_ns());
  }
  preempt_point();
  return Error::Ok;
}

void set_fp_mode(FpMode m) {
  Cpu& c = this_cpu();
  SpinLockGuard g(c.rq.lock);
  if (m == mode) return;
  Thread* me = current();
  arch::fp_set_access(true);
  if (m == FpMode::Eager && c.fp_owner != me) {
    // Eager keeps the current thread's registers live at all times.
    if (c.fp_owner) {
      arch::fp_save(&c.fp_owner->fp);
      ++c.fp.saves;
    }
    arch::fp_restore(&me->fp);
    ++c.fp.restores;
  }
  c.fp_owner = me;  // in both modes the live registers are now the current thread's
  mode = m;
}

FpMode fp_mode() { return mode; }
const char* fp_mode_name(FpMode m) { return m == FpMode::Lazy ? "lazy" : "eager"; }
void fp_copy_current(arch::FpState* out) {
  u64 s = arch::irq_save();
  fp_copy_current_locked(out);
  arch::irq_restore(s);
}

void fp_set_current(const arch::FpState* s) {
  u64 irq = arch::irq_save();
  Cpu& c = this_cpu();
  Thread* t = current();
  t->fp = *s;
  t->fp_used = true;
  if (c.fp_owner == t) {
    arch::fp_set_access(true);
    arch::fp_restore(s);
  }
  arch::irq_restore(irq);
}

FpStats fp_stats() { return this_cpu().fp; }

usize snapshot(ThreadInfo* out, usize cap) {
  usize n = 0;
  Cpu& c = this_cpu();
  SpinLockGuard g(table_lock);
  SpinLockGuard r(c.rq.lock);
  u64 now = now_ns();
  for (usize i = 0; i < kMaxThreads && n < cap; ++i) {
    Thread* t = table[i];
    if (!t) continue;
    ThreadInfo& o = out[n++];
    o.tid = t->tid;
    copy_cstr(o.name, sizeof(o.name), t->name);
    o.state = t->state;
    o.nice = t->nice;
    // One CPU, one active policy: every thread but idle is (or, once woken, will be) in it.
    // A thread blocked across a policy switch must not show the policy it last ran under.
    o.policy = t == c.rq.idle() ? "idle" : c.rq.policy()->name();
    o.stats = t->stats;
    // Include the time in the current state that has not been charged yet.
    if (t == c.rq.current() && now > t->exec_start_ns) o.stats.run_ns += now - t->exec_start_ns;
    if (t->state == ThreadState::Runnable && t != c.rq.idle() && now > t->state_since_ns)
      o.stats.wait_ns += now - t->state_since_ns;
    o.progress = t->progress;
    o.kind = t->kind;
    o.fp_used = t->fp_used;
    o.stop_requested = t->stop_requested;
    o.sleeping = t->sleeping;
    o.detached = t->detached;
    o.hist = t->hist;
    o.hint = t->hint;
    o.hint_at_ns = t->hint_at_ns;
    o.slice_ns = t->slice_ns;
  }
  // Sort by tid (insertion sort: small n) so listings are stable.
  for (usize i = 1; i < n; ++i)
    for (usize j = i; j > 0 && out[j - 1].tid > out[j].tid; --j) {
      ThreadInfo tmp = out[j];
      out[j] = out[j - 1];
      out[j - 1] = tmp;
    }
  return n;
}

CpuInfo cpu_info() {
  CpuInfo ci{};
  Cpu& c = this_cpu();
  SpinLockGuard g(table_lock);
  SpinLockGuard r(c.rq.lock);
  for (usize i = 0; i < kMaxThreads; ++i)
    if (table[i]) ++ci.threads;
  ci.cpu = c.rq.cpu();
  ci.runnable = c.rq.queued() + (c.rq.current() != c.rq.idle() ? 1 : 0);
  ci.switches = c.rq.switches();
  ci.idle_ns = c.rq.idle_ns();
  ci.now_ns = now_ns();
  ci.policy = c.rq.policy()->name();
  return ci;
}

}  // namespace sis::sched
