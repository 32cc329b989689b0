// Decision trace ring and its JSON form (docs/traces.md).
#include "ai/trace.h"

#include "lib/string.h"

namespace sis::ai {

const char* trace_model_name(TraceModel m) {
  switch (m) {
    case TraceModel::Crash: return "crash-predictor";
    case TraceModel::Sched: return "sched-transformer";
    case TraceModel::SchedLearned: return "sched-learned";
    case TraceModel::Autonomy: return "autonomy";
  }
  return "?";
}
const char* trace_kind_name(TraceKind k) {
  switch (k) {
    case TraceKind::Sample: return "sample";
    case TraceKind::Alarm: return "alarm";
    case TraceKind::Action: return "action";
    case TraceKind::Pick: return "pick";
    case TraceKind::Hint: return "hint";
  }
  return "?";
}
const char* trace_outcome_name(TraceOutcome o) {
  switch (o) {
    case TraceOutcome::None: return "none";
    case TraceOutcome::Pending: return "pending";
    case TraceOutcome::NoFailure: return "no-failure";
    case TraceOutcome::Failure: return "failure";
    case TraceOutcome::Done: return "done";
    case TraceOutcome::Failed: return "failed";
  }
  return "?";
}

u64 TraceRing::add(TraceRecord& r) {
  SpinLockGuard g(lock_);
  r.id = next_id_++;
  ring_[r.id % kCap] = r;
  return r.id;
}

u64 TraceRing::newest_id() const {
  SpinLockGuard g(lock_);
  return next_id_ - 1;
}

u64 TraceRing::oldest_id() const {
  SpinLockGuard g(lock_);
  u64 n = next_id_ - 1;
  return n == 0 ? 0 : n > kCap ? n - kCap + 1 : 1;
}

bool TraceRing::get(u64 id, TraceRecord* out) const {
  SpinLockGuard g(lock_);
  if (id == 0 || id >= next_id_ || next_id_ - id > kCap || ring_[id % kCap].id != id) return false;
  *out = ring_[id % kCap];
  return true;
}

bool TraceRing::set_outcome(u64 id, TraceOutcome o, u64 ts_ns, const char* detail) {
  SpinLockGuard g(lock_);
  if (id == 0 || id >= next_id_ || next_id_ - id > kCap || ring_[id % kCap].id != id) return false;
  TraceRecord& r = ring_[id % kCap];
  r.outcome = o;
  r.outcome_ts_ns = ts_ns;
  if (detail) copy_cstr(r.detail, sizeof(r.detail), detail);
  return true;
}

void TraceRing::clear() {
  SpinLockGuard g(lock_);
  // Ids keep counting so a reader never sees an old id come back with new content.
  for (auto& r : ring_) r.id = 0;
  next_id_ += kCap;
}

TraceRing& traces() {
  static TraceRing ring;
  return ring;
}

void write_trace_json(JsonWriter& w, const TraceRecord& r) {
  w.begin_object();
  w.kv_uint("id", r.id).kv_uint("ts_ns", r.ts_ns);
  w.kv("model", trace_model_name(r.model)).kv_uint("model_version", r.model_version);
  w.kv("kind", trace_kind_name(r.kind));
  w.key("inputs").begin_object();
  for (usize i = 0; i < r.n_inputs && i < TraceRecord::kMaxInputs; ++i) {
    w.key(r.input_names ? r.input_names[i] : "x");
    json_q8(w, r.inputs[i]);
  }
  w.end_object();
  w.key("output").begin_object();
  if (r.model == TraceModel::Sched || r.model == TraceModel::SchedLearned) {
    w.kv_uint("tid", r.subject).kv_uint("candidates", r.n_cand).key("probability");
    json_q15(w, r.output_q15);
  } else {
    w.key("risk");
    json_q15(w, r.output_q15);
  }
  w.end_object();
  if (r.model == TraceModel::Sched) {  // the chosen thread's probability (a crash record's
    w.key("confidence");               // |2 risk - 1| only restated the risk: not written)
    json_q15(w, r.confidence_q15);
  }
  w.key("attention").begin_array();
  for (usize i = 0; i < r.n_top && i < TraceRecord::kMaxTop; ++i) {
    w.begin_object().kv_uint("tid", r.top_tid[i]).key("weight");
    json_q15(w, r.top_weight_q15[i]);
    w.end_object();
  }
  w.end_array();
  w.kv_uint("latency_ns", r.latency_ns);
  w.kv("action", r.action);
  w.key("outcome").begin_object().kv("status", trace_outcome_name(r.outcome));
  if (r.outcome_ts_ns) w.kv_uint("ts_ns", r.outcome_ts_ns);
  w.kv("detail", r.detail).end_object();
  w.end_object();
}

}  // namespace sis::ai
