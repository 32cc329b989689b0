// Word retrieval for the language model's grounding (docs/llm.md, "Grounding"): words,
// and an Okapi BM25 index over passages computed in integers only (no FP: the shell and the
// control port use it, and both are general-registers-only).
//
// Words are runs of ASCII letters and digits (plus bytes >= 0x80), lowercased, with a few
// English endings removed ("writes" and "writing" both become "writ"), and common function
// words dropped. A word is kept as a 32-bit hash: collisions only merge two words' counts.
#pragma once
#include "lib/result.h"
#include "lib/types.h"

namespace sis::llm {

// Calls fn(ctx, term) for each indexable word of text, in order.
void for_each_term(StrView text, void (*fn)(void* ctx, u32 term), void* ctx);
u32 term_of(StrView word);  // the term of one word as for_each_term sees it (0 for a stop word)

// log2(num / den) in 1/1024ths for num >= den > 0, by integer squaring (exact to 1/1024).
u32 log2_q10(u64 num, u64 den);

struct Bm25Hit {
  u32 passage;
  u32 score;  // BM25 x 1024
};

// An index over n passages (each a list of texts: its title counts twice, then its body).
// Build once; search is read-only.
class Bm25Index {
 public:
  Bm25Index() = default;
  Bm25Index(const Bm25Index&) = delete;
  Bm25Index& operator=(const Bm25Index&) = delete;
  ~Bm25Index() { clear(); }

  // text_of(ctx, i, part) returns the i-th passage's part 0 (title, weighted x2), part 1
  // (body) or part 2 (context such as the parent heading, weighted x1). Error::NoMemory
  // leaves the index empty.
  using TextFn = StrView (*)(void* ctx, u32 passage, u32 part);
  Error build(u32 passages, TextFn text_of, void* ctx);
  void clear();

  // The k best passages for the query's words (each distinct word once), best first; ties
  // go to the lower passage number. `allow` (optional) filters passages. Returns the count.
  usize search(StrView query, Bm25Hit* out, usize k, bool (*allow)(void* ctx, u32 passage) = nullptr,
               void* allow_ctx = nullptr) const;
  // The BM25 score of one passage for a set of terms (distinct), with the same weights.
  u32 score(u32 passage, const u32* terms, usize n) const;

  // A term's idf x 1024 (how rare it is among the passages; 0 for an empty index).
  u32 term_idf_q10(u32 term) const { return n_ ? idf_q10(df_of(term)) : 0; }

  u32 passages() const { return n_; }
  u32 postings() const { return start_ ? start_[n_] : 0; }
  usize memory_bytes() const;

  // The query's distinct terms, at most cap; returns the count.
  static usize query_terms(StrView query, u32* out, usize cap);
  static constexpr usize kMaxQueryTerms = 64;  // the distinct words of a question that count

 private:
  struct Posting {
    u32 term;
    u32 tf;
  };
  u32 tf_of(u32 passage, u32 term) const;
  u32 df_of(u32 term) const;
  u32 idf_q10(u32 df) const;

  u32 n_ = 0;
  u64 total_len_ = 0;
  Posting* post_ = nullptr;  // per passage, sorted by term
  u32* start_ = nullptr;     // n_ + 1 offsets into post_
  u32* len_ = nullptr;       // words per passage (title counted twice)
  // Document frequency table: distinct terms sorted, with their passage counts.
  Posting* df_ = nullptr;
  u32 df_n_ = 0;
};

}  // namespace sis::llm
