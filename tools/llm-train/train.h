// The trainer's model: the same decoder-only transformer as kernel/ai/llm/transformer.cpp
// (RMSNorm, RoPE, causal multi-head attention with grouped kv heads, SwiGLU, tied
// classifier), with a hand-written backward pass, AdamW, and LoRA adapters on the attention
// and feed-forward projections. Parameters are kept in the exact order of the SIS file's
// weights section, so writing a model is one memcpy.
//
// Parallelism: a batch is split into fixed, equal parts, one per thread; each thread
// accumulates gradients in its own buffer and the buffers are summed in thread order, so
// results do not depend on timing (deterministic for a seed and a thread count).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ai/llm/model.h"

namespace sis::train {

using llm::Config;

struct Layout {
  size_t emb = 0, rms_final = 0, total = 0;
  std::vector<size_t> rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3;
  explicit Layout(const Config& c);
  size_t tensor(uint32_t layer, uint32_t target) const;  // base matrix for a LoRA target
};

struct LoraLayout {
  uint32_t rank = 0, targets = 0;
  float alpha = 0;
  // Offsets of A and B per layer and target (SIZE_MAX when the target is not adapted).
  std::vector<std::vector<size_t>> a, b;
  size_t total = 0;
  LoraLayout() = default;
  LoraLayout(const Config& c, uint32_t rank, uint32_t targets, float alpha);
};

struct Sequence {
  std::vector<uint32_t> tokens;  // inputs; targets are tokens shifted by one
  std::vector<uint8_t> mask;     // mask[t] = 1: predicting tokens[t + 1] counts in the loss
};

class Trainer {
 public:
  Trainer(const Config& c, uint64_t seed, int threads);
  const Config& config() const { return cfg_; }
  std::vector<float>& params() { return params_; }
  const std::vector<float>& params() const { return params_; }
  const Layout& layout() const { return layout_; }

  // Enables LoRA: base weights frozen, only the adapter trains.
  void enable_lora(uint32_t rank, uint32_t targets, float alpha, uint64_t seed);
  void disable_lora() { lora_on_ = false; }
  bool lora_enabled() const { return lora_on_; }
  const LoraLayout& lora_layout() const { return lora_layout_; }
  std::vector<float>& lora_params() { return lora_; }

  // One optimizer step over the batch; returns the mean loss over counted positions.
  double step(const std::vector<Sequence>& batch, float lr, float weight_decay);
  // Mean loss without updating (and optionally the per-sequence losses).
  double evaluate(const std::vector<Sequence>& seqs);
  // Gradient of the summed loss over one sequence (for the gradient check in the tests).
  double loss_and_grad(const Sequence& s, std::vector<float>& grad, std::vector<float>& lora_grad);

 private:
  struct Workspace;
  double run(const Sequence& s, Workspace& w, bool backward, std::vector<float>* grad, std::vector<float>* lgrad);

  Config cfg_;
  Layout layout_;
  int threads_;
  std::vector<float> params_, m_, v_;
  bool lora_on_ = false;
  LoraLayout lora_layout_;
  std::vector<float> lora_, lm_, lv_;
  uint64_t t_ = 0, lt_ = 0;
  std::vector<float> rope_cos_, rope_sin_;
};

// Deterministic random numbers (xorshift64*), independent of the C++ library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed ? seed : 88172645463325252ull) {}
  uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 0x2545F4914F6CDD1Dull;
  }
  double uniform() { return (next() >> 11) * (1.0 / 9007199254740992.0); }
  float normal();  // Box-Muller
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t s_;
};

}  // namespace sis::train
