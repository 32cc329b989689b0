#include "proc/sys_itimer.h"

#include "proc/linux_abi.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/user_memory.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"

namespace sis::proc {
namespace {

constexpr u32 kSysGetitimer = 102, kSysSetitimer = 103;
constexpr int ITIMER_REAL = 0;
constexpr usize kMaxTimers = 64;

struct Timeval {
  i64 sec, usec;
};
struct Itimerval {
  Timeval interval, value;
};

struct Timer {
  u32 pid = 0;  // 0: free
  u64 deadline_ns = 0, interval_ns = 0;
};

sched::WaitQueue wq;  // the itimer thread sleeps here; its lock guards the table
Timer timers[kMaxTimers] SIS_GUARDED_BY(wq.lock());
bool thread_started SIS_GUARDED_BY(wq.lock()) = false;

u64 to_ns(const Timeval& t) { return static_cast<u64>(t.sec) * 1'000'000'000 + static_cast<u64>(t.usec) * 1000; }
Timeval from_ns(u64 ns) {
  // Linux rounds a pending value up to whole microseconds, never reporting 0 for an armed timer.
  u64 us = (ns + 999) / 1000;
  return Timeval{static_cast<i64>(us / 1'000'000), static_cast<i64>(us % 1'000'000)};
}

void itimer_thread(void*) {
  for (;;) {
    u32 fire[kMaxTimers];
    usize nfire = 0;
    u64 next = ~0ull;
    {
      SpinLockGuard g(wq.lock());
      u64 now = sched::now_ns();
      for (auto& t : timers) {
        if (!t.pid) continue;
        if (t.deadline_ns <= now) {
          fire[nfire++] = t.pid;
          if (t.interval_ns) t.deadline_ns = now + t.interval_ns;
          else t = Timer{};
        }
        if (t.pid && t.deadline_ns < next) next = t.deadline_ns;
      }
    }
    for (usize i = 0; i < nfire; ++i) {
      if (kill_processes(fire[i], linux::SIGALRM) == Error::NoProcess) {
        SpinLockGuard g(wq.lock());  // the process is gone: so is its timer
        for (auto& t : timers)
          if (t.pid == fire[i]) t = Timer{};
      }
    }
    if (nfire) continue;
    u64 now = sched::now_ns();
    u64 snapshot = next;
    wq.wait_until_for(
        [&]() SIS_NO_THREAD_SAFETY_ANALYSIS {  // evaluated under wq's lock
          u64 earliest = ~0ull;
          for (auto& t : timers)
            if (t.pid && t.deadline_ns < earliest) earliest = t.deadline_ns;
          return earliest != snapshot;  // a timer was set or changed: recompute
        },
        next == ~0ull ? sched::WaitQueue::kForever : (next > now ? next - now : 0));
  }
}

i64 sys_getitimer(SyscallContext& c, const SyscallArgs& a) {
  if (static_cast<int>(a.a[0]) != ITIMER_REAL) return -linux::EINVAL;
  Itimerval v{};
  {
    SpinLockGuard g(wq.lock());
    u64 now = sched::now_ns();
    for (auto& t : timers) {
      if (t.pid != c.process->pid) continue;
      v.interval = from_ns(t.interval_ns);
      v.value = from_ns(t.deadline_ns > now ? t.deadline_ns - now : 1000);
    }
  }
  if (c.mem->copy_out(a.a[1], &v, sizeof v) != Error::Ok) return -linux::EFAULT;
  return 0;
}

i64 sys_setitimer(SyscallContext& c, const SyscallArgs& a) {
  if (static_cast<int>(a.a[0]) != ITIMER_REAL) return -linux::EINVAL;
  Itimerval nv{};
  if (a.a[1] && c.mem->copy_in(&nv, a.a[1], sizeof nv) != Error::Ok) return -linux::EFAULT;
  const Timeval* parts[] = {&nv.interval, &nv.value};
  for (const Timeval* t : parts)
    if (t->sec < 0 || t->usec < 0 || t->usec >= 1'000'000) return -linux::EINVAL;
  bool start;
  {
    SpinLockGuard g(wq.lock());  // exactly one caller starts the thread
    start = !thread_started;
    thread_started = true;
  }
  if (start) {
    sched::SpawnOptions o;
    o.detached = true;
    if (!sched::spawn("itimer", itimer_thread, nullptr, o).ok()) {
      SpinLockGuard g(wq.lock());
      thread_started = false;
      return -linux::ENOMEM;
    }
  }
  Itimerval old{};
  u32 pid = c.process->pid;
  {
    SpinLockGuard g(wq.lock());
    u64 now = sched::now_ns();
    Timer* slot = nullptr;
    for (auto& t : timers)
      if (t.pid == pid) slot = &t;
    if (slot) {
      old.interval = from_ns(slot->interval_ns);
      old.value = from_ns(slot->deadline_ns > now ? slot->deadline_ns - now : 1000);
    }
    u64 value = to_ns(nv.value);
    if (value == 0) {
      if (slot) *slot = Timer{};  // disarm
    } else {
      if (!slot)
        for (auto& t : timers)
          if (!t.pid) {
            slot = &t;
            break;
          }
      if (!slot) return -linux::EAGAIN;
      *slot = Timer{pid, now + value, to_ns(nv.interval)};
    }
  }
  wq.wake_all();
  if (a.a[2] && c.mem->copy_out(a.a[2], &old, sizeof old) != Error::Ok) return -linux::EFAULT;
  return 0;
}

const SyscallEntry kItimerCalls[] = {
    {kSysGetitimer, "getitimer", sys_getitimer},
    {kSysSetitimer, "setitimer", sys_setitimer},
};

}  // namespace

SyscallGroup itimer_syscalls() { return {kItimerCalls, sizeof(kItimerCalls) / sizeof(kItimerCalls[0])}; }

}  // namespace sis::proc
