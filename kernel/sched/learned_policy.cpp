// The learned EEVDF policies: see learned_policy.h.
#include "sched/learned_policy.h"

namespace sis::sched {

BurstPrediction LearnedPolicy::predict(const BurstHistory& h) const {
  if (predictor_ == Predictor::Mlp && mlp_ && mlp_->version) return predict_mlp(*mlp_, h);
  return predict_ewma(h);
}

void LearnedPolicy::on_wakeup(Thread* t, u64 now_ns) {
  u64 t0 = clock_ ? clock_() : 0;
  BurstPrediction p = predict(t->hist);
  u64 t1 = clock_ ? clock_() : 0;
  t->hint = p;
  t->hint_at_ns = now_ns;
  t->slice_ns = p.slice_ns;
  ++predictions_;
  if (tracer_) tracer_(t, t->hist.features(), p, now_ns, name(), t1 - t0);
}

}  // namespace sis::sched
