// The scheduler's state as JSON (sched_status.h).
#include "sched/sched_status.h"

#include "arch/arch.h"
#include "sched/scheduler.h"
#include "sched/workloads.h"

namespace sis::sched {


PickLatency pick_latency(const PolicyStats& s, u32* scratch) {
  u64 irq = arch::irq_save();  // the pick path records samples from the switch path
  u64 med = s.pick.percentile(50, scratch), p99 = s.pick.percentile(99, scratch);
  arch::irq_restore(irq);
  return {arch::cycles_to_ns(med), arch::cycles_to_ns(p99)};
}

PickLatency wake_latency(const PolicyStats& s, u32* scratch) {
  u64 irq = arch::irq_save();
  u64 med = s.wake.percentile(50, scratch), p99 = s.wake.percentile(99, scratch);
  arch::irq_restore(irq);
  return {med, p99};
}

LatencySummary active_wake_window(u32* scratch) {
  u64 irq = arch::irq_save();  // the switch path adds samples; a policy switch changes the active one
  usize n = active_policy()->stats().wake.copy_to(scratch);
  arch::irq_restore(irq);
  return summarize_latency(scratch, n);
}

void write_sched_status(JsonWriter& w) {
  static u32 scratch[LatencySamples::kCap];
  CpuInfo ci = cpu_info();
  FpStats fs = fp_stats();
  FpCheckStats fc = fp_check_stats();
  write_sched_metrics(w, ci, active_wake_window(scratch));
  w.kv_uint("cpu", ci.cpu).kv_uint("tick_hz", arch::timer_hz()).kv_uint("now_ns", ci.now_ns);
  w.key("fp").begin_object().kv("mode", fp_mode_name(fp_mode())).kv_uint("traps", fs.traps);
  w.kv_uint("saves", fs.saves).kv_uint("restores", fs.restores).end_object();
  w.key("fp_check").begin_object().kv_uint("threads", fc.threads).kv_uint("checks", fc.checks);
  w.kv_uint("errors", fc.errors).kv_uint("preemptions", fc.preemptions).end_object();
  w.key("policies").begin_array();
  for (usize i = 0; i < policy_count(); ++i) {
    Policy* p = policy_at(i);
    const PolicyStats& s = p->stats();
    PickLatency lat = pick_latency(s, scratch);
    w.begin_object().kv("name", p->name()).kv("summary", p->summary()).kv_bool("active", p == active_policy());
    w.kv_uint("picks", s.picks).kv_uint("enqueues", s.enqueues).kv_uint("switches", s.switches);
    w.kv_uint("run_ns", s.run_ns).kv_uint("tick_preempts", s.tick_preempts);
    w.kv_uint("wakeup_preempts", s.wakeup_preempts).kv_uint("pick_median_ns", lat.median_ns);
    PickLatency wl = wake_latency(s, scratch);
    w.kv_uint("pick_p99_ns", lat.p99_ns).kv_uint("wake_median_ns", wl.median_ns).kv_uint("wake_p99_ns", wl.p99_ns);
    w.kv_uint("wake_samples", s.wake.count()).end_object();
  }
  w.end_array();
}

}  // namespace sis::sched
