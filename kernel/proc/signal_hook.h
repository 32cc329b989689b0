// What the descriptor code needs from signals, implemented by the process code (the lead's
// proc/signal.cpp in the kernel; host tests define it themselves).
#pragma once

namespace sis::proc {

// True when the calling process has a signal pending that is not blocked: a blocked read
// or write gives up with -EINTR. Called with a wait queue's spinlock held and interrupts
// masked: it must not sleep or take a sleeping lock.
bool signal_pending_for_current();

// Sends sig to every process in process group pgid (the tty's ^C, ^\ and ^Z). Called from
// the console's receive interrupt: it must not sleep.
void signal_pgrp(int pgid, int sig);

// Job control's background check (tty.cpp): who is calling, and whether sig would reach it.
struct CallerJob {
  int pgid = 0, sid = 0;
  bool sig_acts = false;  // the signal is neither ignored nor blocked by the caller
  bool orphaned = false;  // no member's parent is in another group of the same session
};
CallerJob caller_job(int sig);

}  // namespace sis::proc
