#include "lib/args.h"

namespace sis {

bool Args::has(StrView flag) const {
  for (usize i = 1; i < argc; ++i)
    if (argv[i] == flag) return true;
  return false;
}

StrView Args::value(StrView option) const {
  for (usize i = 1; i + 1 < argc; ++i)
    if (argv[i] == option) return argv[i + 1];
  return {};
}

Error tokenize(char* line, Args* out) {
  out->argc = 0;
  char* r = line;
  while (*r) {
    while (*r == ' ' || *r == '\t') ++r;
    if (!*r) break;
    if (out->argc == Args::kMax) return Error::TooBig;
    char* w = r;  // words are rewritten in place, never longer than their source
    char* start = w;
    char quote = 0;
    while (*r && (quote || (*r != ' ' && *r != '\t'))) {
      char c = *r++;
      if (quote) {
        if (c == quote) { quote = 0; continue; }
        if (quote == '"' && c == '\\' && (*r == '"' || *r == '\\')) c = *r++;
        *w++ = c;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else {
        *w++ = c;
      }
    }
    if (quote) return Error::Invalid;
    bool at_end = *r == '\0';
    if (!at_end) ++r;  // step over the separator we are about to overwrite
    *w = '\0';
    out->argv[out->argc++] = StrView(start, static_cast<usize>(w - start));
    if (at_end) break;
  }
  return Error::Ok;
}

}  // namespace sis
