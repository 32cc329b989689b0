// Scheduler-model trainer: imitation of the oracle (sched_sim.cpp). The attention network
// of kernel/ai/sched_model.h is trained in double precision with hand-written backprop
// (softmax cross-entropy over the candidates, the oracle's choice as the target), Adam,
// seeded shuffles; then quantized to the kernel's fixed-point format.
#include "sched_train.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "ai/model_file.h"

namespace aitrain {

using sis::ai::SchedFeatures;
using sis::ai::SchedModel;
constexpr int I = SchedModel::kIn, D = SchedModel::kDim;

namespace {

double uniform(std::mt19937_64& g) { return static_cast<double>(g() >> 11) / 9007199254740992.0 * 2.0 - 1.0; }

int quant_shift(const double* w, size_t n) {
  double mx = 1e-9;
  for (size_t i = 0; i < n; ++i) mx = std::max(mx, std::fabs(w[i]));
  int s = 0;
  while (s < 14 && mx * std::ldexp(1.0, s + 1) <= 127.0) ++s;
  return s;
}

struct Params {
  double We[D][I], be[D], Wq[D][D], Wk[D][D], Wv[D][D], wo[2 * D], bo;
  static constexpr int kCount = D * I + D + 3 * D * D + 2 * D + 1;
  double* flat() { return &We[0][0]; }
};
static_assert(sizeof(Params) == Params::kCount * sizeof(double));

}  // namespace

std::vector<uint8_t> train_sched(const std::vector<Decision>& data, uint64_t seed, int epochs, uint32_t version,
                                 std::string* log) {
  // Normalisation (features are Q8.8 integers).
  double mean[I] = {}, sd[I] = {};
  long cnt = 0;
  for (auto& d : data)
    for (auto& x : d.x) {
      for (int i = 0; i < I; ++i) mean[i] += x.v[i];
      ++cnt;
    }
  for (double& m : mean) m /= std::max<long>(cnt, 1);
  for (auto& d : data)
    for (auto& x : d.x)
      for (int i = 0; i < I; ++i) sd[i] += (x.v[i] - mean[i]) * (x.v[i] - mean[i]);
  int16_t mean_q[I], scale_q[I];
  double scale[I];
  for (int i = 0; i < I; ++i) {
    double s = std::max(std::sqrt(sd[i] / std::max<long>(cnt, 1)) / 256.0, 0.02);
    mean_q[i] = static_cast<int16_t>(std::lround(mean[i]));
    scale_q[i] = static_cast<int16_t>(std::lround(std::min(256.0 / s, 32767.0)));
    scale[i] = scale_q[i] / 256.0;
  }

  std::mt19937_64 g(seed);
  Params p{};
  for (auto& r : p.We)
    for (double& v : r) v = uniform(g) * std::sqrt(6.0 / (I + D));
  for (auto* m : {&p.Wq, &p.Wk, &p.Wv})
    for (auto& r : *m)
      for (double& v : r) v = uniform(g) * std::sqrt(6.0 / (2 * D));
  for (double& v : p.wo) v = uniform(g) * std::sqrt(6.0 / (2 * D + 1));
  const int P = Params::kCount;
  std::vector<double> m(P, 0), v(P, 0);
  Params grad;
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  long step = 0;
  double loss = 0, acc = 0;
  const double isd = 1.0 / std::sqrt(double(D));
  for (int epoch = 0; epoch < epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[g() % i]);
    loss = 0;
    acc = 0;
    for (size_t start = 0; start < order.size(); start += 32) {
      std::fill(grad.flat(), grad.flat() + P, 0.0);
      size_t end = std::min(order.size(), start + 32);
      for (size_t k = start; k < end; ++k) {
        const Decision& d = data[order[k]];
        int n = static_cast<int>(std::min<size_t>(d.x.size(), SchedModel::kMaxTokens));
        double x[8][I], z[8][D], h[8][D], q[8][D], kk[8][D], vv[8][D], a[8][8], c[8][D], s[8] = {};
        for (int t = 0; t < n; ++t) {
          for (int i = 0; i < I; ++i) x[t][i] = std::clamp((d.x[t].v[i] - mean_q[i]) * scale[i] / 256.0, -4.0, 4.0);
          for (int j = 0; j < D; ++j) {
            z[t][j] = p.be[j];
            for (int i = 0; i < I; ++i) z[t][j] += p.We[j][i] * x[t][i];
            h[t][j] = z[t][j] > 0 ? z[t][j] : 0;
          }
          for (int j = 0; j < D; ++j) {
            q[t][j] = kk[t][j] = vv[t][j] = 0;
            for (int i = 0; i < D; ++i) {
              q[t][j] += p.Wq[j][i] * h[t][i];
              kk[t][j] += p.Wk[j][i] * h[t][i];
              vv[t][j] += p.Wv[j][i] * h[t][i];
            }
          }
        }
        for (int t = 0; t < n; ++t) {
          double mx = -1e300;
          for (int u = 0; u < n; ++u) {
            a[t][u] = 0;
            for (int j = 0; j < D; ++j) a[t][u] += q[t][j] * kk[u][j];
            a[t][u] *= isd;
            mx = std::max(mx, a[t][u]);
          }
          double sum = 0;
          for (int u = 0; u < n; ++u) sum += (a[t][u] = std::exp(a[t][u] - mx));
          for (int u = 0; u < n; ++u) a[t][u] /= sum;
          for (int j = 0; j < D; ++j) {
            c[t][j] = 0;
            for (int u = 0; u < n; ++u) c[t][j] += a[t][u] * vv[u][j];
          }
          s[t] = p.bo;
          for (int j = 0; j < D; ++j) s[t] += p.wo[j] * h[t][j] + p.wo[D + j] * c[t][j];
        }
        double mx = *std::max_element(s, s + n), sum = 0, pr[8] = {};
        for (int t = 0; t < n; ++t) sum += (pr[t] = std::exp(s[t] - mx));
        for (int t = 0; t < n; ++t) pr[t] /= sum;
        loss += -std::log(pr[d.target] + 1e-12);
        acc += std::max_element(s, s + n) - s == d.target;
        // Backward.
        double dh[8][D] = {}, dc[8][D], dq[8][D] = {}, dk[8][D] = {}, dv[8][D] = {};
        for (int t = 0; t < n; ++t) {
          double ds = pr[t] - (t == d.target);
          grad.bo += ds;
          for (int j = 0; j < D; ++j) {
            grad.wo[j] += ds * h[t][j];
            grad.wo[D + j] += ds * c[t][j];
            dh[t][j] += ds * p.wo[j];
            dc[t][j] = ds * p.wo[D + j];
          }
        }
        for (int t = 0; t < n; ++t) {
          double da[8], dot = 0;
          for (int u = 0; u < n; ++u) {
            da[u] = 0;
            for (int j = 0; j < D; ++j) {
              da[u] += dc[t][j] * vv[u][j];
              dv[u][j] += a[t][u] * dc[t][j];
            }
            dot += a[t][u] * da[u];
          }
          for (int u = 0; u < n; ++u) {
            double dsc = a[t][u] * (da[u] - dot) * isd;
            for (int j = 0; j < D; ++j) {
              dq[t][j] += dsc * kk[u][j];
              dk[u][j] += dsc * q[t][j];
            }
          }
        }
        for (int t = 0; t < n; ++t) {
          for (int j = 0; j < D; ++j)
            for (int i = 0; i < D; ++i) {
              grad.Wq[j][i] += dq[t][j] * h[t][i];
              grad.Wk[j][i] += dk[t][j] * h[t][i];
              grad.Wv[j][i] += dv[t][j] * h[t][i];
              dh[t][i] += p.Wq[j][i] * dq[t][j] + p.Wk[j][i] * dk[t][j] + p.Wv[j][i] * dv[t][j];
            }
          for (int j = 0; j < D; ++j) {
            double dz = z[t][j] > 0 ? dh[t][j] : 0;
            grad.be[j] += dz;
            for (int i = 0; i < I; ++i) grad.We[j][i] += dz * x[t][i];
          }
        }
      }
      ++step;
      double nb = static_cast<double>(end - start);
      double* w = p.flat();
      double* gr = grad.flat();
      for (int i = 0; i < P; ++i) {
        double gi = gr[i] / nb + 1e-4 * w[i];
        m[i] = 0.9 * m[i] + 0.1 * gi;
        v[i] = 0.999 * v[i] + 0.001 * gi * gi;
        double mh = m[i] / (1 - std::pow(0.9, step)), vh = v[i] / (1 - std::pow(0.999, step));
        w[i] -= 0.005 * mh / (std::sqrt(vh) + 1e-8);
        w[i] = std::clamp(w[i], -7.9, 7.9);
      }
    }
  }
  // Quantize.
  int se = quant_shift(&p.We[0][0], D * I), sq = quant_shift(&p.Wq[0][0], D * D), sk = quant_shift(&p.Wk[0][0], D * D),
      sv = quant_shift(&p.Wv[0][0], D * D), so = quant_shift(p.wo, 2 * D);
  static int8_t qe[D * I], qq[D * D], qk[D * D], qv[D * D], qo[2 * D];
  static int32_t qbe[D], qbo[1];
  auto q8 = [](double w, int s) { return static_cast<int8_t>(std::clamp<long>(std::lround(std::ldexp(w, s)), -127, 127)); };
  for (int j = 0; j < D; ++j) {
    for (int i = 0; i < I; ++i) qe[j * I + i] = q8(p.We[j][i], se);
    for (int i = 0; i < D; ++i) {
      qq[j * D + i] = q8(p.Wq[j][i], sq);
      qk[j * D + i] = q8(p.Wk[j][i], sk);
      qv[j * D + i] = q8(p.Wv[j][i], sv);
    }
    qbe[j] = static_cast<int32_t>(std::lround(p.be[j] * 256));
  }
  for (int j = 0; j < 2 * D; ++j) qo[j] = q8(p.wo[j], so);
  qbo[0] = static_cast<int32_t>(std::lround(p.bo * 256));
  using sis::ai::DType;
  using sis::u8;
  sis::ai::TensorView t[9] = {
      {DType::I16, 0, 1, I, mean_q},           {DType::I16, 0, 1, I, scale_q},          {DType::I8, u8(se), D, I, qe},
      {DType::I32, 0, 1, D, qbe},              {DType::I8, u8(sq), D, D, qq},           {DType::I8, u8(sk), D, D, qk},
      {DType::I8, u8(sv), D, D, qv},           {DType::I8, u8(so), 1, 2 * D, qo},       {DType::I32, 0, 1, 1, qbo},
  };
  std::vector<uint8_t> bytes(8192);
  size_t nbytes = sis::ai::write_model_file(bytes.data(), bytes.size(), sis::ai::ModelKind::Sched, version,
                                            static_cast<sis::u32>(seed), t, 9);
  bytes.resize(nbytes);
  if (log) {
    char b[256];
    std::snprintf(b, sizeof(b), "sched: %zu decisions, %d epochs, final loss %.4f, float agreement %.3f\n", data.size(),
                  epochs, loss / std::max<size_t>(data.size(), 1), acc / std::max<size_t>(data.size(), 1));
    *log = b;
  }
  return bytes;
}

double agreement(const std::vector<uint8_t>& model, const std::vector<Decision>& data) {
  static SchedModel sm;
  sm = SchedModel();
  const char* why = "";
  if (sm.load(model.data(), model.size(), &why) != sis::Error::Ok) return 0;
  long ok = 0;
  for (auto& d : data) {
    int32_t s[SchedModel::kMaxTokens];
    ok += static_cast<int>(sm.pick(d.x.data(), d.x.size(), s)) == d.target;
  }
  return data.empty() ? 0 : double(ok) / data.size();
}

}  // namespace aitrain
