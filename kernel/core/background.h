// Background work the kernel does whenever the CPU would otherwise idle: servicing the
// control port, emitting metrics. Until kernel threads exist the shell's wait loop runs
// it (woken at least every timer tick); afterwards the idle path or a service thread does.
#pragma once

namespace sis::background {

// Registers a function to run on every pass (at most 8; called in registration order).
void add(void (*fn)());
void run();

}  // namespace sis::background
