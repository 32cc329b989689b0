// Signal system calls: rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend,
// rt_sigreturn, sigaltstack, kill, tkill, tgkill.
#include "arch/aarch64/trap_frame.h"
#include "lib/string.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/syscall.h"

namespace sis::proc {
namespace {

using namespace linux;

constexpr u64 bit(int sig) { return 1ull << (sig - 1); }
constexpr u64 kUnblockable = bit(SIGKILL) | bit(SIGSTOP);

bool valid_signal(u64 sig) { return sig >= 1 && sig <= static_cast<u64>(kSignalCount); }

// rt_sigaction(sig, act, oldact, sigsetsize)
i64 sys_rt_sigaction(SyscallContext& c, const SyscallArgs& a) {
  u64 sig = a.a[0];
  if (!valid_signal(sig) || a.a[3] != 8) return -EINVAL;
  Process* p = c.process;
  SigAction old = p->actions[sig - 1];
  if (a.a[1]) {
    if (sig == SIGKILL || sig == SIGSTOP) return -EINVAL;
    SigAction act;
    if (c.mem->copy_in(&act, a.a[1], sizeof(act)) != Error::Ok) return -EFAULT;
    act.mask &= ~kUnblockable;
    {
      SpinLockGuard g(process_table_lock);
      p->actions[sig - 1] = act;
      // Setting SIG_IGN (or SIG_DFL for a signal ignored by default) discards a pending one.
      if (act.handler == 1 || (act.handler == 0 && default_ignores(static_cast<int>(sig)))) p->sig_pending &= ~bit(static_cast<int>(sig));
    }
  }
  if (a.a[2] && c.mem->copy_out(a.a[2], &old, sizeof(old)) != Error::Ok) return -EFAULT;
  return 0;
}

// rt_sigprocmask(how, set, oldset, sigsetsize)
i64 sys_rt_sigprocmask(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[3] != 8) return -EINVAL;
  Process* p = c.process;
  u64 old = p->sig_blocked;
  if (a.a[1]) {
    u64 set;
    if (c.mem->copy_in(&set, a.a[1], 8) != Error::Ok) return -EFAULT;
    u64 next;
    switch (a.a[0]) {
      case 0: next = old | set; break;   // SIG_BLOCK
      case 1: next = old & ~set; break;  // SIG_UNBLOCK
      case 2: next = set; break;         // SIG_SETMASK
      default: return -EINVAL;
    }
    p->sig_blocked = next & ~kUnblockable;
  }
  if (a.a[2] && c.mem->copy_out(a.a[2], &old, 8) != Error::Ok) return -EFAULT;
  return 0;
}

i64 sys_rt_sigpending(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[1] != 8) return -EINVAL;
  u64 pending = c.process->sig_pending & c.process->sig_blocked;
  return c.mem->copy_out(a.a[0], &pending, 8) == Error::Ok ? 0 : -EFAULT;
}

// rt_sigsuspend(mask, sigsetsize): waits with `mask` for a signal; the handler's return
// restores the old mask. Always EINTR.
i64 sys_rt_sigsuspend(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[1] != 8) return -EINVAL;
  u64 mask;
  if (c.mem->copy_in(&mask, a.a[0], 8) != Error::Ok) return -EFAULT;
  Process* p = c.process;
  p->mask_after_handler = p->sig_blocked;
  p->restore_mask = true;
  p->sig_blocked = mask & ~kUnblockable;
  sched::WaitQueue wq;
  wq.wait_until([] { return signal_pending_for_current(); });
  return -EINTR;
}

i64 sys_rt_sigreturn(SyscallContext& c, const SyscallArgs&) { return sigreturn(c.process, c.process->frame); }

// sigaltstack(ss, old_ss): stack_t is {ss_sp at 0, ss_flags (int) at 8, ss_size at 16}.
i64 sys_sigaltstack(SyscallContext& c, const SyscallArgs& a) {
  constexpr u32 SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1u << 31;
  Process* p = c.process;
  bool on = on_altstack(p, p->frame->sp);
  u8 old[24] = {};
  memcpy(old, &p->altstack_sp, 8);
  u32 old_flags = p->altstack_size == 0 ? SS_DISABLE : (on ? SS_ONSTACK : 0) | (p->altstack_autodisarm ? SS_AUTODISARM : 0);
  memcpy(old + 8, &old_flags, 4);
  memcpy(old + 16, &p->altstack_size, 8);
  if (a.a[0]) {
    u8 ss[24];
    if (c.mem->copy_in(ss, a.a[0], sizeof(ss)) != Error::Ok) return -EFAULT;
    if (on) return -EPERM;  // the stack a handler runs on cannot change under it
    u32 flags;
    u64 sp, size;
    memcpy(&sp, ss, 8);
    memcpy(&flags, ss + 8, 4);
    memcpy(&size, ss + 16, 8);
    u32 mode = flags & ~SS_AUTODISARM;
    if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE) return -EINVAL;
    if (mode == SS_DISABLE) {
      sp = size = 0;
    } else if (size < kMinSigStackSize) {
      return -ENOMEM;
    } else if (sp + size < sp) {
      return -EINVAL;
    }
    p->altstack_sp = sp;
    p->altstack_size = size;
    p->altstack_autodisarm = mode != SS_DISABLE && (flags & SS_AUTODISARM);
  }
  if (a.a[1] && c.mem->copy_out(a.a[1], old, sizeof(old)) != Error::Ok) return -EFAULT;
  return 0;
}

i64 sys_kill(SyscallContext&, const SyscallArgs& a) {
  i64 pid = static_cast<i32>(a.a[0]);
  u64 sig = a.a[1];
  if (sig > static_cast<u64>(kSignalCount)) return -EINVAL;
  return neg_errno(kill_processes(pid, static_cast<int>(sig)));
}

i64 sys_tgkill(SyscallContext&, const SyscallArgs& a) {
  i64 tgid = static_cast<i32>(a.a[0]), tid = static_cast<i32>(a.a[1]);
  if (tgid <= 0 || tid <= 0 || a.a[2] > static_cast<u64>(kSignalCount)) return -EINVAL;
  if (tgid != tid) return -ESRCH;  // one thread per process: the tid is the pid
  return neg_errno(kill_processes(tid, static_cast<int>(a.a[2])));
}

i64 sys_tkill(SyscallContext&, const SyscallArgs& a) {
  i64 tid = static_cast<i32>(a.a[0]);
  if (tid <= 0 || a.a[1] > static_cast<u64>(kSignalCount)) return -EINVAL;
  return neg_errno(kill_processes(tid, static_cast<int>(a.a[1])));
}

const SyscallEntry kEntries[] = {
    {SYS_rt_sigaction, "rt_sigaction", sys_rt_sigaction},
    {SYS_rt_sigprocmask, "rt_sigprocmask", sys_rt_sigprocmask},
    {SYS_rt_sigpending, "rt_sigpending", sys_rt_sigpending},
    {SYS_rt_sigsuspend, "rt_sigsuspend", sys_rt_sigsuspend},
    {SYS_rt_sigreturn, "rt_sigreturn", sys_rt_sigreturn},
    {SYS_sigaltstack, "sigaltstack", sys_sigaltstack},
    {SYS_kill, "kill", sys_kill},
    {SYS_tgkill, "tgkill", sys_tgkill},
    {SYS_tkill, "tkill", sys_tkill},
};

}  // namespace

SyscallGroup signal_syscalls() { return {kEntries, sizeof(kEntries) / sizeof(kEntries[0])}; }

}  // namespace sis::proc
