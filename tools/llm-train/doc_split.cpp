#include "doc_split.h"

#include <algorithm>
#include <cmath>

namespace sis::train {

double SplitScore::loss() const { return tokens ? nats / double(tokens) : 0.0; }
double SplitScore::perplexity() const { return std::exp(loss()); }
double SplitScore::bits_per_byte() const { return bytes ? nats / std::log(2.0) / double(bytes) : 0.0; }

std::vector<Sequence> stream_chunks(const std::vector<uint32_t>& stream, uint32_t seq_len) {
  std::vector<Sequence> out;
  for (size_t at = 0; at + 1 < stream.size(); at += seq_len) {
    size_t end = std::min(stream.size(), at + size_t(seq_len) + 1);
    Sequence s;
    s.tokens.assign(stream.begin() + long(at), stream.begin() + long(end));
    s.mask.assign(s.tokens.size() - 1, 1);
    out.push_back(std::move(s));
  }
  return out;
}

namespace {
constexpr double kDiscount = 0.75;
}

NgramBaseline::NgramBaseline(const std::vector<uint32_t>& train, uint32_t vocab)
    : vocab_(vocab), count_(vocab, 0), continuation_(vocab, 0), context_count_(vocab, 0), followers_(vocab, 0),
      pairs_(vocab) {
  for (uint32_t t : train)
    if (t < vocab) count_[t] += 1, total_ += 1;
  std::vector<uint64_t> keys;  // v << 32 | w, one per bigram; sorted, equal runs are counts
  for (size_t i = 1; i < train.size(); ++i)
    if (train[i - 1] < vocab && train[i] < vocab) keys.push_back(uint64_t(train[i - 1]) << 32 | train[i]);
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    uint32_t v = uint32_t(keys[i] >> 32), w = uint32_t(keys[i]);
    pairs_[v].push_back({w, uint32_t(j - i)});
    context_count_[v] += double(j - i);
    followers_[v] += 1;
    continuation_[w] += 1;
    continuation_total_ += 1;
    i = j;
  }
}

double NgramBaseline::unigram_nats(uint32_t token) const {
  double c = token < vocab_ ? count_[token] : 0.0;
  return -std::log((c + 1.0) / (total_ + double(vocab_)));
}

double NgramBaseline::bigram_nats(uint32_t prev, uint32_t token) const {
  double cont = ((token < vocab_ ? continuation_[token] : 0.0) + 1.0) / (continuation_total_ + double(vocab_));
  if (prev >= vocab_ || context_count_[prev] == 0) return -std::log(cont);
  const auto& row = pairs_[prev];
  auto it = std::lower_bound(row.begin(), row.end(), std::make_pair(token, 0u));
  double c = it != row.end() && it->first == token ? double(it->second) : 0.0;
  double n = context_count_[prev];
  double p = std::max(c - kDiscount, 0.0) / n + kDiscount * followers_[prev] / n * cont;
  return -std::log(p);
}

void NgramBaseline::score(const std::vector<uint32_t>& stream, SplitScore* unigram, SplitScore* bigram) const {
  for (size_t i = 1; i < stream.size(); ++i) {
    unigram->nats += unigram_nats(stream[i]);
    bigram->nats += bigram_nats(stream[i - 1], stream[i]);
    unigram->tokens += 1;
    bigram->tokens += 1;
  }
}

}  // namespace sis::train
