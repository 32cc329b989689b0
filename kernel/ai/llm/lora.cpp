// LoRA adapter files (see lora.h).
#include "ai/llm/lora.h"

#include "lib/env.h"

namespace sis::llm {

void lora_target_dims(const Config& c, u32 t, u32* in, u32* out) {
  switch (t) {
    case kLoraQ: *in = c.dim; *out = c.dim; break;
    case kLoraK:
    case kLoraV: *in = c.dim; *out = c.kv_dim(); break;
    case kLoraO: *in = c.dim; *out = c.dim; break;
    case kLoraW1:
    case kLoraW3: *in = c.dim; *out = c.hidden_dim; break;
    case kLoraW2: *in = c.hidden_dim; *out = c.dim; break;
    default: *in = *out = 0;
  }
}

const char* lora_target_name(u32 t) {
  static const char* const names[] = {"wq", "wk", "wv", "wo", "w1", "w2", "w3"};
  return t < kLoraTargetCount ? names[t] : "?";
}

Error parse_adapter(ByteSpan f, const Config& m, LoraAdapter* out, Diag* diag) {
  *out = LoraAdapter{};
  if (reinterpret_cast<uptr>(f.data) % 4 != 0) {
    diag->set("adapter buffer is not 4-byte aligned");
    return Error::Invalid;
  }
  SisHeader h;
  TRY(parse_sis_header(f, &h, true, diag));
  if (h.kind != kKindAdapter) {
    diag->set("not a LoRA adapter (this file is a model: use llmctl load)");
    return Error::BadFormat;
  }
  const Config& c = h.cfg;
  if (c.dim != m.dim || c.hidden_dim != m.hidden_dim || c.n_layers != m.n_layers || c.n_heads != m.n_heads ||
      c.n_kv_heads != m.n_kv_heads || c.vocab_size != m.vocab_size) {
    diag->set("adapter was trained for another model (dim %u hidden %u layers %u; loaded model: %u %u %u)", c.dim,
              c.hidden_dim, c.n_layers, m.dim, m.hidden_dim, m.n_layers);
    return Error::Invalid;
  }
  if (h.lora_rank == 0 || h.lora_rank > kMaxLoraRank || h.lora_targets == 0 ||
      h.lora_targets >= (1u << kLoraTargetCount) || h.lora_alpha_e3 == 0) {
    diag->set("adapter rank %u / targets 0x%x / alpha out of range", h.lora_rank, h.lora_targets);
    return Error::Corrupt;
  }
  u64 floats = 0;
  for (u32 t = 0; t < kLoraTargetCount; ++t) {
    if (!(h.lora_targets & (1u << t))) continue;
    u32 in, o;
    lora_target_dims(c, t, &in, &o);
    floats += u64(h.lora_rank) * (in + o);
  }
  floats *= c.n_layers;
  if (h.weights_size != floats * 4) {
    diag->set("adapter weights have %llu bytes, rank and targets need %llu",
              static_cast<unsigned long long>(h.weights_size), static_cast<unsigned long long>(floats * 4));
    return Error::Corrupt;
  }
  const float* w = reinterpret_cast<const float*>(f.data + h.weights_offset);
  for (u32 l = 0; l < c.n_layers; ++l) {
    for (u32 t = 0; t < kLoraTargetCount; ++t) {
      if (!(h.lora_targets & (1u << t))) continue;
      u32 in, o;
      lora_target_dims(c, t, &in, &o);
      out->a[l][t] = w;
      w += u64(h.lora_rank) * in;
      out->b[l][t] = w;
      w += u64(o) * h.lora_rank;
    }
  }
  memcpy(out->name, h.name, sizeof(out->name));
  out->rank = h.lora_rank;
  out->targets = h.lora_targets;
  out->scale = static_cast<float>(h.lora_alpha_e3) / 1000.0f / static_cast<float>(h.lora_rank);
  out->param_count = floats;
  return Error::Ok;
}

}  // namespace sis::llm
