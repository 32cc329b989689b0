// The kernel's scheduler (kernel only): kernel threads, their creation, joining and exit,
// yielding, sleeping, the timer tick, preemption on the way out of interrupts, FP/SIMD
// register switching (lazy or eager), and the registry of policies. Decisions and
// accounting are in the portable RunQueue and Policy classes; this file moves the CPU.
//
// Invariants:
//  - Each CPU has one RunQueue (one CPU today); its lock is taken with interrupts masked
//    and held across the context switch; the thread switched to releases it.
//  - Preemption happens only (a) on the way out of an IRQ, when the interrupted code had
//    interrupts enabled, or (b) at preempt_point() in thread context. Code holding any
//    SpinLock runs with interrupts masked and is therefore never preempted.
//  - Lock order: thread table -> wait queue -> run queue.
//  - A Thread is freed only when it is a Zombie and not on a CPU: by join(), or by reap()
//    for detached threads.
#pragma once
#include "lib/result.h"
#include "sched/run_queue.h"

namespace sis::sched {

constexpr usize kMaxThreads = 128;
constexpr u64 kDefaultStackBytes = 16 * 1024;

struct SpawnOptions {
  int nice = 0;
  bool detached = false;  // reaped automatically on exit; join() refuses it
  u64 stack_bytes = kDefaultStackBytes;
  u32 kind = 0;           // free-form tag (the shell's workloads)
  u64 reserve_top = 0;    // bytes at the top of the stack the thread never uses (a user
                          // process keeps its trap frame there)
};

// Adopts the running boot context as thread "shell" and creates the idle thread. From now on
// the timer tick preempts.
Error start();
bool started();
void timer_tick();  // the timer interrupt calls this (does nothing before start)
// Power hook: called at the end of every tick (interrupts masked, run-queue lock held) with
// the tick's time and whether the idle thread was running. The power estimator measures
// host steal from late ticks. One observer; nullptr removes it.
void set_tick_observer(void (*fn)(u64 now_ns, bool idle));
u64 now_ns();

Result<Thread*> spawn(const char* name, void (*fn)(void*), void* arg, const SpawnOptions& opt = {});
// Waits for t to exit, stores its exit code and frees it.
Error join(Thread* t, int* exit_code = nullptr);
[[noreturn]] void exit(int code);
Thread* current();
void yield();
// Blocks for at least ns (tick granularity); returns early when the thread is asked to stop.
void sleep_ns(u64 ns);
// Cooperative stop: threads poll should_stop(); a sleeping thread is woken.
bool should_stop();
Error request_stop(u32 tid);
// Switches if a reschedule is pending and interrupts are enabled (thread context).
void preempt_point();
// Frees detached threads that have exited.
void reap();

// Blocking primitives build on these (see wait_queue.h).
// t (current) will block; a wake before block() cancels it. A non-zero deadline (now_ns()
// clock) also puts it on the sleep list, so the tick wakes it then.
void prepare_block(Thread* t, u64 deadline_ns = 0);
void block();  // switches away unless woken since prepare_block
void wake(Thread* t);           // Blocked -> Runnable (any context)

// Policies: every registered policy can be made the CPU's policy at run time.
Error register_policy(Policy* p);
usize policy_count();
Policy* policy_at(usize i);
Policy* active_policy();
Error set_policy(StrView name);
Error set_nice(u32 tid, int nice);

// FP/SIMD switching. Lazy: FP access traps until the thread that touches FP gets its
// registers back (saved from the previous owner on demand). Eager: save and restore the
// whole register file on every switch. See docs/scheduler.md for the measurement.
enum class FpMode : u8 { Lazy, Eager };
void set_fp_mode(FpMode m);
FpMode fp_mode();
const char* fp_mode_name(FpMode m);
struct FpStats {
  u64 traps = 0;     // lazy: FP/SIMD first-use traps
  u64 saves = 0;
  u64 restores = 0;
};
FpStats fp_stats();
// The current thread's FP/SIMD registers as they are now (fork copies them to the child).
void fp_copy_current(arch::FpState* out);
// Replaces the current thread's FP/SIMD registers (sigreturn).
void fp_set_current(const arch::FpState* s);

// Snapshots for ps and schedctl (copied under the locks).
struct ThreadInfo {
  u32 tid;
  char name[24];
  ThreadState state;
  int nice;
  const char* policy;
  ThreadStats stats;
  u64 progress;
  u32 kind;
  bool fp_used;
  bool stop_requested;
  bool sleeping;
  bool detached;
  BurstHistory hist;     // the learned policies' inputs
  BurstPrediction hint;  // their latest prediction (hint_at_ns 0: none yet)
  u64 hint_at_ns;
  u64 slice_ns;          // the slice it asks for (0: the base slice)
};
usize snapshot(ThreadInfo* out, usize cap);
struct CpuInfo {
  u32 cpu;
  usize threads;
  usize runnable;  // queued + running (idle excluded)
  u64 switches;
  u64 idle_ns;
  u64 now_ns;
  const char* policy;
};
CpuInfo cpu_info();

}  // namespace sis::sched
