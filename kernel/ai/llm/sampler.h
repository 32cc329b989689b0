// Choosing the next token from logits: greedy (temperature 0: the highest logit, lowest id
// on ties) or sampling from softmax(logits / T) with a seeded xorshift64* generator, so a
// given seed always gives the same text.
#pragma once
#include "lib/types.h"

namespace sis::llm {

class Sampler {
 public:
  void reset(u32 temperature_milli, u64 seed);
  // Modifies logits (in place) when sampling.
  u32 sample(float* logits, u32 n);
  static u32 argmax(const float* v, u32 n);

 private:
  u64 next();
  u32 temp_milli_ = 0;
  u64 state_ = 1;
};

}  // namespace sis::llm
