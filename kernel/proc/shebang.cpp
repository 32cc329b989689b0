// "#!" line parsing and the interpreter's argv (shebang.h).
#include "proc/shebang.h"

#include "lib/string.h"

namespace sis::proc {

namespace {

bool blank(u8 c) { return c == ' ' || c == '\t'; }

}  // namespace

bool is_shebang(const u8* head, usize n) { return head && n >= 2 && head[0] == '#' && head[1] == '!'; }

Result<ShebangLine> parse_shebang(const u8* head, usize n) {
  if (!is_shebang(head, n)) return Error::BadFormat;
  // Linux reads the head into a zeroed kShebangHead buffer: bytes past the file are NULs.
  usize len = min(n, kShebangHead);
  auto byte = [&](usize i) -> u8 { return i < len ? head[i] : 0; };

  // The line's end: the first newline in the head. Without one the line is the head minus
  // its last byte, but only if the interpreter's name ends (a blank or NUL) inside the head:
  // otherwise it may be cut short, and running a wrong program is worse than failing.
  usize end = kShebangHead;
  for (usize i = 0; i < len; ++i) {
    if (head[i] == '\n') {
      end = i;
      break;
    }
  }
  if (end == kShebangHead) {
    usize i = 2;
    while (i < kShebangHead && blank(byte(i))) ++i;
    if (i == kShebangHead) return Error::BadFormat;  // nothing but blanks
    while (i < kShebangHead && !blank(byte(i)) && byte(i) != 0) ++i;
    if (i == kShebangHead) return Error::BadFormat;  // the name fills the head
    end = kShebangHead - 1;
  }
  while (end > 2 && blank(byte(end - 1))) --end;

  usize name = 2;
  while (name < end && blank(byte(name))) ++name;
  if (name == end || byte(name) == 0) return Error::BadFormat;  // no interpreter
  usize sep = name;
  while (sep < end && !blank(byte(sep)) && byte(sep) != 0) ++sep;

  ShebangLine line;
  line.interp_len = sep - name;
  for (usize i = 0; i < line.interp_len; ++i) line.interp[i] = static_cast<char>(byte(name + i));
  if (sep < end && byte(sep) != 0) {  // a blank: an argument may follow
    usize a = sep;
    while (a < end && blank(byte(a))) ++a;
    usize a_end = a;
    while (a_end < end && byte(a_end) != 0) ++a_end;
    if (a_end > a) {
      line.has_arg = true;
      line.arg_len = a_end - a;
      for (usize i = 0; i < line.arg_len; ++i) line.arg[i] = static_cast<char>(byte(a + i));
    }
  }
  return line;
}

Result<usize> shebang_argv(const ShebangLine& line, const char* script_path, const char* const* argv,
                           usize argc, const char** out, usize out_cap) {
  if (!script_path || !out || (argc && !argv)) return Error::Invalid;
  usize rest = argc ? argc - 1 : 0;  // argv[0] is replaced by the script's path
  usize need = 1 + (line.has_arg ? 1 : 0) + 1 + rest;
  if (need > out_cap) return Error::TooBig;
  usize k = 0;
  out[k++] = line.interp;
  if (line.has_arg) out[k++] = line.arg;
  out[k++] = script_path;
  for (usize i = 1; i < argc; ++i) out[k++] = argv[i];
  return k;
}

}  // namespace sis::proc
