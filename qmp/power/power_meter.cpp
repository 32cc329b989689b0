#include "power/power_meter.h"

#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace sis::host {
namespace {

bool read_text(const std::string& path, std::string* out) { return read_text_file(path, out); }

double now_s() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

}  // namespace

PowerMeter::PowerMeter(pid_t pid, double watts_per_core) : PowerMeter(pid, [&] {
  PowerMeterOptions o;
  o.watts_per_core = watts_per_core;
  return o;
}()) {}

namespace {
HostEnergy find_energy(const PowerMeterOptions& o) {
  HostEnergyOptions e;
  if (!o.use_rapl) e.powercap_root = e.hwmon_root = "";  // nothing to find
  else {
    e.powercap_root = o.powercap_root;
    e.hwmon_root = o.hwmon_root;
  }
  return HostEnergy(e);
}
}  // namespace

PowerMeter::PowerMeter(pid_t pid, PowerMeterOptions o) : pid_(pid), opt_(std::move(o)), energy_(find_energy(opt_)) {
  long t = sysconf(_SC_CLK_TCK);
  if (t > 0) ticks_per_s_ = t;
}

bool PowerMeter::parse_schedstat(const std::string& text, uint64_t* run_ns) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (end == text.c_str()) return false;
  *run_ns = v;
  return true;
}

bool PowerMeter::parse_stat_times(const std::string& text, uint64_t* ut, uint64_t* st) {
  // pid (comm) state ppid ... : fields after the last ')' start with field 3 (state).
  size_t close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream in(text.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 13; ++i)
    if (!(in >> field)) return false;
  unsigned long long u, s;
  if (!(in >> u >> s)) return false;
  *ut = u;
  *st = s;
  return true;
}

bool PowerMeter::parse_proc_stat_cpu(const std::string& text, uint64_t* busy, uint64_t* total) {
  std::istringstream in(text);
  std::string label;
  if (!(in >> label) || label != "cpu") return false;
  unsigned long long v[10] = {};
  int n = 0;
  while (n < 10 && in >> v[n]) ++n;
  if (n < 4) return false;
  uint64_t t = 0;
  for (int i = 0; i < n && i < 8; ++i) t += v[i];  // guest time is already in user
  uint64_t idle = v[3] + (n > 4 ? v[4] : 0);     // idle + iowait
  *total = t;
  *busy = t - idle;
  return true;
}

bool PowerMeter::sample(Sample* s, std::string* error) {
  std::string base = opt_.proc_root + "/" + std::to_string(pid_) + "/task";
  DIR* d = opendir(base.c_str());
  if (!d) {
    if (error) *error = "cannot read " + base + " (is QEMU running?)";
    return false;
  }
  s->t_s = now_s();
  s->cpu_ns = 0;
  s->threads = 0;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::string dir = base + "/" + e->d_name, text;
    uint64_t ns = 0, ut = 0, st = 0;
    if (read_text(dir + "/schedstat", &text) && parse_schedstat(text, &ns)) {
      s->cpu_ns += ns;
    } else if (read_text(dir + "/stat", &text) && parse_stat_times(text, &ut, &st)) {
      s->cpu_ns += (ut + st) * 1000000000ull / static_cast<uint64_t>(ticks_per_s_);
    } else {
      continue;  // the thread exited between readdir and read
    }
    ++s->threads;
  }
  closedir(d);
  if (s->threads == 0) {
    if (error) *error = "no readable threads under " + base;
    return false;
  }
  if (energy_.available()) {
    if (!energy_.read(&s->energy_uj)) s->energy_uj.clear();
    std::string stat;
    if (read_text(opt_.proc_root + "/stat", &stat)) parse_proc_stat_cpu(stat, &s->host_busy, &s->host_total);
  }
  return true;
}

bool PowerMeter::start(std::string* error) {
  started_ = sample(&prev_, error);
  return started_;
}

bool PowerMeter::read(Reading* out, std::string* error) {
  if (!started_ && !start(error)) return false;
  Sample now;
  if (!sample(&now, error)) return false;
  double dt = now.t_s - prev_.t_s;
  if (dt <= 0) dt = 1e-9;
  // A thread that exited took its CPU time with it: never report a negative amount.
  uint64_t dcpu = now.cpu_ns > prev_.cpu_ns ? now.cpu_ns - prev_.cpu_ns : 0;
  Reading r;
  r.interval_s = dt;
  r.cpu_cores = dcpu / 1e9 / dt;
  r.threads = now.threads;
  r.watts = r.cpu_cores * opt_.watts_per_core;
  r.source = "cpu-time";
  if (energy_.available() && !now.energy_uj.empty() && now.energy_uj.size() == prev_.energy_uj.size() &&
      now.host_total > prev_.host_total) {
    const uint64_t de = energy_.used_uj(prev_.energy_uj, now.energy_uj);
    r.rapl_package_watts = de / 1e6 / dt;
    // QEMU's share of the host's busy time: its CPU seconds over all busy CPU seconds.
    double host_busy_s = static_cast<double>(now.host_busy - prev_.host_busy) / ticks_per_s_;
    double share = host_busy_s > 0 ? std::min(1.0, dcpu / 1e9 / host_busy_s) : 0;
    r.watts = r.rapl_package_watts * share;
    r.source = energy_.kind() == "intel-rapl" ? "rapl" : energy_.kind();
  }
  r.milliwatts = static_cast<int64_t>(r.watts * 1000 + 0.5);
  prev_ = now;
  *out = r;
  return true;
}

}  // namespace sis::host
