// PowerMeter: the host as the VM's power meter (plain C++, no Qt).
//
// A VM has no power sensor, so the host measures what the VM really consumes: the CPU time
// of the QEMU process and all its threads (vCPU, I/O, main loop), from
// /proc/<pid>/task/*/schedstat (nanoseconds; utime+stime from .../stat, in clock ticks, when
// schedstat is missing), converted to watts with a per-core figure:
//
//   watts = (CPU seconds used / wall seconds) * watts_per_core
//
// The default figure, 10 W per fully busy core, is a desktop-class CPU's package power
// divided by its cores (e.g. 65 W TDP / 6 cores ~ 10.8 W; server parts run 3-8 W per core);
// pass your own (sisctl power --watts-per-core). Where the host has energy counters
// (HostEnergy: RAPL powercap zones or AMD's amd_energy hwmon, readable), the reading also
// carries the packages' measured watts and the QEMU share of them (package watts times QEMU's
// share of the host's busy CPU time from /proc/stat); `source` then says "rapl" or
// "amd_energy" and watts is that share. Without them (virtual machines, unreadable files)
// the per-core figure is used and `source` says "cpu-time": a model, not a measurement.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "power/host_energy.h"

namespace sis::host {

struct PowerMeterOptions {
  double watts_per_core = 10.0;
  bool use_rapl = true;
  std::string proc_root = "/proc";  // tests point these at a fake tree
  std::string powercap_root = "/sys/class/powercap";
  std::string hwmon_root = "/sys/class/hwmon";
};

class PowerMeter {
 public:
  using Options = PowerMeterOptions;
  struct Reading {
    double interval_s = 0;
    double cpu_cores = 0;    // QEMU's CPU seconds per wall second
    double watts = 0;        // the meter's answer
    int64_t milliwatts = 0;
    double rapl_package_watts = -1;  // the host's measured package watts; < 0: no energy counters
    int threads = 0;
    std::string source;      // "cpu-time", "rapl" or "amd_energy"
  };

  PowerMeter(pid_t pid, PowerMeterOptions o);
  PowerMeter(pid_t pid, double watts_per_core);

  // Takes the first sample. False (with a reason) when the process cannot be read.
  bool start(std::string* error);
  // Average power since the previous sample (start() or read()).
  bool read(Reading* out, std::string* error);
  // The host has readable energy counters (RAPL or amd_energy): readings are measurements.
  bool has_rapl() const { return energy_.available(); }
  const HostEnergy& energy() const { return energy_; }
  const Options& options() const { return opt_; }

  // Parsers (public for the tests). schedstat: "<run ns> <wait ns> <slices>"; stat: the
  // comm field may contain spaces and parentheses, utime and stime are fields 14 and 15.
  static bool parse_schedstat(const std::string& text, uint64_t* run_ns);
  static bool parse_stat_times(const std::string& text, uint64_t* utime_ticks, uint64_t* stime_ticks);
  // /proc/stat "cpu" line: busy and total jiffies.
  static bool parse_proc_stat_cpu(const std::string& text, uint64_t* busy, uint64_t* total);

 private:
  struct Sample {
    double t_s = 0;
    uint64_t cpu_ns = 0;
    int threads = 0;
    std::vector<uint64_t> energy_uj;
    uint64_t host_busy = 0, host_total = 0;
  };
  bool sample(Sample* s, std::string* error);

  pid_t pid_;
  Options opt_;
  HostEnergy energy_;
  long ticks_per_s_ = 100;
  Sample prev_;
  bool started_ = false;
};

}  // namespace sis::host
