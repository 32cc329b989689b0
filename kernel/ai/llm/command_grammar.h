// The shell's command grammar, built from the command registry's usage texts (docs/llm.md,
// "Commands that exist by construction"). Every registered command's usage lists its forms:
//
//   memctl [stats] [--json]   buddy orders, slab caches, ...     <- a form, then its description
//   powerctl status [--json] | history [--json] [--seconds N]    <- " | " separates forms
//   tracectl export --recent N (--path FILE | --console)         <- ( | ) a required choice
//
// Words: literals ("compact", "--json", "on|off": one of), placeholders (upper case: PATH,
// N; "PATH..." one or more), [optional] and (required) groups with | alternatives inside.
// The grammar answers two questions: does a command line parse (the same words the shell's
// tokenizer makes, matched against a form), and which concrete command lines exist (every
// literal choice expanded, optional sub-command words included or not). A form that needs a
// value for a placeholder ("procctl kill PID"), or whose required words can take a path or
// a process or thread number ("llmctl load PATH|builtin"), is also a candidate of its own,
// its syntax, marked needs_value: fill() makes it a command line with values a question
// names. The language model only ever suggests concrete lines.
// Portable, integers only.
#pragma once
#include "lib/result.h"
#include "lib/types.h"

namespace sis::llm {

struct QuestionValues;  // question_values.h

class CommandGrammar {
 public:
  static constexpr usize kMaxForms = 320;
  static constexpr usize kMaxElems = 48;
  static constexpr usize kMaxCandidates = 400;
  static constexpr usize kMaxLine = 96;

  struct Form {
    StrView command;      // "memctl"
    StrView syntax;       // "memctl compact [--json]" (owned by the grammar)
    StrView description;  // what the usage text says after the syntax (may be empty)
    StrView summary;      // the command's one-line summary
    u16 first_elem, elem_count;
  };
  struct Candidate {
    StrView line;  // "memctl compact" (owned by the grammar); a form's syntax when needs_value
    u16 form;
    bool needs_value;  // the form has a placeholder every line of it must fill
  };

  CommandGrammar() = default;
  CommandGrammar(const CommandGrammar&) = delete;
  CommandGrammar& operator=(const CommandGrammar&) = delete;
  ~CommandGrammar() { clear(); }

  // Adds one registered command (name, summary, usage as `help NAME` prints it). A usage
  // the grammar cannot read (unbalanced brackets) adds the bare name only.
  Error add_command(StrView name, StrView summary, StrView usage);
  // Expands the concrete command lines of all forms added so far (call once, after adding).
  Error finish();
  void clear();

  // True when the line's words match a form; *form gets its index. Words as the shell's
  // tokenizer splits them (quotes group).
  bool parses(StrView line, u32* form = nullptr) const;

  usize form_count() const { return forms_n_; }
  const Form& form(usize i) const { return forms_[i]; }
  usize candidate_count() const { return cand_n_; }
  const Candidate& candidate(usize i) const { return cands_[i]; }
  // The candidate whose line equals s, or -1.
  int find_candidate(StrView s) const;
  // The form as a command line with the question's values (question_values.h) in its
  // placeholders: required ones must be filled (else 0), optional groups that hold one
  // placeholder are filled when a value is left, other optional groups are left out. A
  // choice of words is made by a value ("TID|NAME", "PATH|builtin"); a choice without one
  // ("on|off", "( | )") is not filled. Returns the line's length in out (0: none, or it
  // does not parse).
  usize fill(usize form, const QuestionValues& values, char* out, usize cap) const;

 private:
  struct Elem {
    u8 kind;  // Elem::Word, Open, Close, Alt
    u8 repeat;
    u8 optional;  // for Open: '[' (1) or '(' (0)
    u16 match;    // for Open: index of its Close
    StrView text;
  };
  enum : u8 { Word = 0, Open = 1, Close = 2, Alt = 3 };

  Error add_form(StrView command, StrView summary, StrView syntax, StrView description);
  StrView keep(StrView s);  // copies s into the arena
  bool match(const Elem* e, usize i, usize end, const void* k, const StrView* w, usize n, usize j) const;
  void expand(u16 form, const Elem* e, usize i, usize end, const void* k, char* buf, usize len, int budget);
  void add_candidate(u16 form, StrView line, bool needs_value = false);
  bool takes_named_value(usize form) const;  // a required word takes a path, PID or TID

  Form* forms_ = nullptr;
  usize forms_n_ = 0;
  Elem* elems_ = nullptr;
  usize elems_n_ = 0;
  Candidate* cands_ = nullptr;
  usize cand_n_ = 0;
  char* arena_ = nullptr;
  usize arena_used_ = 0;
  Error alloc();
};

// True for a word that names a value (PATH, N, TID, ARGS...): upper case, no lower case.
bool is_placeholder(StrView word);

}  // namespace sis::llm
