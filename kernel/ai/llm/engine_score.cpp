// Engine::score_continuations: the language model as a scorer of the grammar's command
// lines (engine.h). Floating point: built with the other FP sources (sources.cmake).
#include "ai/llm/engine.h"
#include "ai/llm/llm_math.h"
#include "lib/env.h"
#include "lib/string.h"

namespace sis::llm {
namespace {

// log softmax(logits)[tok] = logits[tok] - max - log(sum exp(logits - max)).
double log_prob(const float* logits, u32 vocab, u32 tok) {
  float mx = logits[0];
  for (u32 i = 1; i < vocab; ++i)
    if (logits[i] > mx) mx = logits[i];
  double sum = 0;
  for (u32 i = 0; i < vocab; ++i) sum += static_cast<double>(exp_f(logits[i] - mx));
  return static_cast<double>(logits[tok] - mx) - log_d(sum);
}

}  // namespace

Error Engine::score_continuations(StrView prompt, const StrView* conts, usize n, bool eos, i64* out, Diag* diag) {
  if (!loaded()) {
    diag->set("no model loaded");
    return Error::Invalid;
  }
  if (active_) {
    diag->set("a generation is running");
    return Error::Busy;
  }
  const u32 ctx = tf_.context(), vocab = view_.cfg.vocab_size;
  usize cap = prompt.size + 2 > 64 ? prompt.size + 2 : 64;
  u32* toks = static_cast<u32*>(env_alloc((cap + ctx) * sizeof(u32)));
  float* first = static_cast<float*>(env_alloc(vocab * sizeof(float)));
  if (!toks || !first) {
    env_free(toks);
    env_free(first);
    diag->set("out of memory for scoring");
    return Error::NoMemory;
  }
  Error err = Error::Ok;
  Result<usize> np = tok_.encode(prompt, true, toks, cap);
  if (!np.ok() || np.value() == 0 || np.value() >= ctx) {
    diag->set("the prompt does not fit the context");
    err = np.ok() ? Error::TooBig : np.error();
  }
  u32 p = err == Error::Ok ? static_cast<u32>(np.value()) : 0;
  for (u32 i = 0; i < p; ++i) tf_.forward(toks[i], i);
  if (err == Error::Ok) memcpy(first, tf_.logits(), vocab * sizeof(float));
  u32* ct = toks + cap;
  for (usize c = 0; c < n && err == Error::Ok; ++c) {
    Result<usize> nc = tok_.encode(conts[c], false, ct, ctx);
    if (!nc.ok()) {
      diag->set("tokenizing a continuation failed");
      err = nc.error();
      break;
    }
    usize m = nc.value();
    if (eos && m < ctx) ct[m++] = tok_.eos();
    if (p + m > ctx) {
      diag->set("the prompt and a continuation exceed the context");
      err = Error::TooBig;
      break;
    }
    double lp = m ? log_prob(first, vocab, ct[0]) : 0;
    for (usize k = 1; k < m; ++k) lp += log_prob(tf_.forward(ct[k - 1], static_cast<u32>(p + k - 1)), vocab, ct[k]);
    out[c] = static_cast<i64>(lp * 1e6);
  }
  env_free(toks);
  env_free(first);
  return err;
}

}  // namespace sis::llm
