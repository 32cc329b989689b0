// Command registry and dispatcher (portable: the host tests run them).
#include "shell/command.h"

#include "lib/string.h"

extern "C" {
// Provided by the linker for any section whose name is a C identifier.
// Weak, so a program without any command (some host tests) still links.
extern const sis::shell::Command __start_sis_commands[] __attribute__((weak));
extern const sis::shell::Command __stop_sis_commands[] __attribute__((weak));
}

namespace sis::shell {

namespace {

const Command* sorted[256];
usize sorted_count = 0;
bool sorted_ready = false;

void build_index() {
  if (sorted_ready) return;
  for (const Command* c = __start_sis_commands; c < __stop_sis_commands && sorted_count < array_size(sorted); ++c) {
    usize i = sorted_count++;
    while (i > 0 && strcmp(sorted[i - 1]->name, c->name) > 0) {
      sorted[i] = sorted[i - 1];
      --i;
    }
    sorted[i] = c;
  }
  sorted_ready = true;
}

}  // namespace

usize command_count() {
  build_index();
  return sorted_count;
}

const Command* command_at(usize index) {
  build_index();
  return index < sorted_count ? sorted[index] : nullptr;
}

const Command* find_command(StrView name) {
  build_index();
  for (usize i = 0; i < sorted_count; ++i)
    if (StrView(sorted[i]->name) == name) return sorted[i];
  return nullptr;
}

namespace {

RedirectFn redirect_fn = nullptr;


}  // namespace

void set_redirect_handler(RedirectFn fn) { redirect_fn = fn; }

int execute_line(char* line, Output& out) {
  Args args;
  Error e = tokenize(line, &args);
  if (e == Error::TooBig) {
    out.printf("error: too many words (at most %zu)\n", Args::kMax);
    return 2;
  }
  if (e == Error::Invalid) {
    out.print("error: unterminated quote\n");
    return 2;
  }
  if (args.argc == 0) return 0;
  const Command* cmd = find_command(args.argv[0]);
  if (!cmd) {
    out.printf("%.*s: unknown command (type 'help' for the list)\n", static_cast<int>(args.argv[0].size),
               args.argv[0].data);
    return 127;
  }
  // "CMD --help" shows the usage; later positions are the command's own (bench NAME --help).
  if (args.argc > 1 && (args.argv[1] == StrView("--help") || args.argv[1] == StrView("-h"))) {
    out.printf("%s\n", cmd->usage);
    return 0;
  }
  if (args.argc >= 3 && (args.argv[args.argc - 2] == ">" || args.argv[args.argc - 2] == ">>")) {
    if (!redirect_fn) {
      out.print("error: no file system for output redirection\n");
      return 1;
    }
    bool append = args.argv[args.argc - 2] == ">>";
    StrView path = args.argv[args.argc - 1];
    args.argc -= 2;
    static BoundedOutput<8192> capture;
    capture.reset();
    int rc = cmd->run(args, capture);
    if (capture.truncated()) {
      out.print("error: output too long for redirection (8 KiB)\n");
      return 1;
    }
    if (int err = redirect_fn(path, append, capture.view())) {
      out.printf("%.*s: cannot write (error %d)\n", static_cast<int>(path.size), path.data, err);
      return 1;
    }
    return rc;
  }
  return cmd->run(args, out);
}

}  // namespace sis::shell
