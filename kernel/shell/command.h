// Shell command registry. Every subsystem registers its own commands with SIS_COMMAND; the
// linker gathers them into the `sis_commands` section, so the shell needs no central list
// and a new subsystem (memctl, schedctl, ...) only adds a file.
//
// Commands write through an Output, so the same command serves the UART shell and, later,
// the control port's shell.exec (which captures into a buffer).
#pragma once
#include "lib/format.h"
#include "lib/macros.h"
#include "lib/result.h"

namespace sis::shell {

class Output {
 public:
  virtual void write(StrView s) = 0;
  void print(StrView s) { write(s); }
  void printf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));

 protected:
  ~Output() = default;
};

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

struct Command {
  const char* name;
  const char* summary;  // one line for `help`
  const char* usage;    // full usage for `help NAME`
  int (*run)(const Args& args, Output& out);
};

// Iteration over all registered commands (sorted by name for `help`).
usize command_count();
const Command* command_at(usize index);
const Command* find_command(StrView name);

// Parses and runs one line; returns the command's exit status (127 when unknown).
// A line ending in `> PATH` or `>> PATH` runs the command with its output captured (up to
// 8 KiB) and hands it to the redirect handler, which the file system installs.
int execute_line(char* line, Output& out);

using RedirectFn = int (*)(StrView path, bool append, StrView data);  // 0 on success
void set_redirect_handler(RedirectFn fn);

}  // namespace sis::shell

// SIS_COMMAND("name", "summary", "usage", function)
#define SIS_COMMAND(NAME, SUMMARY, USAGE, FN) \
  SIS_LINKER_SET_ENTRY("sis_commands", ::sis::shell::Command, sis_command_) = {NAME, SUMMARY, USAGE, FN}
