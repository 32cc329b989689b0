// Crash-predictor trainer: reads runs the kernel recorded (`crashctl record`, see
// record.sh), labels each sample (positive = the run crashed within kHorizonMs after it;
// samples from the crash on are dropped: nothing is left to predict), trains a 17-16-1 MLP
// in double precision with a seeded, fully deterministic procedure on the families that are
// not held out, and quantizes it to the kernel's fixed-point format. crash_eval.cpp then
// evaluates the *quantized* model through the kernel's own inference code.
#include "crash_train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "ai/crash_model.h"
#include "ai/model_file.h"

namespace aitrain {

using sis::ai::CrashFeatures;
using sis::ai::CrashModel;
constexpr int F = CrashFeatures::kCount, H = CrashModel::kHidden;

namespace {

long long int_after(const std::string& s, const char* key, size_t from = 0) {
  size_t p = s.find(key, from);
  if (p == std::string::npos) return -1;
  return std::atoll(s.c_str() + p + std::strlen(key));
}

std::string str_after(const std::string& s, const char* key) {
  size_t p = s.find(key);
  if (p == std::string::npos) return "";
  p += std::strlen(key);
  size_t e = s.find('"', p);
  return s.substr(p, e - p);
}

// Deterministic uniform in [-1, 1) from the generator's raw output (distributions are not
// specified bit-exactly by the C++ standard; mt19937_64's output is).
double uniform(std::mt19937_64& g) { return static_cast<double>(g() >> 11) / 9007199254740992.0 * 2.0 - 1.0; }

int quant_shift(const double* w, size_t n) {
  double mx = 1e-9;
  for (size_t i = 0; i < n; ++i) mx = std::max(mx, std::fabs(w[i]));
  int s = 0;
  while (s < 14 && mx * std::ldexp(1.0, s + 1) <= 127.0) ++s;
  return s;
}

}  // namespace

bool load_runs(const std::string& path, std::vector<Run>* runs, std::string* err) {
  std::ifstream in(path);
  if (!in) {
    *err = "cannot open " + path;
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Run r;
    size_t sp = line.find("\"samples\"");
    if (sp == std::string::npos) {
      *err = "line without samples in " + path;
      return false;
    }
    std::string head = line.substr(0, sp);
    r.scenario = str_after(head, "\"scenario\":\"");
    r.seed = int_after(head, "\"seed\":");
    r.crashed = head.find("\"crashed\":true") != std::string::npos;
    r.crash_ms = int_after(head, "\"crash_ms\":");
    r.stress_ms = std::max(0LL, int_after(head, "\"stress_ms\":"));
    r.kind = str_after(head, "\"kind\":\"");
    size_t pos = sp;
    while ((pos = line.find("{\"t_ms\":", pos)) != std::string::npos) {
      Sample s;
      s.t_ms = int_after(line, "{\"t_ms\":", pos);
      size_t fp = line.find("\"f\":[", pos);
      if (fp == std::string::npos) break;
      fp += 5;
      for (int i = 0; i < F; ++i) {
        char* end = nullptr;
        s.f[i] = static_cast<int>(std::strtol(line.c_str() + fp, &end, 10));
        fp = static_cast<size_t>(end - line.c_str()) + 1;
      }
      s.label = r.crashed && s.t_ms < r.crash_ms && r.crash_ms - s.t_ms <= static_cast<long long>(sis::ai::kHorizonMs);
      if (!r.crashed || s.t_ms < r.crash_ms) r.samples.push_back(s);
      pos = fp;
    }
    runs->push_back(std::move(r));
  }
  if (runs->empty()) {
    *err = "no runs in " + path;
    return false;
  }
  return true;
}

std::vector<uint8_t> train_crash(const std::vector<Run>& runs, const TrainOptions& opt, std::string* log) {
  // Training set: runs whose seed is not held out.
  std::vector<const Sample*> train;
  for (const Run& r : runs)
    if (!opt.held_out(r))
      for (const Sample& s : r.samples) train.push_back(&s);
  // Normalisation from the training set.
  double mean[F] = {}, sd[F] = {};
  for (const Sample* s : train)
    for (int i = 0; i < F; ++i) mean[i] += s->f[i];
  for (double& m : mean) m /= std::max<size_t>(train.size(), 1);
  for (const Sample* s : train)
    for (int i = 0; i < F; ++i) sd[i] += (s->f[i] - mean[i]) * (s->f[i] - mean[i]);
  int16_t mean_q[F], scale_q[F];
  double scale[F];
  for (int i = 0; i < F; ++i) {
    sd[i] = std::sqrt(sd[i] / std::max<size_t>(train.size(), 1));
    double sd_real = std::max(sd[i] / 256.0, 0.02);  // features are Q8.8
    mean_q[i] = static_cast<int16_t>(std::lround(mean[i]));
    scale_q[i] = static_cast<int16_t>(std::lround(256.0 / sd_real));
    scale[i] = scale_q[i] / 256.0;
  }
  auto normalize = [&](const Sample& s, double* x) {
    for (int i = 0; i < F; ++i) x[i] = (s.f[i] - mean_q[i]) * scale[i] / 256.0;
  };

  std::mt19937_64 g(opt.seed);
  double w1[H][F], b1[H] = {}, w2[H], b2 = 0;
  for (auto& row : w1)
    for (double& v : row) v = uniform(g) * std::sqrt(6.0 / (F + H));
  for (double& v : w2) v = uniform(g) * std::sqrt(6.0 / (H + 1));
  size_t pos = 0;
  for (const Sample* s : train) pos += s->label;
  double pos_weight = pos ? static_cast<double>(train.size() - pos) / pos : 1.0;
  pos_weight = std::min(pos_weight, opt.max_pos_weight);

  // Adam, minibatches in a seeded order.
  const int P = H * F + H + H + 1;
  std::vector<double> m(P, 0), v(P, 0), grad(P);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const double lr = 0.01, b1m = 0.9, b2m = 0.999;
  long step = 0;
  double loss = 0;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[g() % i]);
    loss = 0;
    for (size_t start = 0; start < order.size(); start += 64) {
      std::fill(grad.begin(), grad.end(), 0.0);
      size_t end = std::min(order.size(), start + 64);
      for (size_t k = start; k < end; ++k) {
        const Sample& s = *train[order[k]];
        double x[F], h[H], z[H];
        normalize(s, x);
        double out = b2;
        for (int j = 0; j < H; ++j) {
          z[j] = b1[j];
          for (int i = 0; i < F; ++i) z[j] += w1[j][i] * x[i];
          h[j] = z[j] > 0 ? z[j] : 0;
          out += w2[j] * h[j];
        }
        double p = 1.0 / (1.0 + std::exp(-out));
        double wgt = s.label ? pos_weight : 1.0;
        loss += -wgt * (s.label ? std::log(p + 1e-12) : std::log(1 - p + 1e-12));
        double d = wgt * (p - s.label);
        int gi = 0;
        for (int j = 0; j < H; ++j) {
          double dh = z[j] > 0 ? d * w2[j] : 0;
          for (int i = 0; i < F; ++i) grad[gi++] += dh * x[i];
        }
        for (int j = 0; j < H; ++j) grad[gi++] += z[j] > 0 ? d * w2[j] : 0;
        for (int j = 0; j < H; ++j) grad[gi++] += d * h[j];
        grad[gi++] += d;
      }
      ++step;
      double n = static_cast<double>(end - start);
      int gi = 0;
      auto upd = [&](double& w) {
        double gr = grad[gi] / n + 1e-4 * w;
        m[gi] = b1m * m[gi] + (1 - b1m) * gr;
        v[gi] = b2m * v[gi] + (1 - b2m) * gr * gr;
        double mh = m[gi] / (1 - std::pow(b1m, step)), vh = v[gi] / (1 - std::pow(b2m, step));
        w -= lr * mh / (std::sqrt(vh) + 1e-8);
        ++gi;
      };
      for (auto& row : w1)
        for (double& w : row) upd(w);
      for (double& w : b1) upd(w);
      for (double& w : w2) upd(w);
      upd(b2);
    }
  }
  // Weight clipping keeps int8 resolution (weights beyond +-8 are rare and cost precision).
  for (auto& row : w1)
    for (double& w : row) w = std::clamp(w, -8.0, 8.0);
  for (double& w : w2) w = std::clamp(w, -8.0, 8.0);

  // Quantize.
  int s1 = quant_shift(&w1[0][0], H * F), s2 = quant_shift(w2, H);
  static int8_t q1[H * F], q2[H];
  static int32_t qb1[H], qb2[1];
  for (int j = 0; j < H; ++j) {
    for (int i = 0; i < F; ++i)
      q1[j * F + i] = static_cast<int8_t>(std::clamp<long>(std::lround(std::ldexp(w1[j][i], s1)), -127, 127));
    qb1[j] = static_cast<int32_t>(std::lround(b1[j] * 256));
    q2[j] = static_cast<int8_t>(std::clamp<long>(std::lround(std::ldexp(w2[j], s2)), -127, 127));
  }
  qb2[0] = static_cast<int32_t>(std::lround(b2 * 256));
  sis::ai::TensorView t[6] = {
      {sis::ai::DType::I16, 0, 1, F, mean_q}, {sis::ai::DType::I16, 0, 1, F, scale_q},
      {sis::ai::DType::I8, static_cast<sis::u8>(s1), H, F, q1}, {sis::ai::DType::I32, 0, 1, H, qb1},
      {sis::ai::DType::I8, static_cast<sis::u8>(s2), 1, H, q2}, {sis::ai::DType::I32, 0, 1, 1, qb2},
  };
  std::vector<uint8_t> bytes(8192);
  size_t n = sis::ai::write_model_file(bytes.data(), bytes.size(), sis::ai::ModelKind::Crash, opt.version,
                                       static_cast<sis::u32>(opt.seed), t, 6);
  bytes.resize(n);
  if (log) {
    std::ostringstream o;
    o << "trained on " << train.size() << " samples (" << pos << " positive, weight " << pos_weight << "), "
      << opt.epochs << " epochs, final loss " << loss / std::max<size_t>(train.size(), 1) << ", shifts " << s1 << "/"
      << s2 << "\n";
    *log = o.str();
  }
  return bytes;
}

}  // namespace aitrain
