// The power subsystem's kernel side: counters, powerd (10 Hz samples, history ring, budget
// controller), host meter readings, the idle-injection thread and the priority changes the
// budget makes. See power.h for the design; calibrate.cpp runs `powerctl calibrate`.
#include "power/power.h"

#include "arch/arch.h"
#include "core/klog.h"
#include "lib/assert.h"
#include "drivers/virtio/virtio_blk.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "power/power_internal.h"
#include "sched/scheduler.h"

namespace sis::power {

namespace internal {
SpinLock lock;
Coefficients coeffs = default_coefficients();
char coeffs_source[48] = "defaults";
}  // namespace internal

namespace {
using namespace internal;
using ull = unsigned long long;

constexpr u64 kTickNs = 1000000;        // the scheduler tick (1 kHz)
constexpr u64 kMeterFreshNs = 3000000000ull;
constexpr usize kMeters = 256;
constexpr usize kRecent = 20;
constexpr usize kMaxDeprioritised = 8;

struct Slot {
  Counters c;
  HistoryEntry h;
};
Slot ring[kHistory];
u64 pushed = 0;  // samples pushed since boot (ring index = pushed % kHistory)

MeterReading meters[kMeters];
u64 meters_pushed = 0;
i64 last_metered_mw = -1;
u64 last_metered_ns = 0;

BudgetController controller;
BudgetController::Output last_out;
volatile u32 duty_published = 0;

// Accuracy (meter readings outside calibration, since the last calibration).
u64 acc_n = 0;
u64 acc_sum_ppm = 0;
i64 recent_ppm[kRecent];
u64 recent_n = 0;

// One-second windows of meter readings while a budget is active.
u64 win_energy = 0;  // mW * ms
u64 win_ms = 0;
u64 windows = 0, windows_over = 0;

// Steal: late timer ticks while a thread (not idle, not injecting) ran.
volatile u64 steal_total = 0;
volatile u64 injected_total = 0;
u64 last_tick_ns = 0;
volatile bool injecting = false;

sched::Thread* injector = nullptr;
sched::Thread* powerd = nullptr;
bool started_threads = false;
bool pmu_inst = false;

i64 last_est_mw = 0;
Features last_features;
u32 last_busy_ppm = 0;

struct Lowered {
  u32 tid;
  int orig_nice;
};
Lowered lowered[kMaxDeprioritised];
usize nlowered = 0;
bool restore_pending = false;

// Every tick: a tick that comes late (> 1.25 ms) while a thread was computing means the host did not
// run QEMU for that long (steal); ticks while the injection thread sits in WFI are injected
// idle (tick-granular, unbiased: each tick accounts for the period before it).
void on_tick(u64 now, bool idle) {
  if (last_tick_ns && now > last_tick_ns) {
    if (injecting && !idle && sched::current() == injector)
      injected_total = injected_total + (now - last_tick_ns);
    else if (!idle && now > last_tick_ns + kTickNs + kTickNs / 4)
      steal_total = steal_total + (now - last_tick_ns - kTickNs);
  }
  last_tick_ns = now;
}

u64 mem_traffic_bytes() {
  mm::BuddyStats s = mm::kernel_pages().stats();
  u64 b = 0;
  for (unsigned o = 0; o < mm::BuddyStats::kOrders; ++o) b += s.allocs[o] << (o + mm::kPageShift);
  return b;
}

u64 io_bytes() {
  u64 b = 0;
  for (usize i = 0; i < virtio::blk_count(); ++i) {
    const auto& s = virtio::blk_at(i)->stats();
    b += s.bytes_read + s.bytes_written;
  }
  return b;
}

u64 injected_now() { return injected_total; }

const Slot* slot_at(u64 i) { return &ring[i % kHistory]; }

void injector_main(void*) {
  constexpr u64 kPeriod = 20000000;  // 20 ms: duty in steps of the 1 ms tick
  for (;;) {
    u32 d = duty_published;
    if (d == 0) {
      sched::sleep_ns(10000000);
      continue;
    }
    u64 on = kPeriod / 1000000 * d;  // ns
    u64 start = sched::now_ns(), end = start + on;
    injecting = true;
    while (sched::now_ns() < end) {
      arch::irq_disable();
      if (sched::now_ns() < end) arch::wait_for_interrupt_then_enable();
      else arch::irq_enable();
    }
    injecting = false;
    sched::sleep_ns(kPeriod - on);
  }
}

// Budget: lower the priority of the thread that used the most CPU in the last second.
sched::ThreadInfo infos[sched::kMaxThreads];
u64 prev_run[sched::kMaxThreads];
u32 prev_tid[sched::kMaxThreads];
usize nprev = 0;

bool is_lowered(u32 tid) {
  for (usize i = 0; i < nlowered; ++i)
    if (lowered[i].tid == tid) return true;
  return false;
}

void deprioritise_top() {
  usize n = sched::snapshot(infos, sched::kMaxThreads);
  u64 total = 0, best_delta = 0;
  const sched::ThreadInfo* best = nullptr;
  for (usize i = 0; i < n; ++i) {
    const auto& t = infos[i];
    u64 prev = 0;
    for (usize j = 0; j < nprev; ++j)
      if (prev_tid[j] == t.tid) prev = prev_run[j];
    u64 d = t.stats.run_ns > prev ? t.stats.run_ns - prev : 0;
    if (t.tid == 0) continue;
    total += d;
    bool exempt = t.tid == 1 || (powerd && t.tid == powerd->tid) || (injector && t.tid == injector->tid) ||
                  StrView(t.name) == StrView("background") || is_lowered(t.tid) || t.nice >= sched::kNiceMax;
    if (!exempt && d > best_delta) {
      best_delta = d;
      best = &t;
    }
  }
  nprev = n;
  for (usize i = 0; i < n; ++i) {
    prev_tid[i] = infos[i].tid;
    prev_run[i] = infos[i].stats.run_ns;
  }
  if (!best || nlowered == kMaxDeprioritised || total == 0 || best_delta * 4 < total) return;
  int nice = best->nice + 5 > sched::kNiceMax ? sched::kNiceMax : best->nice + 5;
  if (sched::set_nice(best->tid, nice) != Error::Ok) return;
  lowered[nlowered++] = {best->tid, best->nice};
  SIS_KLOG(Info, "power", "budget: thread %u (%s) used %llu%% of the CPU; nice %d -> %d", best->tid, best->name,
           (ull)(best_delta * 100 / total), best->nice, nice);
}

void restore_priorities() {
  for (usize i = 0; i < nlowered; ++i) (void)sched::set_nice(lowered[i].tid, lowered[i].orig_nice);
  if (nlowered) SIS_KLOG(Info, "power", "budget off: restored the priority of %u thread(s)", static_cast<unsigned>(nlowered));
  nlowered = 0;
}

void warn(u32 bits, const BudgetController::Output& o, i64 budget, i64 metered) {
  auto w = [](i64 mw) { return static_cast<ull>(mw < 0 ? 0 : mw / 1000); };
  auto f = [](i64 mw) { return static_cast<ull>((mw < 0 ? 0 : mw) % 1000); };
  if (bits & BudgetController::kDemandOverBudget)
    SIS_KLOG(Warn, "power", "predicted %llu.%03llu W unthrottled exceeds the budget %llu.%03llu W: injecting %u%% idle",
             w(o.demand_mw), f(o.demand_mw), w(budget), f(budget), o.duty_ppm / 10000);
  if (bits & BudgetController::kTrendCrossing)
    SIS_KLOG(Warn, "power", "power rising %lld mW/s: predicted to cross the budget %llu.%03llu W within 2 s",
             static_cast<long long>(o.trend_mw_per_s), w(budget), f(budget));
  if (bits & BudgetController::kMeterOver)
    SIS_KLOG(Warn, "power", "metered %llu.%03llu W is over the budget %llu.%03llu W", w(metered), f(metered), w(budget),
             f(budget));
}

void powerd_main(void*) {
  u64 next = sched::now_ns() + kSamplePeriodNs;
  u32 n = 0;
  for (;;) {
    u64 now = sched::now_ns();
    if (next > now) sched::sleep_ns(next - now);
    now = sched::now_ns();
    next += kSamplePeriodNs;
    if (now > next + 5 * kSamplePeriodNs) next = now + kSamplePeriodNs;  // long stall: restart the grid
    Counters c = read_counters();
    u32 warn_bits = 0;
    BudgetController::Output out;
    i64 budget_mw = 0, metered = -1;
    bool lower = false;
    {
      SpinLockGuard g(lock);
      Slot& s = ring[pushed % kHistory];
      Features f;
      u32 busy = 0;
      if (pushed > 0) {
        const Slot* p = slot_at(pushed - 1);
        f = features_between(p->c, c);
        busy = static_cast<u32>(busy_ppm_between(p->c, c));
      }
      i64 est = estimate_mw(coeffs, f);
      BudgetController::Input in{c.t_ns, est, f.x[kUtil], coeffs.slope_q32[kUtil], duty_published};
      out = controller.step(in);
      duty_published = out.duty_ppm;
      last_out = out;
      warn_bits = out.warnings;
      budget_mw = controller.budget_mw();
      metered = (last_metered_mw >= 0 && c.t_ns - last_metered_ns < kMeterFreshNs) ? last_metered_mw : -1;
      s.c = c;
      s.h = {c.t_ns, est, metered, budget_mw, static_cast<u32>(f.x[kUtil]), busy, out.duty_ppm};
      ++pushed;
      last_est_mw = est;
      last_features = f;
      last_busy_ppm = busy;
      lower = controller.active() && out.duty_ppm > 0 && ++n % 10 == 0;
    }
    if (warn_bits) warn(warn_bits, out, budget_mw, metered);
    if (lower) deprioritise_top();
    if (restore_pending) {
      restore_pending = false;
      restore_priorities();
    }
  }
}

}  // namespace

void background_job() {
  ensure_started();
  calibration_background();
}

namespace internal {

Counters read_counters() {
  // `lock` is a leaf lock: this takes the scheduler's and the page allocator's locks, so it
  // runs before `lock` is taken, never under it.
  SIS_ASSERT_MSG(!lock.held_by_me(), "read_counters called with the power lock held");
  Counters c;
  sched::CpuInfo ci = sched::cpu_info();
  c.t_ns = ci.now_ns;
  c.idle_ns = ci.idle_ns;
  c.injected_ns = injected_now();
  c.steal_ns = steal_total;
  c.mem_bytes = mem_traffic_bytes();
  c.io_bytes = io_bytes();
  c.instructions = arch::instructions();
  c.switches = ci.switches;
  return c;
}

Features features_since(u64 t_a, const Counters& now) {
  // Counters at t_a: interpolated between the ring samples around it.
  Counters a = now;
  if (pushed > 0) {
    u64 oldest = pushed > kHistory ? pushed - kHistory : 0;
    u64 i = pushed - 1;
    while (i > oldest && slot_at(i)->c.t_ns > t_a) --i;
    const Slot* lo = slot_at(i);
    if (lo->c.t_ns >= t_a) {
      a = lo->c;  // older than the ring (or exactly on a sample)
    } else {
      Counters hi = i + 1 < pushed ? slot_at(i + 1)->c : now;
      a = interpolate(lo->c, hi, t_a);
    }
  }
  return features_between(a, now);
}

void reset_accuracy() {
  acc_n = acc_sum_ppm = recent_n = 0;
}

}  // namespace internal

void ensure_started() {
  if (started_threads || !sched::started()) return;
  started_threads = true;
  pmu_inst = arch::instructions_init();
  sched::set_tick_observer(on_tick);
  sched::SpawnOptions o;
  o.detached = true;
  o.nice = -20;
  auto inj = sched::spawn("powercap", injector_main, nullptr, o);
  if (inj.ok()) injector = inj.value();
  o.nice = -10;
  auto pd = sched::spawn("powerd", powerd_main, nullptr, o);
  if (pd.ok()) powerd = pd.value();
  SIS_KLOG(Info, "power", "estimator running at 10 Hz (PMU instructions %s)",
           pmu_inst ? "counted" : "not counted by this CPU");
}

usize history(HistoryEntry* out, usize max, u64 since_ns) {
  SpinLockGuard g(lock);
  u64 oldest = pushed > kHistory ? pushed - kHistory : 0;
  u64 first = oldest;
  while (first < pushed && slot_at(first)->h.ts_ns <= since_ns) ++first;
  if (pushed - first > max) first = pushed - max;  // the newest `max`
  usize n = 0;
  for (u64 i = first; i < pushed; ++i) out[n++] = slot_at(i)->h;
  return n;
}

usize history_size() {
  SpinLockGuard g(lock);
  return pushed > kHistory ? kHistory : static_cast<usize>(pushed);
}

Result<MeterResult> meter(i64 metered_mw, u64 interval_ns) {
  if (metered_mw < 0 || metered_mw > 10000000) return Error::Range;
  if (interval_ns < 50000000 || interval_ns > 60000000000ull) return Error::Range;
  ensure_started();
  Counters now = read_counters();
  u64 t_a = now.t_ns > interval_ns ? now.t_ns - interval_ns : 0;
  MeterResult r;
  u32 bits = 0;
  i64 budget = 0;
  {
    SpinLockGuard g(lock);
    r.features = features_since(t_a, now);
    r.estimated_mw = estimate_mw(coeffs, r.features);
    r.ape_ppm = ape_ppm(r.estimated_mw, metered_mw);
    u32 phase = calibration_phase_at(t_a, now.t_ns);
    if (phase) {
      calibration_add(phase, r.features, metered_mw);
    } else if (!calibrating()) {
      ++acc_n;
      acc_sum_ppm += static_cast<u64>(r.ape_ppm);
      recent_ppm[recent_n++ % kRecent] = r.ape_ppm;
    }
    bits = controller.on_meter(metered_mw, r.estimated_mw, now.t_ns);
    budget = controller.budget_mw();
    if (controller.active()) {
      u64 ms = interval_ns / 1000000;
      win_energy += static_cast<u64>(metered_mw) * ms;
      win_ms += ms;
      if (win_ms >= 1000) {
        ++windows;
        if (win_energy / win_ms > static_cast<u64>(budget)) ++windows_over;
        win_energy = win_ms = 0;
      }
    }
    MeterReading& m = meters[meters_pushed++ % kMeters];
    m = {now.t_ns, interval_ns, metered_mw, r.estimated_mw, r.features, phase};
    last_metered_mw = metered_mw;
    last_metered_ns = now.t_ns;
  }
  if (bits) warn(bits, last_out, budget, metered_mw);
  return r;
}

usize meter_history(MeterReading* out, usize max) {
  SpinLockGuard g(lock);
  u64 first = meters_pushed > kMeters ? meters_pushed - kMeters : 0;
  if (meters_pushed - first > max) first = meters_pushed - max;
  usize n = 0;
  for (u64 i = first; i < meters_pushed; ++i) out[n++] = meters[i % kMeters];
  return n;
}

Status status() {
  ensure_started();
  Status s{};
  SpinLockGuard g(lock);
  s.running = started_threads;
  s.coeffs = coeffs;
  copy_cstr(s.coeffs_source, sizeof(s.coeffs_source), coeffs_source);
  s.estimated_mw = last_est_mw;
  u64 now = sched::now_ns();
  s.metered_mw = (last_metered_mw >= 0 && now - last_metered_ns < kMeterFreshNs) ? last_metered_mw : -1;
  s.metered_age_ns = last_metered_ns ? now - last_metered_ns : 0;
  s.features = last_features;
  s.busy_ppm = last_busy_ppm;
  s.steal_ns = steal_total;
  s.injected_ns = injected_now();
  s.accuracy_readings = static_cast<u32>(acc_n);
  s.mape_ppm = acc_n ? static_cast<i64>(acc_sum_ppm / acc_n) : -1;
  u64 rn = recent_n < kRecent ? recent_n : kRecent;
  i64 rs = 0;
  for (u64 i = 0; i < rn; ++i) rs += recent_ppm[i];
  s.mape_recent_ppm = rn ? rs / static_cast<i64>(rn) : -1;
  s.budget_mw = controller.budget_mw();
  s.duty_ppm = duty_published;
  s.bias_mw = controller.bias_mw();
  s.predicted_mw = last_out.predicted_mw;
  s.demand_mw = last_out.demand_mw;
  s.windows = windows;
  s.windows_over = windows_over;
  s.deprioritised = static_cast<u32>(nlowered);
  s.budget_stats = controller.stats();
  s.pmu_instructions = pmu_inst;
  s.history_samples = pushed;
  return s;
}

Error set_budget(i64 mw) {
  if (mw < 100 || mw > 1000000) return Error::Range;
  ensure_started();
  {
    SpinLockGuard g(lock);
    controller.set_budget(mw, sched::now_ns());
    windows = windows_over = win_energy = win_ms = 0;
  }
  SIS_KLOG(Info, "power", "budget set to %llu.%03llu W", (ull)(mw / 1000), (ull)(mw % 1000));
  return Error::Ok;
}

void clear_budget() {
  {
    SpinLockGuard g(lock);
    if (!controller.active()) return;
    controller.clear();
    duty_published = 0;
  }
  restore_pending = true;  // powerd restores the priorities (set_nice takes scheduler locks)
  SIS_KLOG(Info, "power", "budget off: normal scheduling");
}

}  // namespace sis::power
