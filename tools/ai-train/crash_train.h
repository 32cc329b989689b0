// Crash-predictor training (host). See crash_train.cpp, crash_eval.h and docs/ai.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aitrain {

struct Sample {
  long long t_ms = 0;
  int f[17] = {};  // CrashFeatures::kCount (crash_model.h)
  bool label = false;
};

// One recorded run (record.sh): its family ("scenario" in the traces), whether and when it
// crashed, and when its workload started (before that: the quiet warm-up).
struct Run {
  std::string scenario;
  std::string kind;  // "kernel" or "user"
  long long seed = 0;
  bool crashed = false;
  long long crash_ms = 0;
  long long stress_ms = 0;
  std::vector<Sample> samples;
};

struct TrainOptions {
  uint64_t seed = 1;
  int epochs = 60;
  uint32_t version = 3;  // 3: 17 features (2: 13)
  // Families never trained on (nor used to choose thresholds): the held-out families. Two
  // user-space crash families no run of which is seen in training, and the benign user-space
  // load that must not alarm (record.sh).
  std::vector<std::string> holdout = {"forkbomb", "shleak", "bbloop", "fscopy", "spawn", "idle-long"};
  double max_pos_weight = 2.0;  // positives are rarer: weight them up to this much
  bool held_out(const Run& r) const {
    for (const std::string& h : holdout)
      if (r.scenario == h) return true;
    return false;
  }
};

bool load_runs(const std::string& path, std::vector<Run>* runs, std::string* err);
// Returns the model file bytes (SISM, kind 1).
// Trains on every sample of the runs not held out, up to the crash.
std::vector<uint8_t> train_crash(const std::vector<Run>& runs, const TrainOptions& opt, std::string* log);

}  // namespace aitrain
