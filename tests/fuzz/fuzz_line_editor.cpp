// Fuzz target: the line editor on arbitrary input byte streams (a terminal may send anything,
// including partial escape sequences). Besides memory safety it checks that, whenever a line
// is submitted, the terminal showed exactly that line after the prompt.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.h"
#include "shell/line_editor.h"
#include "terminal_model.h"

using sis::shell::LineEditor;
using sis::test::TerminalModel;

namespace {

const char kPrompt[] = "sis> ";

void echo(void* ctx, const char* s, size_t n) {
  FUZZ_CHECK(n <= 2 * LineEditor::kMaxLine + 64);
  static_cast<TerminalModel*>(ctx)->feed(s, n);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  TerminalModel t;
  TerminalModel* term = &t;
  LineEditor editor(kPrompt, echo, term);  // fresh per input: inputs stay independent
  LineEditor* ed = &editor;
  ed->show_prompt();
  for (size_t i = 0; i < size; ++i) {
    auto ev = ed->feed(static_cast<char>(data[i]));
    FUZZ_CHECK(ed->history_size() <= LineEditor::kHistory);
    if (ev == LineEditor::Event::Line) {
      const char* line = ed->line();
      size_t n = strlen(line);
      FUZZ_CHECK(n <= LineEditor::kMaxLine);
      for (size_t k = 0; k < n; ++k) {
        auto c = static_cast<unsigned char>(line[k]);
        FUZZ_CHECK(c >= 0x20 && c != 0x7f);
      }
      FUZZ_CHECK(!term->finished_rows().empty());
      FUZZ_CHECK(term->finished_rows().back() == TerminalModel::rtrim(std::string(kPrompt) + line));
      ed->show_prompt();
    } else if (ev == LineEditor::Event::Cancel) {
      ed->show_prompt();
    }
    FUZZ_CHECK(term->unexpected() == 0);
  }
  return 0;
}
