// The console as a tty for user processes (kernel only): a Tty (tty.h) whose output goes to
// core/console.h and whose input comes from the console's receive interrupt while a
// process holds the console (console::set_input_sink).
//
// procctl hands the console to a program: console_tty_acquire(pgid) before it starts
// (input now goes to the tty; ^C sends SIGINT to pgid's group), console_tty_open() for its
// descriptors 0, 1 and 2, and console_tty_release() after it exited (input back to the
// kernel shell; unread input is dropped).
#pragma once
#include "proc/tty.h"

namespace sis::proc {

// Creates the tty and registers it as /dev/tty and /dev/console. Once, at boot, after the
// heap and the console are up.
Error console_tty_init();
Tty* console_tty();  // nullptr before init
// A new description of the console tty (one reference); nullptr when out of memory.
File* console_tty_open(u32 flags);
// Hands the console's input to the tty: pgid becomes the foreground process group and
// sid the tty's session, the tty is reset to cooked mode.
void console_tty_acquire(int pgid, int sid);
void console_tty_release();
bool console_tty_held();

}  // namespace sis::proc
