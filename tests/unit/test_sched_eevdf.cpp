// Host tests of the EEVDF policy (sched/eevdf_policy.h) through the simulated CPU
// (sched_sim.h): fair shares by weight, bounded lag across sleeps, short slices buying
// latency but never CPU, and policy switches that lose no thread.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sched/eevdf_policy.h"
#include "sched/fair_policy.h"
#include "sched/rr_policy.h"
#include "sched_sim.h"

namespace sis::sched {
namespace {

u64 percentile(std::vector<u64> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<usize>(p / 100.0 * static_cast<double>(v.size() - 1))];
}

TEST(SchedEevdf, EqualNiceCpuBoundThreadsShareWithinFivePercent) {
  EevdfPolicy eevdf;
  Sim sim(&eevdf);
  std::vector<SimThread*> ts;
  for (int i = 0; i < 5; ++i) ts.push_back(sim.cpu());
  sim.run(1000 * kMs);
  u64 total = 0;
  for (auto* t : ts) total += t->cpu_ns;
  EXPECT_GE(total, 1000 * kMs - kStep);
  for (auto* t : ts) EXPECT_NEAR(static_cast<double>(t->cpu_ns) / static_cast<double>(total), 0.2, 0.01);
}

TEST(SchedEevdf, NiceLevelsChangeSharesByTheWeightRatio) {
  EevdfPolicy eevdf;
  Sim sim(&eevdf);
  SimThread* n0 = sim.cpu(0);
  SimThread* n5 = sim.cpu(5);
  SimThread* nm5 = sim.cpu(-5);
  sim.run(1000 * kMs);
  double want0_5 = 1024.0 / 335.0, wantm5_0 = 3121.0 / 1024.0;
  EXPECT_NEAR(static_cast<double>(n0->cpu_ns) / static_cast<double>(n5->cpu_ns), want0_5, want0_5 * 0.05);
  EXPECT_NEAR(static_cast<double>(nm5->cpu_ns) / static_cast<double>(n0->cpu_ns), wantm5_0, wantm5_0 * 0.05);
}

TEST(SchedEevdf, WakeLatencyIsBoundedByTheSlicesAhead) {
  // With the base slice for everyone a woken thread has no head start: it waits for the
  // threads whose deadlines are earlier, at most one slice each (EEVDF's service bound).
  EevdfPolicy eevdf;
  Sim sim(&eevdf);
  for (int i = 0; i < 6; ++i) sim.cpu();
  SimThread* io = sim.io(500000, 5 * kMs);
  sim.run(1000 * kMs);
  EXPECT_LE(io->max_latency, 6 * EevdfPolicy::kBaseSliceNs);
  EXPECT_GT(io->t.stats.wake_latency_count, 50u) << "the run queue counts wake-up latencies";
  EXPECT_EQ(io->t.stats.wake_latency_count, io->latencies.size());
  EXPECT_EQ(eevdf.stats().wake.count(), io->latencies.size()) << "the policy keeps the wake-up latencies it served";
}

TEST(SchedEevdf, IoBoundThreadWithABurstSizedSliceGetsItsCpuPromptly) {
  EevdfPolicy eevdf;
  eevdf.set_honour_thread_slice(true);
  Sim sim(&eevdf);
  for (int i = 0; i < 6; ++i) sim.cpu();
  SimThread* io = sim.io(500000, 5 * kMs);
  io->t.slice_ns = 500000;
  sim.run(1000 * kMs);
  double demand = 1000.0 * kMs * 0.5 / 5.5;
  EXPECT_GT(static_cast<double>(io->cpu_ns), demand * 0.95) << "the I/O thread got less CPU than it asked for";
  EXPECT_LE(io->max_latency, 2 * kMs) << "a wake-up waited longer than two ticks";
}

TEST(SchedEevdf, ShortSliceLowersWakeLatencyButBuysNoCpu) {
  // Two identical echo-like threads among CPU hogs; one asks for a 0.2 ms slice.
  EevdfPolicy eevdf;
  eevdf.set_honour_thread_slice(true);
  Sim sim(&eevdf);
  std::vector<SimThread*> hogs;
  for (int i = 0; i < 4; ++i) hogs.push_back(sim.cpu());
  SimThread* plain = sim.io(200000, 4 * kMs);
  SimThread* quick = sim.io(200000, 4 * kMs);
  quick->t.slice_ns = 200000;
  // A CPU hog asking for the shortest slice gets no more than its share.
  hogs[0]->t.slice_ns = EevdfPolicy::kMinSliceNs;
  sim.run(2000 * kMs);
  EXPECT_LT(percentile(quick->latencies, 99), percentile(plain->latencies, 99))
      << "the short slice did not lower the p99 wake-up latency";
  u64 others = 0;
  for (usize i = 1; i < hogs.size(); ++i) others += hogs[i]->cpu_ns;
  double mean_other = static_cast<double>(others) / 3.0;
  EXPECT_NEAR(static_cast<double>(hogs[0]->cpu_ns), mean_other, mean_other * 0.05)
      << "a short slice changed a CPU hog's share";
}

TEST(SchedEevdf, SleeperLagIsBoundedWhateverItAsks) {
  EevdfPolicy eevdf;
  Sim sim(&eevdf);
  SimThread* hog = sim.cpu();
  SimThread* late = sim.io(2000 * kMs, 400 * kMs);  // computes "forever" once it wakes
  late->t.state = ThreadState::Blocked;
  sim.rq().remove(&late->t);
  late->t.vlag = 1000 * static_cast<i64>(kMs);  // a claim of huge credit: clamped
  late->wake_at = 400 * kMs;
  sim.run(400 * kMs + 100 * kMs);
  // At most one lag bound (2 base slices = 6 ms) of head start, then halves.
  EXPECT_GT(late->cpu_ns, 45 * kMs);
  EXPECT_LT(late->cpu_ns, 60 * kMs) << "the sleeper monopolised the CPU after waking";
  (void)hog;
}

TEST(SchedEevdf, SwitchingPoliciesKeepsEveryThread) {
  FairPolicy fair;
  EevdfPolicy eevdf;
  RoundRobinPolicy rr;
  Sim sim(&fair);
  std::vector<SimThread*> ts;
  for (int i = 0; i < 4; ++i) ts.push_back(sim.cpu());
  for (int i = 0; i < 4; ++i) ts.push_back(sim.io(300000, 3 * kMs));
  sim.run(100 * kMs);
  Policy* order[] = {&eevdf, &rr, &eevdf, &fair, &eevdf};
  for (Policy* p : order) {
    sim.set_policy(p);
    EXPECT_EQ(sim.count_known_threads(), ts.size()) << "after switching to " << p->name();
    std::vector<u64> before;
    for (auto* t : ts) before.push_back(t->cpu_ns);
    sim.run(100 * kMs);
    for (usize i = 0; i < ts.size(); ++i) EXPECT_GT(ts[i]->cpu_ns, before[i]) << "under " << p->name();
  }
  EXPECT_STREQ(sim.rq().policy()->name(), "eevdf");
}

}  // namespace
}  // namespace sis::sched
