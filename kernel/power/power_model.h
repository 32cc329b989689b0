// The power model (portable): P = P_idle + sum_k c_k * x_k over features the kernel measures
// from its own counters. Everything is integer fixed point (the kernel has no floating point):
//
//   feature        unit            counter it comes from
//   util           ppm (0..1e6)    scheduler idle time, minus idle injection and host steal
//   mem            KiB/s           page-allocator traffic (bytes handed out by the buddy allocator)
//   io             KiB/s           virtio-blk bytes read + written
//   inst           M instr/s       PMU event 0x08 INST_RETIRED (0 where the PMU does not count it)
//   switch         1/s             context switches (each wake-up from WFI costs the emulator work)
//
// Coefficients: idle_mw in milliwatts, slope_q32[k] in mW per feature unit times 2^32.
// estimate_mw() is the hot path (10 Hz sampler, budget controller): one 64x64->128 multiply
// per feature, no division.
#pragma once
#include "lib/types.h"

namespace sis::power {

enum Feature : u32 { kUtil = 0, kMem, kIo, kInst, kSwitch, kFeatureCount };
const char* feature_name(u32 k);   // "util", "mem", "io", "inst", "switch"
const char* feature_unit(u32 k);   // "ppm", "KiB/s", ...

struct Features {
  i64 x[kFeatureCount] = {};
};

// Cumulative counters at one instant (all monotonic since boot).
struct Counters {
  u64 t_ns = 0;          // kernel monotonic time
  u64 idle_ns = 0;       // the scheduler's idle thread ran
  u64 injected_ns = 0;   // idle injected by the power budget (a thread sat in WFI)
  u64 steal_ns = 0;      // time a busy CPU did not run because the host did not run QEMU
  u64 mem_bytes = 0;     // page-allocator traffic
  u64 io_bytes = 0;      // block-device bytes
  u64 instructions = 0;  // PMU instructions retired (0 if not counted)
  u64 switches = 0;      // scheduler context switches
};

// Features over [a, b] (b later). A zero-length interval gives all-zero features.
Features features_between(const Counters& a, const Counters& b);
// Busy fraction of [a, b] in ppm, before removing steal (what the scheduler saw).
i64 busy_ppm_between(const Counters& a, const Counters& b);
// Linear interpolation of counters at time t between a (t <= ... ) and b.
Counters interpolate(const Counters& a, const Counters& b, u64 t_ns);

struct Coefficients {
  i64 idle_mw = 0;
  i64 slope_q32[kFeatureCount] = {};
  bool calibrated = false;   // false: the built-in defaults
  u32 samples = 0;           // meter readings the fit used
  i64 rms_mw = 0;            // residual of the fit on its own samples
  u64 calibrated_at_ns = 0;  // kernel time of the fit (0 = defaults)
};

// Uncalibrated defaults: a 10 W core that idles at 0.6 W (the host meter's default figure).
Coefficients default_coefficients();
i64 estimate_mw(const Coefficients& c, const Features& f);
// The contribution of one feature in mW.
i64 term_mw(const Coefficients& c, const Features& f, u32 k);

// Text form stored in /etc/power.conf ("key value" lines; unknown keys ignored):
//   idle_mw 612
//   util_q32 42949672
//   ...
// format returns the bytes written (0 if cap is too small); parse returns false on a
// malformed file (c is left unchanged then).
usize format_coefficients(const Coefficients& c, char* buf, usize cap);
bool parse_coefficients(const char* text, usize len, Coefficients* c);

// Absolute percentage error of an estimate against a measurement, in ppm (1e6 = 100%).
i64 ape_ppm(i64 estimated_mw, i64 measured_mw);

}  // namespace sis::power
