// setitimer/getitimer for ITIMER_REAL (what glibc's alarm() calls on aarch64): SIGALRM to the
// process when the timer expires, reloaded with the interval. Busybox ping paces its
// requests and ends its wait with it. ITIMER_VIRTUAL and ITIMER_PROF are EINVAL (no
// per-process CPU-time timers). Kernel only: one "itimer" thread sleeps until the earliest
// expiry; timers are kept by pid, so a forked child starts without one (as on Linux) and an
// exited process's timer fires into nothing (kill finds no process) and is dropped.
#pragma once
#include "proc/syscall_context.h"

namespace sis::proc {

SyscallGroup itimer_syscalls();

}  // namespace sis::proc
