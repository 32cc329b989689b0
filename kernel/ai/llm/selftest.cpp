#include "ai/llm/selftest.h"

#include "ai/llm/engine.h"
#include "lib/env.h"

namespace sis::llm {
namespace {

float frand(u64* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return static_cast<float>(static_cast<i64>(*s >> 40) - (1 << 23)) / static_cast<float>(1 << 23);
}

float fabs_(float x) { return x < 0 ? -x : x; }

u64 to_e9(float v) { return v > 1e9f ? ~u64(0) : static_cast<u64>(v * 1e9f); }

}  // namespace

SelftestResult run_selftest(u32 positions) {
  SelftestResult r;
  const Kernels* neon = neon_kernels();
  r.neon_available = neon != nullptr;
  if (!neon) return r;
  const Kernels& sc = scalar_kernels();
  static const u32 sizes[][2] = {{1, 1}, {3, 5}, {4, 4}, {7, 9}, {16, 33}, {96, 96}, {257, 31}, {256, 512}};
  u64 seed = 0x12345678;
  for (auto& sz : sizes) {
    u32 n = sz[0], d = sz[1];
    float* w = static_cast<float*>(env_alloc(sizeof(float) * n * d));
    float* x = static_cast<float*>(env_alloc(sizeof(float) * n));
    float* g = static_cast<float*>(env_alloc(sizeof(float) * n));
    float* a = static_cast<float*>(env_alloc(sizeof(float) * (n > d ? n : d)));
    float* b = static_cast<float*>(env_alloc(sizeof(float) * (n > d ? n : d)));
    if (!w || !x || !g || !a || !b) {
      ++r.failures;
    } else {
      for (u32 i = 0; i < n * d; ++i) w[i] = frand(&seed);
      for (u32 i = 0; i < n; ++i) {
        x[i] = frand(&seed);
        g[i] = frand(&seed) + 1.0f;
      }
      auto check = [&](const float* p, const float* q, u32 len, float scale) {
        ++r.cases;
        float worst = 0;
        for (u32 i = 0; i < len; ++i) {
          float diff = fabs_(p[i] - q[i]) / scale;
          if (diff > worst) worst = diff;
        }
        u64 e9 = to_e9(worst);
        if (e9 > r.max_rel_diff_e9) r.max_rel_diff_e9 = e9;
        if (e9 > kSelftestRelTolE9) ++r.failures;
      };
      // Relative to the size of the terms (sqrt(n) for sums of n products of [-1, 1)).
      float scale = __builtin_sqrtf(static_cast<float>(n)) + 1.0f;
      sc.matvec(a, x, w, n, d);
      neon->matvec(b, x, w, n, d);
      check(a, b, d, scale);
      a[0] = sc.dot(x, w, n);
      b[0] = neon->dot(x, w, n);
      check(a, b, 1, scale);
      for (u32 i = 0; i < n; ++i) a[i] = b[i] = g[i];
      sc.axpy(a, 0.37f, x, n);
      neon->axpy(b, 0.37f, x, n);
      check(a, b, n, 1.0f);
      sc.rmsnorm(a, x, g, n, 1e-5f);
      neon->rmsnorm(b, x, g, n, 1e-5f);
      check(a, b, n, 4.0f);
    }
    env_free(w);
    env_free(x);
    env_free(g);
    env_free(a);
    env_free(b);
  }
  // Whole forward pass of the loaded model, token ids from the seed, both kernel sets.
  Engine& e = engine();
  if (!e.loaded() || e.busy() || positions == 0) return r;
  Transformer& tf = e.transformer();
  const Kernels* before = &tf.kernels();
  const u32 V = e.model().cfg.vocab_size;
  if (positions > tf.context()) positions = tf.context();
  float* ref = static_cast<float*>(env_alloc(sizeof(float) * V * positions));
  if (!ref) {
    ++r.failures;
    return r;
  }
  u64 s2 = 99;
  u32 tokens[64];
  if (positions > 64) positions = 64;
  for (u32 p = 0; p < positions; ++p) tokens[p] = static_cast<u32>((s2 = s2 * 6364136223846793005ull + 1) >> 33) % V;
  tf.set_kernels(&sc);
  u64 a0 = e.now();
  for (u32 p = 0; p < positions; ++p) memcpy(ref + u64(p) * V, tf.forward(tokens[p], p), sizeof(float) * V);
  r.scalar_ns = e.now() - a0;
  tf.set_kernels(neon);
  a0 = e.now();
  for (u32 p = 0; p < positions; ++p) {
    float* l = tf.forward(tokens[p], p);
    const float* q = ref + u64(p) * V;
    float worst = 0;
    for (u32 i = 0; i < V; ++i) {
      float d = fabs_(l[i] - q[i]);
      if (d > worst) worst = d;
    }
    u64 e9 = to_e9(worst);
    if (e9 > r.max_logit_diff_e9) r.max_logit_diff_e9 = e9;
    if (Sampler::argmax(l, V) != Sampler::argmax(q, V)) r.same_argmax = false;
  }
  r.neon_ns = e.now() - a0;
  r.positions = positions;
  if (r.max_logit_diff_e9 > kSelftestLogitTolE9 || !r.same_argmax) ++r.failures;
  tf.set_kernels(before);
  env_free(ref);
  return r;
}

}  // namespace sis::llm
