// Forward and backward pass of the trainer (see train.h). Shapes per sequence of T tokens:
// d = dim, kv = kv_dim, hd = hidden_dim, hs = head size, V = vocab. Every matrix W is
// [out, in] row-major like in the model file; a linear layer computes y = x W^T.
#include "train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace sis::train {

float Rng::normal() {
  double u1 = uniform(), u2 = uniform();
  if (u1 < 1e-300) u1 = 1e-300;
  return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
}

Layout::Layout(const Config& c) {
  size_t d = c.dim, h = c.hidden_dim, kv = c.kv_dim(), off = 0;
  emb = off;
  off += size_t(c.vocab_size) * d;
  for (uint32_t l = 0; l < c.n_layers; ++l) {
    rms_att.push_back(off); off += d;
    wq.push_back(off); off += d * d;
    wk.push_back(off); off += kv * d;
    wv.push_back(off); off += kv * d;
    wo.push_back(off); off += d * d;
    rms_ffn.push_back(off); off += d;
    w1.push_back(off); off += h * d;
    w2.push_back(off); off += d * h;
    w3.push_back(off); off += h * d;
  }
  rms_final = off;
  off += d;
  total = off;
}

size_t Layout::tensor(uint32_t l, uint32_t t) const {
  switch (t) {
    case llm::kLoraQ: return wq[l];
    case llm::kLoraK: return wk[l];
    case llm::kLoraV: return wv[l];
    case llm::kLoraO: return wo[l];
    case llm::kLoraW1: return w1[l];
    case llm::kLoraW2: return w2[l];
    default: return w3[l];
  }
}

static void target_dims(const Config& c, uint32_t t, uint32_t* in, uint32_t* out) {
  switch (t) {
    case llm::kLoraQ: case llm::kLoraO: *in = c.dim; *out = c.dim; break;
    case llm::kLoraK: case llm::kLoraV: *in = c.dim; *out = c.kv_dim(); break;
    case llm::kLoraW1: case llm::kLoraW3: *in = c.dim; *out = c.hidden_dim; break;
    default: *in = c.hidden_dim; *out = c.dim;
  }
}

LoraLayout::LoraLayout(const Config& c, uint32_t r, uint32_t tg, float al) : rank(r), targets(tg), alpha(al) {
  a.assign(c.n_layers, std::vector<size_t>(llm::kLoraTargetCount, SIZE_MAX));
  b = a;
  size_t off = 0;
  for (uint32_t l = 0; l < c.n_layers; ++l)
    for (uint32_t t = 0; t < llm::kLoraTargetCount; ++t) {
      if (!(tg & (1u << t))) continue;
      uint32_t in, out;
      target_dims(c, t, &in, &out);
      a[l][t] = off;
      off += size_t(r) * in;
      b[l][t] = off;
      off += size_t(out) * r;
    }
  total = off;
}

namespace {

// Hot loops. Eight independent partial sums in a fixed order: the compiler vectorizes them
// (the AVX2 clone or SSE2) without reassociating, so every build gives the same numbers.
__attribute__((target_clones("avx2", "default"))) float dot(const float* a, const float* b, size_t n) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t k = 0;
  for (; k + 8 <= n; k += 8)
    for (int j = 0; j < 8; ++j) acc[j] += a[k + j] * b[k + j];
  float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; k < n; ++k) s += a[k] * b[k];
  return s;
}

__attribute__((target_clones("avx2", "default"))) void axpy(float* y, float a, const float* x, size_t n) {
  for (size_t k = 0; k < n; ++k) y[k] += a * x[k];
}

// out[T, O] = in[T, I] W^T
void lin_fwd(float* out, const float* in, const float* w, size_t T, size_t I, size_t O) {
  for (size_t t = 0; t < T; ++t)
    for (size_t o = 0; o < O; ++o) out[t * O + o] = dot(in + t * I, w + o * I, I);
}
// din[T, I] += dout[T, O] W ; dW[O, I] += dout^T in  (either may be null)
void lin_bwd(const float* dout, const float* in, const float* w, float* din, float* dw, size_t T, size_t I, size_t O) {
  if (din)
    for (size_t t = 0; t < T; ++t)
      for (size_t o = 0; o < O; ++o) {
        float g = dout[t * O + o];
        if (g != 0.0f) axpy(din + t * I, g, w + o * I, I);
      }
  if (dw)
    for (size_t o = 0; o < O; ++o)
      for (size_t t = 0; t < T; ++t) {
        float g = dout[t * O + o];
        if (g != 0.0f) axpy(dw + o * I, g, in + t * I, I);
      }
}

void rms_fwd(float* out, float* rinv, const float* x, const float* g, size_t T, size_t n, float eps) {
  for (size_t t = 0; t < T; ++t) {
    const float* xr = x + t * n;
    float ss = 0.0f;
    for (size_t j = 0; j < n; ++j) ss += xr[j] * xr[j];
    float r = 1.0f / std::sqrt(ss / static_cast<float>(n) + eps);
    rinv[t] = r;
    for (size_t j = 0; j < n; ++j) out[t * n + j] = g[j] * (r * xr[j]);
  }
}
// dx += d(rmsnorm)/dx . dy ; dg += ...
void rms_bwd(const float* dy, const float* x, const float* rinv, const float* g, float* dx, float* dg, size_t T,
             size_t n) {
  for (size_t t = 0; t < T; ++t) {
    const float* xr = x + t * n;
    const float* d = dy + t * n;
    float r = rinv[t];
    float s = 0.0f;
    for (size_t j = 0; j < n; ++j) s += d[j] * g[j] * xr[j];
    float c = r * r * r * s / static_cast<float>(n);
    for (size_t j = 0; j < n; ++j) {
      if (dg) dg[j] += d[j] * r * xr[j];
      dx[t * n + j] += r * g[j] * d[j] - c * xr[j];
    }
  }
}

}  // namespace

struct Trainer::Workspace {
  std::vector<std::vector<float>> x, n1, r1, q, k, v, att, ao, xa, n2, r2, h1, h3, ga;
  std::vector<std::vector<float>> lu;  // LoRA: A x per layer and target, T x rank each
  std::vector<float> xf, nf, rf, logits;
  // backward scratch
  std::vector<float> dx, dxa, dn, dq, dk, dv, dao, dh1, dh3, dga, dtmp, du, dp;
  void size(const Config& c, uint32_t T, uint32_t rank) {
    size_t d = c.dim, kv = c.kv_dim(), hd = c.hidden_dim, L = c.n_layers;
    auto mk = [&](std::vector<std::vector<float>>& v, size_t n) {
      v.resize(L);
      for (auto& e : v) e.assign(n, 0.0f);
    };
    mk(x, T * d); mk(n1, T * d); mk(r1, T); mk(q, T * d); mk(k, T * kv); mk(v, T * kv);
    mk(att, size_t(c.n_heads) * T * T); mk(ao, T * d); mk(xa, T * d); mk(n2, T * d); mk(r2, T);
    mk(h1, T * hd); mk(h3, T * hd); mk(ga, T * hd);
    lu.assign(L * llm::kLoraTargetCount, std::vector<float>(T * std::max<uint32_t>(rank, 1)));
    xf.assign(T * d, 0); nf.assign(T * d, 0); rf.assign(T, 0); logits.assign(size_t(T) * c.vocab_size, 0);
    dx.assign(T * d, 0); dxa.assign(T * d, 0); dn.assign(T * d, 0); dq.assign(T * d, 0); dk.assign(T * kv, 0);
    dv.assign(T * kv, 0); dao.assign(T * d, 0); dh1.assign(T * hd, 0); dh3.assign(T * hd, 0); dga.assign(T * hd, 0);
    dtmp.assign(T * std::max(d, hd), 0); du.assign(T * std::max<uint32_t>(rank, 1), 0);
    dp.assign(T, 0);
  }
};

Trainer::Trainer(const Config& c, uint64_t seed, int threads) : cfg_(c), layout_(c), threads_(threads < 1 ? 1 : threads) {
  params_.assign(layout_.total, 0.0f);
  m_.assign(layout_.total, 0.0f);
  v_.assign(layout_.total, 0.0f);
  Rng rng(seed);
  const float std_w = 0.02f, std_out = 0.02f / std::sqrt(2.0f * c.n_layers);
  auto fill = [&](size_t off, size_t n, float sd) {
    for (size_t i = 0; i < n; ++i) params_[off + i] = rng.normal() * sd;
  };
  size_t d = c.dim, kv = c.kv_dim(), h = c.hidden_dim;
  fill(layout_.emb, size_t(c.vocab_size) * d, std_w);
  for (uint32_t l = 0; l < c.n_layers; ++l) {
    std::fill_n(&params_[layout_.rms_att[l]], d, 1.0f);
    std::fill_n(&params_[layout_.rms_ffn[l]], d, 1.0f);
    fill(layout_.wq[l], d * d, std_w);
    fill(layout_.wk[l], kv * d, std_w);
    fill(layout_.wv[l], kv * d, std_w);
    fill(layout_.wo[l], d * d, std_out);
    fill(layout_.w1[l], h * d, std_w);
    fill(layout_.w3[l], h * d, std_w);
    fill(layout_.w2[l], d * h, std_out);
  }
  std::fill_n(&params_[layout_.rms_final], d, 1.0f);
  // RoPE tables, same definition as the kernel (angle = pos * theta^(-2i/hs)).
  uint32_t hs = c.head_size();
  rope_cos_.resize(size_t(c.seq_len) * hs / 2);
  rope_sin_.resize(rope_cos_.size());
  for (uint32_t p = 0; p < c.seq_len; ++p)
    for (uint32_t i = 0; i < hs / 2; ++i) {
      double f = std::exp(-std::log(double(c.rope_theta)) * (2.0 * i) / hs);
      rope_cos_[size_t(p) * hs / 2 + i] = static_cast<float>(std::cos(p * f));
      rope_sin_[size_t(p) * hs / 2 + i] = static_cast<float>(std::sin(p * f));
    }
}

void Trainer::enable_lora(uint32_t rank, uint32_t targets, float alpha, uint64_t seed) {
  lora_on_ = true;
  lora_layout_ = LoraLayout(cfg_, rank, targets, alpha);
  lora_.assign(lora_layout_.total, 0.0f);
  lm_.assign(lora_layout_.total, 0.0f);
  lv_.assign(lora_layout_.total, 0.0f);
  lt_ = 0;
  Rng rng(seed);
  for (uint32_t l = 0; l < cfg_.n_layers; ++l)
    for (uint32_t t = 0; t < llm::kLoraTargetCount; ++t) {
      if (lora_layout_.a[l][t] == SIZE_MAX) continue;
      uint32_t in, out;
      target_dims(cfg_, t, &in, &out);
      float sd = 1.0f / std::sqrt(static_cast<float>(in));
      for (size_t i = 0; i < size_t(rank) * in; ++i) lora_[lora_layout_.a[l][t] + i] = rng.normal() * sd;
      // B starts at zero: the adapted model starts as the base model.
    }
}

double Trainer::run(const Sequence& s, Workspace& w, bool backward, std::vector<float>* grad,
                    std::vector<float>* lgrad) {
  const Config& c = cfg_;
  if (s.tokens.size() < 2 || s.tokens.size() > size_t(cfg_.seq_len) + 1 || s.mask.size() + 1 != s.tokens.size()) {
    std::fprintf(stderr, "llm-train: sequence of %zu tokens does not fit the context of %u\n", s.tokens.size(), cfg_.seq_len);
    std::abort();
  }
  const size_t T = s.tokens.size() - 1, d = c.dim, kv = c.kv_dim(), hd = c.hidden_dim, hs = c.head_size(),
               V = c.vocab_size, H = c.n_heads, kv_mul = c.n_heads / c.n_kv_heads, L = c.n_layers;
  const uint32_t R = lora_on_ ? lora_layout_.rank : 0;
  const float eps = c.norm_eps, scale_att = 1.0f / std::sqrt(static_cast<float>(hs));
  const float lscale = lora_on_ ? lora_layout_.alpha / static_cast<float>(R) : 0.0f;
  const float* P = params_.data();

  auto lora_of = [&](uint32_t l, uint32_t t, const float** A, const float** B) {
    if (!lora_on_ || lora_layout_.a[l][t] == SIZE_MAX) return false;
    *A = lora_.data() + lora_layout_.a[l][t];
    *B = lora_.data() + lora_layout_.b[l][t];
    return true;
  };
  // y = x W^T (+ scale * (x A^T) B^T)
  auto linear = [&](float* y, const float* x, size_t I, size_t O, uint32_t l, uint32_t t, size_t woff) {
    lin_fwd(y, x, P + woff, T, I, O);
    const float *A, *B;
    if (!lora_of(l, t, &A, &B)) return;
    float* u = w.lu[l * llm::kLoraTargetCount + t].data();
    lin_fwd(u, x, A, T, I, R);
    for (size_t i = 0; i < T * R; ++i) u[i] *= lscale;
    std::vector<float>& tmp = w.dtmp;
    lin_fwd(tmp.data(), u, B, T, R, O);
    for (size_t i = 0; i < T * O; ++i) y[i] += tmp[i];
  };
  // Backward of linear: dx += dy W (+ LoRA path); dW accumulated unless LoRA mode.
  auto linear_bwd = [&](const float* dy, const float* x, float* dx, size_t I, size_t O, uint32_t l, uint32_t t,
                        size_t woff) {
    lin_bwd(dy, x, P + woff, dx, lora_on_ ? nullptr : grad->data() + woff, T, I, O);
    const float *A, *B;
    if (!lora_of(l, t, &A, &B)) return;
    const float* u = w.lu[l * llm::kLoraTargetCount + t].data();  // scale * A x
    float* dA = lgrad->data() + lora_layout_.a[l][t];
    float* dB = lgrad->data() + lora_layout_.b[l][t];
    // y += u B^T: dB += dy^T u ; du = dy B
    std::fill(w.du.begin(), w.du.begin() + T * R, 0.0f);
    lin_bwd(dy, u, B, w.du.data(), dB, T, R, O);
    for (size_t i = 0; i < T * R; ++i) w.du[i] *= lscale;
    // u = scale * x A^T: dA += du^T x ; dx += du A
    lin_bwd(w.du.data(), x, A, dx, dA, T, I, R);
  };
  auto rope = [&](float* v, size_t n, size_t pos, bool inverse) {
    const float* co = &rope_cos_[pos * hs / 2];
    const float* si = &rope_sin_[pos * hs / 2];
    for (size_t i = 0; i < n; i += 2) {
      size_t j = (i % hs) / 2;
      float a = v[i], b = v[i + 1], cs = co[j], sn = inverse ? -si[j] : si[j];
      v[i] = a * cs - b * sn;
      v[i + 1] = a * sn + b * cs;
    }
  };

  // ---- forward ----
  for (size_t t = 0; t < T; ++t) std::memcpy(&w.x[0][t * d], P + layout_.emb + size_t(s.tokens[t]) * d, d * 4);
  for (size_t l = 0; l < L; ++l) {
    float* X = w.x[l].data();
    rms_fwd(w.n1[l].data(), w.r1[l].data(), X, P + layout_.rms_att[l], T, d, eps);
    linear(w.q[l].data(), w.n1[l].data(), d, d, l, llm::kLoraQ, layout_.wq[l]);
    linear(w.k[l].data(), w.n1[l].data(), d, kv, l, llm::kLoraK, layout_.wk[l]);
    linear(w.v[l].data(), w.n1[l].data(), d, kv, l, llm::kLoraV, layout_.wv[l]);
    for (size_t t = 0; t < T; ++t) {
      rope(&w.q[l][t * d], d, t, false);
      rope(&w.k[l][t * kv], kv, t, false);
    }
    float* ao = w.ao[l].data();
    for (size_t h = 0; h < H; ++h) {
      size_t ko = (h / kv_mul) * hs;
      for (size_t t = 0; t < T; ++t) {
        float* a = &w.att[l][(h * T + t) * T];
        const float* q = &w.q[l][t * d + h * hs];
        float mx = -3e38f;
        for (size_t u = 0; u <= t; ++u) {
          a[u] = dot(q, &w.k[l][u * kv + ko], hs) * scale_att;
          mx = std::max(mx, a[u]);
        }
        float sum = 0;
        for (size_t u = 0; u <= t; ++u) {
          a[u] = std::exp(a[u] - mx);
          sum += a[u];
        }
        float* o = ao + t * d + h * hs;
        std::fill(o, o + hs, 0.0f);
        for (size_t u = 0; u <= t; ++u) {
          a[u] /= sum;
          axpy(o, a[u], &w.v[l][u * kv + ko], hs);
        }
      }
    }
    float* xa = w.xa[l].data();
    linear(xa, ao, d, d, l, llm::kLoraO, layout_.wo[l]);
    for (size_t i = 0; i < T * d; ++i) xa[i] += X[i];
    rms_fwd(w.n2[l].data(), w.r2[l].data(), xa, P + layout_.rms_ffn[l], T, d, eps);
    linear(w.h1[l].data(), w.n2[l].data(), d, hd, l, llm::kLoraW1, layout_.w1[l]);
    linear(w.h3[l].data(), w.n2[l].data(), d, hd, l, llm::kLoraW3, layout_.w3[l]);
    for (size_t i = 0; i < T * hd; ++i) {
      float z = w.h1[l][i];
      w.ga[l][i] = z / (1.0f + std::exp(-z)) * w.h3[l][i];
    }
    float* xn = l + 1 < L ? w.x[l + 1].data() : w.xf.data();
    linear(xn, w.ga[l].data(), hd, d, l, llm::kLoraW2, layout_.w2[l]);
    for (size_t i = 0; i < T * d; ++i) xn[i] += xa[i];
  }
  rms_fwd(w.nf.data(), w.rf.data(), w.xf.data(), P + layout_.rms_final, T, d, eps);
  lin_fwd(w.logits.data(), w.nf.data(), P + layout_.emb, T, d, V);
  double loss = 0;
  for (size_t t = 0; t < T; ++t) {
    float* lg = &w.logits[t * V];
    float mx = *std::max_element(lg, lg + V);
    double sum = 0;
    for (size_t i = 0; i < V; ++i) {
      lg[i] = std::exp(lg[i] - mx);
      sum += lg[i];
    }
    for (size_t i = 0; i < V; ++i) lg[i] = static_cast<float>(lg[i] / sum);  // probabilities
    if (s.mask[t]) loss -= std::log(std::max(1e-30, double(lg[s.tokens[t + 1]])));
  }
  if (!backward) return loss;

  // ---- backward (gradient of the summed loss) ----
  std::vector<float>& dlog = w.logits;  // becomes dL/dlogits in place
  for (size_t t = 0; t < T; ++t) {
    float* g = &dlog[t * V];
    if (!s.mask[t]) {
      std::fill(g, g + V, 0.0f);
      continue;
    }
    g[s.tokens[t + 1]] -= 1.0f;
  }
  float* G = lora_on_ ? nullptr : grad->data();
  std::fill(w.dn.begin(), w.dn.end(), 0.0f);
  lin_bwd(dlog.data(), w.nf.data(), P + layout_.emb, w.dn.data(), G ? G + layout_.emb : nullptr, T, d, V);
  std::fill(w.dx.begin(), w.dx.end(), 0.0f);
  rms_bwd(w.dn.data(), w.xf.data(), w.rf.data(), P + layout_.rms_final, w.dx.data(), G ? G + layout_.rms_final : nullptr,
          T, d);
  for (size_t l = L; l-- > 0;) {
    // FFN: x_next = xa + ga W2^T
    std::fill(w.dga.begin(), w.dga.end(), 0.0f);
    linear_bwd(w.dx.data(), w.ga[l].data(), w.dga.data(), hd, d, l, llm::kLoraW2, layout_.w2[l]);
    for (size_t i = 0; i < T * hd; ++i) {
      float z = w.h1[l][i], sg = 1.0f / (1.0f + std::exp(-z)), silu = z * sg;
      w.dh3[i] = w.dga[i] * silu;
      w.dh1[i] = w.dga[i] * w.h3[l][i] * sg * (1.0f + z * (1.0f - sg));
    }
    std::fill(w.dn.begin(), w.dn.end(), 0.0f);
    linear_bwd(w.dh1.data(), w.n2[l].data(), w.dn.data(), d, hd, l, llm::kLoraW1, layout_.w1[l]);
    linear_bwd(w.dh3.data(), w.n2[l].data(), w.dn.data(), d, hd, l, llm::kLoraW3, layout_.w3[l]);
    w.dxa = w.dx;
    rms_bwd(w.dn.data(), w.xa[l].data(), w.r2[l].data(), P + layout_.rms_ffn[l], w.dxa.data(),
            G ? G + layout_.rms_ffn[l] : nullptr, T, d);
    // Attention: xa = X + ao Wo^T
    std::fill(w.dao.begin(), w.dao.end(), 0.0f);
    linear_bwd(w.dxa.data(), w.ao[l].data(), w.dao.data(), d, d, l, llm::kLoraO, layout_.wo[l]);
    std::fill(w.dq.begin(), w.dq.end(), 0.0f);
    std::fill(w.dk.begin(), w.dk.end(), 0.0f);
    std::fill(w.dv.begin(), w.dv.end(), 0.0f);
    for (size_t h = 0; h < H; ++h) {
      size_t ko = (h / kv_mul) * hs;
      for (size_t t = 0; t < T; ++t) {
        const float* a = &w.att[l][(h * T + t) * T];
        const float* dout = &w.dao[t * d + h * hs];
        float* dp = w.dp.data();
        float acc = 0;
        for (size_t u = 0; u <= t; ++u) {
          dp[u] = dot(dout, &w.v[l][u * kv + ko], hs);
          axpy(&w.dv[u * kv + ko], a[u], dout, hs);
          acc += a[u] * dp[u];
        }
        const float* q = &w.q[l][t * d + h * hs];
        float* dq = &w.dq[t * d + h * hs];
        for (size_t u = 0; u <= t; ++u) {
          float ds = a[u] * (dp[u] - acc) * scale_att;
          if (ds == 0.0f) continue;
          axpy(dq, ds, &w.k[l][u * kv + ko], hs);
          axpy(&w.dk[u * kv + ko], ds, q, hs);
        }
      }
    }
    for (size_t t = 0; t < T; ++t) {
      rope(&w.dq[t * d], d, t, true);
      rope(&w.dk[t * kv], kv, t, true);
    }
    std::fill(w.dn.begin(), w.dn.end(), 0.0f);
    linear_bwd(w.dq.data(), w.n1[l].data(), w.dn.data(), d, d, l, llm::kLoraQ, layout_.wq[l]);
    linear_bwd(w.dk.data(), w.n1[l].data(), w.dn.data(), d, kv, l, llm::kLoraK, layout_.wk[l]);
    linear_bwd(w.dv.data(), w.n1[l].data(), w.dn.data(), d, kv, l, llm::kLoraV, layout_.wv[l]);
    w.dx = w.dxa;
    rms_bwd(w.dn.data(), w.x[l].data(), w.r1[l].data(), P + layout_.rms_att[l], w.dx.data(),
            G ? G + layout_.rms_att[l] : nullptr, T, d);
  }
  if (G)
    for (size_t t = 0; t < T; ++t) axpy(G + layout_.emb + size_t(s.tokens[t]) * d, 1.0f, &w.dx[t * d], d);
  return loss;
}

double Trainer::loss_and_grad(const Sequence& s, std::vector<float>& grad, std::vector<float>& lgrad) {
  Workspace w;
  w.size(cfg_, static_cast<uint32_t>(s.tokens.size() - 1), lora_on_ ? lora_layout_.rank : 0);
  grad.assign(params_.size(), 0.0f);
  lgrad.assign(lora_.size(), 0.0f);
  return run(s, w, true, &grad, &lgrad);
}

double Trainer::evaluate(const std::vector<Sequence>& seqs) {
  double loss = 0;
  size_t count = 0;
  std::vector<double> part(threads_, 0.0);
  std::vector<std::thread> th;
  for (int i = 0; i < threads_; ++i)
    th.emplace_back([&, i] {
      Workspace w;
      for (size_t j = i; j < seqs.size(); j += threads_) {
        w.size(cfg_, static_cast<uint32_t>(seqs[j].tokens.size() - 1), lora_on_ ? lora_layout_.rank : 0);
        part[i] += run(seqs[j], w, false, nullptr, nullptr);
      }
    });
  for (auto& t : th) t.join();
  for (double p : part) loss += p;
  for (const auto& s : seqs)
    for (uint8_t m : s.mask) count += m;
  return count ? loss / count : 0.0;
}

double Trainer::step(const std::vector<Sequence>& batch, float lr, float wd) {
  const bool lora = lora_on_;
  const size_t n = lora ? lora_.size() : params_.size();
  std::vector<std::vector<float>> grads(threads_), lgrads(threads_);
  std::vector<double> losses(threads_, 0.0);
  std::vector<std::thread> th;
  for (int i = 0; i < threads_; ++i)
    th.emplace_back([&, i] {
      Workspace w;
      if (lora) lgrads[i].assign(n, 0.0f);
      else grads[i].assign(n, 0.0f);
      for (size_t j = i; j < batch.size(); j += threads_) {
        w.size(cfg_, static_cast<uint32_t>(batch[j].tokens.size() - 1), lora ? lora_layout_.rank : 0);
        losses[i] += run(batch[j], w, true, &grads[i], &lgrads[i]);
      }
    });
  for (auto& t : th) t.join();
  std::vector<float>& g = lora ? lgrads[0] : grads[0];
  for (int i = 1; i < threads_; ++i) {
    const std::vector<float>& o = lora ? lgrads[i] : grads[i];
    for (size_t k = 0; k < n; ++k) g[k] += o[k];
  }
  size_t count = 0;
  for (const auto& s : batch)
    for (uint8_t m : s.mask) count += m;
  double loss = 0;
  for (double l : losses) loss += l;
  if (!count) return 0;
  const float inv = 1.0f / static_cast<float>(count);
  double norm2 = 0;
  for (size_t k = 0; k < n; ++k) {
    g[k] *= inv;
    norm2 += double(g[k]) * g[k];
  }
  // Clip the global gradient norm to 1, then AdamW.
  float clip = norm2 > 1.0 ? static_cast<float>(1.0 / std::sqrt(norm2)) : 1.0f;
  std::vector<float>& p = lora ? lora_ : params_;
  std::vector<float>& m = lora ? lm_ : m_;
  std::vector<float>& v = lora ? lv_ : v_;
  uint64_t& t = lora ? lt_ : t_;
  ++t;
  const float b1 = 0.9f, b2 = 0.95f;
  const float c1 = 1.0f - static_cast<float>(std::pow(b1, double(t))), c2 = 1.0f - static_cast<float>(std::pow(b2, double(t)));
  // Weight decay on matrices only (not on norm gains, not on the embedding).
  std::vector<uint8_t> decay;
  if (!lora) {
    decay.assign(n, 1);
    std::fill_n(decay.begin() + layout_.emb, size_t(cfg_.vocab_size) * cfg_.dim, 0);
    for (uint32_t l = 0; l < cfg_.n_layers; ++l) {
      std::fill_n(decay.begin() + layout_.rms_att[l], cfg_.dim, 0);
      std::fill_n(decay.begin() + layout_.rms_ffn[l], cfg_.dim, 0);
    }
    std::fill_n(decay.begin() + layout_.rms_final, cfg_.dim, 0);
  }
  for (size_t k = 0; k < n; ++k) {
    float gk = g[k] * clip;
    m[k] = b1 * m[k] + (1 - b1) * gk;
    v[k] = b2 * v[k] + (1 - b2) * gk * gk;
    float upd = (m[k] / c1) / (std::sqrt(v[k] / c2) + 1e-8f);
    if (lora || decay[k]) upd += wd * p[k];
    p[k] -= lr * upd;
  }
  return loss / count;
}

}  // namespace sis::train
