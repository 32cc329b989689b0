// Signal system calls: rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend,
// rt_sigreturn, sigaltstack, kill, tkill, tgkill.
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

// sigaltstack: no alternate stacks; the old one is reported as disabled.
i64 sys_sigaltstack(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[1]) {
    u8 ss[24] = {};
    u32 disabled = 2;  // SS_DISABLE
    memcpy(ss + 8, &disabled, 4);
    if (c.mem->copy_out(a.a[1], ss, sizeof(ss)) != Error::Ok) return -EFAULT;
  }
  if (a.a[0]) {
    u8 ss[24];
    if (c.mem->copy_in(ss, a.a[0], sizeof(ss)) != Error::Ok) return -EFAULT;
    u32 flags;
    memcpy(&flags, ss + 8, 4);
    if (!(flags & 2)) return -ENOMEM;  // asking for one: we cannot give it
  }
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
