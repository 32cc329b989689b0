// The kernel's sampling profiler (kernel only; docs/profiler.md). start() arms the sample
// interrupt (arch/sampling.h: PMU cycle overflow, else the EL1 physical timer); each sample
// records the interrupted thread (or process), EL0/EL1 and its call stack by frame records
// into this CPU's ring; a drain thread moves samples into a table of raw stacks while
// profiling runs. stop() names every frame and keeps the result as the last profile, which
// report and the folded text read until the next stop. Callers serialize through the shell's
// command lock; a mutex here guards the state as well.
#pragma once
#include "lib/json.h"
#include "lib/output.h"
#include "lib/result.h"

namespace sis::prof {

enum class Target : u8 { All, Kernel, Pid };

struct StartOptions {
  u32 hz = 1000;      // 1..10000
  Target target = Target::All;
  u32 pid = 0;        // Target::Pid
  bool allow_pmu = true;
};
struct Started {
  u32 hz;
  const char* mode;   // "pmu" or "timer"
};
// Busy when a profile is running; Invalid for a rate outside 1..10000; NoProcess when
// Target::Pid names no running process.
Result<Started> start(const StartOptions& o);

struct Stopped {
  u64 samples;       // samples in the profile
  u64 dropped;       // samples lost (ring full or table out of memory)
  u64 duration_ns;
  u64 handler_ns;    // time in the sample handler (without exception entry and exit)
  u64 drain_ns;      // time the drain thread worked
};
// NoEntry when no profile is running.
Result<Stopped> stop();
bool running();

// The last stopped profile. NoEntry before the first stop.
Error write_report(usize top, Output& out);
Error write_report_json(usize top, JsonWriter& w);  // members of an open object
// The folded text of the last stopped profile (lines sorted, each ending in '\n').
Result<StrView> folded_text();

}  // namespace sis::prof
