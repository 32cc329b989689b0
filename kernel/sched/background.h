// Background work: streaming traces and LLM tokens, the AI monitor's sampling, the power
// model. Jobs run in the "background" kernel thread, on every kick() and at least every
// 10 ms. Before the scheduler starts, whoever waits for input calls run(). (The control
// port has threads of its own: control/control_port.h.)
//
// Jobs and shell commands share kernel state written before threads existed (static
// output buffers, the VFS), so the command lock serialises them: the shell (UART, or the
// control port's shell.exec) holds it while a command runs, the background thread while a
// job runs — except jobs registered as locking themselves (trace streaming, the AI
// scheduler's job), which keep running while a long shell command holds it.
#pragma once

namespace sis::background {

// Registers a function to run on every pass (at most 8; called in registration order).
// Jobs run holding the command lock, unless locks_itself says the job takes it where needed.
void add(void (*fn)(), bool locks_itself = false);
void run();
// Starts the background thread (after the scheduler has started).
void start();
// Asks the background thread to run its jobs now (any context, interrupt handlers too).
void kick();

// The command lock (a sleeping mutex once threads run; a no-op before).
void lock_commands();
void unlock_commands();
// Takes the command lock if nobody holds it (true) or returns false at once (the crash
// monitor's block-cache shrink must never wait behind a long command). True before threads.
bool try_lock_commands();
// True when the calling thread holds the command lock (code reachable both from a command
// and from elsewhere takes it only when this is false).
bool holds_commands();

}  // namespace sis::background
