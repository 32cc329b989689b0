// HostEnergy: the host's own energy counters, where it has them (plain C++, no Qt).
//
//  - Intel RAPL (and AMD RAPL on kernels >= 5.8) through powercap:
//    /sys/class/powercap/intel-rapl:N/energy_uj, the package zones only (intel-rapl:N:M are
//    parts of a package); each wraps at its max_energy_range_uj.
//  - AMD's amd_energy hwmon driver: /sys/class/hwmon/hwmonN with name "amd_energy",
//    energyK_input in microjoules, labelled "EsocketS" (a package) or "EcoreC" (one core,
//    part of its socket): the socket counters are summed; the driver accumulates them in
//    64 bits, so they do not wrap.
//
// Many hosts have neither (virtual machines, CPUs without a driver) or make them root-only
// (energy_uj is 0400 since Linux 5.10): then counters() is empty and why_none() says why, so
// the caller can say "no measurement" instead of drawing zeros.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace sis::host {

// The whole text of a /proc or /sys file; false when it cannot be opened or read.
bool read_text_file(const std::string& path, std::string* out);

struct HostEnergyOptions {
  std::string powercap_root = "/sys/class/powercap";  // tests point these at a fake tree
  std::string hwmon_root = "/sys/class/hwmon";
};

class HostEnergy {
 public:
  struct Counter {
    std::string file;      // the energy file (microjoules)
    std::string label;     // "intel-rapl:0 (package-0)", "amd_energy Esocket0"
    uint64_t wrap_uj = 0;  // the counter's range (0: does not wrap)
  };

  explicit HostEnergy(HostEnergyOptions o = {});

  const std::vector<Counter>& counters() const { return counters_; }
  bool available() const { return !counters_.empty(); }
  // "intel-rapl", "amd_energy", or "" when there are no readable counters.
  const std::string& kind() const { return kind_; }
  // Why there are no counters ("no /sys/class/powercap and no amd_energy hwmon", "... not
  // readable (root only)"); empty when there are.
  const std::string& why_none() const { return why_none_; }

  // The current value of every counter, in counters() order. False when one cannot be read.
  bool read(std::vector<uint64_t>* uj) const;
  // Microjoules used between two read()s, each counter's wrap-around taken into account.
  uint64_t used_uj(const std::vector<uint64_t>& before, const std::vector<uint64_t>& after) const;

 private:
  void find_rapl(const std::string& root, std::vector<std::string>* unreadable);
  void find_amd_energy(const std::string& root, std::vector<std::string>* unreadable);

  HostEnergyOptions opt_;
  std::vector<Counter> counters_;
  std::string kind_;
  std::string why_none_;
};

}  // namespace sis::host
