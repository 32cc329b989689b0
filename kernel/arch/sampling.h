// The profiler's interrupt source (kernel only; arch/aarch64/prof_sampler.cpp): a periodic
// interrupt that hands the interrupted registers to a handler. Preferred source: overflow of a
// PMU event counter counting CPU cycles (PMU interrupt from the device tree); the start checks
// that the overflow interrupt really arrives and otherwise falls back to the EL1 physical
// timer (CNTP, the timer's second interrupt), which the scheduler's tick does not use.
#pragma once
#include "lib/result.h"

namespace sis {
class Fdt;
}

namespace sis::arch {

// What the sample interrupt interrupted.
struct InterruptedContext {
  u64 pc;
  u64 fp;    // x29: the innermost frame record (EL0: a user address)
  u64 lr;    // x30
  u64 sp;
  bool user; // EL0
};
// Runs in the interrupt handler: interrupts masked, on the interrupted thread's kernel stack.
using SampleHandler = void (*)(const InterruptedContext& c);

enum class SampleSource : u8 { Pmu, Timer };
const char* sample_source_name(SampleSource s);  // "pmu", "timer"

// Starts sampling at hz (1..10000). allow_pmu=false goes straight to the timer. Busy when
// already running; NotSupported when neither source exists. Call from thread context with
// interrupts enabled: the PMU check waits (at most ~50 ms) for its first interrupts.
Result<SampleSource> sampling_start(const Fdt& fdt, u32 hz, SampleHandler handler, bool allow_pmu = true);
void sampling_stop();
bool sampling_running();
u64 sampling_interrupts();  // sample interrupts since the last start
// The PMU source's measured CPU_CYCLES rate (per second) and overflow period (0: timer).
u64 sampling_cycle_rate();
u32 sampling_period();

}  // namespace sis::arch
