// Shell command registry. Every subsystem registers its own commands with SIS_COMMAND; the
// linker gathers them into the `sis_commands` section, so the shell needs no central list
// and a new subsystem (memctl, schedctl, ...) only adds a file.
//
// Commands write through an Output (lib/output.h), so the same command serves the UART shell
// and the control port's shell.exec (which captures into a buffer).
#pragma once
#include "lib/args.h"
#include "lib/format.h"
#include "lib/output.h"
#include "lib/macros.h"
#include "lib/result.h"

namespace sis::shell {

// Output, Args and tokenize live in lib/ (benchmarks below the shell use them too); the
// shell's code names them as its own.
using ::sis::Args;
using ::sis::Output;
using ::sis::tokenize;

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
