// Weak kernel definitions of signal_hook.h, so the kernel links before the process code
// defines them: with no processes there is no signal to be pending and no process group to
// signal. proc/signal.cpp's strong definitions replace these (then delete this file).
#include "proc/signal_hook.h"

namespace sis::proc {

__attribute__((weak)) bool signal_pending_for_current() { return false; }
__attribute__((weak)) void signal_pgrp(int, int) {}

}  // namespace sis::proc
