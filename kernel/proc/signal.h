// Signals (kernel only): sending (kill, the tty, faults, SIGCHLD, SIGPIPE), delivery on the
// way back to user mode — default actions, or a handler called on a Linux arm64 rt_sigframe
// (siginfo, ucontext with the registers and the FP/SIMD record) that rt_sigreturn undoes —
// and the sigaction/sigprocmask state. A handler without SA_RESTORER returns through a
// one-page trampoline (`mov x8, #139; svc #0`) mapped read-only in every process.
//
// Job control: the stop signals park a process until SIGCONT. A call that a signal
// interrupted while it waited (read, write, wait4, ...) runs again after an ignored or
// stopping signal or a handler with SA_RESTART, and returns EINTR otherwise (syscall.cpp
// says which calls).
//
// A handler with SA_ONSTACK runs on the alternate stack set by sigaltstack, unless the
// process already is on it (that is how a program survives overflowing its stack).
//
// Not yet: queued real-time signals (each number is pending once).
#pragma once
#include "lib/result.h"
#include "proc/process.h"
#include "proc/syscall_context.h"

namespace sis::proc {

constexpr u64 kSigreturnTrampoline = 0x0000'7fff'ffff'e000ull;  // above the stack's top

// Queues sig for p (dropped when p ignores it). Any context, interrupts too.
void send_signal(Process* p, int sig);
// kill(2) targets: pid > 0 one process, 0 the caller's group, -1 every process but the
// caller, < -1 the group -pid. NoProcess when nothing matched.
Error kill_processes(i64 pid, int sig);
// A synchronous fault's signal: delivered even when blocked or ignored (reset to default),
// as Linux's force_sig does. addr is the faulting address for the report.
void force_signal(Process* p, int sig, u64 addr, u64 pc);

// On the way back to EL0 (interrupts masked): acts on one pending signal.
void deliver_signals(arch::TrapFrame* frame);
// rt_sigreturn: restores the frame saved by the handler's setup; the value for x0.
i64 sigreturn(Process* p, arch::TrapFrame* frame);

// execve: handlers go back to their default (ignored signals stay ignored), the mask stays.
void reset_signals_for_exec(Process* p);
Error map_sigreturn_trampoline(AddressSpace* as);
Error signals_init();

bool default_ignores(int sig);
constexpr u64 kMinSigStackSize = 5120;  // arm64's MINSIGSTKSZ
// Whether user sp lies on p's alternate signal stack.
bool on_altstack(const Process* p, u64 sp);
// The signal system calls (rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend,
// sigaltstack, kill, tkill, tgkill).
SyscallGroup signal_syscalls();

}  // namespace sis::proc
