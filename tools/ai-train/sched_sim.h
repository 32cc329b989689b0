// Scheduler simulation on the host: the kernel's portable RunQueue and policies (baseline
// fair, transformer, and a clairvoyant oracle) driven through simulated time exactly as in
// tests/unit/test_sched_policy.cpp: 1 ms tick, 50 us steps, wake-ups, blocking, exits.
// Workloads (seeded): interactive threads (short bursts, then sleep), batch threads (a fixed
// amount of CPU work, then exit) and mixed threads (medium bursts, short sleeps).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "ai/sched_model.h"
#include "sched/policy.h"

namespace aitrain {

struct SimStats {
  std::vector<double> latency_ms;     // interactive wake-to-run delays
  std::vector<double> completion_ms;  // batch threads: start to finish
  long unfinished_batch = 0;
  double pick_ns_total = 0;
  long picks = 0;
};

// One imitation example: candidate features and the oracle's choice.
struct Decision {
  std::vector<sis::ai::SchedFeatures> x;
  int target = 0;
};

enum class PolicyKind { Fair, Transformer, Oracle };

// Runs one seeded workload for duration_ms with the given policy. With `record`, every
// oracle pick among >= 2 candidates (and wake-up preemption choice) is appended.
SimStats simulate(uint64_t seed, PolicyKind kind, const std::vector<uint8_t>* model, int duration_ms,
                  std::vector<Decision>* record);

}  // namespace aitrain
