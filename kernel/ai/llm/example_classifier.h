// Which command's incident examples a report's words are most likely under: a multinomial
// naive Bayes classifier over the examples' words, and over reference texts (the help
// passages) that the benchmark's family-held-out split keeps (docs/llm.md, "Choosing the
// command"). The grounded vote (knowledge.h) adds its posterior to the votes of the passages.
//
// Nearest-example search looks at one example at a time; the classifier pools the 25 to 30
// examples of each command, so a word that many of a command's examples use counts even
// when no single example shares most of the report's words. It is learned from the examples
// when the knowledge is built (counting only: nothing is trained offline or committed), and
// it is all integers: log-probabilities in 1/1024ths of a bit, the posterior in 1/65536ths.
#pragma once
#include "lib/result.h"
#include "lib/types.h"

namespace sis::llm {

class ExampleClassifier {
 public:
  static constexpr u32 kMaxClasses = 1024;   // class numbers are below this (grammar candidates)
  static constexpr u32 kPosteriorOne = 65536;  // posterior() weights are out of this

  ExampleClassifier() = default;
  ExampleClassifier(const ExampleClassifier&) = delete;
  ExampleClassifier& operator=(const ExampleClassifier&) = delete;
  ~ExampleClassifier() { clear(); }

  // text_of(ctx, i, &text, &cls, &example) gives the i-th text, its class, and whether it is
  // an example (which posterior() can hold out, for the benchmark's family-held-out split)
  // or a reference text such as a help passage (always counted); false: skip it.
  // Error::NoMemory leaves the classifier empty; Error::Invalid for a class >= kMaxClasses.
  using TextFn = bool (*)(void* ctx, u32 i, StrView* text, u16* cls, bool* example);
  Error build(u32 texts, TextFn text_of, void* ctx);
  void clear();

  // The posterior of every class that allow(ctx, cls) admits, for the query's distinct terms
  // (Bm25Index::query_terms), with equal priors: cls[k] and weight[k] (summing to about
  // kPosteriorOne), at most cap, best first. The class held_out (-1: none) counts its
  // reference texts only, not its examples. Terms no text has are ignored; none known:
  // returns 0.
  usize posterior(const u32* terms, usize nt, bool (*allow)(void* ctx, u16 cls), void* ctx, int held_out, u16* cls,
                  u32* weight, usize cap) const;

  u32 classes() const { return nclasses_; }
  u32 vocabulary() const { return vocab_; }
  usize memory_bytes() const;

 private:
  struct Count {
    u32 term;
    u16 cls;
    u16 n;          // in every text of the class
    u16 reference;  // in its reference texts
  };
  const Count* first_of(u32 term) const;  // the term's first count (sorted by term), or null

  Count* counts_ = nullptr;  // sorted by term, then class
  u32 ncounts_ = 0;
  u32* total_ = nullptr;      // words per class (kMaxClasses entries)
  u32* reference_ = nullptr;  // of them, words in reference texts
  u16* class_list_ = nullptr;  // the classes that have examples
  u32 nclasses_ = 0;
  u32 vocab_ = 0;            // distinct terms
};

// 2^(-x / 1024) x 65536 for x >= 0 (in 1/1024ths of a bit), in integers; 0 beyond 2^-16.
u32 pow2_neg_q16(u32 x_q10);

}  // namespace sis::llm
