// The transformer scheduling policy (see transformer_policy.h).
#include "ai/transformer_policy.h"

#include "ai/ai_metrics.h"
#include "ai/trace.h"

namespace sis::ai {

using sched::Thread;

ThreadFacts TransformerPolicy::facts_of(const Thread* t, u64 now_ns) {
  ThreadFacts f;
  const sched::ThreadStats& s = t->stats;
  f.last_burst_ns = s.burst(0);
  u64 n = min<u64>(s.burst_count, 4), sum = 0;
  for (usize i = 0; i < n; ++i) sum += s.burst(i);
  f.avg_burst_ns = n ? sum / n : 0;
  f.wait_ns = t->state == sched::ThreadState::Runnable && now_ns > t->state_since_ns ? now_ns - t->state_since_ns : 0;
  f.burst_so_far_ns = s.burst_ns;
  f.voluntary = s.voluntary;
  f.involuntary = s.involuntary;
  f.nice = t->nice;
  f.run_ns = s.run_ns;
  f.woken = s.burst_ns == 0 && s.burst_count > 0;
  return f;
}

void TransformerPolicy::enqueue(Thread* t, sched::EnqueueReason, u64 now_ns) {
  now_ns_ = now_ns;
  queue_.push_back(t);
  ++stats().enqueues;
}

Thread* TransformerPolicy::pick_next(u64 now_ns) {
  now_ns_ = now_ns;
  if (queue_.empty()) return nullptr;
  ++stats().picks;
  if (!model_.loaded() || queue_.size() == 1) return queue_.pop_front();
  // The queue is FIFO, so its front has waited longest.
  const Thread* front = queue_.front();
  if (now_ns > front->state_since_ns && now_ns - front->state_since_ns >= kStarvationNs) {
    ++starvation_picks_;
    return queue_.pop_front();
  }
  u64 t0 = clock_ ? clock_() : 0;
  SchedFeatures x[SchedModel::kMaxTokens];
  Thread* cand[SchedModel::kMaxTokens];
  usize n = 0;
  for (Thread* t = queue_.front(); t && n < SchedModel::kMaxTokens; t = decltype(queue_)::next(t)) {
    cand[n] = t;
    x[n++] = sched_features(facts_of(t, now_ns));
  }
  i32 scores[SchedModel::kMaxTokens];
  u16 attn[SchedModel::kMaxTokens];
  usize best = model_.pick(x, n, scores, attn);
  Thread* chosen = cand[best];
  queue_.remove(chosen);
  ++decisions_;
  if (clock_) {
    u64 t1 = clock_();
    model_stats(ModelId::Sched).record(t1 - t0, t1);
    if (traces().sample_pick()) {
      TraceRecord r;
      r.ts_ns = t1;
      r.model = TraceModel::Sched;
      r.kind = TraceKind::Pick;
      r.model_version = model_.version();
      r.n_inputs = SchedFeatures::kCount;
      r.input_names = kSchedFeatureNames;
      for (usize i = 0; i < SchedFeatures::kCount; ++i) r.inputs[i] = x[best].v[i];
      u16 p[SchedModel::kMaxTokens];
      softmax_q15(scores, p, n);
      r.output_q15 = p[best];
      r.confidence_q15 = p[best];
      r.subject = chosen->tid;
      r.n_cand = static_cast<u32>(n);
      // Top attention weights of the chosen thread's row.
      bool used[SchedModel::kMaxTokens] = {};
      for (usize k = 0; k < TraceRecord::kMaxTop && k < n; ++k) {
        usize bi = n;
        for (usize j = 0; j < n; ++j)
          if (!used[j] && (bi == n || attn[j] > attn[bi])) bi = j;
        used[bi] = true;
        r.top_tid[k] = cand[bi]->tid;
        r.top_weight_q15[k] = attn[bi];
        r.n_top = static_cast<u8>(k + 1);
      }
      r.latency_ns = t1 - t0;
      format(r.action, sizeof(r.action), "pick tid %u of %u", chosen->tid, static_cast<unsigned>(n));
      traces().add(r);
    }
  }
  return chosen;
}

bool TransformerPolicy::preempt_on_tick(const Thread*, u64 ran_ns) { return !queue_.empty() && ran_ns >= kSliceNs; }

bool TransformerPolicy::preempt_on_wakeup(const Thread* curr, const Thread* woken) {
  if (!model_.loaded()) return false;
  u64 t0 = clock_ ? clock_() : 0;
  SchedFeatures x[2] = {sched_features(facts_of(curr, now_ns_)), sched_features(facts_of(woken, now_ns_))};
  i32 scores[2];
  usize best = model_.pick(x, 2, scores);
  ++wakeup_decisions_;
  if (clock_) {
    u64 t1 = clock_();
    model_stats(ModelId::Sched).record(t1 - t0, t1);
  }
  return best == 1;
}

}  // namespace sis::ai
