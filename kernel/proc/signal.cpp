// Signals: see signal.h. Frame layout facts from Linux's arch/arm64 uapi headers
// (sigcontext.h, ucontext.h) and signal.c.
#include "proc/signal.h"
#include "proc/signal_hook.h"

#include "arch/aarch64/trap_frame.h"
#include "core/klog.h"
#include "lib/string.h"
#include "proc/frames.h"
#include "proc/user_access.h"
#include "proc/user_layout.h"
#include "proc/user_symbols.h"
#include "sched/scheduler.h"

namespace sis::proc {
namespace {

using namespace linux;

constexpr u64 kSigDfl = 0, kSigIgn = 1;
constexpr u64 SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000, SA_RESTORER = 0x04000000,
              SA_RESTART = 0x10000000, SA_ONSTACK = 0x08000000;
constexpr u32 SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1u << 31;
constexpr u64 bit(int sig) { return 1ull << (sig - 1); }
constexpr u64 kUnblockable = bit(SIGKILL) | bit(SIGSTOP);

// rt_sigframe: siginfo (128) + ucontext; the sigcontext at 304, its __reserved at 592.
constexpr usize kInfo = 0, kUcontext = 128, kUcFlags = kUcontext + 0, kUcStack = kUcontext + 16,
                kUcSigmask = kUcontext + 40, kMcontext = kUcontext + 176, kFaultAddr = kMcontext + 0,
                kRegs = kMcontext + 8, kSp = kMcontext + 256, kPc = kMcontext + 264, kPstate = kMcontext + 272,
                kReserved = kMcontext + 288, kFrameSize = kReserved + 4096;
constexpr u32 kFpsimdMagic = 0x46508001, kFpsimdSize = 528;
static_assert(kFrameSize == 4688);

u64 trampoline_frame = 0;  // the one page all processes map (refcounted like any frame)

bool default_stops(int sig) { return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU; }

void put32(u8* p, u32 v) { memcpy(p, &v, 4); }
void put64(u8* p, u64 v) { memcpy(p, &v, 8); }
u64 get64(const u8* p) {
  u64 v;
  memcpy(&v, p, 8);
  return v;
}

const char* fault_kind(int sig) {
  switch (sig) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGILL: return "illegal instruction";
    case SIGTRAP: return "breakpoint";
    default: return "signal";
  }
}

[[noreturn]] void die(Process* p, int sig) {
  arch::irq_enable();  // symbolizing reads the program file
  if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP) {
    char pc_name[112], lr_name[112];
    describe_user_pc(p, p->fault_pc, pc_name, sizeof(pc_name));
    describe_user_pc(p, p->fault_lr, lr_name, sizeof(lr_name));
    // Two lines: a log entry holds 116 characters and function names can be long.
    SIS_KLOG(Warn, "proc", "pid %u (%s) killed by %s (%s), address 0x%llx%s", p->pid, p->name, signal_name(sig),
             fault_kind(sig), static_cast<unsigned long long>(p->fault_addr),
             p->fault_addr >= 0x4000'0000 && p->fault_addr < 0x1'0000'0000 ? " (kernel memory: EL1 only)" : "");
    SIS_KLOG(Warn, "proc", "pid %u pc 0x%llx <%s> lr 0x%llx <%s>", p->pid, static_cast<unsigned long long>(p->fault_pc),
             pc_name, static_cast<unsigned long long>(p->fault_lr), lr_name);
  }
  exit_current(0, sig);
}

// A stop signal's default action: the process parks until SIGCONT or SIGKILL, and its parent
// hears of it (SIGCHLD unless it asked for SA_NOCLDSTOP; wait4 with WUNTRACED).
void stop_current(Process* p, int sig) {
  constexpr u64 SA_NOCLDSTOP = 1;
  Process* parent = nullptr;
  bool tell = false;
  {
    SpinLockGuard g(process_table_lock);
    if (p->sig_pending & bit(SIGKILL)) return;
    p->stopped = true;
    p->stop_signal = sig;
    p->stop_to_report = true;
    p->cont_to_report = false;
    if (p->ppid) parent = find_process(p->ppid);
    tell = parent && !(parent->actions[SIGCHLD - 1].flags & SA_NOCLDSTOP);
  }
  if (parent) {
    if (tell) send_signal(parent, SIGCHLD);
    parent->child_wait.wake_all();
  }
  arch::irq_enable();
  p->stop_wait.wait_until([&] {
    SpinLockGuard g(process_table_lock);
    return !p->stopped || (p->sig_pending & bit(SIGKILL));
  });
  arch::irq_disable();
}

// Builds the handler's frame on the user stack and points the registers at the handler.
bool setup_frame(Process* p, arch::TrapFrame* f, int sig, const SigAction& act) {
  u8 frame[kFrameSize + 16];
  memset(frame, 0, sizeof(frame));
  put32(frame + kInfo + 0, static_cast<u32>(sig));
  if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGTRAP) put64(frame + kInfo + 16, p->fault_addr);
  put64(frame + kUcFlags, 0);
  // uc_stack: the alternate stack as it was, and whether the interrupted code ran on it.
  bool was_on_alt = on_altstack(p, f->sp);
  put64(frame + kUcStack + 0, p->altstack_sp);
  put32(frame + kUcStack + 8, p->altstack_size == 0 ? SS_DISABLE
                              : (was_on_alt ? SS_ONSTACK : 0) | (p->altstack_autodisarm ? SS_AUTODISARM : 0));
  put64(frame + kUcStack + 16, p->altstack_size);
  put64(frame + kUcSigmask, p->restore_mask ? p->mask_after_handler : p->sig_blocked);
  put64(frame + kFaultAddr, p->fault_addr);
  for (int i = 0; i < 31; ++i) put64(frame + kRegs + 8 * i, f->x[i]);
  put64(frame + kSp, f->sp);
  put64(frame + kPc, f->elr);
  put64(frame + kPstate, f->spsr);
  arch::FpState fp;
  sched::fp_copy_current(&fp);
  put32(frame + kReserved + 0, kFpsimdMagic);
  put32(frame + kReserved + 4, kFpsimdSize);
  put32(frame + kReserved + 8, static_cast<u32>(fp.fpsr));
  put32(frame + kReserved + 12, static_cast<u32>(fp.fpcr));
  memcpy(frame + kReserved + 16, fp.q, sizeof(fp.q));
  // The terminator record {0, 0} follows (already zero). Then a frame record {x29, x30}.
  put64(frame + kFrameSize, f->x[29]);
  put64(frame + kFrameSize + 8, f->x[30]);

  u64 top = f->sp;
  bool to_alt = (act.flags & SA_ONSTACK) && p->altstack_size != 0 && !was_on_alt;
  if (to_alt) top = p->altstack_sp + p->altstack_size;
  u64 sp = (top - sizeof(frame)) & ~15ull;
  AddressSpaceMemory mem(p->as);
  if (mem.copy_out(sp, frame, sizeof(frame)) != Error::Ok) return false;
  f->x[0] = static_cast<u64>(sig);
  f->x[1] = sp + kInfo;
  f->x[2] = sp + kUcontext;
  f->x[29] = sp + kFrameSize;
  f->x[30] = (act.flags & SA_RESTORER) && act.restorer ? act.restorer : kSigreturnTrampoline;
  f->sp = sp;
  f->elr = act.handler;
  f->spsr = 0;
  u64 base = p->restore_mask ? p->mask_after_handler : p->sig_blocked;
  p->restore_mask = false;
  p->sig_blocked = (base | act.mask | ((act.flags & SA_NODEFER) ? 0 : bit(sig))) & ~kUnblockable;
  if (act.flags & SA_RESETHAND) p->actions[sig - 1] = SigAction{};
  if (to_alt && p->altstack_autodisarm) p->altstack_sp = p->altstack_size = 0;  // sigreturn re-arms it
  return true;
}

}  // namespace

bool on_altstack(const Process* p, u64 sp) {
  return p->altstack_size != 0 && sp > p->altstack_sp && sp - p->altstack_sp <= p->altstack_size;
}

bool default_ignores(int sig) { return sig == SIGCHLD || sig == SIGCONT || sig == 23 /* SIGURG */ || sig == SIGWINCH; }

void send_signal(Process* p, int sig) {
  if (!p || sig < 1 || sig > kSignalCount) return;
  sched::Thread* t = nullptr;
  Process* parent = nullptr;
  bool resumed = false;
  {
    SpinLockGuard g(process_table_lock);
    if (p->state != ProcState::Running) return;
    // Job control, whatever the action: SIGCONT resumes a stopped process and cancels
    // pending stops; a stop signal cancels a pending SIGCONT (as Linux's prepare_signal).
    if (sig == SIGCONT) {
      p->sig_pending &= ~(bit(SIGSTOP) | bit(SIGTSTP) | bit(SIGTTIN) | bit(SIGTTOU));
      if (p->stopped) {
        p->stopped = false;
        p->stop_to_report = false;
        p->cont_to_report = true;
        resumed = true;
        if (p->ppid) parent = find_process(p->ppid);
      }
    } else if (default_stops(sig)) {
      p->sig_pending &= ~bit(SIGCONT);
    }
    const SigAction& a = p->actions[sig - 1];
    bool ignored = a.handler == kSigIgn || (a.handler == kSigDfl && default_ignores(sig));
    if (!ignored || sig == SIGKILL || sig == SIGSTOP) {
      p->sig_pending |= bit(sig);
      t = p->thread;
    }
  }
  if (resumed || sig == SIGKILL) p->stop_wait.wake_all();
  if (parent) {
    send_signal(parent, SIGCHLD);  // CLD_CONTINUED
    parent->child_wait.wake_all();
  }
  if (t) sched::wake(t);  // a blocked call sees the signal and returns EINTR
}

void force_signal(Process* p, int sig, u64 addr, u64 pc) {
  {
    SpinLockGuard g(process_table_lock);
    SigAction& a = p->actions[sig - 1];
    if (a.handler == kSigIgn || (p->sig_blocked & bit(sig))) a = SigAction{};
    p->sig_blocked &= ~bit(sig);
    p->fault_addr = addr;
    p->fault_pc = pc;
    p->sig_pending |= bit(sig);
  }
}

Error kill_processes(i64 pid, int sig) {
  if (sig < 0 || sig > kSignalCount) return Error::Invalid;
  Process* me = current_process();
  Process* targets[kMaxProcesses];
  usize n = 0;
  // Collect the matching processes under the lock, signal them after.
  {
    SpinLockGuard g(process_table_lock);
    for (u32 i = 0; i < kMaxProcesses; ++i) {
      Process* p = process_at(i);
      if (!p || p->state != ProcState::Running) continue;
      bool match = pid > 0    ? p->pid == static_cast<u32>(pid)
                   : pid == 0 ? (me && p->pgid == me->pgid)
                   : pid == -1 ? p != me
                               : p->pgid == static_cast<u32>(-pid);
      if (match) targets[n++] = p;
    }
  }
  if (n == 0) return Error::NoProcess;
  if (sig == 0) return Error::Ok;
  for (usize i = 0; i < n; ++i) send_signal(targets[i], sig);
  return Error::Ok;
}

void signal_pgrp(int pgid, int sig) {
  if (pgid > 0) (void)kill_processes(-static_cast<i64>(pgid), sig);
}

bool signal_pending_for_current() {
  Process* p = current_process();
  return p && (p->sig_pending & ~(p->sig_blocked & ~kUnblockable)) != 0;
}

// An interrupted call runs again: the original first argument back in x0 and the pc on
// its svc, as if user mode had not yet made it (the handler's frame, if any, saves that).
void restart_syscall(Process* p, arch::TrapFrame* f) {
  f->x[0] = p->restart_x0;
  f->elr -= 4;
}

CallerJob caller_job(int sig) {
  CallerJob job;
  Process* me = current_process();
  if (!me || sig < 1 || sig > kSignalCount) return job;
  SpinLockGuard g(process_table_lock);
  job.pgid = static_cast<int>(me->pgid);
  job.sid = static_cast<int>(me->sid);
  job.sig_acts = me->actions[sig - 1].handler != kSigIgn && !(me->sig_blocked & bit(sig));
  // POSIX: a group is orphaned when no member has a parent in another group of its session
  // (that parent, a shell, is who could continue it).
  job.orphaned = true;
  for (u32 i = 0; i < kMaxProcesses && job.orphaned; ++i) {
    Process* q = process_at(i);
    if (!q || q->state != ProcState::Running || q->pgid != me->pgid) continue;
    Process* parent = q->ppid ? find_process(q->ppid) : nullptr;
    if (parent && parent->state == ProcState::Running && parent->pgid != me->pgid && parent->sid == me->sid)
      job.orphaned = false;
  }
  return job;
}

void deliver_signals(arch::TrapFrame* f) {
  Process* p = current_process();
  if (!p) return;
  SyscallRestart restart = p->restart;  // only for the return from that call
  p->restart = SyscallRestart::None;
  for (;;) {
    u64 ready = p->sig_pending & ~(p->sig_blocked & ~kUnblockable);
    if (!ready) {
      // Nothing more to deliver and no handler ran: the call goes on (a stop and continue,
      // an ignored signal), as on Linux.
      if (restart != SyscallRestart::None) restart_syscall(p, f);
      return;
    }
    int sig = __builtin_ctzll(ready) + 1;
    SigAction act;
    {
      SpinLockGuard g(process_table_lock);
      p->sig_pending &= ~bit(sig);
      act = p->actions[sig - 1];
    }
    if (sig == SIGKILL) die(p, sig);
    if (act.handler == kSigIgn) continue;
    if (act.handler == kSigDfl || sig == SIGSTOP) {
      if (default_ignores(sig)) continue;
      if (default_stops(sig)) {
        stop_current(p, sig);
        continue;  // resumed: SIGKILL or more signals may be pending
      }
      die(p, sig);
    }
    if (restart == SyscallRestart::UnlessHandlerSaysNo && (act.flags & SA_RESTART)) restart_syscall(p, f);
    if (!setup_frame(p, f, sig, act)) {
      // No room for the frame (a bad stack): Linux kills with SIGSEGV.
      p->fault_addr = f->sp;
      p->fault_pc = f->elr;
      die(p, SIGSEGV);
    }
    return;  // one handler per return to user mode; the next runs after it
  }
}

i64 sigreturn(Process* p, arch::TrapFrame* f) {
  u8 frame[kFrameSize];
  AddressSpaceMemory mem(p->as);
  if (mem.copy_in(frame, f->sp, sizeof(frame)) != Error::Ok) {
    force_signal(p, SIGSEGV, f->sp, f->elr);
    return 0;
  }
  for (int i = 0; i < 31; ++i) f->x[i] = get64(frame + kRegs + 8 * i);
  f->sp = get64(frame + kSp);
  f->elr = get64(frame + kPc);
  f->spsr = get64(frame + kPstate) & 0xf000'0000ull;  // flags only: EL0t, interrupts on
  p->sig_blocked = get64(frame + kUcSigmask) & ~kUnblockable;
  // The alternate stack as the frame recorded it (Linux's restore_altstack): this re-arms an
  // SS_AUTODISARM stack. Checked as sigaltstack checks it (the frame is user memory): not
  // while still on the alternate stack, and never a stack too small or wrapping around.
  u32 ss_flags;
  memcpy(&ss_flags, frame + kUcStack + 8, 4);
  u64 ss_sp = get64(frame + kUcStack + 0), ss_size = get64(frame + kUcStack + 16);
  bool off = ss_flags & SS_DISABLE;
  if (!on_altstack(p, f->sp) && (off || (ss_size >= kMinSigStackSize && ss_sp + ss_size >= ss_sp))) {
    p->altstack_sp = off ? 0 : ss_sp;
    p->altstack_size = off ? 0 : ss_size;
    p->altstack_autodisarm = !off && (ss_flags & SS_AUTODISARM);
  }
  u32 magic, size;
  memcpy(&magic, frame + kReserved, 4);
  memcpy(&size, frame + kReserved + 4, 4);
  if (magic == kFpsimdMagic && size == kFpsimdSize) {
    arch::FpState fp;
    u32 fpsr, fpcr;
    memcpy(&fpsr, frame + kReserved + 8, 4);
    memcpy(&fpcr, frame + kReserved + 12, 4);
    fp.fpsr = fpsr;
    fp.fpcr = fpcr;
    memcpy(fp.q, frame + kReserved + 16, sizeof(fp.q));
    sched::fp_set_current(&fp);
  }
  return static_cast<i64>(f->x[0]);
}

void reset_signals_for_exec(Process* p) {
  SpinLockGuard g(process_table_lock);
  p->altstack_sp = p->altstack_size = 0;  // the old image's memory is gone
  p->altstack_autodisarm = false;
  for (int i = 0; i < kSignalCount; ++i)
    if (p->actions[i].handler != kSigIgn) p->actions[i] = SigAction{};
}

Error signals_init() {
  trampoline_frame = TRY(frame_alloc_zeroed());
  const u32 code[] = {0xd2801168,   // mov x8, #139 (rt_sigreturn)
                      0xd4000001};  // svc #0
  memcpy(frame_ptr(trampoline_frame), code, sizeof(code));
  arch::sync_icache(frame_ptr(trampoline_frame), sizeof(code));
  return Error::Ok;
}

Error map_sigreturn_trampoline(AddressSpace* as) {
  TRY(as->add(kSigreturnTrampoline, kSigreturnTrampoline + kUserPage, kProtRead | kProtExec, VmaKind::Trampoline));
  frame_get(trampoline_frame);
  Error e = as->map_frame(kSigreturnTrampoline, trampoline_frame);
  if (e != Error::Ok) frame_put(trampoline_frame);
  return e;
}

}  // namespace sis::proc
