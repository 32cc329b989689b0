// Held-out perplexity on a doc split (docs/llm.md, "The model"): documents the model never
// trained on, scored token by token, next to two simple rules over the same tokens (a
// unigram model and an interpolated Kneser-Ney bigram model, both counted on the training
// tokens). Per token the three use one tokenizer; bits per byte of the documents' text do
// not depend on it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "train.h"

namespace sis::train {

// A sum of negative log-likelihoods (nats) over predicted tokens of `bytes` bytes of text.
struct SplitScore {
  double nats = 0;
  size_t tokens = 0;  // tokens predicted
  size_t bytes = 0;   // bytes of text they encode
  double loss() const;            // nats per token
  double perplexity() const;      // exp(loss)
  double bits_per_byte() const;   // nats / ln 2 / bytes
};

// Cuts one token stream (BOS text EOS) into sequences of at most seq_len + 1 tokens that
// overlap by one, so every token after the first is predicted exactly once, from the
// tokens before it in its sequence (at most seq_len of them).
std::vector<Sequence> stream_chunks(const std::vector<uint32_t>& stream, uint32_t seq_len);

// Counts from a training stream; scores other streams. Kneser-Ney with the usual fixed
// discount 0.75 (not fitted to any held-out text); the lower order is the continuation
// distribution with add-one smoothing over the vocabulary, so no token has probability 0.
class NgramBaseline {
 public:
  NgramBaseline(const std::vector<uint32_t>& train, uint32_t vocab);
  double unigram_nats(uint32_t token) const;
  double bigram_nats(uint32_t prev, uint32_t token) const;
  // Both scores of a stream (every token after the first is predicted), in that order.
  void score(const std::vector<uint32_t>& stream, SplitScore* unigram, SplitScore* bigram) const;

 private:
  uint32_t vocab_;
  double total_ = 0;                    // training tokens
  std::vector<double> count_;           // c(w)
  std::vector<double> continuation_;    // N1+(. w): distinct predecessors of w
  double continuation_total_ = 0;       // N1+(. .): distinct bigrams
  std::vector<double> context_count_;   // c(v .): bigrams starting with v
  std::vector<double> followers_;       // N1+(v .): distinct successors of v
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> pairs_;  // per v: (w, c(v w)) sorted by w
};

}  // namespace sis::train
