// The AI core's scheduler glue (kernel only): the transformer policy's registration and its
// state, which `schedctl transformer` (shell/cmd_sched.cpp) shows and switches.
#pragma once
#include "lib/result.h"

namespace sis::ai {

struct TransformerStatus {
  bool active = false;        // the scheduler's active policy
  bool model_loaded = false;
  const char* model_error = "";  // why the built-in model did not load ("" when it did)
  u32 model_version = 0;
  u64 picks = 0;              // picks made by the policy
  u64 model_picks = 0;        // ... decided by the model
  u64 starvation_picks = 0;   // ... by the starvation guard instead
  u64 wakeup_decisions = 0;   // wake-up preemption decisions
};
TransformerStatus transformer_status();
// Makes the transformer policy (on) or the baseline (off) the active one.
Error set_transformer_policy(bool on);

// Registers the transformer policy with the scheduler (once; after sched::start). kmain calls
// it right after the scheduler starts, so `schedctl policy transformer` and `bench sched`
// find it from the first command on (the background job registering it lazily left a window
// in which it did not exist).
void register_transformer_policy();
// The AI monitor's background job (registered by top/background_jobs.cpp): registers the
// transformer policy, samples before the scheduler runs, then starts the ai-monitor thread.
// It takes only its own state, so it runs without the command lock.
void background_job();
// The scheduler model file built into the image (for `bench ai`).
const u8* sched_model_bytes(usize* size);

}  // namespace sis::ai
