#include "ai/llm/answer.h"

#include "ai/llm/text.h"
#include "lib/format.h"

namespace sis::llm {
namespace {

constexpr usize kSentence = 240;

void write_safe(Output& out, StrView s) {
  char buf[4 * kSentence + 16];
  usize n = to_terminal_text(StrView(s.data, min(s.size, kSentence)), buf, sizeof(buf));
  out.write(StrView(buf, n));
}

// A sentence as shown: one line (line breaks, tabs and runs of spaces become one space, so a
// document with CRLF line ends or tabs reads like any other; Markdown emphasis stays),
// without an opening connective (then starting with a capital). Written to buf.
StrView one_line(StrView s, char (&buf)[kSentence]) {
  StrView rest = without_connective(s);
  bool dropped = rest.data != s.data;
  s = rest;
  usize n = 0;
  for (usize i = 0; i < s.size && n < sizeof(buf); ++i) {
    char c = s.data[i] == '\n' || s.data[i] == '\r' || s.data[i] == '\t' ? ' ' : s.data[i];
    if (c == ' ' && n && buf[n - 1] == ' ') continue;
    buf[n++] = c;
  }
  if (dropped && n && buf[0] >= 'a' && buf[0] <= 'z') buf[0] = static_cast<char>(buf[0] - 'a' + 'A');
  return StrView(buf, n);
}

// A help passage is shown as its form and what the form does ("procctl kill PID [SIGNAL]:
// send a process a signal ..."), the command's summary when the form has no description of
// its own: the summary alone ("user processes: run a program, list, kill, ...") says the
// same for every form of the command.
StrView help_sentence(const Knowledge& k, const Knowledge::Entry& e, char (&buf)[kSentence]) {
  const CommandGrammar& g = k.grammar();
  for (usize f = 0; f < g.form_count(); ++f) {
    const CommandGrammar::Form& fm = g.form(f);
    if (fm.syntax.data != e.p.section.data) continue;
    StrView what = fm.description.size ? fm.description : fm.summary;
    char joined[kSentence];
    usize n = format(joined, sizeof(joined), "%.*s: %.*s", static_cast<int>(fm.syntax.size), fm.syntax.data,
                     static_cast<int>(what.size), what.data);
    return one_line(StrView(joined, min(n, sizeof(joined) - 1)), buf);
  }
  return StrView();
}

// The sentence of a passage to show for a question (best_sentence): its opening sentence
// when that contains a word of the question, otherwise the sentence whose question words
// weigh most (the idf of each question term it contains), so a section that opens with a
// list of source files or an aside shows the sentence that bears on the question.
StrView answer_sentence(const Knowledge& k, const Answer& a, const Knowledge::Entry& e, char (&buf)[kSentence]) {
  if (e.kind == PassageKind::Help) {
    StrView h = help_sentence(k, e, buf);
    if (h.size) return h;
  }
  struct Ctx {
    const Bm25Index* index;
    const Answer* a;
  } c{&k.doc_index(), &a};
  return one_line(best_sentence(
      e.p.text, kSentence,
      [](void* p, StrView s) {
        const Ctx& c = *static_cast<const Ctx*>(p);
        u32 t[Bm25Index::kMaxQueryTerms];
        usize n = Bm25Index::query_terms(s, t, Bm25Index::kMaxQueryTerms);
        u32 score = 0;
        for (usize i = 0; i < c.a->term_count; ++i)
          for (usize j = 0; j < n; ++j)
            if (c.a->terms[i] == t[j]) {
              score += c.index->term_idf_q10(t[j]);
              break;
            }
        return score;
      },
      &c), buf);
}

// Passages read to find kMaxCitations different sections.
constexpr usize kCitationPool = 4 * kMaxCitations;

}  // namespace

bool answer_question(const Knowledge& k, StrView q, Answer* a) {
  *a = Answer{};
  if (!k.ready()) return false;
  a->term_count = Bm25Index::query_terms(q, a->terms, Bm25Index::kMaxQueryTerms);
  // A long section is indexed in parts; two parts of one section would cite it twice, so the
  // best part stands for its section and the next section takes the other's place. (FAQ
  // entries are passages of their own with their section's name: each answers another question.)
  Bm25Hit found[kCitationPool];
  usize n = k.search(q, 1u << 0 | 1u << 1, found, kCitationPool);
  for (usize i = 0; i < n && a->cited < kMaxCitations; ++i) {
    const Passage& p = k.entry(found[i].passage).p;
    bool again = false;
    for (usize j = 0; j < a->cited && !again; ++j) {
      const Passage& c = k.entry(a->hits[j].passage).p;
      again = c.doc == p.doc && c.section == p.section && !p.text.starts_with("Q: ");
    }
    if (!again) a->hits[a->cited++] = found[i];
  }
  a->command = k.suggest(q, SuggestMethod::Grounded);
  const Knowledge::Suggestion& c = a->command;
  a->command_parses = c.candidate >= 0 && (c.needs_value ? k.grammar().find_candidate(c.line()) == c.candidate
                                                         : k.grammar().parses(c.line()));
  return a->cited > 0;
}

void write_answer_text(const Knowledge& k, const Answer& a, Output& out) {
  if (!a.cited) {
    out.print("No passage of the SIS documentation or the shell's help matches the words of the question.\n"
              "Try other words, or `help` for the list of commands.\n");
    return;
  }
  out.print("Answer (from the SIS documentation and help; text only, nothing is run):\n");
  for (usize i = 0; i < a.cited; ++i) {
    const Knowledge::Entry& e = k.entry(a.hits[i].passage);
    char buf[kSentence];
    StrView s = answer_sentence(k, a, e, buf);
    if (!s.size) continue;
    out.print("  ");
    write_safe(out, s);
    out.printf(" [%zu]\n", i + 1);
  }
  if (a.command_parses) {
    // A form is for a person to complete: the question named no value for it.
    out.print(a.command.needs_value ? "Command to complete with your values: " : "Suggested command: ");
    write_safe(out, a.command.line());
    const CommandGrammar::Form& f = k.grammar().form(k.grammar().candidate(static_cast<usize>(a.command.candidate)).form);
    out.print("   (");
    write_safe(out, f.command);
    out.print(": ");
    write_safe(out, f.summary);
    out.print(")\n");
    StrView like = k.example_text(a.command, kSentence);
    if (like.size) {
      out.print("  Chosen for reports like: ");
      write_safe(out, like);
      out.print("\n");
    }
  }
  out.print("Sources:\n");
  for (usize i = 0; i < a.cited; ++i) {
    const Knowledge::Entry& e = k.entry(a.hits[i].passage);
    out.printf("  [%zu] ", i + 1);
    write_safe(out, e.p.doc);
    out.print(" \xc2\xa7 ");
    write_safe(out, e.p.section.size ? e.p.section : StrView("(top)"));
    out.print("\n");
  }
}

void write_answer_members(const Knowledge& k, const Answer& a, JsonWriter& w) {
  w.key("passages").begin_array();
  for (usize i = 0; i < a.cited; ++i) {
    const Knowledge::Entry& e = k.entry(a.hits[i].passage);
    w.begin_object().kv("doc", e.p.doc).kv("section", e.p.section).kv_uint("score", a.hits[i].score);
    char buf[kSentence];
    w.kv("summary", answer_sentence(k, a, e, buf));
    w.kv("text", StrView(e.p.text.data, min(e.p.text.size, kMaxPassageBytes * 2))).end_object();
  }
  w.end_array();
  w.key("command");
  if (a.command_parses) {
    const CommandGrammar::Form& f = k.grammar().form(k.grammar().candidate(static_cast<usize>(a.command.candidate)).form);
    w.begin_object().kv("line", a.command.line()).kv("usage", f.syntax).kv("summary", f.summary);
    w.kv_bool("needs_value", a.command.needs_value).kv_bool("from_question", a.command.filled);
    StrView like = k.example_text(a.command, kSentence);
    if (like.size) w.kv("like", like);
    w.end_object();
  } else {
    w.null();
  }
}

}  // namespace sis::llm
