// Reads console bytes (interrupt-fed), edits lines, runs commands. The CPU sleeps in WFI
// whenever no input is waiting.
#include "shell/uart_shell.h"

#include "arch/arch.h"
#include "core/background.h"
#include "core/boot_info.h"
#include "core/console.h"
#include "shell/command.h"
#include "shell/line_editor.h"
#include "lib/string.h"

namespace sis::shell {
namespace {

void echo(void*, const char* s, usize n) { console::write(StrView(s, n)); }

}  // namespace

void run_uart_shell() {
  static LineEditor editor("sis> ", echo, nullptr);
  boot_info::mark_shell_ready();
  u64 ns = boot_info::shell_ready_ns();
  kprintf("Boot to shell: %llu.%03llu ms. Type 'help' for commands.\n", static_cast<unsigned long long>(ns / 1000000),
          static_cast<unsigned long long>(ns / 1000 % 1000));
  editor.show_prompt();
  for (;;) {
    char c;
    background::run();  // control port, metrics (woken at least every timer tick)
    arch::irq_disable();
    if (!console::read(&c)) {
      arch::wait_for_interrupt_then_enable();
      continue;
    }
    arch::irq_enable();
    auto ev = editor.feed(c);
    if (ev == LineEditor::Event::Line) {
      static char line[LineEditor::kMaxLine + 1];
      copy_cstr(line, sizeof(line), editor.line());
      execute_line(line, console::output());
      editor.show_prompt();
    } else if (ev == LineEditor::Event::Cancel) {
      editor.show_prompt();
    }
  }
}

}  // namespace sis::shell
