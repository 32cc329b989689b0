// Sub-command dispatch for the `xxxctl` commands (subcommand.h). Portable: host-tested.
#include "shell/subcommand.h"

namespace sis::shell {

void print_subcommand_usage(const char* command, const Subcommand* table, usize n, Output& out) {
  bool first = true;
  for (usize i = 0; i < n; ++i) {
    if (!table[i].usage) continue;
    out.printf("%s %s %s%s%s\n", first ? "usage:" : "      ", command, table[i].name, table[i].usage[0] ? " " : "",
               table[i].usage);
    first = false;
  }
}

int run_subcommand(const char* command, const Subcommand* table, usize n, const Args& a, Output& out,
                   const char* fallback) {
  StrView name = a.argc > 1 ? a.argv[1] : StrView(fallback ? fallback : "");
  if (!name.empty()) {
    for (usize i = 0; i < n; ++i)
      if (name == StrView(table[i].name)) return table[i].run(a, out);
    out.printf("%s: unknown subcommand '%.*s'\n", command, static_cast<int>(name.size), name.data);
  } else {
    out.printf("%s: a subcommand is needed\n", command);
  }
  print_subcommand_usage(command, table, n, out);
  return 2;
}

}  // namespace sis::shell
