// LoRA adapters: low-rank updates W' = W + (alpha / rank) * B A for chosen projections of
// every layer. An adapter is a SIS file of kind kKindAdapter whose header repeats the base
// model's dimensions (checked on load) and names rank, alpha and targets; its weights are,
// per layer and per target in LoraTarget order, A [rank, in] then B [out, rank].
// Inference applies an adapter as y += scale * B (A x): no base weights are modified, so
// adapters load and unload at run time and several can be active at once.
#pragma once
#include "ai/llm/model.h"

namespace sis::llm {

struct LoraAdapter {
  char name[17] = {};
  u32 rank = 0;
  u32 targets = 0;  // bit mask of LoraTarget
  float scale = 0.0f;
  const float* a[kMaxLayers][kLoraTargetCount] = {};
  const float* b[kMaxLayers][kLoraTargetCount] = {};
  u64 param_count = 0;
};

// in/out sizes of a target's base matrix.
void lora_target_dims(const Config& c, u32 target, u32* in, u32* out);
const char* lora_target_name(u32 target);

// Parses an adapter held in memory (not copied) and checks it against the model's config.
Error parse_adapter(ByteSpan file, const Config& model, LoraAdapter* out, Diag* diag);

}  // namespace sis::llm
