// Profile: the named call stacks of a stopped profiling run and what is made from them: the
// folded text (docs/profiler.md, Brendan Gregg's format: root first, ';'-separated, a space,
// the count) and the per-function report (self and total samples). Every stack starts with
// its thread frame ("[kernel] shell", "[pid 7] busybox"), which the report leaves out.
// Portable: host tests build profiles directly.
#pragma once
#include "prof/name_table.h"
#include "prof/stack_counter.h"

namespace sis::prof {

struct FunctionStat {
  u32 name;   // NameTable id
  u64 self;   // samples with this function innermost
  u64 total;  // samples with this function anywhere on the stack (recursion counted once)
};

// A growable text buffer (env_alloc memory) for the folded output.
class TextBlob {
 public:
  TextBlob() = default;
  ~TextBlob();
  TextBlob(const TextBlob&) = delete;
  TextBlob& operator=(const TextBlob&) = delete;
  Error append(StrView s);
  Error append_uint(u64 v);
  StrView view() const { return {data_, len_}; }
  void clear();

 private:
  char* data_ = nullptr;
  usize len_ = 0, cap_ = 0;
};

class Profile {
 public:
  // Adds count samples of the stack names[0..n), root first (names[0] the thread frame).
  // Names are cleaned for the folded format (';' and control characters become '_').
  Error add(const StrView* names, usize n, u64 count = 1);
  Error add_ids(const u64* ids, usize n, u64 count = 1) { return stacks_.add(ids, n, count); }
  Result<u32> intern(StrView name);  // cleaned like add's names

  u64 samples() const { return stacks_.total(); }
  const NameTable& names() const { return names_; }
  const StackCounter& stacks() const { return stacks_; }
  void clear();

  // One line per distinct stack, sorted by name (byte order), each ending in '\n'.
  Error folded(TextBlob& out) const;
  // Every function (all frames but the thread frame), sorted by self then total (desc),
  // then name. Returns how many were written (at most cap); *distinct gets the full count.
  usize report(FunctionStat* out, usize cap, usize* distinct = nullptr) const;

 private:
  NameTable names_;
  StackCounter stacks_;
};

// Where a chunk of folded text that starts at offset (a line start) and may hold max bytes
// ends: after the last whole line that fits, or, when even the first line is longer than
// max, after that line (but at most hard_max bytes). offset <= text.size.
usize folded_chunk_end(StrView text, usize offset, usize max, usize hard_max);

// Percent with two decimals, scaled by 100 (12.34% -> 1234), rounded to nearest.
inline u64 percent_x100(u64 part, u64 whole) { return whole ? (part * 20000 / whole + 1) / 2 : 0; }

}  // namespace sis::prof
