// Memory-stress scenarios for the crash predictor (kernel only): the workloads its
// training traces are recorded from and the autonomy demo runs (docs/ai.md).
//
// Each scenario runs a workload that allocates real kernel memory (kmalloc objects and page
// blocks) in a pattern chosen by its name and seed, beside a "critical" allocator that
// needs an order-2 block (16 KiB, a kernel stack's worth) every few milliseconds. A critical
// allocation that fails is the crash: the scenario panics with an out-of-memory report
// (or, when recording or asked not to, stops and reports when it happened). The workload is
// registered as a memory consumer, so autonomous mode may stop it (it then frees its memory
// and idles until the end). The monitor is polled from the loop.
//   leak    grows at a seeded rate and never frees: runs out of memory
//   spike   rises and falls between 30% and a seeded peak (70%..110% of free memory)
//   frag    fills memory with single pages, frees every other one, then takes 8 KiB
//           blocks: runs out of order-2 blocks with ~40% of memory still free
//   steady  churns at a seeded 30%..75%: never runs out
//   idle    only the critical allocator: never runs out
//   burst   fills fast to a seeded 55%..80%, holds 0.2..0.6 s, frees it all, pauses: heavy
//           but safe (free memory falls as fast as in a leak, then comes back)
//   plateau a leak that stops at a seeded 70%..88% and holds: never runs out
//   threads a thread storm: new kernel threads every seeded 15..60 ms, each taking 16 KiB
//           blocks at a seeded pace and holding them; the sum grows with the thread count
//           until memory runs out (the run queue fills as it does)
#pragma once
#include "lib/result.h"

namespace sis::ai {

struct ScenarioConfig {
  const char* name = "leak";
  u64 seed = 1;
  u64 seconds = 6;
  bool panic_on_crash = true;
};

struct ScenarioResult {
  bool crashed = false;
  u64 crash_ms = 0;          // since the start
  bool stopped_by_ai = false;
  u64 stopped_ms = 0;
  u64 peak_bytes = 0;
  u64 free_at_start = 0;
  u64 failures = 0;          // workload allocations that failed (expected near the limit)
  u64 ops = 0;
  u64 elapsed_ms = 0;
};

bool scenario_known(const char* name);
constexpr usize kScenarioCount = 8;
extern const char* const kScenarioNames[kScenarioCount];
// Runs a scenario to its end (or its crash). Error::NoMemory if it cannot start.
Error run_scenario(const ScenarioConfig& cfg, ScenarioResult* out);

}  // namespace sis::ai
