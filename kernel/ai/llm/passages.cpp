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

StrView first_sentence(StrView text, usize max) {
  usize at = 0;
  bool in_code = false;
  bool faq_answer = false;
  // A FAQ entry ("Q: ...\nA: ..."): its answer, to the end of the paragraph.
  if (text.starts_with("Q: "))
    for (usize i = 0; i + 3 < text.size; ++i)
      if (text.data[i] == '\n' && text.data[i + 1] == 'A' && text.data[i + 2] == ':' && text.data[i + 3] == ' ') {
        at = i + 1;
        faq_answer = true;
        break;
      }
  while (at < text.size) {
    usize next;
    StrView l = line_at(text, at, &next);
    if (fence(l)) {
      in_code = !in_code;
      at = next;
      continue;
    }
    StrView t = trim(l);
    if (in_code || !t.size || t.data[0] == '|' || t.data[0] == '#' || t.data[0] == '<' || t.data[0] == '!') {
      at = next;
      continue;
    }
    // From here: prose until the first ". " / ".\n" or the paragraph's end.
    usize s = static_cast<usize>(t.data - text.data);
    if (t.size > 2 && (t.data[0] == '-' || t.data[0] == '*') && t.data[1] == ' ') s += 2;
    if (t.size > 3 && (t.data[0] == 'Q' || t.data[0] == 'A') && t.data[1] == ':' && t.data[2] == ' ') s += 3;
    usize e = s;
    while (e < text.size) {
      char c = text.data[e];
      if (c == '\n' && (e + 1 >= text.size || text.data[e + 1] == '\n' || text.data[e + 1] == '-' || text.data[e + 1] == '|'))
        break;
      if (c == '.' && !faq_answer && (e + 1 >= text.size || text.data[e + 1] == ' ' || text.data[e + 1] == '\n')) {
        ++e;
        break;
      }
      ++e;
    }
    if (e - s > max) {
      e = s + max;
      while (e > s && text.data[e] != ' ') --e;
      if (e == s) e = s + max;
    }
    return trim(StrView(text.data + s, e - s));
  }
  return StrView();
}

}  // namespace sis::llm
