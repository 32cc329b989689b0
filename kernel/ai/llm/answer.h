// A grounded answer to a question (docs/llm.md, "Grounding"): the passages it rests on
// (cited as "doc § section"), a command from the grammar, and the words that tie them
// together. The kernel adds the live-state snapshot (shell/llm_knowledge.cpp); the host's
// evaluator prints the same answer. Portable, integers only.
//
// The question is data: it is searched for words, never parsed as a command or executed,
// and it is not echoed back (so escape sequences in it cannot reach a terminal).
#pragma once
#include "ai/llm/knowledge.h"
#include "lib/json.h"
#include "lib/output.h"

namespace sis::llm {

inline constexpr usize kMaxCitations = 3;
inline constexpr usize kMaxQuestionBytes = 64 * 1024;  // longer questions are refused

struct Answer {
  usize cited = 0;
  Bm25Hit hits[kMaxCitations];  // passages (docs and help) cited, best first
  Knowledge::Suggestion command;  // empty line: no command fits
  // Re-checked against the grammar (always true by construction): the line parses, or it is
  // one of the grammar's forms (command.needs_value).
  bool command_parses = false;
  // The question's words (Bm25Index::query_terms): they pick the sentence shown from each
  // cited passage.
  u32 terms[Bm25Index::kMaxQueryTerms];
  usize term_count = 0;
};

// Fills the answer; false when no passage matches any word of the question.
bool answer_question(const Knowledge& k, StrView question, Answer* a);

// The text form (llmctl ask): the answer in sentences, "[n]" references, the suggested
// command (with the incident example that voted for it, if one did) and the sources.
// Passage text goes through to_terminal_text.
void write_answer_text(const Knowledge& k, const Answer& a, Output& out);
// The members of the JSON form (llm.ask): "passages", "command", "answer" (inside an object).
void write_answer_members(const Knowledge& k, const Answer& a, JsonWriter& w);

}  // namespace sis::llm
