#include "ai/llm/passages.h"

namespace sis::llm {
namespace {

StrView line_at(StrView t, usize at, usize* next) {
  usize e = at;
  while (e < t.size && t.data[e] != '\n') ++e;
  *next = e < t.size ? e + 1 : e;
  return StrView(t.data + at, e - at);
}

bool blank(StrView l) {
  for (usize i = 0; i < l.size; ++i)
    if (l.data[i] != ' ' && l.data[i] != '\t' && l.data[i] != '\r') return false;
  return true;
}

bool fence(StrView l) {
  usize i = 0;
  while (i < l.size && l.data[i] == ' ') ++i;
  return l.size - i >= 3 && l.data[i] == '`' && l.data[i + 1] == '`' && l.data[i + 2] == '`';
}

// "## Title" -> "Title" (level 1..6 and a space); empty view when the line is no heading.
StrView heading(StrView l) {
  usize i = 0;
  while (i < l.size && l.data[i] == '#') ++i;
  if (i == 0 || i > 6 || i >= l.size || l.data[i] != ' ') return StrView();
  while (i < l.size && l.data[i] == ' ') ++i;
  usize e = l.size;
  while (e > i && (l.data[e - 1] == ' ' || l.data[e - 1] == '\r' || l.data[e - 1] == '#')) --e;
  return StrView(l.data + i, e - i);
}

StrView trim(StrView s) {
  while (s.size && (*s.data == ' ' || *s.data == '\n' || *s.data == '\r' || *s.data == '\t')) {
    ++s.data;
    --s.size;
  }
  while (s.size && (s.data[s.size - 1] == ' ' || s.data[s.size - 1] == '\n' || s.data[s.size - 1] == '\r'))
    --s.size;
  return s;
}

}  // namespace

usize split_markdown(StrView doc, StrView text, void (*fn)(void*, const Passage&), void* ctx) {
  usize count = 0;
  StrView section;
  StrView headings[7];  // the current heading at each level
  usize level = 0;
  usize body = 0;      // start of the current passage's body
  usize last_cut = 0;  // the last blank line (outside code) in the current passage
  bool in_code = false;
  auto emit = [&](usize end) {
    StrView b = trim(StrView(text.data + body, end - body));
    if (b.size) {
      StrView parent;
      for (usize l = level; l-- > 1;)
        if (headings[l].size) {
          parent = headings[l];
          break;
        }
      if (parent.empty() && level != 1) parent = headings[1];
      fn(ctx, Passage{doc, section, b, parent});
      ++count;
    }
  };
  usize at = 0;
  while (at < text.size) {
    usize next;
    StrView l = line_at(text, at, &next);
    if (fence(l)) in_code = !in_code;
    StrView h = in_code ? StrView() : heading(l);
    if (h.size) {
      emit(at);
      section = h;
      level = 0;
      while (level < l.size && l.data[level] == '#') ++level;
      headings[level] = h;
      for (usize k = level + 1; k < 7; ++k) headings[k] = StrView();
      body = last_cut = next;
    } else if (!in_code && l.starts_with("Q: ") && at > body) {  // a FAQ entry is a passage of its own
      emit(at);
      body = last_cut = at;
    } else if (!in_code && blank(l)) {
      if (at - body > kMaxPassageBytes && last_cut > body) {  // cut the long passage at the previous blank
        emit(last_cut);
        body = last_cut;
      }
      last_cut = at;
    } else if (next - body > 2 * kMaxPassageBytes) {  // no blank line for a long time (code): cut here
      emit(next);
      body = last_cut = next;
    }
    at = next;
  }
  emit(text.size);
  return count;
}

namespace {

// The prose sentences of a passage, in order: each call returns the next one (empty at the
// end). Skips code blocks, table rows, headings, HTML and images; a list marker or "Q: " /
// "A: " before a sentence is dropped; a FAQ entry's answer is one paragraph. At most max
// bytes, cut at a word boundary.
class Sentences {
 public:
  Sentences(StrView text, usize max) : t_(text), max_(max) {
    // A FAQ entry ("Q: ...\nA: ..."): its answer, to the end of the paragraph.
    if (text.starts_with("Q: "))
      for (usize i = 0; i + 3 < text.size; ++i)
        if (text.data[i] == '\n' && text.data[i + 1] == 'A' && text.data[i + 2] == ':' && text.data[i + 3] == ' ') {
          at_ = i + 1;
          faq_ = true;
          break;
        }
  }

  StrView next() {
    while (at_ < t_.size) {
      usize s = in_line_ ? at_ : start_of_line();
      if (s == kNone) continue;
      usize e = s;
      while (e < t_.size && t_.data[e] == ' ') ++e;
      s = e;
      bool end_of_para = false;
      while (e < t_.size) {
        char c = t_.data[e];
        if (c == '\n' && (e + 1 >= t_.size || t_.data[e + 1] == '\n' || t_.data[e + 1] == '-' || t_.data[e + 1] == '|')) {
          end_of_para = true;
          break;
        }
        if (c == '.' && !faq_ && (e + 1 >= t_.size || t_.data[e + 1] == ' ' || t_.data[e + 1] == '\n')) {
          ++e;
          break;
        }
        ++e;
      }
      // The next sentence starts after this one in the same paragraph, or on the next line; a
      // FAQ entry has one answer.
      in_line_ = !faq_ && !end_of_para && e < t_.size;
      at_ = faq_ ? t_.size : end_of_para ? e + 1 : e;
      usize cut = e;
      if (cut - s > max_) {
        cut = s + max_;
        while (cut > s && t_.data[cut] != ' ') --cut;
        if (cut == s) cut = s + max_;
      }
      StrView out = trim(StrView(t_.data + s, cut - s));
      if (out.size) return out;
    }
    return StrView();
  }

 private:
  static constexpr usize kNone = ~usize(0);

  // Moves to the next prose line; returns where its sentence starts (kNone: line skipped).
  usize start_of_line() {
    usize next;
    StrView l = line_at(t_, at_, &next);
    if (fence(l)) {
      in_code_ = !in_code_;
      at_ = next;
      return kNone;
    }
    StrView t = trim(l);
    if (in_code_ || !t.size || t.data[0] == '|' || t.data[0] == '#' || t.data[0] == '<' || t.data[0] == '!') {
      at_ = next;
      return kNone;
    }
    usize s = static_cast<usize>(t.data - t_.data);
    if (t.size > 2 && (t.data[0] == '-' || t.data[0] == '*') && t.data[1] == ' ') s += 2;
    if (t.size > 3 && (t.data[0] == 'Q' || t.data[0] == 'A') && t.data[1] == ':' && t.data[2] == ' ') s += 3;
    return s;
  }

  StrView t_;
  usize max_;
  usize at_ = 0;
  bool in_code_ = false;
  bool in_line_ = false;
  bool faq_ = false;
};

// When a sentence opens with one of words (followed by a space, a comma or a line break):
// the length of that word with the separators after it; otherwise 0.
usize opening_word(StrView s, const char* const* words, usize n) {
  for (usize i = 0; i < n; ++i) {
    StrView w(words[i]);
    char after = s.size > w.size ? s.data[w.size] : '\0';
    if (s.starts_with(w) && (after == ' ' || after == ',' || after == '\n')) {
      usize e = w.size;
      while (e < s.size && (s.data[e] == ' ' || s.data[e] == ',' || s.data[e] == '\n')) ++e;
      return e;
    }
  }
  return 0;
}

// A sentence that opens with a pronoun pointing back at the sentence before ("This is
// why...", "It then...") reads as a non sequitur out of its paragraph; so does "So does X"
// (X does the same as the sentence before).
constexpr const char* kPointsBack[] = {"This",  "That",   "These",  "Those",  "It",    "Its",
                                       "They",  "Their",  "Such",   "Here",   "Both",  "Either",
                                       "Each",  "So does", "So do", "So is", "So are", "So can",
                                       "So did", "So has", "So will", "Nor"};
// A connective that only links to the sentence before ("So a failed mkdir..."): dropped.
constexpr const char* kConnectives[] = {"So", "Also", "Then", "Thus", "Hence", "But", "And", "Therefore"};

bool points_back(StrView s) { return opening_word(s, kPointsBack, sizeof(kPointsBack) / sizeof(*kPointsBack)) != 0; }

}  // namespace

StrView first_sentence(StrView text, usize max) { return Sentences(text, max).next(); }

StrView without_connective(StrView s) {
  usize n = opening_word(s, kConnectives, sizeof(kConnectives) / sizeof(*kConnectives));
  return n < s.size ? StrView(s.data + n, s.size - n) : s;
}

StrView best_sentence(StrView text, usize max, u32 (*score)(void* ctx, StrView sentence), void* ctx) {
  Sentences it(text, max);
  StrView best = it.next();
  // A section's opening sentence states its topic: keep it when it bears on the question
  // (unless it points back: a long section's later part can open mid-argument).
  u32 best_score = best.size && !points_back(best) ? score(ctx, best) : 0;
  if (best_score) return best;
  for (StrView s = it.next(); s.size; s = it.next()) {
    u32 v = points_back(s) ? 0 : score(ctx, s);
    if (v > best_score) {
      best = s;
      best_score = v;
    }
  }
  return best;
}

}  // namespace sis::llm
