// The background jobs the kernel runs (sched/background.h is the worker that runs them).
#pragma once

namespace sis::top {

// Registers every periodic job, in the order they run on each pass. Called by kmain before
// anything can run a pass (the shell's input wait before the scheduler starts, or the
// background thread).
void register_background_jobs();

}  // namespace sis::top
