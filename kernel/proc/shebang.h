// "#!" scripts, with Linux's rules (fs/binfmt_script.c): only the first kShebangHead bytes
// of the file count; the line runs to the first '\n' (or, with no newline there, to the end
// of those bytes, as long as the interpreter's name itself ended); spaces and tabs around it
// are trimmed; the interpreter is the first word; everything after it and its following
// blanks is ONE optional argument ("#!/usr/bin/env -S a b" passes "-S a b"). A NUL ends the
// interpreter's name or the argument.
//
// Usage (kernel exec, before trying ELF):
//   u8 head[kShebangHead]; n = read up to kShebangHead bytes of the file
//   if (is_shebang(head, n)) {
//     ShebangLine line = TRY(parse_shebang(head, n));           // Error::BadFormat: ENOEXEC
//     const char* argv2[...];
//     usize argc2 = TRY(shebang_argv(line, path, argv, argc, argv2, cap));
//     exec line.interp with argv2 (depth + 1; over kMaxShebangDepth is Error::Loop, ELOOP);
//     AT_EXECFN stays the path execve was given (the script), as on Linux
//   }
#pragma once
#include "lib/result.h"

namespace sis::proc {

constexpr usize kShebangHead = 256;     // BINPRM_BUF_SIZE
constexpr int kMaxShebangDepth = 4;     // a script's interpreter may be a script, 4 deep

struct ShebangLine {
  char interp[kShebangHead] = {};  // NUL-terminated, never empty
  char arg[kShebangHead] = {};     // NUL-terminated; meaningful when has_arg
  bool has_arg = false;
  usize interp_len = 0, arg_len = 0;
};

// Whether the file starts with "#!".
bool is_shebang(const u8* head, usize n);

// Parses the "#!" line from the file's first n bytes (only the first kShebangHead count).
// Error::BadFormat when there is no "#!", no interpreter, or the interpreter's name fills
// the whole head (too long to be sure it is complete).
Result<ShebangLine> parse_shebang(const u8* head, usize n);

// The interpreter's argv: interp, [arg], script_path, argv[1 .. argc). Pointers point into
// `line`, script_path and argv, which must outlive `out`. Returns the new argc; TooBig when
// out_cap entries do not suffice.
Result<usize> shebang_argv(const ShebangLine& line, const char* script_path, const char* const* argv,
                           usize argc, const char** out, usize out_cap);

}  // namespace sis::proc
