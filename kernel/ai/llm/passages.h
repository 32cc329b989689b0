// Cutting documents into passages for retrieval (docs/llm.md, "Grounding"): a Markdown file
// becomes one passage per section (a heading and the text up to the next heading of any
// level), long sections are cut at blank lines, a line starting "Q: " (a FAQ entry) starts
// a passage of its own, and headings inside ``` code blocks are text. A passage is cited as "doc § section". Portable, integers only; views point into the
// caller's text, which must outlive the passages.
#pragma once
#include "lib/types.h"

namespace sis::llm {

inline constexpr usize kMaxPassageBytes = 1600;  // a longer section is cut at blank lines

struct Passage {
  StrView doc;      // file name ("filesystem.md") or "help"
  StrView section;  // heading text without the #s ("" before the first heading)
  StrView text;     // the body (for help passages: the usage line and its description)
  StrView parent;   // the enclosing heading one level up, or the document's title (may be empty)
};

// Splits a Markdown document; calls fn(ctx, passage) for each passage with some text.
// Returns the number of passages.
usize split_markdown(StrView doc, StrView text, void (*fn)(void* ctx, const Passage& p), void* ctx);

// The first sentence (or line) of a passage's body that is prose: not a table row, a code
// block, a heading or a list marker alone; for a FAQ entry, its answer's paragraph; at most
// max bytes, cut at a word boundary.
StrView first_sentence(StrView text, usize max);
// The first sentence when score() rates it above 0 (an opening sentence states the topic);
// otherwise the later prose sentence score() rates highest (the earliest wins a tie, so a
// score of 0 for all gives first_sentence()). A sentence that opens with a pronoun pointing
// back ("This", "It", "So does", ...) is not chosen: it needs the one before it.
StrView best_sentence(StrView text, usize max, u32 (*score)(void* ctx, StrView sentence), void* ctx);

// The sentence without an opening connective that only links it to the one before ("So a
// failed mkdir ..." -> "a failed mkdir ..."); the sentence itself when it has none.
StrView without_connective(StrView s);

}  // namespace sis::llm
