// Decision traces: every AI decision as a record in a fixed ring buffer (docs/traces.md).
//
// Writers: the crash monitor (samples, alarms), autonomy (actions), the transformer
// scheduler policy (picks, 1 in `sample_every`). They may run with interrupts masked (a
// pick holds the run-queue lock), so a record is built on the caller's stack and copied in
// under a spinlock: no allocation, bounded time. Readers (tracectl, the control port) copy
// records out by id. Ids start at 1 and never repeat; the ring keeps the newest kCap.
// Portable: host tests drive it directly.
#pragma once
#include "ai/ai_types.h"
#include "core/spinlock.h"
#include "lib/json.h"

namespace sis::ai {

enum class TraceModel : u8 { Crash = 0, Sched = 1, Autonomy = 2, SchedLearned = 3 };  // 3: sched/sched_trace.h
enum class TraceKind : u8 { Sample = 0, Alarm = 1, Action = 2, Pick = 3, Hint = 4 };  // Hint: a learned scheduler slice (sched/sched_trace.h)
enum class TraceOutcome : u8 { None = 0, Pending = 1, NoFailure = 2, Failure = 3, Done = 4, Failed = 5 };
const char* trace_model_name(TraceModel m);
const char* trace_kind_name(TraceKind k);
const char* trace_outcome_name(TraceOutcome o);

struct TraceRecord {
  static constexpr usize kMaxInputs = 20;
  static constexpr usize kMaxTop = 3;
  u64 id = 0;
  u64 ts_ns = 0;
  TraceModel model = TraceModel::Crash;
  TraceKind kind = TraceKind::Sample;
  TraceOutcome outcome = TraceOutcome::None;
  u8 n_inputs = 0;
  u8 n_top = 0;
  u32 model_version = 0;
  i16 inputs[kMaxInputs] = {};         // Q8.8 features
  const char* const* input_names = nullptr;  // static names, n_inputs of them
  i32 output_q15 = 0;                  // risk (crash), chosen probability (sched)
  u32 confidence_q15 = 0;
  u32 subject = 0;                     // the thread picked (sched), candidates considered in n_cand
  u32 n_cand = 0;
  u32 top_tid[kMaxTop] = {};           // top attention weights (sched)
  u16 top_weight_q15[kMaxTop] = {};
  u64 latency_ns = 0;                  // inference time
  u64 outcome_ts_ns = 0;
  char action[48] = {};                // "memctl compact", "pick tid 7", ""
  char detail[64] = {};                // what the action did, or why it was skipped
};

class TraceRing {
 public:
  static constexpr usize kCap = 256;

  // Copies r in, assigns its id and returns it.
  u64 add(TraceRecord& r);
  // Copies out record `id`; false when it is unknown or already overwritten.
  bool get(u64 id, TraceRecord* out) const;
  // Sets the outcome of a record still in the ring.
  bool set_outcome(u64 id, TraceOutcome o, u64 ts_ns, const char* detail = nullptr);
  u64 newest_id() const;
  u64 oldest_id() const;
  u64 total() const { return newest_id(); }
  void clear();

  // Scheduler picks are traced 1 in sample_every (1 = all; 0 = none).
  void set_sample_every(u32 n) { sample_every_ = n; }
  u32 sample_every() const { return sample_every_; }
  bool sample_pick() { return sample_every_ && ++pick_counter_ % sample_every_ == 0; }

 private:
  mutable SpinLock lock_;
  TraceRecord ring_[kCap] SIS_GUARDED_BY(lock_);
  u64 next_id_ SIS_GUARDED_BY(lock_) = 1;
  // Sampling: only the scheduler's pick (run-queue lock held) counts; a rate change racing
  // with a pick at worst samples one pick more or less.
  u32 sample_every_ = 100;
  u32 pick_counter_ = 0;
};

TraceRing& traces();

// Writes a record as one JSON object (docs/traces.md).
void write_trace_json(JsonWriter& w, const TraceRecord& r);

// Q8.8 -> JSON decimal with 3 digits; Q15 -> 4 digits.
inline void json_q8(JsonWriter& w, i32 v) { w.fixed(static_cast<i64>(v) * 1000 / 256, 3); }
inline void json_q15(JsonWriter& w, i64 v) { w.fixed(v * 10000 / 32768, 4); }

}  // namespace sis::ai
