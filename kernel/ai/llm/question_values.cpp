#include "ai/llm/question_values.h"

namespace sis::llm {
namespace {

constexpr usize kRead = 4096;
constexpr usize kMaxValue = 64;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool plain(char c) { return is_alnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '+'; }
// A value may end a clause or sit in the quotes or parentheses it opened with (opener: the
// byte before it): these end it, and it is kept. Anything else right after it (";reboot",
// "`id`" inside it) drops it.
bool ends_value(char c, char opener) {
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',' || c == ':' || c == '?' || c == '!') return true;
  return (c == ')' && opener == '(') || ((c == '"' || c == '\'' || c == '`') && c == opener);
}
bool starts_word(StrView q, usize i) {
  if (i == 0) return true;
  char c = q.data[i - 1];
  return c == ' ' || c == '\n' || c == '\t' || c == '(' || c == '"' || c == '\'' || c == '`';
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True when q at i holds the word w (any case) followed by a non-letter.
bool word_at(StrView q, usize i, const char* w) {
  usize n = 0;
  while (w[n]) {
    if (i + n >= q.size || lower(q.data[i + n]) != w[n]) return false;
    ++n;
  }
  return i + n == q.size || !is_alnum(q.data[i + n]);
}

// The value that starts at i: plain bytes up to an ending byte; a sentence's full stop
// after it is not part of it ("look at /etc."). Empty when a byte that is neither plain nor
// an ending one comes first (`/tmp/$(x)`), or when it is too long.
StrView value_at(StrView q, usize i, usize* end, bool cut) {
  usize j = i;
  while (j < q.size && plain(q.data[j])) ++j;
  *end = j;
  if (j == q.size && cut) return StrView();  // it may go on past the bytes read
  if (j < q.size && !ends_value(q.data[j], i ? q.data[i - 1] : ' ')) return StrView();
  while (j > i + 1 && q.data[j - 1] == '.') --j;
  if (j - i > kMaxValue) return StrView();
  return StrView(q.data + i, j - i);
}

}  // namespace

QuestionValues values_in(StrView q) {
  QuestionValues v;
  const bool cut = q.size > kRead;
  q.size = cut ? kRead : q.size;
  struct IdWord {
    const char* word;
    bool thread;
  };
  const IdWord id_words[] = {{"pid", false}, {"process", false}, {"thread", true}, {"tid", true}, {"task", true}};
  for (usize i = 0; i < q.size; ++i) {
    if (!starts_word(q, i)) continue;
    usize end = i;
    if (q.data[i] == '/') {
      StrView p = value_at(q, i, &end, cut);
      // "/" alone is the root; "//x" and "/." are not how anyone names a file here.
      if (p.size && (p.size == 1 || (p.data[1] != '/' && p.data[1] != '.')) && v.path_count < QuestionValues::kMax)
        v.paths[v.path_count++] = p;
    } else {
      for (const IdWord& iw : id_words) {
        const char* w = iw.word;
        if (!word_at(q, i, w)) continue;
        usize j = i;
        while (w[j - i]) ++j;  // past the word
        while (j < q.size && (q.data[j] == ' ' || q.data[j] == '#' || q.data[j] == '=' || q.data[j] == ':')) ++j;
        usize k = j;
        while (k < q.size && is_digit(q.data[k])) ++k;
        StrView* ids = iw.thread ? v.tids : v.pids;
        usize& n = iw.thread ? v.tid_count : v.pid_count;
        if (k > j && k - j <= 10 && (k == q.size || !is_alnum(q.data[k])) && n < QuestionValues::kMax)
          ids[n++] = StrView(q.data + j, k - j);
        end = k > i ? k : i;
        break;
      }
    }
    if (end > i) i = end - 1;
  }
  return v;
}

namespace {
// The placeholder without its repetition mark ("FILE..." -> "FILE").
StrView without_repeat(StrView w) {
  if (w.size >= 3 && w.data[w.size - 1] == '.' && w.data[w.size - 2] == '.' && w.data[w.size - 3] == '.') w.size -= 3;
  return w;
}
}  // namespace

ValueKind value_kind(StrView w) {
  w = without_repeat(w);
  if (w == StrView("PATH") || w == StrView("FILE") || w == StrView("DIR") || w == StrView("TARGET"))
    return ValueKind::Path;
  if (w == StrView("PID")) return ValueKind::Process;
  if (w == StrView("TID")) return ValueKind::Thread;
  return ValueKind::None;
}

bool path_fits(StrView w, PathKind kind) {
  w = without_repeat(w);
  if (w == StrView("FILE")) return kind != PathKind::Directory;
  if (w == StrView("DIR")) return kind != PathKind::File;
  return true;
}

}  // namespace sis::llm
