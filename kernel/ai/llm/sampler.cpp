#include "ai/llm/sampler.h"

#include "ai/llm/llm_math.h"

namespace sis::llm {

void Sampler::reset(u32 temperature_milli, u64 seed) {
  temp_milli_ = temperature_milli;
  state_ = seed ? seed : 0x5eed5eed5eedull;
}

u64 Sampler::next() {
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  return state_ * 0x2545F4914F6CDD1Dull;
}

u32 Sampler::argmax(const float* v, u32 n) {
  u32 best = 0;
  for (u32 i = 1; i < n; ++i)
    if (v[i] > v[best]) best = i;
  return best;
}

u32 Sampler::sample(float* logits, u32 n) {
  if (temp_milli_ == 0) return argmax(logits, n);
  float inv_t = 1000.0f / static_cast<float>(temp_milli_);
  float mx = logits[argmax(logits, n)];
  float sum = 0.0f;
  for (u32 i = 0; i < n; ++i) {
    logits[i] = exp_f((logits[i] - mx) * inv_t);
    sum += logits[i];
  }
  // A uniform number in [0, sum) from 24 random bits.
  float r = static_cast<float>(next() >> 40) / 16777216.0f * sum;
  float acc = 0.0f;
  for (u32 i = 0; i < n; ++i) {
    acc += logits[i];
    if (r < acc) return i;
  }
  return n - 1;
}

}  // namespace sis::llm
