// The AI core's scheduler glue (kernel only): the transformer policy's registration and the
// `schedctl transformer on|off|stats [--json]` subcommand that cmd_sched.cpp forwards here.
#pragma once
#include "shell/command.h"

namespace sis::ai {

int schedctl_transformer(const shell::Args& a, shell::Output& out);
// The AI monitor's background job (registered by top/background_jobs.cpp): registers the
// transformer policy, samples before the scheduler runs, then starts the ai-monitor thread.
// It takes only its own state, so it runs without the command lock.
void background_job();
// The scheduler model file built into the image (for `bench ai`).
const u8* sched_model_bytes(usize* size);

}  // namespace sis::ai
