#include "ai/llm/command_grammar.h"

#include "ai/llm/question_values.h"

#include "lib/args.h"
#include "lib/env.h"
#include "lib/format.h"
#include "lib/string.h"

namespace sis::llm {
namespace {

constexpr usize kArena = 48 * 1024;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

StrView trim(StrView s) {
  while (s.size && is_space(*s.data)) {
    ++s.data;
    --s.size;
  }
  while (s.size && is_space(s.data[s.size - 1])) --s.size;
  return s;
}

// The syntax part of a usage line: up to the first run of two spaces (the description).
StrView syntax_part(StrView l, StrView* desc) {
  for (usize i = 0; i + 1 < l.size; ++i)
    if (l.data[i] == ' ' && l.data[i + 1] == ' ') {
      *desc = trim(StrView(l.data + i, l.size - i));
      return trim(StrView(l.data, i));
    }
  *desc = StrView();
  return trim(l);
}

bool starts_with_word(StrView l, StrView w) { return l.starts_with(w) && (l.size == w.size || l.data[w.size] == ' '); }

// Next space-separated word of s from *at.
StrView next_word(StrView s, usize* at) {
  while (*at < s.size && s.data[*at] == ' ') ++*at;
  usize b = *at;
  while (*at < s.size && s.data[*at] != ' ') ++*at;
  return StrView(s.data + b, *at - b);
}

bool plain_literal(StrView w) {
  if (!w.size || w.data[0] == '-' || is_placeholder(w)) return false;
  for (usize i = 0; i < w.size; ++i) {
    char c = w.data[i];
    if (c == '[' || c == ']' || c == '(' || c == ')' || c == '|' || c == '.') return false;
  }
  return true;
}

// One alternative of a word "a|B|c" at a time.
template <typename F>
bool each_alternative(StrView w, F f) {
  usize b = 0;
  for (usize i = 0; i <= w.size; ++i)
    if (i == w.size || w.data[i] == '|') {
      if (f(StrView(w.data + b, i - b))) return true;
      b = i + 1;
    }
  return false;
}

// A continuation for the matcher and the expander: what follows the current group.
struct Cont {
  usize i, end;
  const Cont* next;
};

}  // namespace

bool is_placeholder(StrView w) {
  if (w.size >= 3 && w.data[w.size - 1] == '.' && w.data[w.size - 2] == '.' && w.data[w.size - 3] == '.') w.size -= 3;
  if (!w.size) return true;  // "..." alone: any words
  bool upper = false;
  for (usize i = 0; i < w.size; ++i) {
    char c = w.data[i];
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

Error CommandGrammar::alloc() {
  if (forms_) return Error::Ok;
  forms_ = static_cast<Form*>(env_alloc(kMaxForms * sizeof(Form)));
  elems_ = static_cast<Elem*>(env_alloc(kMaxForms * kMaxElems / 2 * sizeof(Elem)));
  cands_ = static_cast<Candidate*>(env_alloc(kMaxCandidates * sizeof(Candidate)));
  arena_ = static_cast<char*>(env_alloc(kArena));
  if (!forms_ || !elems_ || !cands_ || !arena_) {
    clear();
    return Error::NoMemory;
  }
  return Error::Ok;
}

void CommandGrammar::clear() {
  env_free(forms_);
  env_free(elems_);
  env_free(cands_);
  env_free(arena_);
  forms_ = nullptr;
  elems_ = nullptr;
  cands_ = nullptr;
  arena_ = nullptr;
  forms_n_ = elems_n_ = cand_n_ = arena_used_ = 0;
}

StrView CommandGrammar::keep(StrView s) {
  if (arena_used_ + s.size > kArena) return StrView();
  memcpy(arena_ + arena_used_, s.data, s.size);
  StrView v(arena_ + arena_used_, s.size);
  arena_used_ += s.size;
  return v;
}

Error CommandGrammar::add_form(StrView command, StrView summary, StrView syntax, StrView description) {
  if (forms_n_ == kMaxForms) return Error::TooBig;
  // Lex: words, with brackets split off as their own elements.
  Elem tmp[kMaxElems];
  usize n = 0;
  u16 stack[16];
  usize depth = 0;
  usize at = 0;
  bool ok = true;
  while (ok) {
    StrView w = next_word(syntax, &at);
    if (!w.size) break;
    if (w == StrView("|")) {
      if (n == kMaxElems) ok = false;
      else tmp[n++] = Elem{Alt, 0, 0, 0, w};
      continue;
    }
    usize i = 0;
    while (ok && i < w.size) {
      char c = w.data[i];
      if (c == '[' || c == '(') {
        if (n == kMaxElems || depth == 16) { ok = false; break; }
        stack[depth++] = static_cast<u16>(n);
        tmp[n++] = Elem{Open, 0, static_cast<u8>(c == '['), 0, StrView()};
        ++i;
      } else if (c == ']' || c == ')') {
        if (n == kMaxElems || depth == 0) { ok = false; break; }
        u16 o = stack[--depth];
        if ((tmp[o].optional != 0) != (c == ']')) { ok = false; break; }
        tmp[o].match = static_cast<u16>(n);
        tmp[n++] = Elem{Close, 0, 0, o, StrView()};
        ++i;
        if (w.size - i >= 3 && w.data[i] == '.' && w.data[i + 1] == '.' && w.data[i + 2] == '.') {
          tmp[o].repeat = 1;
          i += 3;
        }
      } else {
        usize b = i;
        while (i < w.size && w.data[i] != '[' && w.data[i] != ']' && w.data[i] != '(' && w.data[i] != ')') ++i;
        StrView t(w.data + b, i - b);
        u8 rep = 0;
        if (t.size > 3 && t.data[t.size - 1] == '.' && t.data[t.size - 2] == '.' && t.data[t.size - 3] == '.') {
          t.size -= 3;
          rep = 1;
        }
        if (n == kMaxElems) { ok = false; break; }
        tmp[n++] = Elem{Word, rep, 0, 0, t.size ? t : StrView("...")};
      }
    }
  }
  if (!ok || depth || n == 0 || elems_n_ + n > kMaxForms * kMaxElems / 2) return Error::Invalid;
  StrView syn = keep(syntax);
  if (syn.empty()) return Error::TooBig;
  for (usize i = 0; i < n; ++i) {
    Elem e = tmp[i];
    if (e.kind == Word) {
      // Point into the kept copy (same offset as in `syntax`).
      e.text = StrView(syn.data + (e.text.data - syntax.data), e.text.size);
      if (e.text.data < syn.data || e.text.data >= syn.data + syn.size) e.text = StrView("...");
    }
    elems_[elems_n_ + i] = e;
  }
  forms_[forms_n_++] = Form{command, syn, description, summary, static_cast<u16>(elems_n_), static_cast<u16>(n)};
  elems_n_ += n;
  return Error::Ok;
}

Error CommandGrammar::add_command(StrView name, StrView summary, StrView usage) {
  TRY(alloc());
  // Each line that starts with the command's name begins a form; a line starting with "|"
  // continues the previous one; other lines describe the form above them.
  char joined[512];
  usize jn = 0;
  StrView desc;
  bool any = false;
  auto flush = [&]() -> Error {
    if (!jn) return Error::Ok;
    StrView syn(joined, jn);
    // Split at " | " outside brackets; a piece without the name continues after the first
    // piece's leading sub-command words but the last ("llmctl lora load X | unload Y").
    usize depth = 0, b = 0;
    bool first = true;
    for (usize i = 0; i <= syn.size; ++i) {
      char c = i < syn.size ? syn.data[i] : '|';
      if (c == '[' || c == '(') ++depth;
      if ((c == ']' || c == ')') && depth) --depth;
      bool cut = i == syn.size || (depth == 0 && c == '|' && i > 0 && syn.data[i - 1] == ' ' && i + 1 < syn.size &&
                                   syn.data[i + 1] == ' ');
      if (!cut) continue;
      StrView piece = trim(StrView(syn.data + b, i - b));
      b = i + 1;
      if (!piece.size) continue;
      char line[512];
      usize ln;
      if (first || starts_with_word(piece, name)) {
        ln = format(line, sizeof(line), "%.*s", static_cast<int>(piece.size), piece.data);
        first = false;
      } else {
        // Prefix: the name and the first piece's leading plain words but the last.
        usize at = 0, keep_to = 0, prev_end = 0;
        StrView w = next_word(syn, &at);  // the name
        prev_end = at;
        for (;;) {
          StrView x = next_word(syn, &at);
          if (!x.size || !plain_literal(x)) break;
          keep_to = prev_end;
          prev_end = at;
        }
        if (!keep_to) keep_to = w.size;
        ln = format(line, sizeof(line), "%.*s %.*s", static_cast<int>(keep_to), syn.data, static_cast<int>(piece.size),
                    piece.data);
      }
      if (ln >= sizeof(line)) continue;
      Error e = add_form(name, summary, StrView(line, ln), desc);
      if (e == Error::TooBig) return e;
      if (e == Error::Ok) any = true;
    }
    jn = 0;
    return Error::Ok;
  };
  usize at = 0;
  while (at <= usage.size) {
    usize e = at;
    while (e < usage.size && usage.data[e] != '\n') ++e;
    StrView l = trim(StrView(usage.data + at, e - at));
    at = e + 1;
    StrView d;
    if (starts_with_word(l, name)) {
      TRY(flush());
      StrView s = syntax_part(l, &d);
      desc = d;
      if (s.size < sizeof(joined)) {
        memcpy(joined, s.data, s.size);
        jn = s.size;
      }
    } else if (l.size > 1 && l.data[0] == '|' && jn) {
      StrView s = syntax_part(l, &d);
      if (jn + 1 + s.size < sizeof(joined)) {
        joined[jn++] = ' ';
        memcpy(joined + jn, s.data, s.size);
        jn += s.size;
      }
    }
    if (e >= usage.size) break;
  }
  TRY(flush());
  if (!any) return add_form(name, summary, name, StrView());
  return Error::Ok;
}

// Matches words w[j..] against elements [i, end) followed by the continuation k.
bool CommandGrammar::match(const Elem* e, usize i, usize end, const void* kv, const StrView* w, usize n, usize j) const {
  const Cont* k = static_cast<const Cont*>(kv);
  if (i >= end || e[i].kind == Alt) {  // end of this sequence (an Alt ends an alternative)
    if (!k) return j == n;
    return match(e, k->i, k->end, k->next, w, n, j);
  }
  const Elem& x = e[i];
  if (x.kind == Word) {
    if (j >= n) return false;
    bool ok = each_alternative(x.text, [&](StrView alt) {
      if (is_placeholder(alt)) return !(w[j].size > 1 && w[j].data[0] == '-' && w[j].data[1] == '-') || alt == StrView("...");
      return alt == w[j];
    });
    if (!ok) return false;
    if (match(e, i + 1, end, k, w, n, j + 1)) return true;
    return x.repeat && match(e, i, end, k, w, n, j + 1);
  }
  if (x.kind == Open) {
    usize c = x.match;
    if (x.optional && match(e, c + 1, end, k, w, n, j)) return true;
    // After the group: the rest, or (repeated) the group again if it consumed something.
    Cont after{c + 1, end, k};
    usize b = i + 1;
    int depth = 0;
    for (usize a = i + 1; a <= c; ++a) {
      if (a < c && e[a].kind == Open) ++depth;
      if (a < c && e[a].kind == Close) --depth;
      if (a == c || (depth == 0 && e[a].kind == Alt)) {
        if (match(e, b, a, &after, w, n, j)) return true;
        if (x.repeat) {
          Cont again{i, c + 1, &after};
          if (j < n && match(e, b, a, &again, w, n, j)) return true;
        }
        b = a + 1;
      }
    }
    return false;
  }
  return match(e, i + 1, end, k, w, n, j);  // a stray Close
}

bool CommandGrammar::parses(StrView line, u32* form) const {
  char buf[kMaxLine * 2];
  if (line.size >= sizeof(buf)) return false;
  memcpy(buf, line.data, line.size);
  buf[line.size] = 0;
  Args a;
  if (tokenize(buf, &a) != Error::Ok || a.argc == 0) return false;
  for (usize f = 0; f < forms_n_; ++f) {
    if (!(forms_[f].command == a.argv[0])) continue;
    const Elem* e = elems_ + forms_[f].first_elem;
    // Element 0 is the command's name.
    if (match(e, 1, forms_[f].elem_count, nullptr, a.argv, a.argc, 1)) {
      if (form) *form = static_cast<u32>(f);
      return true;
    }
  }
  return false;
}

void CommandGrammar::add_candidate(u16 form, StrView line, bool needs_value) {
  if (cand_n_ == kMaxCandidates || find_candidate(line) >= 0) return;
  StrView k = needs_value ? line : keep(line);  // a form's syntax is kept already
  if (k.empty()) return;
  cands_[cand_n_++] = Candidate{k, form, needs_value};
}

// Expands elements [i, end) then the continuation into concrete lines (buf holds the words
// so far). Placeholders stop the expansion (the line would need a value); optional groups
// are left out, and also taken when they hold only plain words ("[stats]", "[neon|scalar]").
void CommandGrammar::expand(u16 form, const Elem* e, usize i, usize end, const void* kv, char* buf, usize len,
                            int budget) {
  const Cont* k = static_cast<const Cont*>(kv);
  if (budget <= 0) return;
  if (i >= end || e[i].kind == Alt) {
    if (!k) {
      add_candidate(form, StrView(buf, len));
      return;
    }
    expand(form, e, k->i, k->end, k->next, buf, len, budget);
    return;
  }
  const Elem& x = e[i];
  if (x.kind == Word) {
    each_alternative(x.text, [&](StrView alt) {
      if (is_placeholder(alt) || len + 1 + alt.size >= kMaxLine) return false;
      buf[len] = ' ';
      memcpy(buf + len + 1, alt.data, alt.size);
      expand(form, e, i + 1, end, k, buf, len + 1 + alt.size, budget - 1);
      return false;
    });
    return;
  }
  if (x.kind == Open) {
    usize c = x.match;
    bool plain = true;
    for (usize a = i + 1; a < c; ++a)
      if (e[a].kind != Word && e[a].kind != Alt) plain = false;
      else if (e[a].kind == Word) each_alternative(e[a].text, [&](StrView alt) {
          if (!plain_literal(alt)) plain = false;
          return false;
        });
    if (x.optional) expand(form, e, c + 1, end, k, buf, len, budget - 1);
    if (x.optional && !plain) return;
    Cont after{c + 1, end, k};
    usize b = i + 1;
    int depth = 0;
    for (usize a = i + 1; a <= c; ++a) {
      if (a < c && e[a].kind == Open) ++depth;
      if (a < c && e[a].kind == Close) --depth;
      if (a == c || (depth == 0 && e[a].kind == Alt)) {
        expand(form, e, b, a, &after, buf, len, budget - 1);
        b = a + 1;
      }
    }
    return;
  }
  expand(form, e, i + 1, end, k, buf, len, budget);
}

Error CommandGrammar::finish() {
  if (!forms_) return Error::NoEntry;
  cand_n_ = 0;
  for (usize f = 0; f < forms_n_; ++f) {
    char buf[kMaxLine];
    const Form& fm = forms_[f];
    if (fm.command.size >= kMaxLine) continue;
    memcpy(buf, fm.command.data, fm.command.size);
    usize before = cand_n_;
    expand(static_cast<u16>(f), elems_ + fm.first_elem, 1, fm.elem_count, nullptr, buf, fm.command.size, 24);
    bool any = cand_n_ > before;
    for (usize c = 0; c < before && !any; ++c) any = cands_[c].form == f;
    // A form with no line of its own, or one whose required words offer a value a question
    // can name ("llmctl load PATH|builtin": `llmctl load builtin`, and the form for a path).
    if (!any || takes_named_value(f)) add_candidate(static_cast<u16>(f), fm.syntax, true);
  }
  return Error::Ok;
}

bool CommandGrammar::takes_named_value(usize form) const {
  const Form& fm = forms_[form];
  const Elem* e = elems_ + fm.first_elem;
  for (usize i = 1; i < fm.elem_count; ++i) {
    if (e[i].kind == Open) {
      i = e[i].match;  // groups: optional or a choice, not a required word
      continue;
    }
    if (e[i].kind == Word && each_alternative(e[i].text, [](StrView a) {
          return is_placeholder(a) && value_kind(a) != ValueKind::None;
        }))
      return true;
  }
  return false;
}

usize CommandGrammar::fill(usize form, const QuestionValues& v, char* out, usize cap) const {
  if (form >= forms_n_ || cap < 2) return 0;
  const Form& fm = forms_[form];
  const Elem* e = elems_ + fm.first_elem;
  usize len = 0, paths = 0, pids = 0, tids = 0;
  auto put = [&](StrView w) {
    if (len + 1 + w.size >= cap) return false;
    if (len) out[len++] = ' ';
    memcpy(out + len, w.data, w.size);
    len += w.size;
    return true;
  };
  // The next value of the placeholder's kind (empty: none left); a path the file system says
  // does not fit (a directory for FILE) is passed over.
  auto value = [&](StrView ph) {
    ValueKind k = value_kind(ph);
    while (k == ValueKind::Path && paths < v.path_count && !path_fits(ph, v.path_kinds[paths])) ++paths;
    if (k == ValueKind::Path && paths < v.path_count) return v.paths[paths++];
    if (k == ValueKind::Process && pids < v.pid_count) return v.pids[pids++];
    if (k == ValueKind::Thread && tids < v.tid_count) return v.tids[tids++];
    return StrView();
  };
  auto choice = [](StrView w) {
    for (usize i = 0; i < w.size; ++i)
      if (w.data[i] == '|') return true;
    return false;
  };
  // A choice of words is made by a value: the first placeholder alternative the question
  // has a value for ("TID|NAME" with "thread 3": 3; "PATH|builtin" with a path).
  auto chosen = [&](StrView w) {
    StrView got;
    each_alternative(w, [&](StrView a) {
      if (is_placeholder(a)) got = value(a);
      return got.size > 0;
    });
    return got;
  };
  if (!put(fm.command)) return 0;
  for (usize i = 1; i < fm.elem_count; ++i) {
    const Elem& x = e[i];
    if (x.kind == Word) {
      StrView w = choice(x.text) ? chosen(x.text) : is_placeholder(x.text) ? value(x.text) : x.text;
      if (!w.size || !put(w)) return 0;
    } else if (x.kind == Open && x.optional) {
      const Elem& in = e[i + 1];
      if (x.match == i + 2 && in.kind == Word && !choice(in.text) && is_placeholder(in.text)) {
        StrView w = value(in.text);
        if (w.size && !put(w)) return 0;
      }
      i = x.match;
    } else {
      return 0;  // a required group or an alternative: a choice the question does not make
    }
  }
  out[len] = 0;
  return parses(StrView(out, len)) ? len : 0;
}

int CommandGrammar::find_candidate(StrView s) const {
  for (usize i = 0; i < cand_n_; ++i)
    if (cands_[i].line == s) return static_cast<int>(i);
  return -1;
}

}  // namespace sis::llm
