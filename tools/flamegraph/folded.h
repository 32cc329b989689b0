// Folded stacks (Brendan Gregg's format, the profiler's export: /work docs/profiler.md and
// docs/flamegraph.md): one line per distinct stack, root frame first, frames separated by
// ';', one space, then the sample count in decimal:
//
//     [kernel] bench;sis`kernel_main;sis`bench_fs_write 37
//
// The parser is strict because a flame graph drawn from a half-understood file would lie: a
// line without a count, a count that is not a positive decimal integer, an empty frame name,
// a control character or invalid UTF-8 is an error naming its line (1-based), and nothing
// else is returned. Blank lines (and a trailing '\r') are allowed. Frame names may contain
// spaces ("[pid 7] busybox"): the count is whatever follows the line's last space.
// Plain C++20, no Qt: the SVG renderer (sis-flamegraph) and SIS Control Center share it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sis::flame {

struct FoldedStack {
  std::vector<std::string> frames;  // root first, never empty, no empty names
  std::uint64_t count = 0;          // > 0
};

struct ParseError {
  std::size_t line = 0;  // 1-based line of the first bad line
  std::string message;   // what is wrong, e.g. "the sample count '0' is not a positive integer"
  std::string to_string() const;  // "line 3: ..."
};

struct FoldedProfile {
  std::vector<FoldedStack> stacks;  // in file order; a stack may repeat (counts add up)
  std::uint64_t total = 0;          // sum of the counts
};

// Either a profile or the first error (ok() tells which).
struct ParseResult {
  FoldedProfile profile;
  ParseError error;
  bool ok() const { return error.line == 0; }
};

// The largest total a profile may have: sums stay exact in a double (the widths are
// fractions of it) and can never overflow.
inline constexpr std::uint64_t kMaxTotalSamples = std::uint64_t{1} << 52;

ParseResult parse_folded(std::string_view text);

// The folded text of a profile (one line per stack, in order): parse_folded(to_folded(p))
// gives p back.
std::string to_folded(const FoldedProfile& profile);

}  // namespace sis::flame
