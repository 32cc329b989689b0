// Process system calls: exit, clone (fork and vfork), execve, wait4, waitid, identities,
// process groups and sessions.
#include "arch/aarch64/trap_frame.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "proc/exec.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/syscall.h"

namespace sis::proc {
namespace {

using namespace linux;

constexpr u64 CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
              CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000,
              CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;

i64 err(Error e) { return neg_errno(e); }

i64 sys_exit(SyscallContext&, const SyscallArgs& a) { exit_current(static_cast<int>(a.a[0] & 0xff), 0); }
i64 sys_getpid(SyscallContext& c, const SyscallArgs&) { return c.process->pid; }
i64 sys_getppid(SyscallContext& c, const SyscallArgs&) {
  SpinLockGuard g(process_table_lock);
  return c.process->ppid;
}
i64 sys_set_tid_address(SyscallContext& c, const SyscallArgs& a) {
  c.process->clear_child_tid = a.a[0];
  return c.process->pid;
}
i64 sys_zero(SyscallContext&, const SyscallArgs&) { return 0; }

// clone(flags, newsp, parent_tid, tls, child_tid): arm64's argument order.
i64 sys_clone(SyscallContext& c, const SyscallArgs& a) {
  u64 flags = a.a[0];
  if (flags & (CLONE_THREAD | CLONE_SIGHAND)) return -EINVAL;  // threads: not yet
  bool vfork = (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
  if ((flags & CLONE_VM) && !vfork) return -EINVAL;  // shared memory without vfork is a thread
  if (flags & (CLONE_FILES | CLONE_FS)) return -EINVAL;
  CloneExtras x;
  x.stack = a.a[1];
  if (flags & CLONE_SETTLS) {
    x.set_tls = true;
    x.tls = a.a[3];
  }
  if (flags & CLONE_CHILD_SETTID) x.child_tid = a.a[4];
  if (flags & CLONE_CHILD_CLEARTID) x.clear_tid = a.a[4];
  auto pid = fork_current(c.process->frame, vfork, x);
  if (!pid.ok()) return pid.error() == Error::WouldBlock ? -EAGAIN : err(pid.error());
  if (flags & CLONE_PARENT_SETTID) {
    u32 v = pid.value();
    (void)c.mem->copy_out(a.a[2], &v, sizeof(v));
  }
  return pid.value();
}

i64 sys_execve(SyscallContext& c, const SyscallArgs& a) {
  auto args = ExecArgs::from_user(*c.mem, a.a[0], a.a[1], a.a[2]);
  if (!args.ok()) return err(args.error());
  char why[160] = {};
  Error e = exec_into(c.process, *args.value(), c.process->frame, why, sizeof(why));
  try_delete(args.value());
  return e == Error::Ok ? 0 : err(e);
}

// struct rusage: two timevals, then 14 longs.
void fill_rusage(u8* ru, u64 user_ns) {
  memset(ru, 0, 144);
  i64 sec = static_cast<i64>(user_ns / 1000000000ull), usec = static_cast<i64>(user_ns % 1000000000ull / 1000);
  memcpy(ru, &sec, 8);
  memcpy(ru + 8, &usec, 8);
}

i64 sys_wait4(SyscallContext& c, const SyscallArgs& a) {
  i64 pid = static_cast<i32>(a.a[0]);
  u64 options = a.a[2];
  if (options & ~(1ull | 2ull | 8ull | 0x40000000ull | 0x80000000ull | 0x20000000ull)) return -EINVAL;
  int status = 0;
  bool interrupted = false;
  u32 what = kWaitExited | static_cast<u32>(options & (kWaitStopped | kWaitContinued));  // WUNTRACED, WCONTINUED
  auto r = wait_child(pid, &status, options & 1, what, &interrupted);
  if (!r.ok()) return err(r.error());
  if (r.value() && a.a[1] && c.mem->copy_out(a.a[1], &status, sizeof(status)) != Error::Ok) return -EFAULT;
  if (r.value() && a.a[3]) {
    u8 ru[144];
    fill_rusage(ru, 0);
    if (c.mem->copy_out(a.a[3], ru, sizeof(ru)) != Error::Ok) return -EFAULT;
  }
  return r.value();
}

// waitid(idtype, id, infop, options): P_ALL 0, P_PID 1, P_PGID 2; at least one of WEXITED,
// WSTOPPED, WCONTINUED.
i64 sys_waitid(SyscallContext& c, const SyscallArgs& a) {
  u64 idtype = a.a[0], id = a.a[1], options = a.a[3];
  u32 what = static_cast<u32>(options & (kWaitStopped | kWaitExited | kWaitContinued));
  if (!what) return -EINVAL;
  i64 pid = idtype == 0 ? -1 : idtype == 1 ? static_cast<i64>(id) : idtype == 2 ? -static_cast<i64>(id) : 0;
  if (idtype > 2 || (idtype == 2 && id == 0)) return -EINVAL;
  int status = 0;
  bool interrupted = false;
  auto r = wait_child(pid, &status, options & 1, what, &interrupted);
  if (!r.ok()) return err(r.error());
  u8 info[128] = {};
  if (r.value()) {
    // si_code: CLD_EXITED 1, CLD_KILLED 2, CLD_STOPPED 5, CLD_CONTINUED 6; si_status to match.
    bool stopped = (status & 0xff) == 0x7f, continued = status == 0xffff;
    i32 signo = SIGCHLD;
    i32 code = continued ? 6 : stopped ? 5 : (status & 0x7f) ? 2 : 1;
    i32 st = continued ? SIGCONT : stopped ? ((status >> 8) & 0xff) : (status & 0x7f) ? (status & 0x7f) : ((status >> 8) & 0xff);
    i32 cpid = static_cast<i32>(r.value());
    memcpy(info, &signo, 4);
    memcpy(info + 8, &code, 4);
    memcpy(info + 16, &cpid, 4);
    memcpy(info + 24, &st, 4);
  }
  if (a.a[2] && c.mem->copy_out(a.a[2], info, sizeof(info)) != Error::Ok) return -EFAULT;
  return 0;
}

i64 sys_setpgid(SyscallContext&, const SyscallArgs& a) {
  if (static_cast<i64>(a.a[1]) < 0) return -EINVAL;
  return err(set_pgid(static_cast<u32>(a.a[0]), static_cast<u32>(a.a[1])));
}
i64 sys_getpgid(SyscallContext&, const SyscallArgs& a) {
  auto r = get_pgid(static_cast<u32>(a.a[0]));
  return r.ok() ? static_cast<i64>(r.value()) : err(r.error());
}
i64 sys_getsid(SyscallContext&, const SyscallArgs& a) {
  auto r = get_sid(static_cast<u32>(a.a[0]));
  return r.ok() ? static_cast<i64>(r.value()) : err(r.error());
}
i64 sys_setsid(SyscallContext&, const SyscallArgs&) {
  auto r = new_session();
  return r.ok() ? static_cast<i64>(r.value()) : err(r.error());
}
// Everyone is root (uid 0); changing to another id is refused.
i64 sys_setid(SyscallContext&, const SyscallArgs& a) { return a.a[0] == 0 ? 0 : -EPERM; }
i64 sys_getresid(SyscallContext& c, const SyscallArgs& a) {
  u32 zero = 0;
  for (int i = 0; i < 3; ++i)
    if (c.mem->copy_out(a.a[i], &zero, 4) != Error::Ok) return -EFAULT;
  return 0;
}

const SyscallEntry kEntries[] = {
    {SYS_exit, "exit", sys_exit},
    {SYS_exit_group, "exit_group", sys_exit},
    {SYS_getpid, "getpid", sys_getpid},
    {SYS_gettid, "gettid", sys_getpid},  // one thread per process: tid == pid
    {SYS_getppid, "getppid", sys_getppid},
    {SYS_set_tid_address, "set_tid_address", sys_set_tid_address},
    {SYS_set_robust_list, "set_robust_list", sys_zero},
    {SYS_clone, "clone", sys_clone},
    {SYS_execve, "execve", sys_execve},
    {SYS_wait4, "wait4", sys_wait4},
    {SYS_waitid, "waitid", sys_waitid},
    {SYS_setpgid, "setpgid", sys_setpgid},
    {SYS_getpgid, "getpgid", sys_getpgid},
    {SYS_getsid, "getsid", sys_getsid},
    {SYS_setsid, "setsid", sys_setsid},
    {SYS_getuid, "getuid", sys_zero},
    {SYS_geteuid, "geteuid", sys_zero},
    {SYS_getgid, "getgid", sys_zero},
    {SYS_getegid, "getegid", sys_zero},
    {SYS_setuid, "setuid", sys_setid},
    {SYS_setgid, "setgid", sys_setid},
    {SYS_getresuid, "getresuid", sys_getresid},
    {SYS_getresgid, "getresgid", sys_getresid},
    {SYS_getgroups, "getgroups", sys_zero},
};

}  // namespace

SyscallGroup process_syscalls() { return {kEntries, sizeof(kEntries) / sizeof(kEntries[0])}; }

}  // namespace sis::proc
