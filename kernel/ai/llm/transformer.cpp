// Forward pass (see transformer.h). Mirrors tests/llm/reference.py line by line.
#include "ai/llm/transformer.h"

#include "lib/env.h"
#include "ai/llm/llm_math.h"

namespace sis::llm {

usize Transformer::state_bytes_for(const Config& c, u32 ctx) {
  u64 f = 0;
  f += 3 * u64(c.dim) + 2 * u64(c.hidden_dim) + c.dim;  // x, xb, xb2, hb, hb2, q
  f += u64(c.n_heads) * ctx;                            // att
  f += c.vocab_size;                                    // logits
  f += kMaxLoraRank + max(c.dim, c.hidden_dim);          // LoRA scratch
  f += u64(ctx) * c.head_size();                        // rope cos/sin
  f += 2 * u64(c.n_layers) * ctx * c.kv_dim();          // KV cache
  return static_cast<usize>(f * sizeof(float));
}

void Transformer::release() {
  float** bufs[] = {&x_, &xb_, &xb2_, &hb_, &hb2_, &q_, &att_, &logits_, &lora_tmp_, &delta_, &rope_};
  for (float** b : bufs) {
    env_free(*b);
    *b = nullptr;
  }
  for (u32 l = 0; l < kMaxLayers; ++l) {
    env_free(key_cache_[l]);
    env_free(value_cache_[l]);
    key_cache_[l] = value_cache_[l] = nullptr;
  }
  model_ = nullptr;
  n_adapters_ = 0;
  state_bytes_ = 0;
}

Error Transformer::init(const ModelView* m, u32 max_context, Diag* diag) {
  release();
  const Config& c = m->cfg;
  u32 ctx = max_context && max_context < c.seq_len ? max_context : c.seq_len;
  u64 kv_bytes = u64(ctx) * c.kv_dim() * 4;
  u64 att_bytes = u64(c.n_heads) * ctx * 4;
  if (kv_bytes > kEnvMaxAlloc || att_bytes > kEnvMaxAlloc || u64(c.vocab_size) * 4 > kEnvMaxAlloc) {
    diag->set("KV cache of %llu KiB per layer is larger than the largest allocation (%zu KiB); use a shorter context",
              static_cast<unsigned long long>(kv_bytes >> 10), kEnvMaxAlloc >> 10);
    return Error::TooBig;
  }
  struct B {
    float** p;
    u64 n;
  } bufs[] = {{&x_, c.dim},        {&xb_, c.dim},          {&xb2_, c.dim},           {&hb_, c.hidden_dim},
              {&hb2_, c.hidden_dim}, {&q_, c.dim},           {&att_, u64(c.n_heads) * ctx}, {&logits_, c.vocab_size},
              {&lora_tmp_, kMaxLoraRank}, {&delta_, max(c.dim, c.hidden_dim)}, {&rope_, u64(ctx) * c.head_size()}};
  for (B& b : bufs) {
    *b.p = static_cast<float*>(env_zalloc(b.n * 4));
    if (!*b.p) goto oom;
  }
  for (u32 l = 0; l < c.n_layers; ++l) {
    key_cache_[l] = static_cast<float*>(env_zalloc(kv_bytes));
    value_cache_[l] = static_cast<float*>(env_zalloc(kv_bytes));
    if (!key_cache_[l] || !value_cache_[l]) goto oom;
  }
  {
    // RoPE table: for position p and pair i (dims 2i, 2i+1 of a head), angle p * theta^(-2i/hs).
    u32 hs = c.head_size();
    double ln_theta = log_d(static_cast<double>(c.rope_theta));
    for (u32 p = 0; p < ctx; ++p) {
      for (u32 i = 0; i < hs / 2; ++i) {
        double freq = exp_d(-ln_theta * (2.0 * i) / hs);
        double s, co;
        sincos_d(p * freq, &s, &co);
        rope_[u64(p) * hs + 2 * i] = static_cast<float>(co);
        rope_[u64(p) * hs + 2 * i + 1] = static_cast<float>(s);
      }
    }
  }
  model_ = m;
  context_ = ctx;
  state_bytes_ = state_bytes_for(c, ctx);
  if (!k_) k_ = &best_kernels();
  return Error::Ok;
oom:
  release();
  diag->set("out of memory for the inference state (%zu KiB)", state_bytes_for(c, ctx) >> 10);
  return Error::NoMemory;
}

Error Transformer::add_adapter(const LoraAdapter* a) {
  if (n_adapters_ == kMaxAdapters) return Error::Busy;
  for (u32 i = 0; i < n_adapters_; ++i)
    if (adapters_[i] == a) return Error::Exists;
  adapters_[n_adapters_++] = a;
  return Error::Ok;
}

void Transformer::remove_adapter(const LoraAdapter* a) {
  for (u32 i = 0; i < n_adapters_; ++i) {
    if (adapters_[i] != a) continue;
    for (u32 j = i + 1; j < n_adapters_; ++j) adapters_[j - 1] = adapters_[j];
    --n_adapters_;
    return;
  }
}

void Transformer::project(float* out, const float* x, const float* w, u32 n, u32 d, u32 layer, u32 target) {
  k_->matvec(out, x, w, n, d);
  for (u32 i = 0; i < n_adapters_; ++i) {
    const LoraAdapter* a = adapters_[i];
    if (!(a->targets & (1u << target))) continue;
    // tmp = scale * (A x) (rank values), out += B tmp.
    k_->matvec(lora_tmp_, x, a->a[layer][target], n, a->rank);
    for (u32 r = 0; r < a->rank; ++r) lora_tmp_[r] *= a->scale;
    k_->matvec(delta_, lora_tmp_, a->b[layer][target], a->rank, d);
    for (u32 j = 0; j < d; ++j) out[j] += delta_[j];
  }
}

float* Transformer::forward(u32 token, u32 pos) {
  const ModelView& m = *model_;
  const Config& c = m.cfg;
  const Kernels& k = *k_;
  const u32 dim = c.dim, hd = c.hidden_dim, kv_dim = c.kv_dim(), hs = c.head_size();
  const u32 kv_mul = c.n_heads / c.n_kv_heads;
  if (token >= c.vocab_size) token = 0;
  memcpy(x_, m.token_embedding + u64(token) * dim, dim * sizeof(float));
  const float* rope = rope_ + u64(pos) * hs;
  const float inv_sqrt_hs = 1.0f / __builtin_sqrtf(static_cast<float>(hs));

  for (u32 l = 0; l < c.n_layers; ++l) {
    const LayerWeights& w = m.layers[l];
    k.rmsnorm(xb_, x_, w.rms_att, dim, c.norm_eps);
    float* kc = key_cache_[l] + u64(pos) * kv_dim;
    float* vc = value_cache_[l] + u64(pos) * kv_dim;
    project(q_, xb_, w.wq, dim, dim, l, kLoraQ);
    project(kc, xb_, w.wk, dim, kv_dim, l, kLoraK);
    project(vc, xb_, w.wv, dim, kv_dim, l, kLoraV);
    // Rotary embeddings: rotate each (even, odd) pair of every head by its angle.
    for (u32 i = 0; i < dim; i += 2) {
      u32 j = i % hs;
      float co = rope[j], si = rope[j + 1];
      float a = q_[i], b = q_[i + 1];
      q_[i] = a * co - b * si;
      q_[i + 1] = a * si + b * co;
      if (i < kv_dim) {
        a = kc[i];
        b = kc[i + 1];
        kc[i] = a * co - b * si;
        kc[i + 1] = a * si + b * co;
      }
    }
    // Causal attention per head over positions 0..pos.
    for (u32 h = 0; h < c.n_heads; ++h) {
      const float* qh = q_ + h * hs;
      float* att = att_ + u64(h) * context_;
      const u32 kvo = (h / kv_mul) * hs;
      float mx = -3.0e38f;
      for (u32 t = 0; t <= pos; ++t) {
        float s = k.dot(qh, key_cache_[l] + u64(t) * kv_dim + kvo, hs) * inv_sqrt_hs;
        att[t] = s;
        if (s > mx) mx = s;
      }
      float sum = 0.0f;
      for (u32 t = 0; t <= pos; ++t) {
        att[t] = exp_f(att[t] - mx);
        sum += att[t];
      }
      float inv = 1.0f / sum;
      float* out = xb_ + h * hs;
      memset(out, 0, hs * sizeof(float));
      for (u32 t = 0; t <= pos; ++t) k.axpy(out, att[t] * inv, value_cache_[l] + u64(t) * kv_dim + kvo, hs);
    }
    project(xb2_, xb_, w.wo, dim, dim, l, kLoraO);
    for (u32 i = 0; i < dim; ++i) x_[i] += xb2_[i];

    k.rmsnorm(xb_, x_, w.rms_ffn, dim, c.norm_eps);
    project(hb_, xb_, w.w1, dim, hd, l, kLoraW1);
    project(hb2_, xb_, w.w3, dim, hd, l, kLoraW3);
    for (u32 i = 0; i < hd; ++i) {
      float v = hb_[i];
      hb_[i] = v / (1.0f + exp_f(-v)) * hb2_[i];
    }
    project(xb2_, hb_, w.w2, hd, dim, l, kLoraW2);
    for (u32 i = 0; i < dim; ++i) x_[i] += xb2_[i];
  }
  k.rmsnorm(x_, x_, m.rms_final, dim, c.norm_eps);
  k.matvec(logits_, x_, m.wcls, dim, c.vocab_size);
  return logits_;
}

}  // namespace sis::llm
