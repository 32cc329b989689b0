// Processes: see process.h.
#include "proc/process.h"

#include "arch/aarch64/trap_frame.h"
#include "core/klog.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/exec.h"
#include "proc/file_devices.h"
#include "proc/file_table.h"
#include "proc/signal.h"
#include "proc/user_access.h"
#include "sched/scheduler.h"

namespace sis::proc {

SpinLock process_table_lock;

namespace {

constexpr u64 kProcessStackBytes = 32 * 1024;

Process* table[kMaxProcesses] SIS_GUARDED_BY(process_table_lock);
u32 next_pid SIS_GUARDED_BY(process_table_lock) = 1;

// What a new process's thread does first: exec a program (spawn), or resume its parent's
// frame (fork). Lives until the thread has used it.
struct StartInfo {
  bool is_fork = false;
  arch::TrapFrame frame;    // fork: the parent's frame with x0 = 0
  arch::FpState fp;         // fork: the parent's FP/SIMD registers
  u64 tls = 0;
  ExecArgs* exec = nullptr; // spawn: what to exec
  // The spawner waits for the exec's outcome here.
  sched::WaitQueue done_wq;
  bool done = false;
  Error result = Error::Ok;
  char why[128] = {};
};

Result<u32> alloc_slot(Process* p) SIS_REQUIRES(process_table_lock) {
  for (usize i = 0; i < kMaxProcesses; ++i) {
    if (table[i]) continue;
    // Next pid not in use (pids wrap at 32768 like a small Linux pid_max).
    for (;;) {
      u32 pid = next_pid;
      next_pid = next_pid >= 32767 ? 2 : next_pid + 1;
      bool used = false;
      for (usize j = 0; j < kMaxProcesses; ++j)
        if (table[j] && (table[j]->pid == pid || table[j]->pgid == pid || table[j]->sid == pid)) used = true;
      if (!used) {
        p->pid = pid;
        break;
      }
    }
    table[i] = p;
    return p->pid;
  }
  return Error::WouldBlock;  // EAGAIN: the process table is full
}

void free_process(Process* p) {
  {
    SpinLockGuard g(process_table_lock);
    for (usize i = 0; i < kMaxProcesses; ++i)
      if (table[i] == p) table[i] = nullptr;
  }
  try_delete(p->files);
  try_delete(p);
}

arch::TrapFrame* frame_slot() {
  sched::Thread* t = sched::current();
  return reinterpret_cast<arch::TrapFrame*>(t->stack.top - sizeof(arch::TrapFrame));
}

[[noreturn]] void run_user(Process* p, const arch::TrapFrame& start) {
  arch::irq_disable();
  arch::TrapFrame* f = frame_slot();
  *f = start;
  arch::activate_page_table(p->as->table());
  arch::enter_user(f);
}

void process_main(void* arg) {
  auto* p = static_cast<Process*>(arg);
  auto* start = static_cast<StartInfo*>(p->start);
  sched::Thread* t = sched::current();
  {
    SpinLockGuard g(process_table_lock);
    t->process = p;
    p->thread = t;
    p->tid = t->tid;
  }
  if (start->is_fork) {
    arch::TrapFrame f = start->frame;
    t->fp = start->fp;
    t->fp_used = true;
    t->user_tls = start->tls;
    arch::set_user_tls(start->tls);
    t->user_table = p->as->table();
    p->start = nullptr;
    try_delete(start);
    run_user(p, f);
  }
  arch::TrapFrame f;
  Error e = exec_into(p, *start->exec, &f, start->why, sizeof(start->why));
  // Interrupts stay masked from `done` to the wake: the spawner frees `start` as soon as it
  // sees `done`, so no switch may come between (one CPU).
  u64 irq = arch::irq_save();
  {
    SpinLockGuard g(start->done_wq.lock());
    start->result = e;
    start->done = true;
  }
  start->done_wq.wake_all();  // the spawner owns start from here on
  arch::irq_restore(irq);
  p->start = nullptr;
  if (e != Error::Ok) exit_current(127, 0);
  run_user(p, f);
}

Process* new_process() {
  auto* p = try_new<Process>();
  if (!p) return nullptr;
  p->files = try_new<FileTable>();
  if (!p->files) {
    try_delete(p);
    return nullptr;
  }
  p->stats.start_ns = sched::now_ns();
  return p;
}

void drop_process(Process* p) {
  if (p->as) AddressSpace::destroy(p->as);
  free_process(p);
}

}  // namespace


Process* current_process() {
  if (!sched::started()) return nullptr;
  return static_cast<Process*>(sched::current()->process);
}

Process* find_process(u32 pid) {
  for (usize i = 0; i < kMaxProcesses; ++i)
    if (table[i] && table[i]->pid == pid) return table[i];
  return nullptr;
}

Process* process_at(usize slot) { return slot < kMaxProcesses ? table[slot] : nullptr; }

namespace {

// A new process that never got a slot in the table: nothing else knows it yet.
void discard_unlisted(Process* p) {
  try_delete(p->files);
  if (p->as) AddressSpace::destroy(p->as);
  try_delete(p);
}

// Gives a listed process its kernel thread (process_main runs `start`). On failure the start
// record is freed and the process dropped from the table.
Error start_thread(Process* p, StartInfo* start) {
  p->start = start;
  sched::SpawnOptions opt;
  opt.detached = true;
  opt.stack_bytes = kProcessStackBytes;
  opt.reserve_top = sizeof(arch::TrapFrame);
  auto t = sched::spawn(p->name, process_main, p, opt);
  if (t.ok()) return Error::Ok;
  try_delete(start);
  p->start = nullptr;
  drop_process(p);
  return t.error();
}

}  // namespace

Result<Process*> spawn(const SpawnRequest& req) {
  if (!req.path || !req.argv) return Error::Invalid;
  Process* p = new_process();
  if (!p) return Error::NoMemory;
  auto* start = try_new<StartInfo>();
  ExecArgs* args = start ? ExecArgs::from_kernel(req.path, req.argv, req.envp) : nullptr;
  if (!start || !args) {
    try_delete(start);
    discard_unlisted(p);
    return Error::NoMemory;
  }
  start->exec = args;
  for (int fd = 0; fd < 3; ++fd) {
    auto* f = static_cast<File*>(req.stdio[fd]);
    if (!f) f = make_file<NullFile>(linux::O_RDWR);
    else f->ref();
    if (f) (void)p->files->install_at(fd, f, false);
  }
  Error slot = Error::Ok;
  {
    SpinLockGuard g(process_table_lock);
    Result<u32> pid = alloc_slot(p);
    slot = pid.error();
    p->ppid = 0;
    p->pgid = p->pid;
    p->sid = p->pid;
    p->kernel_waits = true;
  }
  if (slot != Error::Ok) {
    try_delete(args);
    try_delete(start);
    discard_unlisted(p);
    return slot;
  }
  set_process_names(p, req.path, req.argv);
  if (Error e = start_thread(p, start); e != Error::Ok) {
    try_delete(args);
    return e;
  }
  start->done_wq.wait_until([&] { return start->done; });
  Error e = start->result;
  if (req.why && req.why_cap) copy_cstr(req.why, req.why_cap, StrView(start->why));
  try_delete(args);
  try_delete(start);
  if (e != Error::Ok) {
    (void)wait_and_reap(p);
    return e;
  }
  return p;
}

int wait_for_exit(Process* p) {
  p->exit_wait.wait_until([&] { return p->state == ProcState::Zombie; });
  return p->wait_status;
}

void release_process(Process* p) { free_process(p); }

int wait_and_reap(Process* p) {
  int status = wait_for_exit(p);
  free_process(p);
  return status;
}

Result<u32> fork_current(arch::TrapFrame* frame, bool vfork, const CloneExtras& extra) {
  Process* parent = current_process();
  if (!parent) return Error::Invalid;
  Process* child = new_process();
  if (!child) return Error::NoMemory;
  auto* start = try_new<StartInfo>();
  if (!start) {
    discard_unlisted(child);
    return Error::NoMemory;
  }
  Result<AddressSpace*> as = parent->as->fork();
  Error e = as.error();
  if (e == Error::Ok) {
    child->as = as.value();
    e = parent->files->clone_into(*child->files);
  }
  if (e == Error::Ok) {
    SpinLockGuard g(process_table_lock);
    Result<u32> pid = alloc_slot(child);
    e = pid.error();
    child->ppid = parent->pid;
    child->pgid = parent->pgid;
    child->sid = parent->sid;
  }
  if (e != Error::Ok) {
    try_delete(start);
    discard_unlisted(child);
    return e;
  }
  memcpy(child->name, parent->name, sizeof(child->name));
  memcpy(child->cmdline, parent->cmdline, sizeof(child->cmdline));
  memcpy(child->exe, parent->exe, sizeof(child->exe));
  child->image_bias = parent->image_bias;
  child->image_start = parent->image_start;
  child->image_end = parent->image_end;
  for (int i = 0; i < linux::kSignalCount; ++i) child->actions[i] = parent->actions[i];
  child->sig_blocked = parent->sig_blocked;
  child->altstack_sp = parent->altstack_sp;  // fork keeps the alternate stack (same addresses)
  child->altstack_size = parent->altstack_size;
  child->altstack_autodisarm = parent->altstack_autodisarm;
  start->is_fork = true;
  start->frame = *frame;
  start->frame.x[0] = 0;
  sched::fp_copy_current(&start->fp);
  start->tls = extra.set_tls ? extra.tls : arch::user_tls();
  if (extra.stack) start->frame.sp = extra.stack;
  child->clear_child_tid = extra.clear_tid;
  if (extra.child_tid) {
    u32 cpid = child->pid;
    AddressSpaceMemory cmem(child->as);
    (void)cmem.copy_out(extra.child_tid, &cpid, sizeof(cpid));  // as Linux: a bad pointer is ignored
  }
  if (vfork) child->vfork_parent = static_cast<int>(parent->pid);
  TRY(start_thread(child, start));
  u32 pid = child->pid;
  if (vfork) {
    // The child runs first and the parent sleeps until it execs or exits (its memory is a
    // copy here, so the parent's is safe either way; the wait keeps vfork's ordering).
    parent->child_wait.wait_until([&] {
      SpinLockGuard g(process_table_lock);
      Process* c = find_process(pid);
      return !c || c->vfork_done;
    });
  }
  return pid;
}

void vfork_release(Process* p) {
  if (!p->vfork_parent) return;
  Process* parent = nullptr;
  {
    SpinLockGuard g(process_table_lock);
    p->vfork_done = true;
    parent = find_process(static_cast<u32>(p->vfork_parent));
    p->vfork_parent = 0;
  }
  if (parent) parent->child_wait.wake_all();
}

void exit_current(int code, int signal) {
  Process* p = current_process();
  SIS_ASSERT_MSG(p, "exit_current from a kernel thread");
  sched::Thread* t = sched::current();
  // Release what the process holds while it can still block (closing a pipe end wakes a
  // reader; an ext4 file may need the command lock).
  p->files->close_all();
  arch::irq_disable();
  arch::activate_page_table(arch::kernel_page_table());
  t->user_table = {};
  arch::irq_enable();
  if (p->as) {  // none when the first exec failed before building one (no such file)
    p->mem_at_exit = p->as->stats();
    AddressSpace::destroy(p->as);
    p->as = nullptr;
  }
  p->stats.cpu_ns = t->stats.run_ns;
  vfork_release(p);

  arch::irq_disable();  // from here to the switch nothing else runs on this CPU
  Process* parent = nullptr;
  Process* orphans_to_free[kMaxProcesses];
  usize norphans = 0;
  bool free_self = false;
  {
    SpinLockGuard g(process_table_lock);
    for (usize i = 0; i < kMaxProcesses; ++i) {
      Process* c = table[i];
      if (!c || c->ppid != p->pid) continue;
      c->ppid = 0;  // re-parented to the kernel, which reaps it
      if (c->state == ProcState::Zombie && !c->kernel_waits) orphans_to_free[norphans++] = c;
    }
    p->wait_status = signal ? (signal & 0x7f) : ((code & 0xff) << 8);
    p->fatal_signal = signal;
    p->state = ProcState::Zombie;
    t->process = nullptr;
    if (p->ppid) parent = find_process(p->ppid);
    free_self = !parent && !p->kernel_waits;
  }
  for (usize i = 0; i < norphans; ++i) free_process(orphans_to_free[i]);
  if (parent) {
    send_signal(parent, linux::SIGCHLD);
    parent->child_wait.wake_all();
  }
  p->exit_wait.wake_all();
  if (free_self) free_process(p);
  sched::exit(code);
}

namespace {
bool child_matches(const Process* c, const Process* parent, i64 pid) {
  if (c->ppid != parent->pid) return false;
  if (pid > 0) return c->pid == static_cast<u32>(pid);
  if (pid == -1) return true;
  if (pid == 0) return c->pgid == parent->pgid;
  return c->pgid == static_cast<u32>(-pid);
}
}  // namespace

namespace {

// A child with something to report to a wait for `what`: an exit (zombie), a stop or a
// continue not yet reported. Caller holds process_table_lock.
bool reportable(const Process* c, u32 what) {
  if (c->state == ProcState::Zombie) return what & kWaitExited;
  return ((what & kWaitStopped) && c->stop_to_report) || ((what & kWaitContinued) && c->cont_to_report);
}

}  // namespace

Result<u32> wait_child(i64 pid, int* status, bool nohang, u32 what, bool* interrupted) {
  Process* me = current_process();
  *interrupted = false;
  for (;;) {
    Process* zombie = nullptr;
    bool any = false;
    {
      SpinLockGuard g(process_table_lock);
      for (usize i = 0; i < kMaxProcesses; ++i) {
        Process* c = table[i];
        if (!c || !child_matches(c, me, pid)) continue;
        any = true;
        if (!reportable(c, what)) continue;
        if (c->state == ProcState::Zombie) {
          zombie = c;
          break;
        }
        // A stop or a continue: reported once, the child stays.
        if ((what & kWaitStopped) && c->stop_to_report) {
          c->stop_to_report = false;
          *status = (c->stop_signal << 8) | 0x7f;
        } else {
          c->cont_to_report = false;
          *status = 0xffff;
        }
        return c->pid;
      }
    }
    if (!any) return Error::NoChild;
    if (zombie) {
      *status = zombie->wait_status;
      u32 zpid = zombie->pid;
      me->stats.children_cpu_ns += zombie->stats.cpu_ns;
      free_process(zombie);
      return zpid;
    }
    if (nohang) return u32{0};
    bool stop = false;
    me->child_wait.wait_until([&] {
      {
        SpinLockGuard g(process_table_lock);
        for (usize i = 0; i < kMaxProcesses; ++i) {
          Process* c = table[i];
          if (c && child_matches(c, me, pid) && reportable(c, what)) return true;
        }
      }
      stop = signal_pending_for_current();  // a child's news first: SIGCHLD itself must not win
      return stop;
    });
    if (stop) {
      *interrupted = true;
      return Error::Interrupted;
    }
  }
}

Error set_pgid(u32 pid, u32 pgid) {
  Process* me = current_process();
  SpinLockGuard g(process_table_lock);
  Process* p = pid == 0 ? me : find_process(pid);
  if (!p || (p != me && p->ppid != me->pid)) return Error::NoProcess;
  if (p->sid != me->sid) return Error::NotPermitted;
  if (p->pid == p->sid) return Error::NotPermitted;  // a session leader keeps its group
  if (pgid == 0) pgid = p->pid;
  if (pgid != p->pid) {
    bool exists = false;
    for (usize i = 0; i < kMaxProcesses; ++i)
      if (table[i] && table[i]->pgid == pgid && table[i]->sid == me->sid) exists = true;
    if (!exists) return Error::NotPermitted;
  }
  p->pgid = pgid;
  return Error::Ok;
}

Result<u32> get_pgid(u32 pid) {
  SpinLockGuard g(process_table_lock);
  Process* p = pid == 0 ? current_process() : find_process(pid);
  if (!p) return Error::NoProcess;
  return p->pgid;
}

Result<u32> get_sid(u32 pid) {
  SpinLockGuard g(process_table_lock);
  Process* p = pid == 0 ? current_process() : find_process(pid);
  if (!p) return Error::NoProcess;
  return p->sid;
}

Result<u32> new_session() {
  Process* me = current_process();
  SpinLockGuard g(process_table_lock);
  for (usize i = 0; i < kMaxProcesses; ++i)
    if (table[i] && table[i]->pgid == me->pid && table[i] != me) return Error::NotPermitted;
  if (me->pgid == me->pid) return Error::NotPermitted;
  me->sid = me->pid;
  me->pgid = me->pid;
  return me->sid;
}

usize process_snapshot(ProcessInfo* out, usize cap) {
  usize n = 0;
  SpinLockGuard g(process_table_lock);
  for (usize i = 0; i < kMaxProcesses && n < cap; ++i) {
    Process* p = table[i];
    if (!p) continue;
    ProcessInfo& o = out[n++];
    o.pid = p->pid;
    o.ppid = p->ppid;
    o.pgid = p->pgid;
    o.sid = p->sid;
    o.tid = p->state == ProcState::Running ? p->tid : 0;
    o.state = p->state;
    memcpy(o.name, p->name, sizeof(o.name));
    memcpy(o.cmdline, p->cmdline, sizeof(o.cmdline));
    const MemStats& m = p->as ? p->as->stats() : p->mem_at_exit;
    o.rss_pages = p->as ? m.resident_pages : 0;
    o.peak_rss_pages = m.peak_resident;
    o.cpu_ns = (p->state == ProcState::Running && p->thread) ? p->thread->stats.run_ns : p->stats.cpu_ns;
    o.syscalls = p->stats.syscalls;
    o.faults = m.minor_faults + m.cow_faults;
    o.cow_copies = m.cow_copies;
    o.wait_status = p->wait_status;
    o.stopped = p->stopped;
  }
  return n;
}

usize process_count() {
  SpinLockGuard g(process_table_lock);
  usize n = 0;
  for (usize i = 0; i < kMaxProcesses; ++i) n += table[i] != nullptr;
  return n;
}

}  // namespace sis::proc
