// The decoder-only transformer forward pass (llama-style, as in llama2.c's run.c): token
// embedding, then per layer RMSNorm -> q/k/v projections -> rotary position embeddings ->
// causal multi-head attention (grouped kv heads allowed) over a KV cache -> output
// projection -> residual, RMSNorm -> SwiGLU feed-forward (w2(silu(w1 x) * w3 x)) ->
// residual; final RMSNorm and the classifier. LoRA adapters add scale * B(A x) to any
// projection. All buffers are allocated once in init (none on the per-token path).
#pragma once
#include "ai/llm/kernels.h"
#include "ai/llm/lora.h"

namespace sis::llm {

class Transformer {
 public:
  static constexpr u32 kMaxAdapters = 4;

  Transformer() = default;
  ~Transformer() { release(); }
  Transformer(const Transformer&) = delete;
  Transformer& operator=(const Transformer&) = delete;

  // max_context (0 = the model's seq_len) bounds the KV cache. The model view must outlive
  // this object.
  Error init(const ModelView* model, u32 max_context, Diag* diag);
  void release();
  bool ready() const { return model_ != nullptr; }

  void set_kernels(const Kernels* k) { k_ = k; }
  const Kernels& kernels() const { return *k_; }

  Error add_adapter(const LoraAdapter* a);
  void remove_adapter(const LoraAdapter* a);
  u32 adapter_count() const { return n_adapters_; }

  // Runs position pos (0 <= pos < context(); every earlier position must have been run)
  // with input token; returns the logits [vocab_size], valid until the next call.
  float* forward(u32 token, u32 pos);

  u32 context() const { return context_; }
  const float* logits() const { return logits_; }
  usize state_bytes() const { return state_bytes_; }
  // Bytes init would allocate for a model of this shape.
  static usize state_bytes_for(const Config& c, u32 context);

 private:
  void project(float* out, const float* x, const float* w, u32 n, u32 d, u32 layer, u32 target);

  const ModelView* model_ = nullptr;
  const Kernels* k_ = nullptr;
  u32 context_ = 0;
  usize state_bytes_ = 0;
  float *x_ = nullptr, *xb_ = nullptr, *xb2_ = nullptr, *hb_ = nullptr, *hb2_ = nullptr, *q_ = nullptr,
        *att_ = nullptr, *logits_ = nullptr, *lora_tmp_ = nullptr, *delta_ = nullptr, *rope_ = nullptr;
  float* key_cache_[kMaxLayers] = {};
  float* value_cache_[kMaxLayers] = {};
  const LoraAdapter* adapters_[kMaxAdapters] = {};
  u32 n_adapters_ = 0;
};

}  // namespace sis::llm
