// Reads console bytes (interrupt-fed), edits lines, runs commands. While no input is
// waiting the shell thread blocks on a wait queue that the UART interrupt wakes (before the
// scheduler starts, the wait queue falls back to WFI), so other threads get the CPU.
// Ctrl-C while a command runs cancels it cooperatively (shell/cancel.h): the interrupt
// handler sets the command's token, the command's long loops notice and return.
#include "shell/uart_shell.h"

#include "arch/arch.h"
#include "sched/background.h"
#include "core/boot_info.h"
#include "core/console.h"
#include "fs/fs_boot.h"
#include "shell/cancel.h"
#include "shell/command.h"
#include "shell/line_editor.h"
#include "lib/string.h"
#include "sched/wait_queue.h"

namespace sis::shell {
namespace {

// The console as an Output, for commands run from the UART shell.
class ConsoleOutput final : public Output {
 public:
  void write(StrView s) override { console::write(s); }
};
ConsoleOutput console_output;

void echo(void*, const char* s, usize n) { console::write(StrView(s, n)); }

sched::WaitQueue input_wait;
CancelToken uart_token;
volatile bool command_running = false;  // from Enter until the command returned

// Before every prompt while "/" is not a disk: such a root takes writes and loses them at
// poweroff, which is easy to miss after a boot message scrolled away. Hosts look for the
// "[NO DISK:" prefix (docs/desktop.md, sisctl boot's exit code 7).
void warn_if_no_disk() {
  fs::RootStatus r = fs::root_status();
  if (r.persistent()) return;
  if (r.kind == fs::RootKind::None)
    kprintf("[NO DISK: no root file system]\n");
  else if (r.disk_present)
    kprintf("[NO DISK: disk0 unusable (%s); / is in memory, changes are lost at poweroff]\n", error_name(r.disk_error));
  else
    kprintf("[NO DISK: / is in memory, changes are lost at poweroff]\n");
}

void show_prompt(LineEditor& editor) {
  warn_if_no_disk();
  editor.show_prompt();
}

}  // namespace

void console_input_ready() { input_wait.wake_all(); }

bool console_interrupt_filter(char c) {
  if (console::divert_input(c)) return true;  // a user program has the console as its terminal
  if (c != 0x03 || !command_running) return false;
  uart_token.requested = true;
  return true;
}

void run_uart_shell() {
  static LineEditor editor("sis> ", echo, nullptr);
  boot_info::mark_shell_ready();
  u64 ns = boot_info::shell_ready_ns();
  kprintf("Boot to shell: %llu.%03llu ms. Type 'help' for commands.\n", static_cast<unsigned long long>(ns / 1000000),
          static_cast<unsigned long long>(ns / 1000 % 1000));
  show_prompt(editor);
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
      uart_token.reset();
      command_running = true;  // Ctrl-C from here on (also while waiting for the lock) cancels
      background::lock_commands();
      {
        CancelScope scope(uart_token);
        execute_line(line, console_output);
      }
      background::unlock_commands();
      command_running = false;
      if (uart_token.observed) kprintf("^C: interrupted\n");
      show_prompt(editor);
    } else if (ev == LineEditor::Event::Cancel) {
      show_prompt(editor);
    }
  }
}

}  // namespace sis::shell
