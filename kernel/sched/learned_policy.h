// LearnedPolicy: EEVDF (eevdf_policy.h) whose per-thread slice comes from a prediction made
// when the thread wakes up, off the pick path (burst_model.h):
//   "learned": the MLP trained on the kernel's own traces (sis-sched-train);
//   "ewma":    an EWMA of past bursts (the classical predictor, the ablation's reference).
// A thread predicted latency-critical asks for a slice of 1.5x its predicted burst and is
// placed with positive lag up to EEVDF's bound in proportion to its criticality (its
// latency weight), so its virtual deadline comes early and it runs soon after it wakes;
// others keep the base slice and their own lag.
// The pick itself is EEVDF's O(log n) descent and never runs a model, and the lag bound
// keeps the CPU share fair whatever the model says. Each decision goes to the tracer
// (the kernel writes it to the decision-trace ring: sched_trace.cpp).
#pragma once
#include "sched/eevdf_policy.h"

namespace sis::sched {

class LearnedPolicy final : public EevdfPolicy {
 public:
  enum class Predictor : u8 { Ewma, Mlp };
  using Tracer = void (*)(const Thread* t, const BurstFeatures& x, const BurstPrediction& p, u64 now_ns,
                          const char* policy, u64 inference_ns);

  explicit LearnedPolicy(Predictor p, const BurstMlp* mlp = nullptr) : predictor_(p), mlp_(mlp) {
    set_honour_thread_slice(true);
  }
  const char* name() const override { return predictor_ == Predictor::Mlp ? "learned" : "ewma"; }
  const char* summary() const override {
    return predictor_ == Predictor::Mlp ? "EEVDF, slice from an MLP's burst/latency prediction at wake-up"
                                        : "EEVDF, slice from an EWMA of past bursts at wake-up";
  }
  // Optional: the tracer and a clock (ns) to time each prediction.
  void set_tracer(Tracer fn, u64 (*clock_ns)()) {
    tracer_ = fn;
    clock_ = clock_ns;
  }
  u64 predictions() const { return predictions_; }
  // The prediction for a history, as on_wakeup makes it.
  BurstPrediction predict(const BurstHistory& h) const;

 protected:
  void on_wakeup(Thread* t, u64 now_ns) override;
  // Latency weight: the lag bound scaled by the predicted latency-criticality.
  u64 latency_credit(const Thread* t, u64 lag_limit) const override { return lag_limit * t->hint.crit_q15 / 32768; }

 private:
  Predictor predictor_;
  const BurstMlp* mlp_;
  Tracer tracer_ = nullptr;
  u64 (*clock_)() = nullptr;
  u64 predictions_ = 0;
};

}  // namespace sis::sched
