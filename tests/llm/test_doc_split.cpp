// The doc split's scoring (tools/llm-train/doc_split.*): the chunks predict every token once,
// the n-gram rules are probability distributions, and the numbers mean what they say.
#include "doc_split.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace sis::train;

TEST(DocSplit, ChunksPredictEveryTokenAfterTheFirstExactlyOnce) {
  for (size_t n : {2u, 5u, 9u, 10u, 11u, 100u}) {
    std::vector<uint32_t> stream(n);
    for (size_t i = 0; i < n; ++i) stream[i] = uint32_t(i);
    std::vector<Sequence> c = stream_chunks(stream, 4);
    std::vector<int> predicted(n, 0);
    for (const auto& s : c) {
      ASSERT_LE(s.tokens.size(), 5u);
      ASSERT_EQ(s.mask.size() + 1, s.tokens.size());
      for (size_t t = 0; t + 1 < s.tokens.size(); ++t) predicted[s.tokens[t + 1]] += s.mask[t];
    }
    EXPECT_EQ(predicted[0], 0) << n;
    for (size_t i = 1; i < n; ++i) EXPECT_EQ(predicted[i], 1) << "token " << i << " of " << n;
  }
}

TEST(DocSplit, NgramRulesAreDistributionsForSeenAndUnseenContexts) {
  const uint32_t V = 12;
  std::vector<uint32_t> train = {1, 3, 4, 5, 3, 4, 6, 3, 7, 2, 1, 3, 4, 5, 2};
  NgramBaseline ng(train, V);
  double uni = 0;
  for (uint32_t w = 0; w < V; ++w) uni += std::exp(-ng.unigram_nats(w));
  EXPECT_NEAR(uni, 1.0, 1e-9);
  for (uint32_t prev : {3u, 4u, 0u, 11u}) {  // seen with several successors, one, never
    double sum = 0;
    for (uint32_t w = 0; w < V; ++w) {
      double p = std::exp(-ng.bigram_nats(prev, w));
      EXPECT_GT(p, 0.0);
      sum += p;
    }
    EXPECT_NEAR(sum, 1.0, 1e-9) << "context " << prev;
  }
  // What followed 3 every time is likelier after 3 than on its own.
  EXPECT_LT(ng.bigram_nats(3, 4), ng.unigram_nats(4));
}

TEST(DocSplit, ScoresAreNatsPerTokenAndBitsPerByte) {
  SplitScore s;
  s.nats = 100 * std::log(8.0);
  s.tokens = 100;
  s.bytes = 300;
  EXPECT_NEAR(s.perplexity(), 8.0, 1e-9);
  EXPECT_NEAR(s.bits_per_byte(), 1.0, 1e-9);  // 3 bits per token over 3 bytes per token
  SplitScore uni, bi;
  NgramBaseline ng({1, 2, 1, 2, 1, 2}, 4);
  ng.score({1, 2, 1}, &uni, &bi);
  EXPECT_EQ(uni.tokens, 2u);
  EXPECT_LT(bi.nats, uni.nats);  // the bigram rule has seen 1 -> 2 and 2 -> 1
}
