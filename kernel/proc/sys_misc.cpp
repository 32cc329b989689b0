// Everything else: time, sleeping, uname, sysinfo, resource limits and usage, randomness,
// prctl's name, futex (one thread per process), scheduling hints.
#include "core/version.h"
#include "lib/env.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "proc/file_table.h"
#include "proc/process.h"
#include "proc/random.h"
#include "proc/signal.h"
#include "proc/syscall.h"
#include "proc/user_layout.h"
#include "sched/scheduler.h"

namespace sis::proc {
namespace {

using namespace linux;

struct Timespec {
  i64 sec;
  i64 nsec;
};

u64 boot_wall_ns() {
  static u64 base = 0;  // wall clock at boot minus the monotonic clock then
  if (!base) {
    u64 wall = wall_clock_seconds() * 1000000000ull;
    u64 mono = sched::now_ns();
    base = wall > mono ? wall - mono : 1;
  }
  return base;
}

Result<u64> clock_ns(u64 clk, Process* p) {
  switch (clk) {
    case 0: case 5: case 8: case 11:  // REALTIME, REALTIME_COARSE, REALTIME_ALARM, TAI
      return boot_wall_ns() + sched::now_ns();
    case 1: case 4: case 6: case 7: case 9:  // MONOTONIC, _RAW, _COARSE, BOOTTIME, BOOTTIME_ALARM
      return sched::now_ns();
    case 2: case 3:  // PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID
      return p->thread ? p->thread->stats.run_ns : 0;
    default: return Error::Invalid;
  }
}

i64 put_timespec(SyscallContext& c, u64 ptr, u64 ns) {
  Timespec ts{static_cast<i64>(ns / 1000000000ull), static_cast<i64>(ns % 1000000000ull)};
  return c.mem->copy_out(ptr, &ts, sizeof(ts)) == Error::Ok ? 0 : -EFAULT;
}

i64 sys_clock_gettime(SyscallContext& c, const SyscallArgs& a) {
  auto ns = clock_ns(a.a[0], c.process);
  if (!ns.ok()) return -EINVAL;
  return put_timespec(c, a.a[1], ns.value());
}

i64 sys_clock_getres(SyscallContext& c, const SyscallArgs& a) {
  if (!clock_ns(a.a[0], c.process).ok()) return -EINVAL;
  if (!a.a[1]) return 0;
  return put_timespec(c, a.a[1], 1);
}

i64 sys_gettimeofday(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[0]) {
    u64 ns = boot_wall_ns() + sched::now_ns();
    i64 tv[2] = {static_cast<i64>(ns / 1000000000ull), static_cast<i64>(ns % 1000000000ull / 1000)};
    if (c.mem->copy_out(a.a[0], tv, sizeof(tv)) != Error::Ok) return -EFAULT;
  }
  if (a.a[1]) {
    i32 tz[2] = {0, 0};
    if (c.mem->copy_out(a.a[1], tz, sizeof(tz)) != Error::Ok) return -EFAULT;
  }
  return 0;
}

// Sleeps until the monotonic deadline or a signal (EINTR, with the time left in rem).
i64 sleep_until(SyscallContext& c, u64 deadline, u64 rem_ptr) {
  sched::WaitQueue wq;
  u64 now = sched::now_ns();
  if (deadline > now) wq.wait_until_for([] { return signal_pending_for_current(); }, deadline - now);
  now = sched::now_ns();
  if (now < deadline && signal_pending_for_current()) {
    if (rem_ptr) (void)put_timespec(c, rem_ptr, deadline - now);
    return -EINTR;
  }
  return 0;
}

Result<u64> get_timespec(SyscallContext& c, u64 ptr) {
  Timespec ts;
  TRY(c.mem->copy_in(&ts, ptr, sizeof(ts)));
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000) return Error::Invalid;
  if (static_cast<u64>(ts.sec) > 100ull * 365 * 86400) ts.sec = 100ll * 365 * 86400;  // "forever"
  return static_cast<u64>(ts.sec) * 1000000000ull + static_cast<u64>(ts.nsec);
}

i64 sys_nanosleep(SyscallContext& c, const SyscallArgs& a) {
  auto ns = get_timespec(c, a.a[0]);
  if (!ns.ok()) return neg_errno(ns.error());
  return sleep_until(c, sched::now_ns() + ns.value(), a.a[1]);
}

i64 sys_clock_nanosleep(SyscallContext& c, const SyscallArgs& a) {
  u64 clk = a.a[0];
  if (!clock_ns(clk, c.process).ok() || clk == 2 || clk == 3) return -EINVAL;
  auto ns = get_timespec(c, a.a[2]);
  if (!ns.ok()) return neg_errno(ns.error());
  u64 deadline = sched::now_ns() + ns.value();
  if (a.a[1] & 1) {  // TIMER_ABSTIME: the value is on clk's scale
    u64 now_clk = clock_ns(clk, c.process).value();
    deadline = ns.value() > now_clk ? sched::now_ns() + (ns.value() - now_clk) : sched::now_ns();
    i64 r = sleep_until(c, deadline, 0);
    return r;
  }
  i64 r = sleep_until(c, deadline, a.a[3]);
  return r;
}

i64 sys_sched_yield(SyscallContext&, const SyscallArgs&) {
  sched::yield();
  return 0;
}

// struct utsname: six 65-byte fields. The release names the Linux ABI we follow (glibc
// reads the numbers), the version says what we are.
i64 sys_uname(SyscallContext& c, const SyscallArgs& a) {
  char u[6][65] = {};
  copy_cstr(u[0], 65, StrView("Linux"));
  copy_cstr(u[1], 65, StrView("sis"));
  copy_cstr(u[2], 65, StrView("6.1.0-sis"));
  copy_cstr(u[3], 65, StrView("#1 SIS " SIS_VERSION));
  copy_cstr(u[4], 65, StrView("aarch64"));
  copy_cstr(u[5], 65, StrView("(none)"));
  return c.mem->copy_out(a.a[0], u, sizeof(u)) == Error::Ok ? 0 : -EFAULT;
}

// struct sysinfo (64-bit): 112 bytes.
i64 sys_sysinfo(SyscallContext& c, const SyscallArgs& a) {
  u8 s[112] = {};
  i64 uptime = static_cast<i64>(sched::now_ns() / 1000000000ull);
  auto st = mm::kernel_pages().stats();
  u64 total = st.managed_pages * 4096, free_bytes = st.free_pages * 4096;
  u16 procs = static_cast<u16>(process_count());
  u32 unit = 1;
  memcpy(s + 0, &uptime, 8);
  memcpy(s + 32, &total, 8);
  memcpy(s + 40, &free_bytes, 8);
  memcpy(s + 80, &procs, 2);
  memcpy(s + 104, &unit, 4);
  return c.mem->copy_out(a.a[0], s, sizeof(s)) == Error::Ok ? 0 : -EFAULT;
}

// Resource limits: what we enforce is reported; setting is accepted and not enforced
// beyond that (documented in docs/processes.md).
void limit_of(u64 resource, u64 out[2]) {
  constexpr u64 kInfinity = ~0ull;
  out[0] = out[1] = kInfinity;
  if (resource == 3) out[0] = out[1] = kStackMax;                 // RLIMIT_STACK
  if (resource == 7) out[0] = out[1] = FileTable::kMaxFds;            // RLIMIT_NOFILE
  if (resource == 6) out[0] = out[1] = kMaxProcesses;                 // RLIMIT_NPROC
}

i64 sys_prlimit64(SyscallContext& c, const SyscallArgs& a) {
  u64 pid = a.a[0], resource = a.a[1];
  if (resource > 15) return -EINVAL;
  if (pid != 0 && pid != c.process->pid) return -ESRCH;
  if (a.a[2]) {
    u64 want[2];
    if (c.mem->copy_in(want, a.a[2], sizeof(want)) != Error::Ok) return -EFAULT;
    if (want[0] > want[1]) return -EINVAL;
  }
  if (a.a[3]) {
    u64 lim[2];
    limit_of(resource, lim);
    if (c.mem->copy_out(a.a[3], lim, sizeof(lim)) != Error::Ok) return -EFAULT;
  }
  return 0;
}

i64 sys_getrlimit(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[0] > 15) return -EINVAL;
  u64 lim[2];
  limit_of(a.a[0], lim);
  return c.mem->copy_out(a.a[1], lim, sizeof(lim)) == Error::Ok ? 0 : -EFAULT;
}

i64 sys_setrlimit(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[0] > 15) return -EINVAL;
  u64 want[2];
  if (c.mem->copy_in(want, a.a[1], sizeof(want)) != Error::Ok) return -EFAULT;
  return want[0] > want[1] ? -EINVAL : 0;
}

i64 sys_getrusage(SyscallContext& c, const SyscallArgs& a) {
  i64 who = static_cast<i64>(a.a[0]);
  if (who != 0 && who != -1 && who != 1) return -EINVAL;
  u64 ns = who == -1 ? c.process->stats.children_cpu_ns : (c.process->thread ? c.process->thread->stats.run_ns : 0);
  u8 ru[144] = {};
  i64 tv[2] = {static_cast<i64>(ns / 1000000000ull), static_cast<i64>(ns % 1000000000ull / 1000)};
  memcpy(ru, tv, sizeof(tv));
  if (who != -1 && c.process->as) {
    i64 maxrss_kib = static_cast<i64>(c.process->as->stats().peak_resident * 4);
    i64 minflt = static_cast<i64>(c.process->as->stats().minor_faults + c.process->as->stats().cow_faults);
    memcpy(ru + 32, &maxrss_kib, 8);
    memcpy(ru + 64, &minflt, 8);
  }
  return c.mem->copy_out(a.a[1], ru, sizeof(ru)) == Error::Ok ? 0 : -EFAULT;
}

// times(): clock ticks at 100 Hz (AT_CLKTCK).
i64 sys_times(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[0]) {
    u64 user = c.process->thread ? c.process->thread->stats.run_ns : 0;
    i64 t[4] = {static_cast<i64>(user / 10000000ull), 0, static_cast<i64>(c.process->stats.children_cpu_ns / 10000000ull), 0};
    if (c.mem->copy_out(a.a[0], t, sizeof(t)) != Error::Ok) return -EFAULT;
  }
  return static_cast<i64>(sched::now_ns() / 10000000ull);
}

i64 sys_getrandom(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[2] & ~7ull) return -EINVAL;
  u64 len = a.a[1] > 33554431 ? 33554431 : a.a[1];
  u8 chunk[256];
  for (u64 done = 0; done < len;) {
    usize n = len - done < sizeof(chunk) ? static_cast<usize>(len - done) : sizeof(chunk);
    fill_random(chunk, n);
    if (c.mem->copy_out(a.a[0] + done, chunk, n) != Error::Ok) return done ? static_cast<i64>(done) : -EFAULT;
    done += n;
  }
  return static_cast<i64>(len);
}

// prctl: PR_SET_NAME (15) and PR_GET_NAME (16).
i64 sys_prctl(SyscallContext& c, const SyscallArgs& a) {
  if (a.a[0] == 15) {
    char name[16] = {};
    auto n = c.mem->copy_string_in(name, a.a[1], sizeof(name));
    if (!n.ok() && n.error() != Error::PathTooLong) return -EFAULT;
    name[15] = 0;
    copy_cstr(c.process->name, sizeof(c.process->name), StrView(name));
    return 0;
  }
  if (a.a[0] == 16) return c.mem->copy_out(a.a[1], c.process->name, 16) == Error::Ok ? 0 : -EFAULT;
  return -EINVAL;
}

// futex with one thread per process: nobody else can wake a waiter, so FUTEX_WAIT reports
// a changed value (EAGAIN) or a timeout instead of sleeping forever; FUTEX_WAKE wakes no one.
i64 sys_futex(SyscallContext& c, const SyscallArgs& a) {
  u32 op = static_cast<u32>(a.a[1]) & 0x7f;  // without FUTEX_PRIVATE_FLAG / CLOCK_REALTIME
  if (op == 1) return 0;                     // FUTEX_WAKE
  if (op == 0 || op == 9) {                  // FUTEX_WAIT, FUTEX_WAIT_BITSET
    u32 v;
    if (c.mem->copy_in(&v, a.a[0], 4) != Error::Ok) return -EFAULT;
    return v != static_cast<u32>(a.a[2]) ? -EAGAIN : -ETIMEDOUT;
  }
  return -ENOSYS;
}

i64 sys_getpriority(SyscallContext&, const SyscallArgs&) { return 20; }  // nice 0, as 20 - nice
i64 sys_setpriority(SyscallContext&, const SyscallArgs&) { return 0; }

const SyscallEntry kEntries[] = {
    {SYS_clock_gettime, "clock_gettime", sys_clock_gettime},
    {SYS_clock_getres, "clock_getres", sys_clock_getres},
    {SYS_gettimeofday, "gettimeofday", sys_gettimeofday},
    {SYS_nanosleep, "nanosleep", sys_nanosleep},
    {SYS_clock_nanosleep, "clock_nanosleep", sys_clock_nanosleep},
    {SYS_sched_yield, "sched_yield", sys_sched_yield},
    {SYS_uname, "uname", sys_uname},
    {SYS_sysinfo, "sysinfo", sys_sysinfo},
    {SYS_prlimit64, "prlimit64", sys_prlimit64},
    {SYS_getrlimit, "getrlimit", sys_getrlimit},
    {SYS_setrlimit, "setrlimit", sys_setrlimit},
    {SYS_getrusage, "getrusage", sys_getrusage},
    {SYS_times, "times", sys_times},
    {SYS_getrandom, "getrandom", sys_getrandom},
    {SYS_prctl, "prctl", sys_prctl},
    {SYS_futex, "futex", sys_futex},
    {SYS_getpriority, "getpriority", sys_getpriority},
    {SYS_setpriority, "setpriority", sys_setpriority},
};

}  // namespace

SyscallGroup misc_syscalls() { return {kEntries, sizeof(kEntries) / sizeof(kEntries[0])}; }

}  // namespace sis::proc
