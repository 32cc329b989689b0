// Per-run evaluation of crash detectors (see crash_eval.h).
#include "crash_eval.h"

#include <algorithm>
#include <cmath>

#include "ai/crash_model.h"
#include "ai/crash_rules.h"

namespace aitrain {

using sis::ai::CrashFeatures;

const char* det_name(Det d) {
  switch (d) {
    case Det::Model: return "model";
    case Det::Tte: return "tte";
    case Det::Psi: return "psi";
  }
  return "?";
}

long EvalResult::lead_pct(double p) const {
  if (leads_ms.empty()) return 0;
  return leads_ms[static_cast<size_t>(std::lround((leads_ms.size() - 1) * p / 100.0))];
}

namespace {

CrashFeatures features_of(const Sample& s) {
  CrashFeatures f;
  for (size_t i = 0; i < CrashFeatures::kCount; ++i) f.v[i] = static_cast<int16_t>(s.f[i]);
  return f;
}

constexpr long kHysteresisQ15 = 3277;  // as kernel/ai/monitor.cpp

}  // namespace

Scorer::Scorer(const std::vector<uint8_t>* model) {
  const char* why = "";
  have_model_ = model && model_.load(model->data(), model->size(), &why) == sis::Error::Ok;
}

double Scorer::score(const Sample& smp, Det d) const {
  CrashFeatures f = features_of(smp);
  switch (d) {
    case Det::Model: return have_model_ ? model_.predict_q15(f) : 0;
    case Det::Tte: return -static_cast<double>(sis::ai::time_to_exhaustion_ms(f));
    case Det::Psi: return sis::ai::pressure_q8(f);
  }
  return 0;
}

RunScore Scorer::score_run(const Run& r, const DetectorSetting& s) const {
  RunScore out;
  out.crashed = r.crashed;
  bool in_alarm = false;
  long end_ms = r.crashed ? r.crash_ms : (r.samples.empty() ? 0 : r.samples.back().t_ms);
  for (const Sample& smp : r.samples) {
    if (smp.t_ms > end_ms || (r.crashed && smp.t_ms >= r.crash_ms)) break;
    CrashFeatures f = features_of(smp);
    bool fires = false, clear = false;
    switch (s.det) {
      case Det::Model: {
        long risk = have_model_ ? model_.predict_q15(f) : 0;
        fires = risk >= s.threshold;
        clear = risk + kHysteresisQ15 < s.threshold;
        break;
      }
      case Det::Tte: {
        long ttx = sis::ai::time_to_exhaustion_ms(f);
        fires = ttx <= s.threshold;
        clear = ttx > 2 * s.threshold;
        break;
      }
      case Det::Psi: {
        long p = sis::ai::pressure_q8(f);
        fires = p >= s.threshold;
        clear = p * 2 < s.threshold;
        break;
      }
    }
    if (!in_alarm && fires) {
      in_alarm = true;
      bool benign_time = !r.crashed || smp.t_ms < r.stress_ms;
      if (benign_time) ++out.false_alarms;
      else if (!out.caught) {
        out.caught = true;
        out.lead_ms = r.crash_ms - smp.t_ms;
      }
    } else if (in_alarm && clear) {
      in_alarm = false;
    }
  }
  out.benign_s = (r.crashed ? r.stress_ms : end_ms) / 1000.0;
  return out;
}

EvalResult Scorer::evaluate(const std::vector<Run>&, const std::vector<const Run*>& which,
                            const DetectorSetting& s) const {
  std::vector<ScoredRun> v;
  for (const Run* r : which) v.push_back({this, r});
  return evaluate_runs(v, s);
}

EvalResult evaluate_runs(const std::vector<ScoredRun>& which, const DetectorSetting& s) {
  EvalResult e;
  e.setting = s;
  std::vector<std::pair<double, bool>> scored;
  for (const ScoredRun& sr : which) {
    const Run* r = sr.run;
    RunScore rs = sr.sc->score_run(*r, s);
    if (r->crashed) {
      ++e.crash_runs;
      if (rs.caught) {
        ++e.caught;
        e.leads_ms.push_back(rs.lead_ms);
      }
    } else {
      ++e.benign_runs;
    }
    e.false_alarms += rs.false_alarms;
    ++e.runs;
    e.runs_with_false_alarm += rs.false_alarms > 0;
    e.benign_hours += rs.benign_s / 3600.0;
    for (const Sample& smp : r->samples) {
      if (r->crashed && smp.t_ms >= r->crash_ms) break;
      scored.push_back({sr.sc->score(smp, s.det), smp.label});
    }
  }
  std::sort(e.leads_ms.begin(), e.leads_ms.end());
  // Average precision: samples by descending score; tied scores enter together.
  std::sort(scored.begin(), scored.end(), [](auto& a, auto& b) { return a.first > b.first; });
  long pos = 0;
  for (auto& p : scored) pos += p.second;
  long tp = 0, seen = 0;
  double ap = 0;
  for (size_t i = 0; i < scored.size();) {
    size_t j = i;
    long tp_group = 0;
    while (j < scored.size() && scored[j].first == scored[i].first) tp_group += scored[j++].second;
    tp += tp_group;
    seen += static_cast<long>(j - i);
    if (pos) ap += (static_cast<double>(tp_group) / pos) * (static_cast<double>(tp) / seen);
    i = j;
  }
  e.pr_auc = ap;
  return e;
}

std::vector<long> candidate_thresholds(Det d) {
  std::vector<long> t;
  switch (d) {
    case Det::Model:
      for (int i = 99; i >= 1; --i) t.push_back(i * 32768L / 100);
      break;
    case Det::Tte:
      for (long ms = 100; ms <= 10000; ms += 100) t.push_back(ms);
      break;
    case Det::Psi:
      for (long v : {2560L, 1280L, 512L, 256L, 128L, 51L, 26L, 13L, 3L}) t.push_back(v);  // 100 .. 0.1 fails/s
      break;
  }
  return t;
}

DetectorSetting choose_threshold(const std::vector<ScoredRun>& train, Det d, double max_fa_per_hour) {
  DetectorSetting best{d, candidate_thresholds(d).front()};  // the strictest, if none qualifies
  EvalResult best_e;
  bool have = false;
  for (long t : candidate_thresholds(d)) {  // strictest first: a tie keeps the stricter one
    EvalResult e = evaluate_runs(train, {d, t});
    if (e.fa_per_hour() > max_fa_per_hour + 1e-9) continue;
    bool better = !have || e.caught > best_e.caught || (e.caught == best_e.caught && e.lead_pct(50) > best_e.lead_pct(50));
    if (better) {
      best = {d, t};
      best_e = e;
      have = true;
    }
  }
  return best;
}

std::vector<ReliabilityBin> reliability(const Scorer& sc, const std::vector<const Run*>& which) {
  std::vector<ReliabilityBin> bins(10);
  for (const Run* r : which)
    for (const Sample& smp : r->samples) {
      if (r->crashed && smp.t_ms >= r->crash_ms) break;
      double p = sc.score(smp, Det::Model) / 32768.0;
      size_t b = std::min<size_t>(9, static_cast<size_t>(p * 10));
      bins[b].predicted += p;
      bins[b].observed += smp.label;
      ++bins[b].n;
    }
  for (auto& b : bins)
    if (b.n) {
      b.predicted /= b.n;
      b.observed /= b.n;
    }
  return bins;
}

}  // namespace aitrain
