// Host tests of the learned scheduling policies (sched/learned_policy.h) and their burst
// predictors (sched/burst_model.h): the log2 feature curve, the EWMA, the MLP's integer
// inference against a float reference (random weights and the built-in model), and the
// policies in the simulated CPU: an echo thread's wake-up latency drops while CPU hogs
// keep equal shares, and a CPU hog gains nothing by any prediction.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sched/burst_model.h"
#include "sched/eevdf_policy.h"
#include "sched/fair_policy.h"
#include "sched/learned_policy.h"
#include "sched_sim.h"

namespace sis::sched {
namespace {

#define SIS_BURST_MLP_FLOAT 1
#include "sched/models/burst_mlp.inc"
#undef SIS_BURST_MLP_FLOAT

u64 percentile(std::vector<u64> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<usize>(p / 100.0 * static_cast<double>(v.size() - 1))];
}

TEST(SchedBurstModel, Log2CurveIsMonotoneAndInvertible) {
  i32 prev = -1;
  for (u64 us = 0; us < 100000; us += 7) {
    i32 q = log2_us_q8(us * 1000);
    EXPECT_GE(q, prev) << us << " us";
    prev = q;
    // The inverse lands within one Q8.8 step (0.4%) of the input.
    double back = static_cast<double>(exp2_us_q8(q)) / 1000.0;
    EXPECT_NEAR(back, static_cast<double>(us), static_cast<double>(us) * 0.01 + 1.0) << us << " us";
  }
  EXPECT_EQ(log2_us_q8(0), 0);
  EXPECT_EQ(log2_us_q8(1000), 256);  // log2(2) = 1
}

TEST(SchedBurstModel, EwmaFollowsBurstsAndMarksShortOnesCritical) {
  BurstHistory h;
  EXPECT_EQ(predict_ewma(h).slice_ns, 0u) << "no history: the base slice";
  for (int i = 0; i < 20; ++i) h.observe(200000, 3000000);
  BurstPrediction p = predict_ewma(h);
  EXPECT_EQ(p.burst_ns, 200000u);
  EXPECT_EQ(p.crit_q15, 32767);
  EXPECT_EQ(p.slice_ns, 300000u) << "1.5x the predicted burst";
  for (int i = 0; i < 20; ++i) h.observe(5000000, 1000000);
  p = predict_ewma(h);
  EXPECT_GT(p.burst_ns, 4500000u);
  EXPECT_EQ(p.crit_q15, 0);
  EXPECT_EQ(p.slice_ns, 0u) << "a CPU-heavy thread keeps the base slice";
}

// The float computation the integer MLP approximates.
void float_forward(const float w1[8][6], const float b1[8], const float w2[2][8], const float b2[2],
                   const BurstFeatures& x, float out[2]) {
  float h[8];
  for (int j = 0; j < 8; ++j) {
    float a = b1[j];
    for (int i = 0; i < 6; ++i) a += w1[j][i] * static_cast<float>(x.v[i]) / 256.0f;
    h[j] = a > 0 ? a : 0;
  }
  for (int k = 0; k < 2; ++k) {
    out[k] = b2[k];
    for (int j = 0; j < 8; ++j) out[k] += w2[k][j] * h[j];
  }
}

BurstFeatures random_features(std::mt19937& rng) {
  BurstHistory h;
  int n = 1 + static_cast<int>(rng() % 6);
  for (int i = 0; i < n; ++i) h.observe(rng() % 20000000, rng() % 20000000);
  return h.features();
}

TEST(SchedBurstModel, IntegerMlpMatchesAFloatReferenceOnRandomWeights) {
  std::mt19937 rng(7);
  for (int model = 0; model < 20; ++model) {
    float w1[8][6], b1[8], w2[2][8], b2[2];
    std::uniform_real_distribution<float> u(-0.9f, 0.9f);
    for (auto& r : w1)
      for (float& w : r) w = u(rng);
    for (float& b : b1) b = u(rng);
    for (auto& r : w2)
      for (float& w : r) w = u(rng);
    for (float& b : b2) b = u(rng);
    BurstMlp q;
    q.version = 1;
    q.shift1 = q.shift2 = 7;  // |w| < 0.99: 127 / 128
    for (int j = 0; j < 8; ++j) {
      for (int i = 0; i < 6; ++i) q.w1[j][i] = static_cast<i8>(std::lround(w1[j][i] * 128));
      q.b1[j] = static_cast<i32>(std::lround(b1[j] * 256 * 128));
    }
    for (int k = 0; k < 2; ++k) {
      for (int j = 0; j < 8; ++j) q.w2[k][j] = static_cast<i8>(std::lround(w2[k][j] * 128));
      q.b2[k] = static_cast<i32>(std::lround(b2[k] * 256 * 128));
    }
    for (int s = 0; s < 50; ++s) {
      BurstFeatures x = random_features(rng);
      float ref[2];
      float_forward(w1, b1, w2, b2, x, ref);
      i32 got[2];
      mlp_forward(q, x, got);
      // int8 weights carry ~0.4% error each; over 6 + 8 terms of inputs up to ~8 that is
      // a few hundredths in absolute terms, plus ~0.15 relative.
      for (int k = 0; k < 2; ++k)
        EXPECT_NEAR(static_cast<float>(got[k]) / 256.0f, ref[k], 0.15f + std::fabs(ref[k]) * 0.05f)
            << "model " << model << " sample " << s << " output " << k;
    }
  }
}

TEST(SchedBurstModel, BuiltInMlpMatchesTheFloatModelItWasQuantizedFrom) {
  const BurstMlp& m = builtin_burst_mlp();
  ASSERT_GT(m.version, 0u) << "no trained model is built in";
  std::mt19937 rng(11);
  for (int s = 0; s < 500; ++s) {
    BurstFeatures x = random_features(rng);
    float ref[2];
    float_forward(kBurstMlpFloatW1, kBurstMlpFloatB1, kBurstMlpFloatW2, kBurstMlpFloatB2, x, ref);
    i32 got[2];
    mlp_forward(m, x, got);
    for (int k = 0; k < 2; ++k)
      EXPECT_NEAR(static_cast<float>(got[k]) / 256.0f, ref[k], 0.2f + std::fabs(ref[k]) * 0.05f)
          << "sample " << s << " output " << k;
  }
}

struct EchoResult {
  u64 p99 = 0, max = 0;
  double jain = 0;
};

EchoResult echo_under_hogs(Policy* p) {
  Sim sim(p);
  std::vector<SimThread*> hogs;
  for (int i = 0; i < 4; ++i) hogs.push_back(sim.cpu());
  SimThread* echo = sim.io(100000, 4 * kMs);
  sim.io(20000, 10 * kMs, -20);  // a high-weight daemon, as the kernel's powercap thread
  sim.run(2000 * kMs);
  EchoResult r;
  r.p99 = percentile(echo->latencies, 99);
  r.max = echo->max_latency;
  double s = 0, sq = 0;
  for (auto* h : hogs) {
    s += static_cast<double>(h->cpu_ns);
    sq += static_cast<double>(h->cpu_ns) * static_cast<double>(h->cpu_ns);
  }
  r.jain = s * s / (4.0 * sq);
  return r;
}

TEST(SchedLearned, EwmaSliceCutsEchoLatencyAgainstPlainEevdfAndKeepsHogsFair) {
  EevdfPolicy eevdf;
  LearnedPolicy ewma(LearnedPolicy::Predictor::Ewma);
  EchoResult plain = echo_under_hogs(&eevdf), learned = echo_under_hogs(&ewma);
  EXPECT_LT(learned.p99, plain.p99 / 2) << "plain " << plain.p99 << " ns, ewma " << learned.p99 << " ns";
  EXPECT_LE(learned.max, 1 * kMs);
  EXPECT_GE(learned.jain, 0.99);
  EXPECT_GT(ewma.predictions(), 400u);
}

TEST(SchedLearned, MlpPolicyCutsEchoLatencyAndKeepsHogsFair) {
  EevdfPolicy eevdf;
  LearnedPolicy mlp(LearnedPolicy::Predictor::Mlp, &builtin_burst_mlp());
  EchoResult plain = echo_under_hogs(&eevdf), learned = echo_under_hogs(&mlp);
  EXPECT_LT(learned.p99, plain.p99 / 2) << "plain " << plain.p99 << " ns, learned " << learned.p99 << " ns";
  EXPECT_GE(learned.jain, 0.99);
}

TEST(SchedLearned, ACpuHogGainsNoShareWhateverThePrediction) {
  // A thread that computes 0.9 ms then sleeps 0.1 ms looks latency-critical to the EWMA; it
  // must still get no more than an equal share against a plain hog (both always want the
  // CPU, the sleeper slightly less).
  LearnedPolicy ewma(LearnedPolicy::Predictor::Ewma);
  Sim sim(&ewma);
  SimThread* hog = sim.cpu();
  SimThread* gamer = sim.io(900000, 100000);
  sim.run(2000 * kMs);
  double ratio = static_cast<double>(gamer->cpu_ns) / static_cast<double>(hog->cpu_ns);
  EXPECT_LT(ratio, 1.25) << "the predicted latency weight bought CPU share";
  EXPECT_GT(gamer->t.hint_at_ns, 0u);
}

TEST(SchedLearned, PredictionsFollowTheThreadAndSetItsSlice) {
  LearnedPolicy ewma(LearnedPolicy::Predictor::Ewma);
  Sim sim(&ewma);
  sim.cpu();
  SimThread* echo = sim.io(200000, 3 * kMs);
  sim.run(200 * kMs);
  EXPECT_NEAR(static_cast<double>(echo->t.hint.burst_ns), 200000.0, 60000.0);
  EXPECT_EQ(echo->t.hint.crit_q15, 32767);
  EXPECT_EQ(echo->t.slice_ns, echo->t.hint.slice_ns);
  EXPECT_LT(ewma.slice_of(&echo->t), EevdfPolicy::kBaseSliceNs);
}

}  // namespace
}  // namespace sis::sched
