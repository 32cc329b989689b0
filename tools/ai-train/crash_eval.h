// Per-run evaluation of crash detectors, the way an operator judges an early-warning system
// (docs/ai.md "Evaluation"): for each detector at a threshold, replayed over recorded runs
// with the kernel's own code (crash_model.h, crash_rules.h) and the kernel's alarm hysteresis:
//   - a crash run is caught when an alarm starts after its warm-up and before the crash; the
//     lead time is crash time minus that alarm's time; otherwise the crash is missed;
//   - every alarm start in benign time (benign runs, and the warm-up of crash runs) is a false
//     alarm; false alarms per hour divide them by the benign time;
//   - PR-AUC (average precision) of the detector's score over samples labelled "crash within
//     kHorizonMs" (samples after a crash are not scored).
// Thresholds are chosen on the training families only (from out-of-family scores: each
// training family scored by a model trained without it), then reported on held-out families.
#pragma once
#include <string>
#include <vector>

#include "ai/crash_model.h"
#include "crash_train.h"

namespace aitrain {

enum class Det { Model, Tte, Psi };
const char* det_name(Det d);

// One detector at one threshold. For the model, the threshold is a risk in Q15; for tte,
// milliseconds to exhaustion; for psi, the fail_rate_1s feature (Q8.8 of 10 failures/s).
struct DetectorSetting {
  Det det = Det::Model;
  long threshold = 0;
};

struct RunScore {
  bool crashed = false;
  bool caught = false;
  long lead_ms = 0;
  long false_alarms = 0;
  double benign_s = 0;
};

struct EvalResult {
  DetectorSetting setting;
  int crash_runs = 0, caught = 0, benign_runs = 0;
  int runs = 0, runs_with_false_alarm = 0;
  long false_alarms = 0;
  double benign_hours = 0;
  std::vector<long> leads_ms;  // caught runs, sorted
  double pr_auc = 0;
  double fa_per_hour() const { return benign_hours > 0 ? false_alarms / benign_hours : 0; }
  long lead_pct(double p) const;  // percentile of caught runs' lead times (0 if none)
};

class Scorer;
// A run and the scorer (model) that judges it: out-of-family scores pair each training run
// with a model that never saw its family.
struct ScoredRun {
  const Scorer* sc;
  const Run* run;
};
EvalResult evaluate_runs(const std::vector<ScoredRun>& which, const DetectorSetting& s);

// A run's per-sample scores for a detector: higher = more alarming, and whether the alarm
// condition holds (fires) and has cleared (clear) at the threshold, as the kernel decides.
class Scorer {
 public:
  explicit Scorer(const std::vector<uint8_t>* model);
  EvalResult evaluate(const std::vector<Run>& runs, const std::vector<const Run*>& which,
                      const DetectorSetting& s) const;
  RunScore score_run(const Run& r, const DetectorSetting& s) const;
  double score(const Sample& smp, Det d) const;

 private:
  sis::ai::CrashModel model_;
  bool have_model_ = false;
};

// Candidate thresholds swept for each detector, strictest first.
std::vector<long> candidate_thresholds(Det d);

// The threshold protocol (docs/ai.md "Choosing thresholds"): among the thresholds whose
// false alarms on the training families' benign time stay within the budget
// (max_fa_per_hour: sis-ai-train and train.sh use 60; 0: not one), the one that catches the most training crash
// runs; ties: the longer median lead, then the stricter threshold. None within the budget:
// the strictest candidate.
DetectorSetting choose_threshold(const std::vector<ScoredRun>& train, Det d, double max_fa_per_hour);

// Reliability of the model's risk on these runs: per risk decile, the mean predicted risk,
// the observed fraction of positive samples and the sample count.
struct ReliabilityBin {
  double predicted = 0, observed = 0;
  long n = 0;
};
std::vector<ReliabilityBin> reliability(const Scorer& sc, const std::vector<const Run*>& which);

}  // namespace aitrain
