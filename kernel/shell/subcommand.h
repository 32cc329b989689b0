// Sub-command tables for the `xxxctl` commands: a command lists {name, usage, handler} and
// hands its arguments to run_subcommand, which picks the handler by argv[1] and prints the
// same error for an unknown sub-command everywhere. Handlers see the full Args (argv[1] is
// the sub-command's name) and parse the rest themselves.
#pragma once
#include "shell/command.h"

namespace sis::shell {

struct Subcommand {
  const char* name;
  const char* usage;  // arguments after the name, for the error text; nullptr: an alias not listed
  int (*run)(const Args& a, Output& out);
};

// Runs the entry named argv[1], or `fallback` when there is no argv[1] (nullptr: none, which
// is an error). An unknown or missing name prints "<command>: unknown subcommand 'x'" (or
// "<command>: a subcommand is needed") and "usage: <command> <name> <usage>" for each listed
// entry, and returns 2.
int run_subcommand(const char* command, const Subcommand* table, usize n, const Args& a, Output& out,
                   const char* fallback);

template <usize N>
int run_subcommand(const char* command, const Subcommand (&table)[N], const Args& a, Output& out,
                   const char* fallback) {
  return run_subcommand(command, table, N, a, out, fallback);
}

// Prints the usage lines of the table (as run_subcommand does for an unknown name).
void print_subcommand_usage(const char* command, const Subcommand* table, usize n, Output& out);

}  // namespace sis::shell
