// PowerMeter (qmp/power/power_meter.h): parsing /proc, summing every thread of the QEMU
// process, the per-core conversion, and the RAPL share, against a fake /proc and powercap;
// HostEnergy (qmp/power/host_energy.h): RAPL zones and AMD amd_energy on fake sysfs trees.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "power/host_energy.h"
#include "power/power_meter.h"

using sis::host::HostEnergy;
using sis::host::HostEnergyOptions;
using sis::host::PowerMeter;
using sis::host::PowerMeterOptions;
namespace fs = std::filesystem;

namespace {

void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

struct FakeHost {
  fs::path root = fs::temp_directory_path() / ("sis-power-meter-" + std::to_string(getpid()));
  FakeHost() { fs::remove_all(root); }
  ~FakeHost() { fs::remove_all(root); }
  void thread(int tid, unsigned long long run_ns) {
    put(root / "proc/4242/task" / std::to_string(tid) / "schedstat", std::to_string(run_ns) + " 100 7\n");
  }
  PowerMeterOptions opts(bool rapl = false) {
    PowerMeterOptions o;
    o.proc_root = (root / "proc").string();
    o.powercap_root = (root / "powercap").string();
    o.hwmon_root = (root / "hwmon").string();
    o.use_rapl = rapl;
    o.watts_per_core = 10;
    return o;
  }
};

// A sysfs tree with RAPL powercap zones and hwmon sensors (HostEnergy).
struct FakeSysfs {
  fs::path root = fs::temp_directory_path() / ("sis-host-energy-" + std::to_string(getpid()));
  FakeSysfs() {
    fs::remove_all(root);
    fs::create_directories(root / "powercap");
    fs::create_directories(root / "hwmon");
  }
  ~FakeSysfs() { fs::remove_all(root); }
  HostEnergyOptions opts() const { return {(root / "powercap").string(), (root / "hwmon").string()}; }
  void rapl_zone(const std::string& zone, const std::string& name, uint64_t uj, uint64_t max_uj) {
    put(root / "powercap" / zone / "name", name + "\n");
    put(root / "powercap" / zone / "energy_uj", std::to_string(uj) + "\n");
    put(root / "powercap" / zone / "max_energy_range_uj", std::to_string(max_uj) + "\n");
  }
  void amd_counter(const std::string& hwmon, int k, const std::string& label, uint64_t uj) {
    put(root / "hwmon" / hwmon / "name", "amd_energy\n");
    put(root / "hwmon" / hwmon / ("energy" + std::to_string(k) + "_label"), label + "\n");
    put(root / "hwmon" / hwmon / ("energy" + std::to_string(k) + "_input"), std::to_string(uj) + "\n");
  }
};

}  // namespace

TEST(PowerMeter, ParsesSchedstatStatAndProcStat) {
  uint64_t ns = 0, ut = 0, st = 0, busy = 0, total = 0;
  EXPECT_TRUE(PowerMeter::parse_schedstat("123456789 5000 12\n", &ns));
  EXPECT_EQ(ns, 123456789u);
  EXPECT_FALSE(PowerMeter::parse_schedstat("", &ns));
  // comm with spaces and parentheses: fields are counted after the last ')'.
  std::string stat = "4242 (qemu-system-aarch (x) y) S 1 2 3 4 5 6 7 8 9 10 250 40 0 0 20 0 8 0 100";
  EXPECT_TRUE(PowerMeter::parse_stat_times(stat, &ut, &st));
  EXPECT_EQ(ut, 250u);
  EXPECT_EQ(st, 40u);
  EXPECT_FALSE(PowerMeter::parse_stat_times("4242 (x) S 1 2", &ut, &st));
  EXPECT_TRUE(PowerMeter::parse_proc_stat_cpu("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3 4\n", &busy, &total));
  EXPECT_EQ(total, 1000u);
  EXPECT_EQ(busy, 150u);
}

TEST(PowerMeter, SumsAllThreadsAndConvertsWithThePerCoreFigure) {
  FakeHost h;
  h.thread(4242, 1000000000ull);
  h.thread(4243, 0);
  PowerMeter m(4242, h.opts());
  std::string err;
  ASSERT_TRUE(m.start(&err)) << err;
  EXPECT_FALSE(m.has_rapl());
  // 0.2 s of wall time later the vCPU thread used 0.1 s and the I/O thread 0.02 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  h.thread(4242, 1100000000ull);
  h.thread(4243, 20000000ull);
  PowerMeter::Reading r;
  ASSERT_TRUE(m.read(&r, &err)) << err;
  EXPECT_EQ(r.threads, 2);
  EXPECT_EQ(r.source, "cpu-time");
  EXPECT_NEAR(r.interval_s, 0.2, 0.05);
  EXPECT_NEAR(r.cpu_cores, 0.12 / r.interval_s, 1e-6);
  EXPECT_NEAR(r.watts, r.cpu_cores * 10, 1e-9);
  EXPECT_EQ(r.milliwatts, static_cast<int64_t>(r.watts * 1000 + 0.5));
}

TEST(PowerMeter, AnExitedThreadNeverMakesPowerNegative) {
  FakeHost h;
  h.thread(4242, 1000);
  h.thread(4250, 5000000000ull);
  PowerMeter m(4242, h.opts());
  std::string err;
  ASSERT_TRUE(m.start(&err));
  fs::remove_all(h.root / "proc/4242/task/4250");
  PowerMeter::Reading r;
  ASSERT_TRUE(m.read(&r, &err));
  EXPECT_EQ(r.cpu_cores, 0);
  EXPECT_EQ(r.threads, 1);
}

TEST(PowerMeter, FallsBackToStatTicksWithoutSchedstat) {
  FakeHost h;
  put(h.root / "proc/4242/task/4242/stat", "4242 (qemu) R 1 2 3 4 5 6 7 8 9 10 100 0 0 0\n");
  PowerMeter m(4242, h.opts());
  std::string err;
  ASSERT_TRUE(m.start(&err)) << err;
  put(h.root / "proc/4242/task/4242/stat", "4242 (qemu) R 1 2 3 4 5 6 7 8 9 10 150 0 0 0\n");
  PowerMeter::Reading r;
  ASSERT_TRUE(m.read(&r, &err));
  EXPECT_GT(r.cpu_cores, 0);  // 50 ticks over a tiny interval
}

TEST(PowerMeter, MissingProcessIsAnError) {
  FakeHost h;
  PowerMeter m(4242, h.opts());
  std::string err;
  EXPECT_FALSE(m.start(&err));
  EXPECT_NE(err.find("cannot read"), std::string::npos) << err;
}

TEST(PowerMeter, RaplPackageEnergyIsSharedByQemusPartOfTheBusyTime) {
  FakeHost h;
  h.thread(4242, 0);
  put(h.root / "powercap/intel-rapl:0/energy_uj", "1000000\n");
  put(h.root / "powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n");
  put(h.root / "powercap/intel-rapl:0:0/energy_uj", "5\n");  // a sub-domain: not counted
  put(h.root / "proc/stat", "cpu  0 0 0 1000 0 0 0 0 0 0\n");
  PowerMeter m(4242, h.opts(true));
  std::string err;
  ASSERT_TRUE(m.start(&err)) << err;
  ASSERT_TRUE(m.has_rapl());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  long hz = sysconf(_SC_CLK_TCK);
  // The host was busy 2 CPU-seconds (2*hz ticks); QEMU used 0.5 of them; the package used 20 J.
  put(h.root / "proc/stat", "cpu  " + std::to_string(2 * hz) + " 0 0 1000 0 0 0 0 0 0\n");
  put(h.root / "powercap/intel-rapl:0/energy_uj", "21000000\n");
  h.thread(4242, 500000000ull);
  PowerMeter::Reading r;
  ASSERT_TRUE(m.read(&r, &err)) << err;
  EXPECT_EQ(r.source, "rapl");
  EXPECT_NEAR(r.rapl_package_watts, 20.0 / r.interval_s, 1e-6);
  EXPECT_NEAR(r.watts, r.rapl_package_watts * 0.25, 1e-6);
}

// HostEnergy: RAPL package zones (sub-zones not counted, wrap-around), AMD's amd_energy
// hwmon (socket counters summed, core counters and other sensors not), and a host with
// neither, which must say so rather than read zero.

TEST(HostEnergy, RaplPackageZonesAreCountedAndSubZonesAreNot) {
  FakeSysfs f;
  f.rapl_zone("intel-rapl:0", "package-0", 1000, 262143328850ull);
  f.rapl_zone("intel-rapl:1", "package-1", 2000, 262143328850ull);
  f.rapl_zone("intel-rapl:0:0", "core", 500, 262143328850ull);
  f.rapl_zone("intel-rapl-mmio:0", "package-0", 7, 262143328850ull);
  HostEnergy e(f.opts());
  ASSERT_TRUE(e.available()) << e.why_none();
  EXPECT_EQ(e.kind(), "intel-rapl");
  ASSERT_EQ(e.counters().size(), 2u);
  EXPECT_EQ(e.counters()[0].label, "intel-rapl:0 (package-0)");
  EXPECT_EQ(e.counters()[1].label, "intel-rapl:1 (package-1)");
  std::vector<uint64_t> a, b;
  ASSERT_TRUE(e.read(&a));
  EXPECT_EQ(a, (std::vector<uint64_t>{1000, 2000}));
  put(f.root / "powercap/intel-rapl:0/energy_uj", "1500\n");
  put(f.root / "powercap/intel-rapl:1/energy_uj", "2250\n");
  ASSERT_TRUE(e.read(&b));
  EXPECT_EQ(e.used_uj(a, b), 750u);
}

TEST(HostEnergy, ARaplCounterThatWrapsCountsTheEnergyAcrossTheWrap) {
  FakeSysfs f;
  f.rapl_zone("intel-rapl:0", "package-0", 999000, 1000000);
  HostEnergy e(f.opts());
  std::vector<uint64_t> a, b;
  ASSERT_TRUE(e.read(&a));
  put(f.root / "powercap/intel-rapl:0/energy_uj", "4000\n");
  ASSERT_TRUE(e.read(&b));
  EXPECT_EQ(e.used_uj(a, b), 5000u);  // 1000 up to the range, then 4000
}

TEST(HostEnergy, AmdEnergySumsTheSocketCountersOnly) {
  FakeSysfs f;
  put(f.root / "hwmon/hwmon0/name", "k10temp\n");
  put(f.root / "hwmon/hwmon0/energy1_input", "99999\n");  // not an amd_energy sensor
  f.amd_counter("hwmon3", 1, "Ecore000", 100);
  f.amd_counter("hwmon3", 2, "Ecore001", 200);
  f.amd_counter("hwmon3", 65, "Esocket0", 10000);
  f.amd_counter("hwmon3", 66, "Esocket1", 20000);
  HostEnergy e(f.opts());
  ASSERT_TRUE(e.available()) << e.why_none();
  EXPECT_EQ(e.kind(), "amd_energy");
  ASSERT_EQ(e.counters().size(), 2u);
  EXPECT_EQ(e.counters()[0].label, "amd_energy Esocket0");
  std::vector<uint64_t> a, b;
  ASSERT_TRUE(e.read(&a));
  put(f.root / "hwmon/hwmon3/energy65_input", "13000\n");
  put(f.root / "hwmon/hwmon3/energy66_input", "21000\n");
  put(f.root / "hwmon/hwmon3/energy1_input", "900100\n");
  ASSERT_TRUE(e.read(&b));
  EXPECT_EQ(e.used_uj(a, b), 4000u);
}

TEST(HostEnergy, AHostWithoutCountersSaysWhyInsteadOfReadingZero) {
  FakeSysfs f;
  put(f.root / "hwmon/hwmon0/name", "k10temp\n");
  HostEnergy e(f.opts());
  EXPECT_FALSE(e.available());
  EXPECT_EQ(e.kind(), "");
  EXPECT_NE(e.why_none().find("no RAPL zones"), std::string::npos) << e.why_none();
  EXPECT_NE(e.why_none().find("amd_energy"), std::string::npos) << e.why_none();
  HostEnergy missing(HostEnergyOptions{(f.root / "absent").string(), (f.root / "absent2").string()});
  EXPECT_FALSE(missing.available());
}

TEST(HostEnergy, PowerMeterUsesAmdEnergyAsAMeasurement) {
  FakeSysfs f;
  f.amd_counter("hwmon1", 1, "Esocket0", 1000000);
  put(f.root / "proc/4242/task/4242/schedstat", "0 100 7\n");
  put(f.root / "proc/stat", "cpu  0 0 0 1000 0 0 0 0 0 0\n");
  PowerMeterOptions o;
  o.proc_root = (f.root / "proc").string();
  o.powercap_root = (f.root / "powercap").string();
  o.hwmon_root = (f.root / "hwmon").string();
  PowerMeter m(4242, o);
  std::string err;
  ASSERT_TRUE(m.start(&err)) << err;
  ASSERT_TRUE(m.has_rapl());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a non-zero interval, not synchronisation
  const long hz = sysconf(_SC_CLK_TCK);
  put(f.root / "proc/stat", "cpu  " + std::to_string(hz) + " 0 0 1000 0 0 0 0 0 0\n");  // 1 busy CPU-second
  put(f.root / "hwmon/hwmon1/energy1_input", "9000000\n");                             // 8 J
  put(f.root / "proc/4242/task/4242/schedstat", "500000000 100 7\n");                  // QEMU: 0.5 s of it
  PowerMeter::Reading r;
  ASSERT_TRUE(m.read(&r, &err)) << err;
  EXPECT_EQ(r.source, "amd_energy");
  EXPECT_NEAR(r.rapl_package_watts, 8.0 / r.interval_s, 1e-6);
  EXPECT_NEAR(r.watts, r.rapl_package_watts * 0.5, 1e-6);
}
