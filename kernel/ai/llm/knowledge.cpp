#include "ai/llm/knowledge.h"

#include "ai/llm/question_form.h"
#include "ai/llm/question_values.h"

#include "lib/env.h"
#include "lib/format.h"
#include "lib/string.h"

namespace sis::llm {
namespace {

constexpr usize kArena = 64 * 1024;
// The vote's constants were chosen on the development incidents (docs/llm.md, "Measurements").
constexpr usize kVotePassages = 32;  // the top passages that vote for a command
constexpr u64 kRankOffset = 4;       // a vote is divided by (rank + kRankOffset): lower ranks count less
constexpr usize kRerank = 4;        // the grounded vote's best commands the model re-ranks
constexpr usize kValueHelp = 3;     // help passages read for a line that takes a named value
// The examples' classifier (example_classifier.h) adds kClassifierShare percent of the
// passages' votes, split by its posterior.
constexpr u64 kClassifierShare = 70;
constexpr u64 kClassifierAlone = ~u64(0);  // vote(): the classifier's votes only
constexpr usize kClassifierBest = 16;  // the classes with the highest posterior that get votes
static_assert(CommandGrammar::kMaxCandidates <= ExampleClassifier::kMaxClasses, "classes are grammar candidates");

// Words (as terms) that mark a topic of live state. Stems as for_each_term makes them.
struct TopicWords {
  u32 topic;
  const char* words;
};
const TopicWords kTopics[] = {
    {kTopicDisk, "disk full space storage write writes file files filesystem ext4 journal inode block blocks sector "
                 "fsync sync mount df quota io slow"},
    {kTopicMemory, "memory ram heap slab slabs allocator alloc allocation page pages oom leak leaks kmalloc buddy "
                   "fragmentation free"},
    {kTopicCrash, "crash crashes predictor risk alarm panic oops hang hung freeze"},
    {kTopicProcess, "process processes thread threads cpu hog load busy run running stuck"},
    {kTopicPower, "power watts energy battery budget hot"},
};

bool has_term(const u32* t, usize n, u32 x) {
  for (usize i = 0; i < n; ++i)
    if (t[i] == x) return true;
  return false;
}

}  // namespace

u32 topics_of(StrView q) {
  u32 terms[Bm25Index::kMaxQueryTerms];
  usize n = Bm25Index::query_terms(q, terms, Bm25Index::kMaxQueryTerms);
  u32 out = 0;
  for (const TopicWords& tw : kTopics) {
    StrView w(tw.words);
    usize b = 0;
    for (usize i = 0; i <= w.size; ++i)
      if (i == w.size || w.data[i] == ' ') {
        u32 t = term_of(StrView(w.data + b, i - b));
        if (t && has_term(terms, n, t)) out |= tw.topic;
        b = i + 1;
      }
  }
  return out;
}

namespace {

// True when the line is one of the commands, or one of them followed by more words.
template <usize N>
bool starts_with_command(StrView l, const char* const (&commands)[N]) {
  for (const char* c : commands) {
    StrView s(c);
    if (l.starts_with(s) && (l.size == s.size || l.data[s.size] == ' ')) return true;
  }
  return false;
}

}  // namespace

bool Knowledge::never_suggested(StrView l) {
  // Suggestions must be safe to type on a machine in trouble: nothing that stops or crashes
  // it, takes the console, throws state away (files included: a path from the question must
  // never become `rm PATH`), or loads it (benchmarks and stress tests run workloads, and
  // `bench blk` writes the disk).
  const char* const deny[] = {"panic",         "poweroff",      "reboot", "sh",        "memctl misuse", "memctl guard",
                              "llmctl unload", "tracectl clear", "crashctl scenario", "crashctl record", "autoctl off",
                              "help",          "bench",         "stresstest", "blkctl pattern-write", "rm", "rmdir",
                              "mv",            "write"};
  return starts_with_command(l, deny);
}

bool Knowledge::changes_state(StrView l) {
  // Lines that act on the machine (start or stop work, switch a mode, move data, load
  // something) rather than read its state. Lines that never_suggested() excludes are not
  // repeated here.
  const char* const acts[] = {
      "autoctl on",        "autoctl ask",          "autoctl confirm",        "autoctl threshold",
      "autoctl detector",  "autoctl neon",         "autoctl load",           "crashctl bcache shrink",
      "crashctl bcache regrow", "llmctl load",     "llmctl lora load",       "llmctl kernels neon",
      "llmctl kernels scalar", "memctl compact",   "memctl debug",           "powerctl set-budget",
      "powerctl calibrate", "profctl start",       "profctl stop",           "schedctl nice",
      "schedctl fp lazy",  "schedctl fp eager",    "schedctl transformer on", "schedctl transformer off",
      "spawn",             "sync",                 "kill",                   "procctl kill",
      "procctl run",       "append",               "write",                  "mv",
      "rm",                "rmdir",                "mkdir",                  "ln"};
  return starts_with_command(l, acts);
}

void Knowledge::clear() {
  env_free(e_);
  env_free(arena_);
  e_ = nullptr;
  arena_ = nullptr;
  n_ = arena_used_ = skipped_ = 0;
  ready_ = false;
  grammar_.clear();
  index_.clear();
  doc_index_.clear();
  classifier_.clear();
  docs_n_ = 0;
}

usize Knowledge::memory_bytes() const {
  return kMaxPassages * sizeof(Entry) + kArena + index_.memory_bytes() + doc_index_.memory_bytes() + classifier_.memory_bytes() + 128 * 1024;  // + the grammar's tables
}

StrView Knowledge::keep(StrView s) {
  if (!arena_ || arena_used_ + s.size > kArena) return StrView();
  memcpy(arena_ + arena_used_, s.data, s.size);
  StrView v(arena_ + arena_used_, s.size);
  arena_used_ += s.size;
  return v;
}

Error Knowledge::add(PassageKind kind, StrView doc, StrView section, StrView text, StrView parent) {
  if (!e_) {
    e_ = static_cast<Entry*>(env_alloc(kMaxPassages * sizeof(Entry)));
    arena_ = static_cast<char*>(env_alloc(kArena));
    if (!e_ || !arena_) {
      clear();
      return Error::NoMemory;
    }
  }
  if (n_ == kMaxPassages) return Error::TooBig;
  Entry& e = e_[n_++];
  e.p = Passage{doc, section, text, parent};
  e.kind = kind;
  e.mention_count = 0;
  e.family = 0xffff;
  ready_ = false;
  return Error::Ok;
}

Error Knowledge::add_command(StrView name, StrView summary, StrView usage) {
  ready_ = false;
  return grammar_.add_command(name, summary, usage);
}

bool Knowledge::not_indexed(StrView md) { return md.starts_with("<!-- sis-llm: not indexed"); }

StrView Knowledge::indexed_part(StrView md) {
  if (not_indexed(md)) return StrView(md.data, 0);
  static constexpr char kBelow[] = "\n<!-- sis-llm: not indexed below";
  const usize m = sizeof(kBelow) - 1;
  for (usize i = 0; i + m <= md.size; ++i)
    if (memcmp(md.data + i, kBelow, m) == 0) return StrView(md.data, i + 1);
  return md;
}

Error Knowledge::add_document(StrView name, StrView md) {
  md = indexed_part(md);
  if (md.empty()) return Error::Ok;
  struct Ctx {
    Knowledge* k;
    Error err;
  } c{this, Error::Ok};
  split_markdown(
      name, md,
      [](void* p, const Passage& ps) {
        Ctx& c = *static_cast<Ctx*>(p);
        if (c.err == Error::Ok) c.err = c.k->add(PassageKind::Doc, ps.doc, ps.section, ps.text, ps.parent);
      },
      &c);
  return c.err;
}

Error Knowledge::add_examples(StrView tsv) {
  usize at = 0;
  while (at < tsv.size) {
    usize e = at;
    while (e < tsv.size && tsv.data[e] != '\n') ++e;
    StrView l(tsv.data + at, e - at);
    at = e + 1;
    if (!l.size || l.data[0] == '#') continue;
    usize tab = 0;
    while (tab < l.size && l.data[tab] != '\t') ++tab;
    if (tab == l.size) continue;
    StrView cmd(l.data + tab + 1, l.size - tab - 1);
    while (cmd.size && (cmd.data[cmd.size - 1] == '\r' || cmd.data[cmd.size - 1] == ' ')) --cmd.size;
    TRY(add(PassageKind::Example, "examples", cmd, StrView(l.data, tab)));
  }
  return Error::Ok;
}

// The candidate a command line is: itself, the form it fills ("procctl kill 7": the form
// `procctl kill PID [SIGNAL]`), or the longest line of its form that it extends with a value
// ("ls /etc": `ls`). An example votes for that candidate, which the question's own values
// then fill. -1: none.
int Knowledge::line_candidate(StrView line) const {
  int c = grammar_.find_candidate(line);
  u32 form;
  if (c >= 0 || !grammar_.parses(line, &form)) return c;
  c = grammar_.find_candidate(grammar_.form(form).syntax);
  if (c >= 0 && grammar_.candidate(static_cast<usize>(c)).needs_value) return c;
  c = -1;
  for (usize i = 0; i < grammar_.candidate_count(); ++i) {
    StrView l = grammar_.candidate(i).line;
    if (grammar_.candidate(i).form == form && l.size < line.size && line.starts_with(l) && line.data[l.size] == ' ' &&
        (c < 0 || l.size > grammar_.candidate(static_cast<usize>(c)).line.size))
      c = static_cast<int>(i);
  }
  return c;
}

// The grammar's candidates this passage names: a help form's own lines, an example's
// command, the `code` spans of a doc that are candidates (or start with one: the longest).
void Knowledge::find_mentions(Entry& e) {
  auto mention = [&](int c) {
    if (c < 0 || e.mention_count == kMaxMentions) return;
    for (u8 i = 0; i < e.mention_count; ++i)
      if (e.mentions[i] == c) return;
    e.mentions[e.mention_count++] = static_cast<u16>(c);
  };
  if (e.kind == PassageKind::Example) {
    // An example of a command that is never suggested (a benchmark, a stress test) would make
    // the vote suggest it: such examples name nothing and are skipped.
    int c = line_candidate(e.p.section);
    if (c >= 0 && !never_suggested(grammar_.candidate(static_cast<usize>(c)).line)) mention(c);
    return;
  }
  if (e.kind == PassageKind::Help) {
    for (usize c = 0; c < grammar_.candidate_count(); ++c)
      if (grammar_.form(grammar_.candidate(c).form).syntax.data == e.p.section.data &&
          !never_suggested(grammar_.candidate(c).line))
        mention(static_cast<int>(c));
    return;
  }
  StrView t = e.p.text;
  for (usize i = 0; i < t.size; ++i) {
    // `code` spans, and the words after "Run " up to the sentence's end (the FAQ's answers).
    usize j;
    StrView span;
    if (t.data[i] == '`') {
      j = i + 1;
      while (j < t.size && t.data[j] != '`' && t.data[j] != '\n') ++j;
      if (j >= t.size || t.data[j] != '`') continue;
      span = StrView(t.data + i + 1, j - i - 1);
    } else if (StrView(t.data + i, t.size - i).starts_with("Run ") && (i == 0 || t.data[i - 1] == ' ' || t.data[i - 1] == '\n')) {
      j = i + 4;
      while (j < t.size && t.data[j] != '.' && t.data[j] != ',' && t.data[j] != '\n' && t.data[j] != '`') ++j;
      span = StrView(t.data + i + 4, j - i - 4);
    } else {
      continue;
    }
    // The longest word prefix of the span that is a candidate.
    int best = -1;
    for (usize k = span.size; k > 0; --k) {
      if (k < span.size && span.data[k] != ' ') continue;
      best = grammar_.find_candidate(StrView(span.data, k));
      if (best >= 0) break;
    }
    if (best >= 0 && !never_suggested(grammar_.candidate(static_cast<usize>(best)).line)) mention(best);
    i = j;
  }
}

Error Knowledge::finish() {
  TRY(grammar_.finish());
  // Help passages: one per form (syntax as the title; summary and description as the body).
  for (usize f = 0; f < grammar_.form_count(); ++f) {
    const CommandGrammar::Form& fm = grammar_.form(f);
    char body[512];
    usize n = format(body, sizeof(body), "%.*s. %.*s", static_cast<int>(fm.summary.size), fm.summary.data,
                     static_cast<int>(fm.description.size), fm.description.data);
    StrView kept = keep(StrView(body, min(n, sizeof(body) - 1)));
    TRY(add(PassageKind::Help, "help", fm.syntax, kept));
  }
  usize m = 0;
  skipped_ = 0;
  for (usize i = 0; i < n_; ++i) {
    Entry& e = e_[i];
    e.mention_count = 0;
    find_mentions(e);
    if (e.kind == PassageKind::Example) {
      if (!e.mention_count) {
        ++skipped_;
        continue;
      }
      e.family = e.mentions[0];
    }
    e_[m++] = e;
  }
  n_ = m;
  // Examples go last (order kept), so the doc and help passages are a prefix [0, docs_n_):
  // the citation index covers that prefix with the same passage numbers.
  Entry* tmp = static_cast<Entry*>(env_alloc((n_ ? n_ : 1) * sizeof(Entry)));
  if (!tmp) return Error::NoMemory;
  usize t = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (usize i = 0; i < n_; ++i)
      if ((e_[i].kind == PassageKind::Example) == (pass == 1)) tmp[t++] = e_[i];
    if (pass == 0) docs_n_ = t;
  }
  memcpy(e_, tmp, n_ * sizeof(Entry));
  env_free(tmp);
  auto text_of = [](void* ctx, u32 i, u32 part) {
    const Entry& e = static_cast<Knowledge*>(ctx)->e_[i];
    if (part == 0) return e.kind == PassageKind::Example ? StrView() : e.p.section;
    if (part == 2) return e.p.parent;
    return e.p.text;
  };
  TRY(index_.build(static_cast<u32>(n_), text_of, this));
  TRY(doc_index_.build(static_cast<u32>(docs_n_), text_of, this));
  // The classifier learns from the incident examples and from each help passage's text (the
  // command's summary and the form's description), once for every line the form names:
  // numbers below docs_n_ * kMaxMentions are (passage, mention) pairs, the rest examples.
  auto classifier_text = [](void* ctx, u32 i, StrView* text, u16* cls, bool* example) {
    const Knowledge& k = *static_cast<Knowledge*>(ctx);
    *example = i >= k.docs_n_ * kMaxMentions;
    if (!*example) {
      const Entry& e = k.e_[i / kMaxMentions];
      if (e.kind != PassageKind::Help || i % kMaxMentions >= e.mention_count) return false;
      *text = e.p.text;
      *cls = e.mentions[i % kMaxMentions];
      return true;
    }
    const Entry& e = k.e_[k.docs_n_ + (i - k.docs_n_ * kMaxMentions)];
    *text = e.p.text;
    *cls = e.family;
    return true;
  };
  TRY(classifier_.build(static_cast<u32>(n_ - docs_n_ + docs_n_ * kMaxMentions), classifier_text, this));
  ready_ = true;
  return Error::Ok;
}

StrView Knowledge::example_text(const Suggestion& s, usize max) const {
  if (s.example < 0) return StrView();
  StrView t = e_[s.example].p.text;
  return StrView(t.data, min(t.size, max));
}

usize Knowledge::search(StrView q, u32 kinds, Bm25Hit* out, usize k) const {
  if (!ready_) return 0;
  struct F {
    const Knowledge* k;
    u32 kinds;
  } f{this, kinds};
  // Without examples: the citation index, whose word statistics the examples do not move.
  const Bm25Index& index = (kinds >> static_cast<u32>(PassageKind::Example) & 1) ? index_ : doc_index_;
  return index.search(
      q, out, k,
      [](void* c, u32 p) {
        const F& f = *static_cast<F*>(c);
        return (f.kinds >> static_cast<u32>(f.k->e_[p].kind) & 1) != 0;
      },
      &f);
}

// The grounded vote: each of the top passages splits its BM25 score, divided by (its rank +
// kRankOffset), among the commands it names, and the examples' classifier adds
// classifier_share percent more (0: none; kClassifierAlone: its posterior alone, no
// passages). ranked[n] gets the commands best first (votes alike).
Knowledge::Suggestion Knowledge::vote(StrView q, const QuestionValues& values, StrView exclude, u16* ranked,
                                      u64* votes, usize* count, u64 classifier_share) const {
  int ex = exclude.size ? line_candidate(exclude) : -1;
  // The values a question names (a path, a process number) are not words to search for:
  // "/etc/motd" would find the passages that say "etc.". The vote reads the question
  // without them (its first 4 KiB, all question_values reads).
  static char plain[4096];
  if (values.any()) {
    usize n = min(q.size, sizeof(plain));
    memcpy(plain, q.data, n);
    for (usize i = 0; i < values.path_count; ++i)
      memset(plain + (values.paths[i].data - q.data), ' ', values.paths[i].size);
    q = StrView(plain, n);
  }
  const ReportAsks asks = what_report_asks(q);
  struct F {
    const Knowledge* k;
    int ex;
    const QuestionValues* values;
    bool forms;
  } f{this, ex, &values, asks == ReportAsks::Action};
  auto allow = [](void* c, u32 p) {
    const F& f = *static_cast<F*>(c);
    const Entry& e = f.k->e_[p];
    return e.mention_count && !(e.kind == PassageKind::Example && f.ex >= 0 && e.family == f.ex) &&
           f.k->may_vote(e, *f.values, f.forms);
  };
  Bm25Hit hits[kVotePassages];
  const bool alone = classifier_share == kClassifierAlone;
  usize n = alone ? 0 : index_.search(q, hits, kVotePassages, allow, &f);
  usize nc = 0;
  for (usize h = 0; h < n; ++h) {
    const Entry& e = e_[hits[h].passage];
    for (u8 i = 0; i < e.mention_count; ++i) {
      usize c = 0;
      while (c < nc && ranked[c] != e.mentions[i]) ++c;
      if (c == nc) {
        ranked[nc] = e.mentions[i];
        votes[nc++] = 0;
      }
      votes[c] += u64(hits[h].score) / (e.mention_count * (h + kRankOffset));
    }
  }
  // The examples' classifier: classifier_share percent of the passages' votes more, split
  // among the commands by its posterior (for the same commands the passages may vote for).
  // Alone (SuggestMethod::Classifier: no passage votes), each command gets its posterior.
  // The held-out family (the benchmark's split) keeps its help texts, not its examples.
  auto admit = [](void* c, u16 cls) {
    const F& f = *static_cast<F*>(c);
    const CommandGrammar::Candidate& cand = f.k->grammar_.candidate(cls);
    return !cand.needs_value || f.forms || f.k->takes_values(cls, *f.values, nullptr);
  };
  u32 terms[Bm25Index::kMaxQueryTerms];
  const usize nt = Bm25Index::query_terms(q, terms, Bm25Index::kMaxQueryTerms);
  u16 cls[kClassifierBest];
  u32 posterior[kClassifierBest];
  const usize np = classifier_share ? classifier_.posterior(terms, nt, admit, &f, ex, cls, posterior, kClassifierBest) : 0;
  u64 total = alone ? ExampleClassifier::kPosteriorOne : 0;
  for (usize c = 0; c < nc; ++c) total += votes[c];
  const u64 share = alone ? 100 : classifier_share;
  for (usize k = 0; k < np; ++k) {
    usize c = 0;
    while (c < nc && ranked[c] != cls[k]) ++c;
    if (c == nc) {
      if (nc == kVotePassages * kMaxMentions) continue;
      ranked[nc] = cls[k];
      votes[nc++] = 0;
    }
    votes[c] += total * share / 100 * posterior[k] / ExampleClassifier::kPosteriorOne;
  }
  // Stable sort by votes (insertion: at most kVotePassages * kMaxMentions entries), after
  // what the report names and asks for. A report that names a value (a path, a process
  // number) wants a line that takes it ("kill process 3": `procctl kill 3`, not `procctl
  // list`). A question about the machine's state wants a line that reads it ("what's the
  // power limit set to": `powerctl status`, not `powerctl set-budget off`), a request to act
  // one that acts ("can I get the free pages to merge": `memctl compact`, not `memctl
  // stats`). Such a report puts every voted line of its kind first.
  u8 later[kVotePassages * kMaxMentions];
  // Whether the report wants a line that takes its value, as the examples tell: the
  // best-matching example's command takes one ("get rid of process 12": `procctl kill 12`)
  // or not ("process 12 is gone, which ones are left": `procctl list`).
  bool example_takes = false;
  for (usize h = 0; h < n && values.any(); ++h) {
    const Entry& e = e_[hits[h].passage];
    if (e.kind != PassageKind::Example) continue;
    example_takes = takes_values(e.mentions[0], values, nullptr);
    break;
  }
  for (usize c = 0; c < nc; ++c) {
    StrView line = grammar_.candidate(ranked[c]).line;
    bool acts = changes_state(line);
    // Kind first: a question about state never gets a line that acts because it takes the
    // named value ("why does thread 3 get short slices": not `kill 3`).
    bool wrong_kind = asks == ReportAsks::State ? acts : asks == ReportAsks::Action ? !acts : false;
    later[c] = static_cast<u8>(2 * wrong_kind);
    if (values.any() &&
        !((example_takes || names_a_word_of(line, terms, nt)) && takes_values(ranked[c], values, nullptr)))
      later[c] += 1;
  }
  // A report that names a value and asks for something ("what's in /etc?", "how do I stop
  // process 15") or opens with a word of the command's help ("kill pid 7", "list /models"):
  // the best help passages (of the question without its values) whose form takes the value,
  // and reads or acts as the report asks. The first of them goes first. A symptom that names
  // a value in passing ("writing into /data fails with ENOSPC") keeps the vote's line.
  if (values.any()) {
    Bm25Hit help[kValueHelp];
    usize nh = search(q, 1u << static_cast<u32>(PassageKind::Help), help, kValueHelp);
    const u32 opening = first_term(q);
    for (usize h = 0; h < nh; ++h) {
      const Entry& e = e_[help[h].passage];
      int take = -1;
      for (u8 m = 0; m < e.mention_count && take < 0; ++m)
        if (takes_values(e.mentions[m], values, nullptr)) take = e.mentions[m];
      if (take < 0) continue;
      const bool acts = changes_state(grammar_.candidate(static_cast<usize>(take)).line);
      if ((asks == ReportAsks::State && acts) || (asks == ReportAsks::Action && !acts)) continue;
      if (asks == ReportAsks::Nothing && !(opening && has_term_in(e, opening))) continue;
      usize c = 0;
      while (c < nc && ranked[c] != take) ++c;
      if (c == nc) {
        if (nc == kVotePassages * kMaxMentions) break;
        ranked[nc] = static_cast<u16>(take);
        votes[nc++] = 0;
      }
      later[c] = 0;
      votes[c] = ~u64(0) >> 1;
      break;
    }
  }
  auto before = [&](usize a, usize b) { return later[a] != later[b] ? later[a] < later[b] : votes[a] > votes[b]; };
  auto exchange = [](auto& a, auto& b) {
    auto t = a;
    a = b;
    b = t;
  };
  for (usize i = 1; i < nc; ++i)
    for (usize j = i; j > 0 && before(j, j - 1); --j) {
      exchange(votes[j], votes[j - 1]);
      exchange(ranked[j], ranked[j - 1]);
      exchange(later[j], later[j - 1]);
    }
  *count = nc;
  Suggestion s;
  if (nc) {
    s.candidate = ranked[0];
    s.score = static_cast<u32>(votes[0] > 0xffffffffu ? 0xffffffffu : votes[0]);
    for (usize h = 0; h < n && s.example < 0; ++h) {
      const Entry& e = e_[hits[h].passage];
      if (e.kind == PassageKind::Example && e.mentions[0] == s.candidate) s.example = static_cast<int>(hits[h].passage);
    }
    // Chosen by the classifier with none of its examples among the voting passages: the
    // answer still shows the line's best-matching example.
    if (s.example < 0) s.example = best_example_of(q, s.candidate, ex);
  }
  return s;
}

// The passage number of the candidate's example that best matches the query (-1: none, or
// its examples are the held-out family).
int Knowledge::best_example_of(StrView q, int candidate, int held_out) const {
  if (candidate == held_out) return -1;
  struct G {
    const Knowledge* k;
    int cand;
  } g{this, candidate};
  auto only = [](void* c, u32 p) {
    const G& g = *static_cast<G*>(c);
    const Entry& e = g.k->e_[p];
    return e.kind == PassageKind::Example && e.mention_count && e.mentions[0] == g.cand;
  };
  Bm25Hit hit;
  return index_.search(q, &hit, 1, only, &g) == 1 ? static_cast<int>(hit.passage) : -1;
}

// Asks the model which of the lines it finds most likely after "incident: Q\ncommand:" (the
// task format of the LoRA adapter, tools/llm-train). With votes (the grounded vote's order),
// the two rankings are added (rank sums; ties go to the vote).
Knowledge::Suggestion Knowledge::by_model(StrView q, const u16* cands, usize n, const u64* votes) const {
  Suggestion s;
  if (!n) return s;
  static constexpr usize kMax = CommandGrammar::kMaxCandidates;
  static StrView lines[kMax];
  static char buf[kMax][CommandGrammar::kMaxLine + 2];
  static i64 lp[kMax];
  static char prompt[512];
  n = min(n, kMax);
  for (usize i = 0; i < n; ++i) {
    StrView l = grammar_.candidate(cands[i]).line;
    usize m = format(buf[i], sizeof(buf[i]), " %.*s\n", static_cast<int>(l.size), l.data);
    lines[i] = StrView(buf[i], min(m, sizeof(buf[i]) - 1));
  }
  // The prompt: the question's first bytes (the model's context is short).
  usize qn = min<usize>(q.size, 300);
  usize pn = format(prompt, sizeof(prompt), "incident: %.*s\ncommand:", static_cast<int>(qn), q.data);
  if (!scorer_(scorer_ctx_, StrView(prompt, min(pn, sizeof(prompt) - 1)), lines, n, lp)) return s;
  usize best = 0;
  u64 best_key = ~u64(0);
  for (usize i = 0; i < n; ++i) {
    usize rank_model = 0;
    for (usize j = 0; j < n; ++j) rank_model += lp[j] > lp[i] || (lp[j] == lp[i] && j < i);
    u64 key = votes ? (u64(i + rank_model) << 16 | i) : u64(rank_model);
    if (key < best_key) {
      best_key = key;
      best = i;
    }
  }
  s.candidate = cands[best];
  s.score = static_cast<u32>(-(lp[best] / 1000) > 0xffffffff ? 0xffffffffu : -(lp[best] / 1000));
  return s;
}

Knowledge::Suggestion Knowledge::suggest(StrView q, SuggestMethod m, StrView exclude) const {
  Suggestion s;
  if (!ready_) return s;
  // The question's values, looked up in the file system once for the vote and the line.
  const QuestionValues values = values_of(q);
  if (m == SuggestMethod::Bm25Examples || m == SuggestMethod::Bm25Template) {
    int ex = exclude.size ? line_candidate(exclude) : -1;
    struct F {
      const Knowledge* k;
      u32 kinds;
      int ex;
      QuestionValues values;
    } f{this, m == SuggestMethod::Bm25Examples ? 1u << 2 : (1u << 0 | 1u << 1), ex, values};
    auto allow = [](void* c, u32 p) {
      const F& f = *static_cast<F*>(c);
      const Entry& e = f.k->e_[p];
      if (!(f.kinds >> static_cast<u32>(e.kind) & 1) || !e.mention_count) return false;
      return !(e.kind == PassageKind::Example && f.ex >= 0 && e.family == f.ex) && f.k->may_vote(e, f.values, false);
    };
    Bm25Hit hit;
    if (index_.search(q, &hit, 1, allow, &f) == 1) {
      s.candidate = e_[hit.passage].mentions[0];
      s.score = hit.score;
    }
  } else if (m == SuggestMethod::Model && scorer_) {
    static u16 all[CommandGrammar::kMaxCandidates];
    usize n = 0;
    for (usize c = 0; c < grammar_.candidate_count(); ++c)
      if (!never_suggested(grammar_.candidate(c).line) && !grammar_.candidate(c).needs_value) all[n++] = static_cast<u16>(c);
    s = by_model(q, all, n, nullptr);
  } else {
    u16 ranked[kVotePassages * kMaxMentions];
    u64 votes[kVotePassages * kMaxMentions];
    usize n = 0;
    const u64 share = m == SuggestMethod::Classifier ? kClassifierAlone : m == SuggestMethod::PassageVote ? 0 : kClassifierShare;
    s = vote(q, values, exclude, ranked, votes, &n, share);
    if (m == SuggestMethod::GroundedModel && scorer_ && n > 1) {
      Suggestion r = by_model(q, ranked, min<usize>(n, kRerank), votes);
      if (r.candidate >= 0 && r.candidate != s.candidate) s = r;  // another line (r names no example)
    }
  }
  if (s.candidate >= 0) with_values(values, &s);
  return s;
}

// The suggestion's line: its candidate, with the values the question names where the
// candidate's form takes them ("how do I list /etc": `ls` -> `ls /etc`); a form that needs a
// value the question does not give stays a form.
void Knowledge::with_values(const QuestionValues& values, Suggestion* s) const {
  const CommandGrammar::Candidate& c = grammar_.candidate(static_cast<usize>(s->candidate));
  char buf[CommandGrammar::kMaxLine];
  if (takes_values(static_cast<usize>(s->candidate), values, &buf)) {
    s->set_line(StrView(buf));
    s->filled = true;
  } else {
    s->set_line(c.line);
    s->needs_value = c.needs_value;
  }
}

QuestionValues Knowledge::values_of(StrView q) const {
  QuestionValues v = values_in(q);
  for (usize i = 0; i < v.path_count && path_kind_; ++i) v.path_kinds[i] = path_kind_(path_kind_ctx_, v.paths[i]);
  return v;
}

// A help passage or an example of a form that needs a value votes only when the question
// names one it takes, or (forms) when the report is a request to act: "how do I run a
// program" is answered with the form `procctl run [--json] PATH [ARGS...]` to complete; a
// question about state or a symptom is not (the forms would crowd out the lines that read).
bool Knowledge::may_vote(const Entry& e, const QuestionValues& v, bool forms) const {
  if (e.kind == PassageKind::Doc || !e.mention_count) return true;
  const CommandGrammar::Candidate& c = grammar_.candidate(e.mentions[0]);
  return !c.needs_value || forms || takes_values(e.mentions[0], v, nullptr);
}

// The term of the report's first word that is not a stop word ("kill pid 7": kill); 0: none
// in its first 200 bytes.
u32 Knowledge::first_term(StrView q) {
  u32 t;
  return Bm25Index::query_terms(StrView(q.data, min<usize>(q.size, 200)), &t, 1) ? t : 0;
}

// True when the passage (its section title or text) has the term.
bool Knowledge::has_term_in(const Entry& e, u32 term) {
  struct C {
    u32 term;
    bool found;
  } c{term, false};
  auto see = [](void* p, u32 t) {
    C& c = *static_cast<C*>(p);
    c.found = c.found || t == c.term;
  };
  for_each_term(e.p.section, see, &c);
  if (!c.found) for_each_term(e.p.text, see, &c);
  return c.found;
}

// True when a word of the line (its command, a sub-command) is a word of the question
// (terms: Bm25Index::query_terms): "kill process 3" names `procctl kill`.
bool Knowledge::names_a_word_of(StrView line, const u32* terms, usize n) {
  usize b = 0;
  for (usize i = 0; i <= line.size; ++i)
    if (i == line.size || line.data[i] == ' ') {
      StrView w(line.data + b, i - b);
      bool plain_word = w.size && w.data[0] != '-' && !is_placeholder(w);
      for (usize j = 0; j < w.size && plain_word; ++j) plain_word = w.data[j] != '[' && w.data[j] != '(' && w.data[j] != '|';
      u32 t = plain_word ? term_of(w) : 0;
      if (t && has_term(terms, n, t)) return true;
      b = i + 1;
    }
  return false;
}

// True when the candidate's form takes a value of the question (a form's placeholder, or a
// candidate's optional one: "ls" takes "/etc"); the line with them goes to out (optional).
bool Knowledge::takes_values(usize cand, const QuestionValues& v, char (*out)[CommandGrammar::kMaxLine]) const {
  const CommandGrammar::Candidate& c = grammar_.candidate(cand);
  char buf[CommandGrammar::kMaxLine];
  usize n = grammar_.fill(c.form, v, buf, sizeof(buf));
  StrView filled(buf, n);
  bool takes = c.needs_value ? n > 0 : n > c.line.size && filled.starts_with(c.line) && buf[c.line.size] == ' ';
  if (takes && out) memcpy(*out, buf, n + 1);
  return takes;
}

}  // namespace sis::llm
