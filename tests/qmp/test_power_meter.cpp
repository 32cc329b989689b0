// PowerMeter (qmp/power/power_meter.h): parsing /proc, summing every thread of the QEMU
// process, the per-core conversion, and the RAPL share, against a fake /proc and powercap.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "power/power_meter.h"

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
    o.use_rapl = rapl;
    o.watts_per_core = 10;
    return o;
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
