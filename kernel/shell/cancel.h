// Cooperative cancellation of the running shell command. Long loops in commands (file
// reads, sleep, stress tests, disk patterns) ask cancelled() and stop early, saying
// "interrupted"; no thread is ever killed, so no lock (file system, allocator) is left held.
//
// Whoever runs a command holds the command lock and installs its token for the command's
// duration: the UART shell (Ctrl-C sets `requested`) and the control port's shell.exec (a
// deadline from `timeout_ms`; `requested` when the host that asked disconnects).
#pragma once
#include "lib/types.h"

namespace sis::shell {

struct CancelToken {
  volatile bool requested = false;  // stop now
  u64 deadline_ns = 0;              // stop once the clock passes this (0: no deadline)
  volatile bool observed = false;   // the command saw cancelled() say yes (it stopped early)

  void reset() {
    requested = false;
    deadline_ns = 0;
    observed = false;
  }
};

// Makes `t` the running command's token until the scope ends (command lock held).
class CancelScope {
 public:
  explicit CancelScope(CancelToken& t);
  ~CancelScope();
  CancelScope(const CancelScope&) = delete;
  CancelScope& operator=(const CancelScope&) = delete;

 private:
  CancelToken* previous_;
};

// Installs `t` (may be nullptr) and returns the token it replaces, for runners whose scope
// is split across a lock and an unlock function.
CancelToken* swap_cancel_token(CancelToken* t);
// The running command's token (nullptr when none is installed).
CancelToken* current_cancel_token();
// True when the running command should stop: its token was requested or its deadline
// passed. Cheap (one clock read); call it once per chunk of work, not per byte.
bool cancelled();
// The clock for deadlines (nanoseconds; set once at boot, host tests set their own).
void set_cancel_clock(u64 (*now_ns)());
u64 cancel_clock_ns();

}  // namespace sis::shell
