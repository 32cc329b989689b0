#include "power/host_energy.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sis::host {

bool read_text_file(const std::string& path, std::string* out) {
  std::ifstream f(path);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return !f.bad();
}

namespace {

bool read_text(const std::string& path, std::string* out) { return read_text_file(path, out); }

// A counter file that holds a number: readable by us and not empty.
bool read_number(const std::string& path, uint64_t* v) {
  std::string text;
  if (!read_text(path, &text)) return false;
  char* end = nullptr;
  unsigned long long n = std::strtoull(text.c_str(), &end, 10);
  if (end == text.c_str()) return false;
  *v = n;
  return true;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::vector<std::string> sorted_entries(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d))
      if (e->d_name[0] != '.') names.push_back(e->d_name);
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

HostEnergy::HostEnergy(HostEnergyOptions o) : opt_(std::move(o)) {
  std::vector<std::string> unreadable;
  find_rapl(opt_.powercap_root, &unreadable);
  if (counters_.empty()) find_amd_energy(opt_.hwmon_root, &unreadable);
  if (!counters_.empty()) return;
  if (!unreadable.empty()) {
    why_none_ = unreadable.front() + " is not readable (root only on this host)";
  } else {
    why_none_ = "no RAPL zones under " + opt_.powercap_root + " and no amd_energy sensor under " + opt_.hwmon_root;
  }
}

void HostEnergy::find_rapl(const std::string& root, std::vector<std::string>* unreadable) {
  for (const std::string& name : sorted_entries(root)) {
    // Package zones only: intel-rapl:N, not the sub-zones intel-rapl:N:M (core, uncore, dram).
    if (name.rfind("intel-rapl:", 0) != 0 || name.find(':', 11) != std::string::npos) continue;
    const std::string dir = root + "/" + name;
    uint64_t v = 0;
    if (!read_number(dir + "/energy_uj", &v)) {
      if (exists(dir + "/energy_uj")) unreadable->push_back(dir + "/energy_uj");
      continue;
    }
    Counter c;
    c.file = dir + "/energy_uj";
    std::string zone;
    c.label = read_text(dir + "/name", &zone) ? name + " (" + trimmed(zone) + ")" : name;
    read_number(dir + "/max_energy_range_uj", &c.wrap_uj);
    counters_.push_back(c);
  }
  if (!counters_.empty()) kind_ = "intel-rapl";
}

void HostEnergy::find_amd_energy(const std::string& root, std::vector<std::string>* unreadable) {
  for (const std::string& hw : sorted_entries(root)) {
    const std::string dir = root + "/" + hw;
    std::string name;
    if (!read_text(dir + "/name", &name) || trimmed(name) != "amd_energy") continue;
    for (const std::string& f : sorted_entries(dir)) {
      // energyK_label / energyK_input
      if (f.rfind("energy", 0) != 0 || f.size() < 13 || f.compare(f.size() - 6, 6, "_label") != 0) continue;
      std::string label;
      if (!read_text(dir + "/" + f, &label) || trimmed(label).rfind("Esocket", 0) != 0) continue;
      const std::string input = dir + "/" + f.substr(0, f.size() - 6) + "_input";
      uint64_t v = 0;
      if (!read_number(input, &v)) {
        if (exists(input)) unreadable->push_back(input);
        continue;
      }
      counters_.push_back(Counter{input, "amd_energy " + trimmed(label), 0});
    }
  }
  if (!counters_.empty()) kind_ = "amd_energy";
}

bool HostEnergy::read(std::vector<uint64_t>* uj) const {
  uj->assign(counters_.size(), 0);
  for (size_t i = 0; i < counters_.size(); ++i)
    if (!read_number(counters_[i].file, &(*uj)[i])) return false;
  return true;
}

uint64_t HostEnergy::used_uj(const std::vector<uint64_t>& before, const std::vector<uint64_t>& after) const {
  uint64_t sum = 0;
  for (size_t i = 0; i < counters_.size() && i < before.size() && i < after.size(); ++i) {
    if (after[i] >= before[i])
      sum += after[i] - before[i];
    else if (counters_[i].wrap_uj > before[i])
      sum += counters_[i].wrap_uj - before[i] + after[i];  // wrapped once
    // else: a counter that went backwards without a known range (a reset): nothing counted
  }
  return sum;
}

}  // namespace sis::host
