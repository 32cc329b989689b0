// The language model's grounding (docs/llm.md, "Grounding"): what the kernel knows about
// itself, searchable. Three kinds of passages share one integer BM25 index:
//   - doc: sections of the Markdown documents on the disk (docs/*.md, the tutorials);
//   - help: one per form of every registered shell command (its usage line, the command's
//     summary and the form's description), cited as "help § memctl compact [--json]";
//   - example: incident -> command pairs (resources/corpus/tasks/incidents-train.tsv).
// Suggested commands come only from the command grammar (command_grammar.h): a passage
// votes for the candidates it names (a help form's own lines or the form itself, an
// example's command or the form it fills, a doc's `code` spans that are commands), weighted
// by its BM25 score. So every suggestion parses by construction, or is one of the grammar's
// forms for a person to complete (Suggestion::needs_value); values the question names fill
// a form (question_values.h). Portable, integers only: the kernel glue
// (shell/llm_knowledge.cpp) feeds it the disk's files and the live registry; the host's
// evaluator (tools/llm-train/ground.cpp) feeds it the same files.
#pragma once
#include "ai/llm/bm25.h"
#include "ai/llm/command_grammar.h"
#include "ai/llm/example_classifier.h"
#include "ai/llm/passages.h"
#include "ai/llm/question_values.h"
#include "lib/result.h"
#include "lib/string.h"

namespace sis::llm {

enum class PassageKind : u8 { Doc = 0, Help = 1, Example = 2 };

// How suggest() picks a command (the benchmark compares them; docs/llm.md).
enum class SuggestMethod : u8 {
  Bm25Examples = 0,  // baseline: the command of the best-matching example alone
  Bm25Template = 1,  // baseline: the first command named by the best doc or help passage
  Grounded = 2,      // BM25 votes of the top passages of every kind, grammar candidates only
  Model = 3,         // the language model alone, constrained to the grammar: the most likely line
  GroundedModel = 4, // the grounded vote's best few, re-ranked with the language model
  Classifier = 5,    // the examples' classifier alone: the command of highest posterior
  PassageVote = 6,   // the grounded vote without the classifier's votes (the rule it adds to)
};

// Scores continuations for a prompt with the language model (Engine::score_continuations):
// log-likelihoods in micro-nats into out[n]; false when no model can score.
using ModelScorer = bool (*)(void* ctx, StrView prompt, const StrView* lines, usize n, i64* out);

// Topics of live state a question bears on (the kernel adds the matching snapshot).
enum Topic : u32 {
  kTopicDisk = 1,
  kTopicMemory = 2,
  kTopicCrash = 4,
  kTopicProcess = 8,
  kTopicPower = 16,
};
u32 topics_of(StrView question);

class Knowledge {
 public:
  static constexpr usize kMaxPassages = 4096;
  static constexpr usize kMaxMentions = 4;

  struct Entry {
    Passage p;
    PassageKind kind;
    u8 mention_count;
    u16 mentions[kMaxMentions];  // grammar candidates this passage names
    u16 family;                  // examples: an index of their command (for held-out splits)
  };
  struct Suggestion {
    int candidate = -1;  // index into grammar(); -1: nothing fits
    u32 score = 0;
    // The grounded vote: the best-ranked incident example that voted for the line, else the
    // line's example closest to the question (its passage number; -1: the line has none).
    // The answer shows it as the report the question is like.
    int example = -1;
    // The line is the candidate's form with values the question names ("ls /etc" for the
    // candidate "ls"; "procctl kill 7" for the form "procctl kill PID [SIGNAL]").
    bool filled = false;
    // The line is a form that needs a value nothing in the question gives ("procctl run
    // [--json] PATH [ARGS...]"): shown for a person to complete, never run as it is.
    bool needs_value = false;

    StrView line() const { return StrView(text_, len_); }
    void set_line(StrView l) {
      len_ = static_cast<u8>(l.size < sizeof(text_) ? l.size : sizeof(text_) - 1);
      memcpy(text_, l.data, len_);
    }

   private:
    char text_[CommandGrammar::kMaxLine];
    u8 len_ = 0;
  };

  Knowledge() = default;
  Knowledge(const Knowledge&) = delete;
  Knowledge& operator=(const Knowledge&) = delete;
  ~Knowledge() { clear(); }

  // Sources first (texts must outlive the Knowledge), then finish().
  Error add_command(StrView name, StrView summary, StrView usage);
  // A document whose first line is the comment "<!-- sis-llm: not indexed ... -->" is left
  // out (Ok, nothing added): docs/commands.md, measured to make the answers worse. A line
  // that starts "<!-- sis-llm: not indexed below" ends the indexed part of a document:
  // docs/llm.md's measurements, which describe benchmark cases (indexed, they would answer
  // the benchmark's questions with its own record).
  Error add_document(StrView name, StrView markdown);
  static bool not_indexed(StrView markdown);
  static StrView indexed_part(StrView markdown);  // what add_document indexes (maybe empty)
  // Lines "incident<TAB>command"; '#' comments. Commands that do not parse or are never
  // suggested are skipped (counted in skipped_examples()). A command with values
  // ("procctl kill 7") votes for its form, which the question's own values then fill.
  Error add_examples(StrView tsv);
  Error finish();
  void clear();

  bool ready() const { return ready_; }
  usize size() const { return n_; }
  const Entry& entry(usize i) const { return e_[i]; }
  const CommandGrammar& grammar() const { return grammar_; }
  const Bm25Index& index() const { return index_; }          // every passage (the vote)
  const Bm25Index& doc_index() const { return doc_index_; }  // doc and help passages (citations)
  // The text of the incident example that voted for a suggestion (Suggestion::example), at
  // most max bytes; empty when none did.
  StrView example_text(const Suggestion& s, usize max) const;
  usize skipped_examples() const { return skipped_; }
  usize memory_bytes() const;

  // The k best passages of the given kinds (bit 1 << kind), best first.
  usize search(StrView query, u32 kinds, Bm25Hit* out, usize k) const;
  // A command for a problem description. `exclude_line` (optional): examples whose command
  // is this line are ignored (the benchmark's family held-out split).
  Suggestion suggest(StrView query, SuggestMethod m, StrView exclude_line = StrView()) const;
  // The language model behind SuggestMethod::Model and GroundedModel (none: those fall
  // back to Grounded).
  void set_scorer(ModelScorer fn, void* ctx) {
    scorer_ = fn;
    scorer_ctx_ = ctx;
  }
  // What a path a question names is on the machine (the kernel asks its file system, the
  // host evaluator the default disk's tree): a form is filled only with paths that fit it
  // (`cat FILE...` never with a directory). None: every path is PathKind::Unknown.
  using PathKindFn = PathKind (*)(void* ctx, StrView path);
  void set_path_kinds(PathKindFn fn, void* ctx) {
    path_kind_ = fn;
    path_kind_ctx_ = ctx;
  }
  // The values the question names, with their path kinds.
  QuestionValues values_of(StrView question) const;
  // True for commands never suggested: they stop or crash the machine, take over the
  // console, throw state away, or load the machine (benchmarks, stress tests).
  static bool never_suggested(StrView line);
  // True for lines that act on the machine rather than read its state (the vote puts
  // reading lines first for a question about state, acting ones for a request to act).
  static bool changes_state(StrView line);

 private:
  Error add(PassageKind kind, StrView doc, StrView section, StrView text, StrView parent = StrView());
  StrView keep(StrView s);
  void find_mentions(Entry& e);

  Entry* e_ = nullptr;
  usize n_ = 0;
  char* arena_ = nullptr;
  usize arena_used_ = 0;
  usize skipped_ = 0;
  bool ready_ = false;
  Suggestion vote(StrView query, const QuestionValues& values, StrView exclude, u16* ranked, u64* votes, usize* n,
                  u64 classifier_share) const;
  Suggestion by_model(StrView query, const u16* cands, usize n, const u64* votes) const;
  void with_values(const QuestionValues& values, Suggestion* s) const;
  bool takes_values(usize candidate, const QuestionValues& v, char (*out)[CommandGrammar::kMaxLine]) const;
  bool may_vote(const Entry& e, const QuestionValues& v, bool forms) const;
  int line_candidate(StrView line) const;
  int best_example_of(StrView query, int candidate, int held_out) const;
  static bool names_a_word_of(StrView line, const u32* terms, usize n);
  static u32 first_term(StrView query);
  static bool has_term_in(const Entry& e, u32 term);

  CommandGrammar grammar_;
  Bm25Index index_;
  Bm25Index doc_index_;
  ExampleClassifier classifier_;  // the examples' words per command (the vote adds its posterior)
  usize docs_n_ = 0;  // doc and help passages come first: [0, docs_n_)
  ModelScorer scorer_ = nullptr;
  void* scorer_ctx_ = nullptr;
  PathKindFn path_kind_ = nullptr;
  void* path_kind_ctx_ = nullptr;
};

}  // namespace sis::llm
