// Learned scheduling decisions in the trace ring (sched/sched_trace.h). It lives in ai/, the
// layer that owns the trace ring, so the scheduler below it never includes ai/ headers.
#include "sched/sched_trace.h"

#include "ai/trace.h"
#include "lib/format.h"

namespace sis::sched {

void trace_hint(const Thread* t, const BurstFeatures& x, const BurstPrediction& p, u64 now_ns, const char* policy,
                u64 inference_ns) {
  ai::TraceRecord r;
  r.ts_ns = now_ns;
  r.model = ai::TraceModel::SchedLearned;
  r.kind = ai::TraceKind::Hint;
  r.model_version = builtin_burst_mlp().version;
  r.n_inputs = BurstFeatures::kCount;
  r.input_names = kBurstFeatureNames;
  for (usize i = 0; i < BurstFeatures::kCount; ++i) r.inputs[i] = x.v[i];
  r.output_q15 = p.crit_q15;
  r.confidence_q15 = p.crit_q15;
  r.subject = t->tid;
  r.latency_ns = inference_ns;
  format(r.action, sizeof(r.action), "%s slice tid %u %llu us", policy, t->tid,
         static_cast<unsigned long long>((p.slice_ns ? p.slice_ns : 3000000) / 1000));
  format(r.detail, sizeof(r.detail), "predicted burst %llu us, latency-critical %u%%",
         static_cast<unsigned long long>(p.burst_ns / 1000), static_cast<unsigned>(p.crit_q15 * 100u / 32767u));
  ai::traces().add(r);
}

}  // namespace sis::sched
