// sis-sched-train: trains the learned scheduler policy's burst MLP (kernel/sched/burst_model.h)
// from traces the kernel recorded itself (`bench sched --mixes train --record`, JSON lines
// with each worker thread's CPU bursts and the sleeps after them), and reports the
// predictors on held-out traces (different workload mixes).
//
//   sis-sched-train --train T.jsonl --heldout H.jsonl [--seed N] [--epochs N] [--out FILE]
//
// The features and the integer inference are the kernel's own code (linked from sis_sched),
// so the model behaves here exactly as in the kernel. Training is plain SGD in float with a
// fixed seed and a fixed sample order: the same traces give the same bytes (the ctest
// sched_train.committed_model rebuilds kernel/sched/models/burst_mlp.inc and compares).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "sched/burst_model.h"

namespace {

using sis::u32;
using sis::u64;
using sis::sched::BurstFeatures;
using sis::sched::BurstHistory;
using sis::sched::BurstMlp;

struct Sequence {
  std::string mix, role;
  std::vector<u64> bursts, sleeps;
};

std::vector<u64> parse_array(const std::string& line, const char* key) {
  std::vector<u64> out;
  std::string k = std::string("\"") + key + "\":[";
  size_t p = line.find(k);
  if (p == std::string::npos) return out;
  p += k.size();
  while (p < line.size() && line[p] != ']') {
    char* end = nullptr;
    out.push_back(std::strtoull(line.c_str() + p, &end, 10));
    p = static_cast<size_t>(end - line.c_str());
    if (p < line.size() && line[p] == ',') ++p;
  }
  return out;
}

std::string parse_string(const std::string& line, const char* key) {
  std::string k = std::string("\"") + key + "\":\"";
  size_t p = line.find(k);
  if (p == std::string::npos) return "";
  p += k.size();
  return line.substr(p, line.find('"', p) - p);
}

bool load(const char* path, std::vector<Sequence>* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("\"trace\":1") == std::string::npos) continue;
    Sequence s{parse_string(line, "mix"), parse_string(line, "role"), parse_array(line, "bursts_us"),
               parse_array(line, "sleeps_us")};
    for (u64& v : s.bursts) v *= 1000;  // recorded in microseconds
    for (u64& v : s.sleeps) v *= 1000;
    if (s.bursts.size() == s.sleeps.size() && s.bursts.size() >= 2) out->push_back(std::move(s));
  }
  return true;
}

struct Sample {
  BurstFeatures x;
  BurstHistory h;
  float y;     // next burst, log2 us centred (Q8.8 / 256)
  float crit;  // next burst under 1 ms
  u64 next_ns;
};

std::vector<Sample> samples_of(const std::vector<Sequence>& seqs) {
  std::vector<Sample> out;
  for (const Sequence& s : seqs) {
    BurstHistory h;
    for (size_t i = 0; i + 1 < s.bursts.size(); ++i) {
      h.observe(s.bursts[i], s.sleeps[i]);
      Sample smp;
      smp.h = h;
      smp.x = h.features();
      smp.next_ns = s.bursts[i + 1];
      smp.y = static_cast<float>(sis::sched::log2_us_q8(s.bursts[i + 1]) - BurstFeatures::kCenter) / 256.0f;
      smp.crit = s.bursts[i + 1] < sis::sched::kCriticalBurstNs ? 1.0f : 0.0f;
      out.push_back(smp);
    }
  }
  return out;
}

constexpr size_t kIn = BurstMlp::kIn, kH = BurstMlp::kHidden, kOut = BurstMlp::kOut;

struct FloatMlp {
  float w1[kH][kIn], b1[kH], w2[kOut][kH], b2[kOut];
  void forward(const BurstFeatures& x, float h[kH], float out[kOut]) const {
    for (size_t j = 0; j < kH; ++j) {
      float a = b1[j];
      for (size_t i = 0; i < kIn; ++i) a += w1[j][i] * (static_cast<float>(x.v[i]) / 256.0f);
      h[j] = a > 0 ? a : 0;
    }
    for (size_t k = 0; k < kOut; ++k) {
      float a = b2[k];
      for (size_t j = 0; j < kH; ++j) a += w2[k][j] * h[j];
      out[k] = a;
    }
  }
};

u32 rng_state = 1;
u32 next_rand() {
  u32 x = rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng_state = x;
}
float uniform(float a) { return (static_cast<float>(next_rand() % 20001) / 10000.0f - 1.0f) * a; }

FloatMlp train(const std::vector<Sample>& data, u32 seed, int epochs) {
  rng_state = seed ? seed : 1;
  FloatMlp m;
  for (auto& r : m.w1)
    for (float& w : r) w = uniform(0.4f);
  for (float& b : m.b1) b = 0.1f;
  for (auto& r : m.w2)
    for (float& w : r) w = uniform(0.4f);
  for (float& b : m.b2) b = 0;
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int e = 0; e < epochs; ++e) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next_rand() % i]);  // Fisher-Yates
    float lr = 0.01f / (1.0f + 0.02f * static_cast<float>(e));
    for (size_t idx : order) {
      const Sample& s = data[idx];
      float h[kH], out[kOut];
      m.forward(s.x, h, out);
      // Squared error on the log burst; logistic loss on criticality.
      float g[kOut] = {out[0] - s.y, 1.0f / (1.0f + std::exp(-out[1])) - s.crit};
      float gh[kH] = {};
      for (size_t k = 0; k < kOut; ++k) {
        for (size_t j = 0; j < kH; ++j) {
          gh[j] += g[k] * m.w2[k][j];
          m.w2[k][j] -= lr * g[k] * h[j];
        }
        m.b2[k] -= lr * g[k];
      }
      for (size_t j = 0; j < kH; ++j) {
        if (h[j] <= 0) continue;
        for (size_t i = 0; i < kIn; ++i) m.w1[j][i] -= lr * gh[j] * (static_cast<float>(s.x.v[i]) / 256.0f);
        m.b1[j] -= lr * gh[j];
      }
    }
  }
  return m;
}

int shift_for(float maxabs) {
  int s = 0;
  while (s < 14 && maxabs * static_cast<float>(1 << (s + 1)) <= 127.0f) ++s;
  return s;
}

long lround_f(float v) { return std::lround(static_cast<double>(v)); }

BurstMlp quantize(const FloatMlp& f, u32 version) {
  BurstMlp q;
  q.version = version;
  float m1 = 0, m2 = 0;
  for (auto& r : f.w1)
    for (float w : r) m1 = std::fmax(m1, std::fabs(w));
  for (auto& r : f.w2)
    for (float w : r) m2 = std::fmax(m2, std::fabs(w));
  q.shift1 = static_cast<sis::u8>(shift_for(m1));
  q.shift2 = static_cast<sis::u8>(shift_for(m2));
  float s1 = static_cast<float>(1 << q.shift1), s2 = static_cast<float>(1 << q.shift2);
  for (size_t j = 0; j < kH; ++j) {
    for (size_t i = 0; i < kIn; ++i) q.w1[j][i] = static_cast<sis::sched::i8>(lround_f(f.w1[j][i] * s1));
    q.b1[j] = static_cast<sis::i32>(lround_f(f.b1[j] * 256.0f * s1));
  }
  for (size_t k = 0; k < kOut; ++k) {
    for (size_t j = 0; j < kH; ++j) q.w2[k][j] = static_cast<sis::sched::i8>(lround_f(f.w2[k][j] * s2));
    q.b2[k] = static_cast<sis::i32>(lround_f(f.b2[k] * 256.0f * s2));
  }
  return q;
}

void write_inc(FILE* o, const BurstMlp& q, const FloatMlp& f, const char* cmd) {
  std::fprintf(o, "// Generated by: %s\n// Do not edit: the ctest sched_train.committed_model rebuilds it from the traces.\n", cmd);
  std::fprintf(o, "constexpr BurstMlp kBuiltinBurstMlp = {%u, %u, %u,\n  {", q.version, q.shift1, q.shift2);
  for (size_t j = 0; j < kH; ++j) {
    std::fprintf(o, "%s{", j ? ", " : "");
    for (size_t i = 0; i < kIn; ++i) std::fprintf(o, "%s%d", i ? ", " : "", q.w1[j][i]);
    std::fprintf(o, "}");
  }
  std::fprintf(o, "},\n  {");
  for (size_t j = 0; j < kH; ++j) std::fprintf(o, "%s%d", j ? ", " : "", q.b1[j]);
  std::fprintf(o, "},\n  {");
  for (size_t k = 0; k < kOut; ++k) {
    std::fprintf(o, "%s{", k ? ", " : "");
    for (size_t j = 0; j < kH; ++j) std::fprintf(o, "%s%d", j ? ", " : "", q.w2[k][j]);
    std::fprintf(o, "}");
  }
  std::fprintf(o, "},\n  {%d, %d}};\n", q.b2[0], q.b2[1]);
  // The float model the integer one was quantized from: the unit test's reference.
  std::fprintf(o, "#ifdef SIS_BURST_MLP_FLOAT\nconstexpr float kBurstMlpFloatW1[%zu][%zu] = {", kH, kIn);
  for (size_t j = 0; j < kH; ++j) {
    std::fprintf(o, "%s{", j ? ", " : "");
    for (size_t i = 0; i < kIn; ++i) std::fprintf(o, "%s%.9gf", i ? ", " : "", static_cast<double>(f.w1[j][i]));
    std::fprintf(o, "}");
  }
  std::fprintf(o, "};\nconstexpr float kBurstMlpFloatB1[%zu] = {", kH);
  for (size_t j = 0; j < kH; ++j) std::fprintf(o, "%s%.9gf", j ? ", " : "", static_cast<double>(f.b1[j]));
  std::fprintf(o, "};\nconstexpr float kBurstMlpFloatW2[%zu][%zu] = {", kOut, kH);
  for (size_t k = 0; k < kOut; ++k) {
    std::fprintf(o, "%s{", k ? ", " : "");
    for (size_t j = 0; j < kH; ++j) std::fprintf(o, "%s%.9gf", j ? ", " : "", static_cast<double>(f.w2[k][j]));
    std::fprintf(o, "}");
  }
  std::fprintf(o, "};\nconstexpr float kBurstMlpFloatB2[%zu] = {%.9gf, %.9gf};\n#endif\n", kOut,
               static_cast<double>(f.b2[0]), static_cast<double>(f.b2[1]));
}

struct Score {
  double mae = 0;  // mean |log2 predicted - log2 actual| (factor error in powers of two)
  double crit_acc = 0;
  size_t n = 0;
};

template <typename Predict>
Score evaluate(const std::vector<Sample>& data, Predict predict) {
  Score s;
  for (const Sample& smp : data) {
    u64 pred_ns;
    bool crit;
    predict(smp, &pred_ns, &crit);
    double a = std::log2(static_cast<double>(pred_ns) / 1000.0 + 1.0), b = std::log2(static_cast<double>(smp.next_ns) / 1000.0 + 1.0);
    s.mae += std::fabs(a - b);
    s.crit_acc += (crit == (smp.crit > 0.5f)) ? 1.0 : 0.0;
    ++s.n;
  }
  if (s.n) {
    s.mae /= static_cast<double>(s.n);
    s.crit_acc /= static_cast<double>(s.n);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const char *train_path = nullptr, *heldout_path = nullptr, *out_path = nullptr;
  u32 seed = 1, version = 1;
  int epochs = 60;
  for (int i = 1; i < argc; ++i) {
    auto val = [&](const char* name) -> const char* {
      if (std::strcmp(argv[i], name) != 0 || i + 1 >= argc) return nullptr;
      return argv[++i];
    };
    if (const char* v = val("--train")) train_path = v;
    else if (const char* v2 = val("--heldout")) heldout_path = v2;
    else if (const char* v3 = val("--out")) out_path = v3;
    else if (const char* v4 = val("--seed")) seed = static_cast<u32>(std::strtoul(v4, nullptr, 10));
    else if (const char* v5 = val("--epochs")) epochs = std::atoi(v5);
    else if (const char* v6 = val("--version")) version = static_cast<u32>(std::strtoul(v6, nullptr, 10));
    else {
      std::fprintf(stderr,
                   "usage: sis-sched-train --train T.jsonl --heldout H.jsonl [--seed N] [--epochs N] [--version N] "
                   "[--out burst_mlp.inc]\n");
      return 2;
    }
  }
  std::vector<Sequence> tr, ho;
  if (!train_path || !heldout_path || !load(train_path, &tr) || !load(heldout_path, &ho)) {
    std::fprintf(stderr, "sis-sched-train: cannot read the traces (--train and --heldout are required)\n");
    return 1;
  }
  std::vector<Sample> train_set = samples_of(tr), test_set = samples_of(ho);
  if (train_set.empty() || test_set.empty()) {
    std::fprintf(stderr, "sis-sched-train: no samples (%zu training, %zu held-out)\n", train_set.size(), test_set.size());
    return 1;
  }
  FloatMlp f = train(train_set, seed, epochs);
  BurstMlp q = quantize(f, version);
  if (out_path) {
    FILE* o = std::fopen(out_path, "w");
    if (!o) {
      std::fprintf(stderr, "sis-sched-train: cannot write %s\n", out_path);
      return 1;
    }
    char cmd[256];
    std::snprintf(cmd, sizeof(cmd), "sis-sched-train --train <train> --heldout <heldout> --seed %u --epochs %d --version %u",
                  seed, epochs, version);
    write_inc(o, q, f, cmd);
    std::fclose(o);
  }
  auto last = [](const Sample& s, u64* p, bool* c) {
    *p = s.h.bursts[0];
    *c = *p < sis::sched::kCriticalBurstNs;
  };
  auto ewma = [](const Sample& s, u64* p, bool* c) {
    auto r = sis::sched::predict_ewma(s.h);
    *p = r.burst_ns;
    *c = r.crit_q15 >= 16384;
  };
  auto mlp_float = [&](const Sample& s, u64* p, bool* c) {
    float h[kH], out[kOut];
    f.forward(s.x, h, out);
    *p = static_cast<u64>((std::exp2(static_cast<double>(out[0]) + BurstFeatures::kCenter / 256.0) - 1.0) * 1000.0);
    *c = out[1] >= 0;
  };
  auto mlp_int = [&](const Sample& s, u64* p, bool* c) {
    auto r = sis::sched::predict_mlp(q, s.h);
    *p = r.burst_ns;
    *c = r.crit_q15 >= 16384;
  };
  std::printf("sis-sched-train: %zu training samples (%zu sequences), %zu held-out samples (%zu sequences), seed %u, %d epochs\n",
              train_set.size(), tr.size(), test_set.size(), ho.size(), seed, epochs);
  std::printf("predictor      set        next-burst error (mean |log2|)  latency-critical accuracy\n");
  const std::pair<const char*, const std::vector<Sample>*> sets[] = {{"train", &train_set}, {"held-out", &test_set}};
  for (auto& [name, set] : sets) {
    Score s1 = evaluate(*set, last), s2 = evaluate(*set, ewma), s3 = evaluate(*set, mlp_float), s4 = evaluate(*set, mlp_int);
    std::printf("last burst     %-9s  %8.3f                        %6.3f\n", name, s1.mae, s1.crit_acc);
    std::printf("ewma           %-9s  %8.3f                        %6.3f\n", name, s2.mae, s2.crit_acc);
    std::printf("mlp (float)    %-9s  %8.3f                        %6.3f\n", name, s3.mae, s3.crit_acc);
    std::printf("mlp (int8)     %-9s  %8.3f                        %6.3f\n", name, s4.mae, s4.crit_acc);
  }
  return 0;
}
