// Fuzz target: the shell tokenizer and dispatcher on arbitrary lines (what a user, or a host
// talking to the control port, may type).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "shell/command.h"

using sis::Error;
using sis::StrView;
using sis::shell::Args;

namespace {

class NullOutput : public sis::shell::Output {
 public:
  void write(StrView s) override { bytes += s.size; }
  size_t bytes = 0;
};

int cmd_fz_echo(const Args& a, sis::shell::Output& out) {
  for (size_t i = 1; i < a.argc; ++i) out.printf("%.*s ", static_cast<int>(a.argv[i].size), a.argv[i].data);
  (void)a.has("--json");
  (void)a.value("--n");
  return 5;
}
SIS_COMMAND("fz-echo", "fuzz echo", "fz-echo [WORDS...]", cmd_fz_echo);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::vector<char> line(data, data + size);
  line.push_back('\0');
  const std::string original(line.data());  // up to the first NUL, as the shell sees it
  std::vector<char> for_exec = line;

  Args args;
  Error e = sis::shell::tokenize(line.data(), &args);
  FUZZ_CHECK(e == Error::Ok || e == Error::TooBig || e == Error::Invalid);
  if (e == Error::Ok) {
    FUZZ_CHECK(args.argc <= Args::kMax);
    size_t total = 0;
    for (size_t i = 0; i < args.argc; ++i) {
      const StrView w = args.argv[i];
      FUZZ_CHECK(fuzz_inside(line.data(), original.size() + 1, w.data, w.size + 1));
      FUZZ_CHECK(w.data[w.size] == '\0');
      total += w.size;
    }
    FUZZ_CHECK(total <= original.size());
    // Without quotes the result must be a plain split on blanks.
    if (original.find_first_of("\"'") == std::string::npos) {
      std::vector<std::string> expect;
      size_t i = 0;
      while (i < original.size()) {
        while (i < original.size() && (original[i] == ' ' || original[i] == '\t')) ++i;
        size_t j = i;
        while (j < original.size() && original[j] != ' ' && original[j] != '\t') ++j;
        if (j > i) expect.push_back(original.substr(i, j - i));
        i = j;
      }
      FUZZ_CHECK(expect.size() == args.argc);
      for (size_t k = 0; k < args.argc; ++k)
        FUZZ_CHECK(expect[k] == std::string(args.argv[k].data, args.argv[k].size));
    }
  } else if (e == Error::Invalid) {
    FUZZ_CHECK(original.find_first_of("\"'") != std::string::npos);  // only quotes can be unterminated
  }

  NullOutput out;
  int rc = sis::shell::execute_line(for_exec.data(), out);
  // 1: output redirection ("> FILE", ">> FILE"), which fails here: the host has no file system.
  FUZZ_CHECK(rc == 0 || rc == 2 || rc == 5 || rc == 127 || (rc == 1 && original.find('>') != std::string::npos));
  return 0;
}
