// Processes (kernel only): the process table, one kernel thread per process (no threads
// inside a process yet), creation from a program file, fork, exit and wait, process groups
// and sessions, and the per-process accounting that ps, procctl and the metrics stream
// read. Address spaces are address_space.h, signals signal.h, exec exec.h.
//
// Lifetimes: a Process is created Running with its thread; on exit the thread releases
// the address space and the files itself, turns the process into a Zombie holding only its
// status and counters, wakes the parent, and ends. The parent's wait4 (or, for processes
// whose parent is the kernel or has exited, the exit itself) frees the zombie. Orphans are
// re-parented to the kernel (ppid 0), which reaps them.
//
// Lock: `process_table_lock` (a spin lock, interrupts masked) guards the table, the parent
// links, states and pgid/sid; everything else in a Process belongs to its own thread.
#pragma once
#include "arch/arch.h"
#include "core/spinlock.h"
#include "proc/address_space.h"
#include "proc/linux_abi.h"
#include "sched/wait_queue.h"

namespace sis::proc {

class FileTable;

constexpr usize kMaxProcesses = 64;
constexpr usize kCmdlineMax = 128;

enum class ProcState : u8 { Running, Zombie };

// rt_sigaction's struct for arm64 (handler, flags, restorer, mask).
struct SigAction {
  u64 handler = 0;  // 0 SIG_DFL, 1 SIG_IGN, else the address
  u64 flags = 0;
  u64 restorer = 0;
  u64 mask = 0;
};

struct ProcStats {
  u64 syscalls = 0;
  u64 user_faults = 0;   // page faults resolved (first touch and copy-on-write)
  u64 start_ns = 0;
  u64 cpu_ns = 0;        // filled at exit from the thread's accounting
  u64 exec_count = 0;
  u64 children_cpu_ns = 0;  // reaped children's CPU time (times, getrusage)
};

// How an interrupted system call may be restarted (Linux's ERESTARTSYS and ERESTARTNOHAND).
enum class SyscallRestart : u8 {
  None,
  UnlessHandlerSaysNo,  // again after an ignored or stopping signal, or a handler with SA_RESTART
  UnlessHandled,        // again only when no handler ran (poll, select)
};

struct Process {
  u32 pid = 0;
  u32 ppid = 0;          // 0: the kernel
  u32 pgid = 0;
  u32 sid = 0;
  ProcState state = ProcState::Running;
  char name[16] = {};    // the program's base name (comm)
  char cmdline[kCmdlineMax] = {};
  AddressSpace* as = nullptr;
  FileTable* files = nullptr;
  sched::Thread* thread = nullptr;
  u32 tid = 0;           // the thread's id while it runs (ps)

  // Signals (signal.h): pending and blocked sets (bit n-1 for signal n) and actions.
  u64 sig_pending = 0;
  u64 sig_blocked = 0;
  SigAction actions[linux::kSignalCount];
  u64 mask_after_handler = 0;  // rt_sigsuspend: the mask a handler's sigreturn restores
  u64 altstack_sp = 0, altstack_size = 0;  // sigaltstack: size 0 when disabled
  bool altstack_autodisarm = false;        // SS_AUTODISARM: disabled while a handler runs on it
  bool restore_mask = false;
  arch::TrapFrame* frame = nullptr;  // the registers of the system call in progress
  // A system call a signal interrupted (it returned EINTR) that may run again once the
  // signal is dealt with (signal.cpp, Linux's ERESTARTSYS / ERESTARTNOHAND): how, and its
  // first argument (x0 holds the result by then). Set by the dispatcher, consumed by the
  // next delivery on the way back to user mode.
  SyscallRestart restart = SyscallRestart::None;
  u64 restart_x0 = 0;
  int fatal_signal = 0;  // the signal that killed it (for the report and wait status)
  u64 fault_addr = 0;    // the faulting address of a SIGSEGV/SIGBUS, the pc otherwise
  u64 fault_pc = 0;
  u64 fault_lr = 0;         // x30 then (a jump through a bad pointer leaves its caller here)
  bool oom_killed = false;  // chosen by the out-of-memory killer (oom.h)

  // Job control (signal.cpp): a stop signal's default action parks the process on stop_wait
  // until SIGCONT (or SIGKILL); wait4's WUNTRACED and WCONTINUED report each change once.
  bool stopped = false;
  int stop_signal = 0;
  bool stop_to_report = false;
  bool cont_to_report = false;
  sched::WaitQueue stop_wait;

  // Exit.
  int wait_status = 0;   // Linux's encoding: exit code << 8, or the signal number
  bool vfork_done = false;
  sched::WaitQueue child_wait;  // the parent waits here for children (wait4, vfork)
  sched::WaitQueue exit_wait;   // the kernel waits here for a process it spawned
  u64 clear_child_tid = 0;

  void* start = nullptr;     // how its thread starts (process.cpp), until it has
  bool kernel_waits = false; // spawned by the kernel, which reaps it (wait_and_reap)
  int vfork_parent = 0;      // pid of a parent blocked in vfork until we exec or exit
  const char* exe_path() const { return exe; }
  char exe[128] = {};        // the program file (for symbolizing fault reports)
  // The program's image as exec placed it: a pc is symbolized with the load bias
  // (user_symbols.h) when it lies in [image_start, image_end).
  u64 image_bias = 0, image_start = 0, image_end = 0;
  ProcStats stats;
  MemStats mem_at_exit;  // the address space's counters, kept after it is gone
};

extern SpinLock process_table_lock;

// The calling thread's process (nullptr for kernel threads).
Process* current_process();
Process* find_process(u32 pid) SIS_REQUIRES(process_table_lock);
Process* process_at(usize slot) SIS_REQUIRES(process_table_lock);  // nullptr for a free slot

// A new process running the program at path with argv/envp (exec's rules), its standard
// descriptors given as files (nullptr: /dev/null), parent = the kernel. The program starts
// running before this returns; the Process stays valid until reap().
struct SpawnRequest {
  const char* path = nullptr;
  const char* const* argv = nullptr;  // NULL-terminated
  const char* const* envp = nullptr;  // NULL-terminated (nullptr: a default environment)
  void* stdio[3] = {};                // proc::File* for fds 0, 1, 2 (a reference is taken)
  char* why = nullptr;                // a readable reason on failure
  usize why_cap = 0;
};
Result<Process*> spawn(const SpawnRequest& req);

// Waits for a process the kernel spawned to exit; returns its wait status. The zombie stays
// readable until release_process (wait_and_reap does both).
int wait_for_exit(Process* p);
void release_process(Process* p);
int wait_and_reap(Process* p);

// fork(): a copy of the caller, running from the same system call with x0 = 0 in the
// child. `vfork` makes the parent wait until the child execs or exits.
struct CloneExtras {
  u64 stack = 0;        // the child's sp (0: the parent's)
  bool set_tls = false;
  u64 tls = 0;
  u64 child_tid = 0;    // CLONE_CHILD_SETTID: the child's pid is written here in the child
  u64 clear_tid = 0;    // CLONE_CHILD_CLEARTID
};
Result<u32> fork_current(arch::TrapFrame* frame, bool vfork, const CloneExtras& extra = {});

// A vfork child is done with its parent's pause (it exec'd or is exiting).
void vfork_release(Process* p);

// Ends the calling process (exit_group, or a fatal signal when signal != 0).
[[noreturn]] void exit_current(int code, int signal);

// wait4(2) for the caller: pid > 0 that child, -1 any, 0 the caller's group, < -1 group -pid.
// Returns the child's pid (0 for WNOHANG with none ready), its wait status in *status.
// What wait_child reports (Linux's option bits): exits (and reaps), stops, continues.
constexpr u32 kWaitStopped = 2, kWaitExited = 4, kWaitContinued = 8;
Result<u32> wait_child(i64 pid, int* status, bool nohang, u32 what, bool* interrupted);

Error set_pgid(u32 pid, u32 pgid);
Result<u32> get_pgid(u32 pid);
Result<u32> get_sid(u32 pid);
Result<u32> new_session();

// Snapshots for ps / procctl list / the control port.
struct ProcessInfo {
  u32 pid, ppid, pgid, sid, tid;
  ProcState state;
  char name[16];
  char cmdline[kCmdlineMax];
  u64 rss_pages;
  u64 peak_rss_pages;
  u64 cpu_ns;
  u64 syscalls;
  u64 faults;
  u64 cow_copies;
  int wait_status;
  bool stopped;  // by a job-control signal, until SIGCONT
};
usize process_snapshot(ProcessInfo* out, usize cap);
usize process_count();

// Whether the calling process has a signal it must act on (blocked calls return EINTR).
bool signal_pending_for_current();

}  // namespace sis::proc
