// Model files (SISM): round trip, and every kind of damage is refused with a clear reason;
// the crash predictor's features and inference; the decision trace ring and its JSON.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ai/ai_metrics.h"
#include "ai/crash_model.h"
#include "ai/crash_rules.h"
#include "ai/model_file.h"
#include "ai/trace.h"

using namespace sis;
using namespace sis::ai;

namespace {

std::vector<u8> make_crash_model(i8 w_fill = 1) {
  constexpr usize F = CrashFeatures::kCount, H = CrashModel::kHidden;
  static i16 mean[F], scale[F];
  static i8 w1[H * F], w2[H];
  static i32 b1[H], b2[1];
  for (usize i = 0; i < F; ++i) {
    mean[i] = 0;
    scale[i] = 256;
  }
  for (auto& v : w1) v = w_fill;
  for (auto& v : w2) v = 1;
  for (auto& v : b1) v = 0;
  b2[0] = -256;
  TensorView t[6] = {
      {DType::I16, 0, 1, F, mean}, {DType::I16, 0, 1, F, scale}, {DType::I8, 4, H, F, w1},
      {DType::I32, 0, 1, H, b1},   {DType::I8, 4, 1, H, w2},     {DType::I32, 0, 1, 1, b2},
  };
  std::vector<u8> buf(8192);
  usize n = write_model_file(buf.data(), buf.size(), ModelKind::Crash, 7, 42, t, 6);
  buf.resize(n);
  return buf;
}

}  // namespace

TEST(AiModelFile, RoundTripKeepsVersionSeedAndTensors) {
  auto bytes = make_crash_model();
  ModelFile f;
  ASSERT_EQ(f.parse(bytes.data(), bytes.size()), Error::Ok) << f.error;
  EXPECT_EQ(f.kind, ModelKind::Crash);
  EXPECT_EQ(f.version, 7u);
  EXPECT_EQ(f.seed, 42u);
  ASSERT_EQ(f.tensor_count, 6u);
  EXPECT_EQ(f.tensors[2].rows, CrashModel::kHidden);
  EXPECT_EQ(f.tensors[2].shift, 4);
}

TEST(AiModelFile, EveryTruncationIsRefused) {
  auto bytes = make_crash_model();
  for (usize n = 0; n < bytes.size(); ++n) {
    ModelFile f;
    Error e = f.parse(bytes.data(), n);
    ASSERT_NE(e, Error::Ok) << "truncated to " << n << " bytes was accepted";
    ASSERT_STRNE(f.error, "");
  }
  ModelFile f;
  EXPECT_NE(f.parse(bytes.data(), 10), Error::Ok);
  EXPECT_STREQ(f.error, "truncated: shorter than the 32-byte header");
  EXPECT_NE(f.parse(bytes.data(), bytes.size() - 4), Error::Ok);
  EXPECT_STREQ(f.error, "truncated: payload shorter than the header says");
}

TEST(AiModelFile, EveryFlippedBitIsRefused) {
  auto bytes = make_crash_model();
  for (usize i = 0; i < bytes.size(); ++i)
    for (int bit = 0; bit < 8; bit += 3) {
      auto c = bytes;
      c[i] ^= static_cast<u8>(1 << bit);
      ModelFile f;
      ASSERT_NE(f.parse(c.data(), c.size()), Error::Ok) << "flip at byte " << i << " bit " << bit;
    }
  auto c = bytes;
  c[40] ^= 1;  // payload byte
  ModelFile f;
  EXPECT_EQ(f.parse(c.data(), c.size()), Error::Corrupt);
  EXPECT_STREQ(f.error, "payload checksum mismatch (corrupt weights)");
}

TEST(AiModelFile, CrashModelRejectsWrongShapesAndKinds) {
  constexpr usize F = CrashFeatures::kCount;
  static i16 v[F] = {};
  TensorView t[1] = {{DType::I16, 0, 1, F, v}};
  std::vector<u8> buf(4096);
  usize n = write_model_file(buf.data(), buf.size(), ModelKind::Crash, 1, 1, t, 1);
  CrashModel m;
  const char* why = "";
  EXPECT_EQ(m.load(buf.data(), n, &why), Error::BadFormat);
  EXPECT_STREQ(why, "missing tensor");
  n = write_model_file(buf.data(), buf.size(), ModelKind::Sched, 1, 1, t, 1);
  EXPECT_EQ(m.load(buf.data(), n, &why), Error::BadFormat);
  EXPECT_STREQ(why, "not a crash-predictor model (wrong kind)");
  EXPECT_FALSE(m.loaded());
  EXPECT_EQ(m.predict_q15(CrashFeatures{}), u32{kProbOne / 2});
}

TEST(AiCrashModel, FeaturesFromSamples) {
  FeatureWindow w;
  MemSample s;
  s.managed_pages = 1000;
  s.free_pages = 800;
  s.free_blocks[10] = 0;
  s.free_blocks[0] = 800;  // all free memory in single pages: fully fragmented above order 0
  for (int i = 0; i <= 10; ++i) {
    s.t_ns = i * 100000000ull;
    s.free_pages = 800 - 50 * i;  // loses 5% of memory per 100 ms = 50%/s
    s.free_blocks[0] = s.free_pages;
    s.failures = i >= 9 ? 5 : 0;
    w.push(s);
  }
  CrashFeatures f;
  ASSERT_TRUE(w.features(&f));
  EXPECT_EQ(f.v[0], 300 * 256 / 1000);   // free ratio 0.3
  EXPECT_NEAR(f.v[1], -128, 2);          // -0.5 per second
  EXPECT_NEAR(f.v[2], -128, 3);
  EXPECT_EQ(f.v[3], 256);                // nothing usable at order 3
  EXPECT_EQ(f.v[5], 1 * 256 / 11);       // largest free block: order 0
  EXPECT_EQ(f.v[8], 5 * 256 / 10);       // 5 failures in the last second
  EXPECT_EQ(f.v[9], 0);                  // none since the previous sample
}

TEST(AiCrashModel, PredictsMonotonicallyInItsWeights) {
  auto bytes = make_crash_model();
  CrashModel m;
  const char* why = "";
  ASSERT_EQ(m.load(bytes.data(), bytes.size(), &why), Error::Ok) << why;
  CrashFeatures lo, hi;
  for (auto& v : hi.v) v = 512;
  i32 logit = 0;
  u32 plo = m.predict_q15(lo, &logit);
  EXPECT_EQ(logit, -256);  // only the output bias
  u32 phi = m.predict_q15(hi);
  EXPECT_LT(plo, u32{kProbOne / 2});
  EXPECT_GT(phi, plo);
}

TEST(AiTrace, RingKeepsNewestAndJsonIsWellFormed) {
  TraceRing ring;
  for (int i = 0; i < 300; ++i) {
    TraceRecord r;
    r.ts_ns = i;
    r.kind = TraceKind::Alarm;
    r.n_inputs = CrashFeatures::kCount;
    r.input_names = kCrashFeatureNames;
    r.output_q15 = 30000;
    snprintf(r.action, sizeof(r.action), "act %d", i);
    EXPECT_EQ(ring.add(r), static_cast<u64>(i + 1));
  }
  EXPECT_EQ(ring.newest_id(), 300u);
  EXPECT_EQ(ring.oldest_id(), 300u - TraceRing::kCap + 1);
  TraceRecord r;
  EXPECT_FALSE(ring.get(1, &r));
  ASSERT_TRUE(ring.get(300, &r));
  EXPECT_STREQ(r.action, "act 299");
  EXPECT_TRUE(ring.set_outcome(300, TraceOutcome::NoFailure, 5, "fine"));
  ASSERT_TRUE(ring.get(300, &r));
  char buf[4096];
  TextBuffer tb(buf, sizeof(buf));
  JsonWriter w(tb);
  write_trace_json(w, r);
  ASSERT_TRUE(w.ok());
  std::string s(tb.view().data, tb.view().size);
  EXPECT_NE(s.find("\"model\":\"crash-predictor\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"risk\":0.9155"), std::string::npos) << s;
  EXPECT_NE(s.find("\"status\":\"no-failure\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"free_ratio\":0.000"), std::string::npos) << s;
  ring.clear();
  EXPECT_FALSE(ring.get(300, &r));
  EXPECT_EQ(ring.oldest_id(), ring.newest_id() - TraceRing::kCap + 1);
}

TEST(AiMetrics, PercentilesAndRate) {
  ModelStats s;
  for (u64 i = 1; i <= 100; ++i) s.record(i * 1000, i * 20000000ull);  // 50 per second
  static u32 scratch[ModelStats::kCap];
  EXPECT_EQ(s.count(), 100u);
  EXPECT_EQ(s.mean_ns(), 50500u);
  EXPECT_EQ(s.percentile_ns(50, scratch), 50000u);
  EXPECT_EQ(s.percentile_ns(99, scratch), 99000u);
  EXPECT_NEAR(static_cast<double>(s.rate_milli(2000000000ull)), 50000.0, 1500.0);
}

// Recording resets the window between runs (crashctl record): after reset() a window must
// give exactly the features a new window gives, so nothing of the previous run (a falling
// trend, failures, the allocation count) leaks into the next one's first second.
TEST(AiCrashModel, ResetWindowGivesTheFeaturesOfAFreshWindow) {
  FeatureWindow used, fresh;
  MemSample s;
  s.managed_pages = 1000;
  for (int i = 0; i < 25; ++i) {  // a crash: memory falls, allocations fail
    s.t_ns = i * 100000000ull;
    s.free_pages = 900 - 35 * i;
    s.free_blocks[0] = s.free_pages;
    s.failures = i > 20 ? i * 10 : 0;
    s.allocs = i * 1000;
    s.runnable = 3;
    used.push(s);
  }
  used.reset();
  for (int i = 0; i < 20; ++i) {  // the next run: idle after teardown
    s.t_ns = (30 + i) * 100000000ull;
    s.free_pages = 900;
    s.free_blocks[0] = 0;
    s.free_blocks[10] = 0;
    s.free_blocks[8] = 3;
    s.runnable = 0;
    used.push(s);
    fresh.push(s);
    CrashFeatures a, b;
    ASSERT_TRUE(used.features(&a));
    ASSERT_TRUE(fresh.features(&b));
    for (usize k = 0; k < CrashFeatures::kCount; ++k) EXPECT_EQ(a.v[k], b.v[k]) << "feature " << k << " sample " << i;
    EXPECT_EQ(a.v[1], 0);  // no trend carried over
    EXPECT_EQ(a.v[8], 0);  // no failures carried over
  }
}

TEST(AiCrashRules, TimeToExhaustionFromFreeRatioAndTrend) {
  CrashFeatures f;
  f.v[0] = 128;  // half of memory free
  f.v[1] = -64;  // falling by a quarter of memory per second
  EXPECT_EQ(time_to_exhaustion_ms(f), 2000u);
  f.v[1] = 0;
  EXPECT_EQ(time_to_exhaustion_ms(f), kNoExhaustion);  // not falling
  f.v[1] = 40;
  EXPECT_EQ(time_to_exhaustion_ms(f), kNoExhaustion);  // rising
  f.v[0] = 0;
  f.v[1] = -1;
  EXPECT_EQ(time_to_exhaustion_ms(f), 0u);  // already out
  f.v[0] = 256;
  f.v[1] = -1;
  EXPECT_EQ(time_to_exhaustion_ms(f), 256000u);  // slow: 256 s
}

TEST(AiCrashRules, DetectorNamesRoundTrip) {
  for (Detector d : {Detector::Model, Detector::Tte, Detector::Psi}) {
    Detector back;
    ASSERT_TRUE(parse_detector(StrView(detector_name(d)), &back));
    EXPECT_EQ(back, d);
  }
  Detector x;
  EXPECT_FALSE(parse_detector(StrView("oracle"), &x));
  EXPECT_FALSE(parse_detector(StrView(""), &x));
}
