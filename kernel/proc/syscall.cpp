// The system call dispatcher and the user-trap hooks: see syscall.h.
#include "proc/syscall.h"

#include "arch/aarch64/trap_frame.h"
#include "arch/arch.h"
#include "core/klog.h"
#include "proc/frames.h"
#include "proc/oom.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/sys_file.h"
#include "proc/sys_itimer.h"
#include "proc/sys_socket.h"
#include "net/net_kernel.h"
#include "proc/user_access.h"

namespace sis::proc {
namespace {

using namespace linux;

SyscallHandler handlers[kSyscallCount];
const char* names[kSyscallCount];
u64 counts[kSyscallCount];  // updated by the calling thread with interrupts on: counts may
                            // lose an increment under preemption; they are statistics
u64 unknown_calls = 0;
u64 total_calls = 0;

void add_group(SyscallGroup g) {
  for (usize i = 0; i < g.count; ++i) {
    const SyscallEntry& e = g.entries[i];
    if (e.nr >= kSyscallCount) continue;
    SIS_ASSERT_MSG(!handlers[e.nr], "two handlers for one system call number");
    handlers[e.nr] = e.fn;
    names[e.nr] = e.name;
  }
}

// Which calls run again after a signal interrupted them while they waited (Linux returns
// ERESTARTSYS or ERESTARTNOHAND from these; nanosleep's restart with the time left and
// sigsuspend are not restarted: they return EINTR).
SyscallRestart restart_kind(u64 nr) {
  switch (nr) {
    case SYS_read: case SYS_readv: case SYS_pread64: case SYS_write: case SYS_writev: case SYS_pwrite64:
    case SYS_openat: case SYS_ioctl: case SYS_wait4: case SYS_waitid: case SYS_futex: case SYS_sendfile:
      return SyscallRestart::UnlessHandlerSaysNo;
    case SYS_ppoll: case SYS_pselect6: return SyscallRestart::UnlessHandled;
    default: return socket_call_restarts(nr) ? SyscallRestart::UnlessHandlerSaysNo : SyscallRestart::None;
  }
}

void run_syscall(Process* p, arch::TrapFrame* f) {
  u64 nr = f->x[8];
  u64 x0 = f->x[0];  // kept for a restart (the result replaces it)
  p->frame = f;
  ++p->stats.syscalls;
  ++total_calls;
  i64 r;
  if (nr < kSyscallCount && handlers[nr]) {
    ++counts[nr];
    AddressSpaceMemory mem(p->as);
    SyscallContext c;
    c.mem = &mem;
    c.files = p->files;
    c.process = p;
    SyscallArgs a{{f->x[0], f->x[1], f->x[2], f->x[3], f->x[4], f->x[5]}};
    r = handlers[nr](c, a);
  } else {
    if (nr < kSyscallCount) ++counts[nr];
    ++unknown_calls;
    r = -ENOSYS;
  }
  // Writing to a pipe nobody reads, or to a socket that can send no more: the writer also
  // gets SIGPIPE (EPIPE if it survives); send(2) not with MSG_NOSIGNAL.
  if (r == -EPIPE && (nr == SYS_write || nr == SYS_writev || nr == SYS_pwrite64 ||
                      socket_send_raises_sigpipe(nr, f->x[2], f->x[3])))
    send_signal(p, SIGPIPE);
  p->frame = nullptr;
  p->restart = r == -EINTR ? restart_kind(nr) : SyscallRestart::None;
  p->restart_x0 = x0;
  f->x[0] = static_cast<u64>(r);
}

void on_user_trap(arch::TrapFrame* f, const arch::UserException& e) {
  Process* p = current_process();
  SIS_ASSERT_MSG(p, "a user-mode trap on a thread without a process");
  using arch::UserTrap;
  if (e.trap != UserTrap::Syscall) p->fault_lr = f->x[30];
  switch (e.trap) {
    case UserTrap::Syscall:
      arch::irq_enable();
      run_syscall(p, f);
      arch::irq_disable();
      return;
    case UserTrap::DataAbort:
    case UserTrap::InstructionAbort: {
      if (e.alignment) {
        force_signal(p, SIGBUS, e.addr, f->elr);
        return;
      }
      arch::irq_enable();
      Error r = p->as->handle_fault(e.addr, e.write, e.trap == UserTrap::InstructionAbort);
      arch::irq_disable();
      if (r == Error::Ok) {
        ++p->stats.user_faults;
        return;
      }
      if (r == Error::NoMemory) {  // a legal access, but no page to give it
        oom_kill_for(p);
        return;  // the fault repeats once memory is back (or this process is the victim)
      }
      force_signal(p, SIGSEGV, e.addr, f->elr);
      return;
    }
    case UserTrap::PcAlignment:
    case UserTrap::SpAlignment: force_signal(p, SIGBUS, e.addr, f->elr); return;
    case UserTrap::Breakpoint: force_signal(p, SIGTRAP, f->elr, f->elr); return;
    case UserTrap::Undefined:
    case UserTrap::Other: force_signal(p, SIGILL, f->elr, f->elr); return;
  }
}

void on_leaving_kernel(arch::TrapFrame* f) { deliver_signals(f); }

}  // namespace

Error proc_init() {
  TRY(frames_init());
  TRY(signals_init());
  add_group(file_syscalls());
  add_group(process_syscalls());
  add_group(memory_syscalls());
  add_group(misc_syscalls());
  add_group(signal_syscalls());
  add_group(socket_syscalls());
  add_group(itimer_syscalls());
  if (net::Stack* s = net::stack()) {  // AF_INET sockets exist when the machine has a NIC
    set_socket_backend(s, net::clock_ns);
    net::set_socket_hook(socket_state_changed);
  }
  bool pan = arch::user_mode_init();
  arch::set_user_hooks(arch::UserHooks{on_user_trap, on_leaving_kernel});
  usize n = 0;
  for (usize i = 0; i < kSyscallCount; ++i) n += handlers[i] != nullptr;
  SIS_KLOG(Info, "proc", "%u system calls, PAN %s", static_cast<unsigned>(n),
             pan ? "on" : "not available (ARMv8.0 CPU); the kernel never dereferences user addresses anyway");
  return Error::Ok;
}

usize syscall_counts(SyscallCount* out, usize cap) {
  usize n = 0;
  for (u32 i = 0; i < kSyscallCount && n < cap; ++i)
    if (counts[i]) out[n++] = SyscallCount{i, names[i], counts[i]};
  return n;
}

u64 syscalls_total() { return total_calls; }
u64 syscalls_unknown() { return unknown_calls; }
const char* syscall_name(u32 nr) { return nr < kSyscallCount ? names[nr] : nullptr; }

}  // namespace sis::proc
