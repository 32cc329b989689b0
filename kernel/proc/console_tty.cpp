// The console tty (see console_tty.h).
#include "proc/console_tty.h"

#include "core/console.h"
#include "proc/file_devices.h"

namespace sis::proc {
namespace {

alignas(Tty) u8 tty_storage[sizeof(Tty)];
Tty* tty = nullptr;
bool held = false;

// The console driver already turns every "\n" into "\r\n" (for the kernel's own output), so the
// "\r\n" that the tty's ONLCR makes goes out as "\n": one carriage return, not two.
void console_out(void*, const char* s, usize n) {
  usize start = 0;
  for (usize i = 0; i + 1 < n; ++i) {
    if (s[i] != '\r' || s[i + 1] != '\n') continue;
    console::write(StrView(s + start, i - start));
    start = i + 1;
  }
  console::write(StrView(s + start, n - start));
}
void input(char c) { tty->receive(c); }
File* open_tty(u32 flags) { return console_tty_open(flags); }

}  // namespace

Error console_tty_init() {
  if (tty) return Error::Ok;
  WaitChannel* ch = wait_channel_create();
  if (!ch) return Error::NoMemory;
  tty = new (tty_storage, FilePlacement{}) Tty(console_out, nullptr, ch);
  set_tty_opener(open_tty);
  return Error::Ok;
}

Tty* console_tty() { return tty; }

File* console_tty_open(u32 flags) {
  if (!tty) return nullptr;
  return make_file<TtyFile>(tty, flags);
}

void console_tty_acquire(int pgid, int sid) {
  if (!tty) return;
  tty->set_termios(Tty::default_termios(), true);
  tty->set_foreground_pgrp(pgid);
  tty->set_session(sid);
  held = true;
  console::set_input_sink(input);
}

void console_tty_release() {
  if (!tty) return;
  console::set_input_sink(nullptr);
  held = false;
  tty->flush_input();
  tty->set_foreground_pgrp(0);
  tty->set_session(0);
}

bool console_tty_held() { return held; }

}  // namespace sis::proc
