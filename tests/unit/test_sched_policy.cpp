// Host tests of the scheduling policies and the run queue, driven through simulated time:
// a 1 ms tick, CPU-bound threads that never block, and I/O-bound threads that compute for a
// short burst then sleep. The simulation calls RunQueue exactly as the kernel does
// (tick, wake, schedule on need_resched), so what passes here is what the kernel runs.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "sched/fair_policy.h"
#include "sched/rr_policy.h"
#include "sched/run_queue.h"
#include "sched_sim.h"

namespace sis::sched {
namespace {

double share(const SimThread* s, u64 total) { return static_cast<double>(s->cpu_ns) / static_cast<double>(total); }

TEST(SchedFair, EqualNiceCpuBoundThreadsShareWithinFivePercent) {
  FairPolicy fair;
  Sim sim(&fair);
  std::vector<SimThread*> ts;
  for (int i = 0; i < 5; ++i) ts.push_back(sim.cpu());
  sim.run(1000 * kMs);
  u64 total = 0;
  for (auto* t : ts) total += t->cpu_ns;
  EXPECT_GE(total, 1000 * kMs - kStep) << "the CPU idled with five CPU-bound threads";
  for (auto* t : ts) {
    double s = share(t, total);
    EXPECT_NEAR(s, 0.2, 0.2 * 0.05) << "thread " << t->t.tid << " got " << s * 100 << "% of the CPU, expected 20%";
  }
}

TEST(SchedFair, NiceLevelsChangeSharesByTheWeightRatio) {
  FairPolicy fair;
  Sim sim(&fair);
  SimThread* n0 = sim.cpu(0);
  SimThread* n5 = sim.cpu(5);
  SimThread* nm5 = sim.cpu(-5);
  sim.run(1000 * kMs);
  double r0_5 = static_cast<double>(n0->cpu_ns) / static_cast<double>(n5->cpu_ns);
  double rm5_0 = static_cast<double>(nm5->cpu_ns) / static_cast<double>(n0->cpu_ns);
  double want0_5 = 1024.0 / 335.0, wantm5_0 = 3121.0 / 1024.0;
  EXPECT_NEAR(r0_5, want0_5, want0_5 * 0.05) << "nice 0 vs nice 5 CPU ratio";
  EXPECT_NEAR(rm5_0, wantm5_0, wantm5_0 * 0.05) << "nice -5 vs nice 0 CPU ratio";
}

TEST(SchedFair, NiceChangedAtRunTimeTakesEffect) {
  FairPolicy fair;
  Sim sim(&fair);
  SimThread* a = sim.cpu();
  SimThread* b = sim.cpu();
  sim.run(200 * kMs);
  sim.rq().set_nice(&b->t, 10, sim.now());
  u64 a0 = a->cpu_ns, b0 = b->cpu_ns;
  sim.run(1000 * kMs);
  double ratio = static_cast<double>(a->cpu_ns - a0) / static_cast<double>(b->cpu_ns - b0);
  EXPECT_NEAR(ratio, 1024.0 / 110.0, 1024.0 / 110.0 * 0.05);
}

TEST(SchedFair, IoBoundThreadIsNotStarvedByCpuHogs) {
  FairPolicy fair;
  Sim sim(&fair);
  for (int i = 0; i < 6; ++i) sim.cpu();
  // Wants 0.5 ms of CPU every 5 ms (~9% of the CPU, less than its fair 1/7).
  SimThread* io = sim.io(500000, 5 * kMs);
  sim.run(1000 * kMs);
  double demand = 1000.0 * kMs * 0.5 / 5.5;
  EXPECT_GT(static_cast<double>(io->cpu_ns), demand * 0.95) << "the I/O thread got less CPU than it asked for";
  EXPECT_LE(io->max_latency, 2 * kMs) << "a wake-up waited too long for the CPU";
  EXPECT_GT(io->t.stats.voluntary, 150u);
  EXPECT_GT(io->t.stats.burst_count, 150u);
  EXPECT_NEAR(static_cast<double>(io->t.stats.burst(0)), 500000.0, 100000.0) << "last burst length";
}

TEST(SchedFair, SleeperCreditIsBounded) {
  FairPolicy fair;
  Sim sim(&fair);
  SimThread* hog = sim.cpu();
  SimThread* late = sim.io(2000 * kMs, 400 * kMs);  // computes "forever" once it wakes
  late->t.state = ThreadState::Blocked;             // starts asleep
  sim.rq().remove(&late->t);
  late->wake_at = 400 * kMs;
  sim.run(400 * kMs + 100 * kMs);
  // After a long sleep it gets at most half a latency period of head start, then shares.
  u64 late_cpu = late->cpu_ns;
  EXPECT_GT(late_cpu, 40 * kMs);
  EXPECT_LT(late_cpu, 60 * kMs) << "the sleeper monopolised the CPU after waking";
  (void)hog;
}

TEST(SchedAccounting, VoluntaryAndInvoluntarySwitchesAreCounted) {
  FairPolicy fair;
  Sim sim(&fair);
  SimThread* a = sim.cpu();
  SimThread* b = sim.cpu();
  SimThread* io = sim.io(100000, 2 * kMs);
  sim.run(100 * kMs);
  EXPECT_GT(a->t.stats.involuntary, 5u);
  EXPECT_EQ(a->t.stats.voluntary, 0u);
  EXPECT_GT(io->t.stats.voluntary, 20u);
  EXPECT_GT(a->t.stats.wait_ns, 0u);
  EXPECT_GT(io->t.stats.sleep_ns, 50 * kMs);
  EXPECT_EQ(a->t.stats.run_ns, a->cpu_ns);
  EXPECT_EQ(b->t.stats.run_ns, b->cpu_ns);
  EXPECT_GT(fair.stats().picks, 20u);
  EXPECT_GT(fair.stats().switches, 20u);
  EXPECT_GT(fair.stats().tick_preempts + fair.stats().wakeup_preempts, 20u);
  u64 all = a->t.stats.run_ns + b->t.stats.run_ns + io->t.stats.run_ns;
  EXPECT_EQ(fair.stats().run_ns, all);
}

TEST(SchedAccounting, BurstRingKeepsTheLastEight) {
  ThreadStats s;
  for (u64 i = 1; i <= 20; ++i) {
    s.burst_ns = i * 10;
    s.end_burst();
  }
  EXPECT_EQ(s.burst_count, 20u);
  EXPECT_EQ(s.burst(0), 200u);
  EXPECT_EQ(s.burst(7), 130u);
  EXPECT_EQ(s.burst(8), 0u);
}

TEST(SchedAccounting, LatencyPercentiles) {
  static LatencySamples l;
  static u32 scratch[LatencySamples::kCap];
  EXPECT_EQ(l.percentile(50, scratch), 0u);
  for (u32 i = 1; i <= 100; ++i) l.add(101 - i);
  EXPECT_EQ(l.percentile(50, scratch), 50u);
  EXPECT_EQ(l.percentile(99, scratch), 99u);
  EXPECT_EQ(l.percentile(100, scratch), 100u);
}

// The `sched` metrics group's wake_p50_us / wake_p99_us: a summary of the window only (the
// last kCap samples), so a policy's old slow wake-ups drop out of the live chart.
TEST(SchedAccounting, WakeWindowSummaryCoversTheLastSamplesOnly) {
  static LatencySamples l;
  static u32 scratch[LatencySamples::kCap];
  LatencySummary empty = summarize_latency(scratch, l.copy_to(scratch));
  EXPECT_EQ(empty.samples, 0u);
  EXPECT_EQ(empty.p99, 0u);
  for (usize i = 0; i < LatencySamples::kCap; ++i) l.add(1000000);  // 1 ms each, then...
  for (u32 i = 1; i <= LatencySamples::kCap; ++i) l.add(i);          // ...a full window of 1..2048 ns
  LatencySummary s = summarize_latency(scratch, l.copy_to(scratch));
  EXPECT_EQ(s.samples, LatencySamples::kCap);
  EXPECT_EQ(s.p50, 1024u);
  EXPECT_EQ(s.p99, 2027u);  // index (2048 - 1) * 99 / 100 = 2026 of 1..2048
  EXPECT_EQ(l.percentile(99, scratch), s.p99);  // the same rule as schedctl status's per-policy p99
}

TEST(SchedPolicySwitch, SwitchingPoliciesKeepsEveryThread) {
  FairPolicy fair;
  RoundRobinPolicy rr;
  Sim sim(&fair);
  std::vector<SimThread*> ts;
  for (int i = 0; i < 4; ++i) ts.push_back(sim.cpu());
  for (int i = 0; i < 4; ++i) ts.push_back(sim.io(300000, 3 * kMs));
  sim.run(100 * kMs);
  for (int round = 0; round < 6; ++round) {
    sim.set_policy(round % 2 == 0 ? static_cast<Policy*>(&rr) : &fair);
    EXPECT_EQ(sim.count_known_threads(), ts.size()) << "after switch " << round;
    std::vector<u64> before;
    for (auto* t : ts) before.push_back(t->cpu_ns);
    sim.run(100 * kMs);
    for (usize i = 0; i < ts.size(); ++i)
      EXPECT_GT(ts[i]->cpu_ns, before[i]) << "thread " << ts[i]->t.tid << " made no progress under "
                                          << sim.rq().policy()->name();
  }
  EXPECT_STREQ(sim.rq().policy()->name(), "baseline");
}

TEST(SchedRoundRobin, EqualSharesIgnoringNice) {
  RoundRobinPolicy rr;
  Sim sim(&rr);
  SimThread* a = sim.cpu(0);
  SimThread* b = sim.cpu(10);
  sim.run(1000 * kMs);
  EXPECT_NEAR(static_cast<double>(a->cpu_ns) / static_cast<double>(b->cpu_ns), 1.0, 0.05);
}

TEST(SchedFair, WeightTableMatchesLinux) {
  EXPECT_EQ(nice_to_weight(0), 1024u);
  EXPECT_EQ(nice_to_weight(-20), 88761u);
  EXPECT_EQ(nice_to_weight(19), 15u);
  EXPECT_EQ(nice_to_weight(100), 15u);
  EXPECT_EQ(nice_to_weight(-100), 88761u);
}

}  // namespace
}  // namespace sis::sched
