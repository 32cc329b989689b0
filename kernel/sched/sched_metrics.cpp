// The `sched` metrics group (sched_status.h). Apart from the rest of sched_status.cpp so that
// the host build of the control methods can link it over the host edge's cpu_info().
#include "sched/scheduler.h"
#include "sched/sched_status.h"

namespace sis::sched {

void write_sched_metrics(JsonWriter& w, const CpuInfo& c) {
  // cpu_info counts the running thread in `runnable`; the gauge counts the threads waiting.
  w.kv_uint("context_switches", c.switches).kv_uint("runnable", c.runnable ? c.runnable - 1 : 0);
  w.kv_uint("threads", c.threads).kv_uint("idle_ns", c.idle_ns).kv("policy", c.policy ? c.policy : "");
}

void write_sched_metrics(JsonWriter& w) { write_sched_metrics(w, cpu_info()); }

}  // namespace sis::sched
