// Args: a command line split into words, with the lookups every command uses.
#pragma once
#include "lib/result.h"
#include "lib/string.h"

namespace sis {

struct Args {
  static constexpr usize kMax = 16;
  usize argc = 0;
  StrView argv[kMax];

  // True if `flag` (e.g. "--json") appears anywhere after the command name.
  bool has(StrView flag) const;
  // Value following `option` ("--seconds 5" -> "5"); empty view when absent.
  StrView value(StrView option) const;
};

// Splits a line into words in place (quotes "..." and '...' group words; backslash escapes
// inside double quotes). Returns Error::TooBig when there are more than Args::kMax words and
// Error::Invalid for an unterminated quote.
Error tokenize(char* line, Args* out);

}  // namespace sis
