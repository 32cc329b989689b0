// Thread: one kernel thread's control block. The scheduling part (state, nice, vruntime,
// queue links, accounting) is portable and driven by RunQueue and the policies, so host
// tests build threads directly; the machine part (saved context, FP/SIMD state, stack) is
// used only by the kernel's scheduler (scheduler.cpp).
#pragma once
#include "arch/arch.h"
#include "mm/kernel_stack.h"
#include "sched/accounting.h"
#include "sched/burst_model.h"
#include "sched/sched_tree.h"
#include "sched/thread_list.h"

namespace sis::sched {

enum class ThreadState : u8 {
  Runnable,  // queued in the policy, waiting for the CPU
  Running,   // the CPU's current thread
  Blocked,   // waiting (wait queue, sleep, join); RunQueue::wake makes it runnable
  Zombie,    // exited, waiting to be joined or reaped
};
const char* state_name(ThreadState s);

constexpr int kNiceMin = -20;
constexpr int kNiceMax = 19;
// Linux's sched_prio_to_weight: nice 0 is 1024 and each step is about 1.25x.
u32 nice_to_weight(int nice);

struct Thread {
  // --- scheduling (portable) ---
  u32 tid = 0;
  char name[24] = {};
  ThreadState state = ThreadState::Runnable;
  bool on_cpu = false;      // its registers are live on a CPU (not safe to free)
  bool yielding = false;    // the switch in progress is a yield
  int nice = 0;
  u32 weight = 1024;
  u64 vruntime = 0;         // fair policy: weighted run time (ns at nice 0)
  u64 exec_start_ns = 0;    // when run time was last charged
  u64 slice_start_ns = 0;   // when it was last picked
  u64 state_since_ns = 0;   // when it entered its current state
  Link run_link;            // a list-based policy's queue (rr, transformer)
  TreeNode run_node;        // a tree-based policy's queue (baseline, eevdf)
  // EEVDF (eevdf_policy.h): virtual deadline, lag kept across sleeps, and the slice this
  // thread asks for (0: the policy's default; the learned hint sets it at wake-up).
  u64 ev_vruntime = 0;      // its own virtual time (the baseline's vruntime is another clock)
  u64 deadline = 0;
  i64 vlag = 0;
  u64 v_at_block = 0;       // V when it last left the queue
  // Learned hints (learned_policy.h): burst history, updated by the run queue at each
  // wake-up under every policy; the latest prediction and when it was made.
  BurstHistory hist;
  u64 hist_seen = 0;        // stats.burst_count already in hist
  BurstPrediction hint;
  u64 hint_at_ns = 0;       // 0: never predicted
  u64 slice_ns = 0;
  ThreadStats stats;

  // --- kernel ---
  arch::ThreadContext ctx = {};
  arch::FpState fp = {};
  mm::KernelStack stack = {};
  bool owns_stack = false;  // false for the boot thread (it runs on the boot stack)
  bool detached = false;    // reaped automatically instead of joined
  bool exited = false;
  bool fp_used = false;     // has touched FP/SIMD (lazy mode learns it from the trap)
  volatile bool stop_requested = false;
  bool sleeping = false;    // on the sleep list
  int exit_code = 0;
  void (*entry)(void*) = nullptr;
  void* arg = nullptr;
  Thread* joiner = nullptr;
  Link wait_link;           // a WaitQueue
  Link sleep_link;          // the CPU's sleep list
  u64 wake_deadline_ns = 0;
  volatile u64 progress = 0;  // work counter the workloads bump (ps shows it)
  u32 kind = 0;               // what spawned it (workload kind, shown by ps)

  // --- user mode (proc) ---
  arch::PageTable user_table = {};  // its process's address space (root nullptr: kernel only)
  u64 user_tls = 0;                 // TPIDR_EL0 while it is switched out
  void* process = nullptr;          // the proc::Process this thread runs
};

void set_thread_name(Thread* t, const char* name);
// Queued in its policy (list or tree).
inline bool in_run_queue(const Thread* t) { return t->run_link.on || t->run_node.on; }

}  // namespace sis::sched
