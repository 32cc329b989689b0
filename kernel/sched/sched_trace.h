// The learned policies' decisions in the decision-trace ring (ai/trace.h, docs/traces.md),
// kernel only: one record per prediction with the thread, its inputs (Q8.8 log2 us), the
// predicted burst and latency-criticality, and the slice it was given.
#pragma once
#include "sched/thread.h"

namespace sis::sched {

void trace_hint(const Thread* t, const BurstFeatures& x, const BurstPrediction& p, u64 now_ns, const char* policy,
                u64 inference_ns);

}  // namespace sis::sched
