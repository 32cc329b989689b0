// Crash-predictor training and evaluation (host). See crash_train.cpp and docs/ai.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aitrain {

struct Sample {
  long long t_ms = 0;
  int f[13] = {};
  bool label = false;
};

struct Run {
  std::string scenario;
  long long seed = 0;
  bool crashed = false;
  long long crash_ms = 0;
  std::vector<Sample> samples;
};

struct TrainOptions {
  uint64_t seed = 1;
  int epochs = 60;
  uint32_t version = 1;
  int holdout_mod = 4;  // runs with seed % holdout_mod == 0 are never trained on
  double max_pos_weight = 2.0;  // positives are rarer: weight them up to this much
  // Validation mode (choosing options without looking at the test runs): the test runs are
  // dropped and runs with seed % holdout_mod == 1 play the held-out part.
  bool validate = false;
  bool dropped(const Run& r) const { return validate && r.seed % holdout_mod == 0; }
  bool held_out(const Run& r) const { return holdout_mod > 0 && r.seed % holdout_mod == (validate ? 1 : 0); }
};

struct Confusion {
  long tp = 0, fp = 0, tn = 0, fn = 0;
  void add(bool pred, bool label) {
    if (pred && label) ++tp;
    else if (pred) ++fp;
    else if (label) ++fn;
    else ++tn;
  }
  long total() const { return tp + fp + tn + fn; }
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double accuracy() const { return total() ? double(tp + tn) / total() : 0; }
};

bool load_runs(const std::string& path, std::vector<Run>* runs, std::string* err);
// Returns the model file bytes (SISM, kind 1).
std::vector<uint8_t> train_crash(const std::vector<Run>& runs, const TrainOptions& opt, std::string* log);
// The quantized model run through the kernel's inference code.
Confusion evaluate(const std::vector<uint8_t>& model, const std::vector<Run>& runs, bool held_out,
                   const TrainOptions& opt, unsigned threshold_q15);
// Baseline: "free memory below 10%".
Confusion evaluate_rule(const std::vector<Run>& runs, bool held_out, const TrainOptions& opt);

}  // namespace aitrain
