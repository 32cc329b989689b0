#include "ai/llm/question_form.h"

#include "lib/string.h"

namespace sis::llm {
namespace {

constexpr usize kMaxWords = 64;  // words read from the report (a question's opening is early)
constexpr usize kWordCap = 16;   // longer words are cut: none of the words compared is longer

struct Word {
  char text[kWordCap];
  usize size = 0;
  bool starts_clause = false;  // first, or after punctuation that ends a clause
};

bool letter(u8 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\''; }
bool ends_clause(u8 c) { return c == '.' || c == '?' || c == '!' || c == ',' || c == ':' || c == ';'; }

usize split(StrView r, Word* w, usize cap) {
  usize n = 0;
  bool clause = true;
  for (usize i = 0; i < r.size && n < cap;) {
    u8 c = static_cast<u8>(r.data[i]);
    if (!letter(c)) {
      if (ends_clause(c)) clause = true;
      ++i;
      continue;
    }
    Word& x = w[n++];
    x.starts_clause = clause;
    clause = false;
    while (i < r.size && letter(static_cast<u8>(r.data[i]))) {
      u8 ch = static_cast<u8>(r.data[i++]);
      if (x.size < kWordCap) x.text[x.size++] = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
  }
  return n;
}

bool is(const Word& w, const char* s) { return StrView(w.text, w.size) == StrView(s); }

template <usize N>
bool any_of(const Word& w, const char* const (&list)[N]) {
  for (const char* s : list)
    if (is(w, s)) return true;
  return false;
}

// Where a request to act starts its verb: the index of the word after "how do I", "can we",
// "can/could/would you", a clause's opening "please", "how to", "is there a way to", or of
// "make"/"need" itself ("make them stop"); n when the
// request ends before its verb; n + 1 when the report holds no request.
usize request_verb(const Word* w, usize n) {
  static const char* const how_verbs[] = {"do", "can", "would", "should"};
  static const char* const persons[] = {"i", "we"};
  static const char* const objects[] = {"it", "them"};
  for (usize i = 0; i + 1 < n; ++i) {
    const Word& a = w[i];
    const Word& b = w[i + 1];
    if (is(a, "how") && i + 2 < n && any_of(b, how_verbs) && any_of(w[i + 2], persons)) return i + 3;
    if (is(a, "can") && any_of(b, persons)) return i + 2;
    if ((is(a, "can") || is(a, "could") || is(a, "would")) && is(b, "you")) return i + 2;
    if (is(a, "please") && a.starts_clause) return i + 1;
    if (is(a, "how") && is(b, "to")) return i + 2;
    if (is(a, "is") && is(b, "there") && i + 3 < n && is(w[i + 2], "a") && is(w[i + 3], "way"))
      return i + 4 < n && is(w[i + 4], "to") ? i + 5 : i + 4;
    if ((is(a, "make") || is(a, "need")) && any_of(b, objects)) return i;
  }
  return n + 1;
}

}  // namespace

ReportAsks what_report_asks(StrView report) {
  static const char* const reading_verbs[] = {"see",  "check",  "find",   "tell", "know", "confirm", "validate",
                                              "verify", "view", "look", "list", "show", "read",    "scroll",
                                              "inspect", "watch", "print", "monitor", "spot", "figure"};
  static const char* const openers[] = {"is",  "are",  "was",  "were",   "did",   "does", "do",
                                        "has", "have", "what", "what's", "whats", "which", "why"};
  static const char* const how_much[] = {"many", "much", "close", "far", "long", "big"};
  Word w[kMaxWords];
  usize n = split(report, w, kMaxWords);
  usize v = request_verb(w, n);
  if (v <= n) return v < n && any_of(w[v], reading_verbs) ? ReportAsks::State : ReportAsks::Action;
  for (usize i = 0; i < n; ++i) {
    if (!w[i].starts_clause && !is(w[i], "or")) continue;
    usize j = is(w[i], "or") ? i + 1 : i;  // "... or is it flagged dirty?" opens a clause too
    if (j >= n) break;
    if (any_of(w[j], openers)) return ReportAsks::State;
    if (is(w[j], "how") && j + 1 < n && any_of(w[j + 1], how_much)) return ReportAsks::State;
  }
  return ReportAsks::Nothing;
}

}  // namespace sis::llm
