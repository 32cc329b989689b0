// Reads console bytes (interrupt-fed), edits lines, runs commands. While no input is
// waiting the shell thread blocks on a wait queue that the UART interrupt wakes (before the
// scheduler starts, the wait queue falls back to WFI), so other threads get the CPU.
#include "shell/uart_shell.h"

#include "arch/arch.h"
#include "core/background.h"
#include "core/boot_info.h"
#include "core/console.h"
#include "shell/command.h"
#include "shell/line_editor.h"
#include "lib/string.h"
#include "sched/wait_queue.h"

namespace sis::shell {
namespace {

void echo(void*, const char* s, usize n) { console::write(StrView(s, n)); }

sched::WaitQueue input_wait;

}  // namespace

void console_input_ready() { input_wait.wake_all(); }

void run_uart_shell() {
  static LineEditor editor("sis> ", echo, nullptr);
  boot_info::mark_shell_ready();
  u64 ns = boot_info::shell_ready_ns();
  kprintf("Boot to shell: %llu.%03llu ms. Type 'help' for commands.\n", static_cast<unsigned long long>(ns / 1000000),
          static_cast<unsigned long long>(ns / 1000 % 1000));
  editor.show_prompt();
  for (;;) {
    char c;
    // Background jobs run in their own thread once the scheduler runs; before that (and
    // should the thread be missing) this loop is the only context left to run them.
    if (!sched::started()) background::run();
    input_wait.wait_until([&] { return console::read(&c); });
    auto ev = editor.feed(c);
    if (ev == LineEditor::Event::Line) {
      static char line[LineEditor::kMaxLine + 1];
      copy_cstr(line, sizeof(line), editor.line());
      background::lock_commands();
      execute_line(line, console::output());
      background::unlock_commands();
      editor.show_prompt();
    } else if (ev == LineEditor::Event::Cancel) {
      editor.show_prompt();
    }
  }
}

}  // namespace sis::shell
