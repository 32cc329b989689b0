// The examples' naive Bayes classifier (kernel/ai/llm/example_classifier.*) against a
// floating-point reference, and what it adds to the grounded vote (docs/llm.md, "Choosing
// the command").
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "ai/llm/bm25.h"
#include "ai/llm/example_classifier.h"
#include "ai/llm/knowledge.h"

using sis::StrView;
using namespace sis::llm;

namespace {

struct Example {
  const char* text;
  sis::u16 cls;
  bool reference = false;  // a reference text (help), not an example
};

struct Built {
  std::vector<Example> ex;
  ExampleClassifier c;
  explicit Built(std::vector<Example> e) : ex(std::move(e)) {
    auto of = [](void* p, sis::u32 i, StrView* text, sis::u16* cls, bool* example) {
      const Example& e = static_cast<Built*>(p)->ex[i];
      *text = StrView(e.text);
      *cls = e.cls;
      *example = !e.reference;
      return e.cls != 0xffff;  // 0xffff: skipped
    };
    EXPECT_EQ(c.build(static_cast<sis::u32>(ex.size()), of, this), sis::Error::Ok);
  }
};

std::vector<unsigned> terms_of(const char* text) {
  std::vector<unsigned> t;
  for_each_term(StrView(text), [](void* p, sis::u32 x) { static_cast<std::vector<unsigned>*>(p)->push_back(x); }, &t);
  return t;
}

// The same model in doubles: add-0.3 smoothed word probabilities per class, equal priors,
// the query's distinct known terms, the log-likelihoods divided by the temperature 2.
std::map<int, double> float_posterior(const std::vector<Example>& ex, const char* query) {
  std::map<int, std::map<unsigned, double>> count;
  std::map<int, double> total;
  std::map<unsigned, bool> vocab;
  for (const Example& e : ex) {
    if (e.cls == 0xffff) continue;
    for (unsigned t : terms_of(e.text)) {
      count[e.cls][t] += 1;
      total[e.cls] += 1;
      vocab[t] = true;
    }
  }
  sis::u32 q[64];
  size_t nq = Bm25Index::query_terms(StrView(query), q, 64);
  std::map<int, double> logp;
  for (auto& [cls, tot] : total) {
    double l = 0;
    for (size_t i = 0; i < nq; ++i)
      if (vocab.count(q[i])) l += std::log2((count[cls][q[i]] + 0.3) / (tot + 0.3 * vocab.size()));
    logp[cls] = l / 2;
  }
  double best = -1e300, sum = 0;
  for (auto& [c, l] : logp) best = std::max(best, l);
  for (auto& [c, l] : logp) sum += std::exp2(l - best);
  std::map<int, double> post;
  for (auto& [c, l] : logp) post[c] = std::exp2(l - best) / sum;
  return post;
}

const std::vector<Example> kExamples = {
    {"the disk is full and writes fail", 1},        {"no space left on the device", 1},
    {"how much free space is on the disk", 1},      {"the heap keeps growing", 2},
    {"kernel memory use climbs every minute", 2},   {"which slab cache holds the memory", 2},
    {"a thread uses all the cpu", 3},               {"the shell is slow, which thread is busy", 3},
    {"this line is skipped and never counted", 0xffff},
};

TEST(ExampleClassifier, PowersOfTwoAreExactToAFewPartsIn10000) {
  for (sis::u32 x = 0; x < 17 * 1024; x += 37) {
    double want = std::exp2(-static_cast<double>(x) / 1024) * 65536;
    EXPECT_NEAR(pow2_neg_q16(x), want, want * 3e-4 + 1) << x;  // linear between 2^(-k/16)
  }
  EXPECT_EQ(pow2_neg_q16(0), 65536u);
  EXPECT_EQ(pow2_neg_q16(17 * 1024), 0u);
  EXPECT_EQ(pow2_neg_q16(~0u), 0u);
}

TEST(ExampleClassifier, PosteriorFollowsTheFloatingPointFormula) {
  Built b(kExamples);
  EXPECT_EQ(b.c.classes(), 3u);
  for (const char* q : {"the disk is full", "memory keeps growing in the heap", "busy cpu thread", "slow disk writes",
                        "memory and disk and cpu", "cache"}) {
    sis::u32 t[64];
    size_t nt = Bm25Index::query_terms(StrView(q), t, 64);
    sis::u16 cls[8];
    sis::u32 w[8];
    size_t n = b.c.posterior(t, nt, nullptr, nullptr, -1, cls, w, 8);
    std::map<int, double> want = float_posterior(kExamples, q);
    ASSERT_GT(n, 0u) << q;
    double sum = 0;
    for (size_t k = 0; k < n; ++k) {
      EXPECT_NEAR(w[k] / 65536.0, want[cls[k]], 0.01) << q << " class " << cls[k];
      if (k) EXPECT_GE(w[k - 1], w[k]) << q;  // best first
      sum += w[k] / 65536.0;
    }
    EXPECT_NEAR(sum, 1.0, 0.001) << q;
  }
}

TEST(ExampleClassifier, UnknownWordsGiveNothingAndAllowFiltersClasses) {
  Built b(kExamples);
  sis::u32 t[64];
  sis::u16 cls[8];
  sis::u32 w[8];
  size_t nt = Bm25Index::query_terms(StrView("zebra quantum"), t, 64);
  EXPECT_EQ(b.c.posterior(t, nt, nullptr, nullptr, -1, cls, w, 8), 0u);
  nt = Bm25Index::query_terms(StrView("the disk is full"), t, 64);
  auto not_disk = [](void*, sis::u16 c) { return c != 1; };
  size_t n = b.c.posterior(t, nt, not_disk, nullptr, -1, cls, w, 8);
  ASSERT_EQ(n, 2u);
  for (size_t k = 0; k < n; ++k) EXPECT_NE(cls[k], 1);
  // cap 1: only the best.
  EXPECT_EQ(b.c.posterior(t, nt, nullptr, nullptr, -1, cls, w, 1), 1u);
  EXPECT_EQ(cls[0], 1);
  // An empty classifier and an empty query answer nothing.
  ExampleClassifier empty;
  EXPECT_EQ(empty.posterior(t, nt, nullptr, nullptr, -1, cls, w, 8), 0u);
  EXPECT_EQ(b.c.posterior(t, 0, nullptr, nullptr, -1, cls, w, 8), 0u);
}

// The family-held-out split: a class held out keeps its reference texts (its help), loses
// its examples; without reference texts it is not a class at all.
TEST(ExampleClassifier, AHeldOutClassKeepsItsReferenceTextsOnly) {
  std::vector<Example> ex = kExamples;
  ex.push_back({"file system space free blocks", 1, true});
  Built b(ex);
  sis::u32 t[64];
  sis::u16 cls[8];
  sis::u32 w[8];
  auto best = [&](const char* q, int held_out) {
    size_t nt = Bm25Index::query_terms(StrView(q), t, 64);
    size_t n = b.c.posterior(t, nt, nullptr, nullptr, held_out, cls, w, 8);
    return n ? static_cast<int>(cls[0]) : -1;
  };
  auto weight_of_1 = [&](const char* q, int held_out) {
    size_t nt = Bm25Index::query_terms(StrView(q), t, 64);
    size_t n = b.c.posterior(t, nt, nullptr, nullptr, held_out, cls, w, 8);
    for (size_t k = 0; k < n; ++k)
      if (cls[k] == 1) return w[k];
    return 0u;
  };
  EXPECT_EQ(best("the disk is full and writes fail", -1), 1);
  // Held out, the examples' words ("disk", "full", "writes") no longer count for class 1.
  // (Not to zero: add-0.3 smoothing favours a class with few words for words it never saw.)
  EXPECT_LT(weight_of_1("the disk is full and writes fail", 1), weight_of_1("the disk is full and writes fail", -1));
  EXPECT_EQ(best("free blocks of the file system", 1), 1);  // the help's words stay
  size_t nt = Bm25Index::query_terms(StrView("a thread uses the cpu"), t, 64);
  size_t n = b.c.posterior(t, nt, nullptr, nullptr, 3, cls, w, 8);  // class 3 has no help
  for (size_t k = 0; k < n; ++k) EXPECT_NE(cls[k], 3);
}

TEST(ExampleClassifier, AClassNumberBeyondTheTableIsRefused) {
  Built ok({{"disk full", 1}});
  EXPECT_EQ(ok.c.classes(), 1u);
  std::vector<Example> bad = {{"disk full", static_cast<sis::u16>(ExampleClassifier::kMaxClasses)}};
  ExampleClassifier c;
  auto of = [](void* p, sis::u32 i, StrView* text, sis::u16* cls, bool* example) {
    const Example& e = (*static_cast<std::vector<Example>*>(p))[i];
    *text = StrView(e.text);
    *cls = e.cls;
    *example = true;
    return true;
  };
  EXPECT_EQ(c.build(1, of, &bad), sis::Error::Invalid);
  EXPECT_EQ(c.classes(), 0u);
}

// In the vote, the classifier follows the passages' rules: the family held out of the
// benchmark (the examples of the excluded command) gets no votes from it either.
TEST(ExampleClassifier, TheVoteUsesItAndHoldsOutTheExcludedCommand) {
  Knowledge k;
  k.add_command("df", "file system space", "df");
  k.add_command("blkstat", "block device statistics", "blkstat");
  k.add_command("dmesg", "the kernel log", "dmesg");
  std::string ex =
      "the volume filled up\tdf\n"
      "writes return ENOSPC\tdf\n"
      "the partition is at 100 percent\tdf\n"
      "no room left for my log\tdf\n"
      "requests to the block device take long\tblkstat\n"
      "the log shows slow writes\tblkstat\n"
      "the log is left full of errors\tdmesg\n";
  ASSERT_EQ(k.add_examples(StrView(ex.data(), ex.size())), sis::Error::Ok);
  ASSERT_EQ(k.finish(), sis::Error::Ok);
  const char* q = "writes return ENOSPC, the partition filled up, no room left for the log";
  Knowledge::Suggestion voted = k.suggest(q, SuggestMethod::Grounded);
  EXPECT_EQ(std::string(voted.line().data, voted.line().size), "df");
  Knowledge::Suggestion held = k.suggest(q, SuggestMethod::Grounded, "df");
  EXPECT_NE(std::string(held.line().data, held.line().size), "df");
  // Alone (no passage votes), the classifier's choice still names the example it is like.
  Knowledge::Suggestion alone = k.suggest(q, SuggestMethod::Classifier);
  EXPECT_EQ(std::string(alone.line().data, alone.line().size), "df");
  StrView like = k.example_text(alone, 200);
  std::string like_s(like.data, like.size);
  EXPECT_TRUE(like_s == "writes return ENOSPC" || like_s == "no room left for my log" || like_s == "the volume filled up")
      << like_s;  // one of df's examples that share the report's words
}

}  // namespace
