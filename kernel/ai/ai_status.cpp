// JSON writers for the AI core's state (ai_status.h): the shell's --json output and the
// control port's ai.status and `ai` metrics group call the same functions.
#include "ai/ai_status.h"

#include "ai/ai_metrics.h"
#include "ai/ai_sched.h"
#include "ai/monitor.h"
#include "ai/sched_model.h"
#include "ai/tensor.h"
#include "ai/trace.h"
#include "arch/arch.h"

namespace sis::ai {
namespace {

u32 command_scratch[ModelStats::kCap], control_scratch[ModelStats::kCap];  // see Writer

void write_model_stats(JsonWriter& w, ModelId id, u64 now, Writer who) {
  u32* scratch = who == Writer::ControlThread ? control_scratch : command_scratch;
  ModelStats& s = model_stats(id);
  w.kv_uint("inferences", s.count()).kv_uint("mean_ns", s.mean_ns());
  w.kv_uint("p50_ns", s.percentile_ns(50, scratch)).kv_uint("p99_ns", s.percentile_ns(99, scratch));
  w.kv_uint("max_ns", s.max_ns()).key("decisions_per_s").fixed(static_cast<i64>(s.rate_milli(now)), 3);
}

void write_metrics(JsonWriter& w, const MonitorStatus& m, Writer who) {
  u64 now = arch::counter_to_ns(arch::counter());
  w.key("crash_risk");
  json_q15(w, m.risk_q15);
  w.key("crash_threshold");
  json_q15(w, m.threshold_q15);
  // Time to exhaustion and its alarm threshold (capped at a minute: "not falling").
  w.kv_uint("tte_ms", m.tte_ms < 60000 ? m.tte_ms : 60000).kv_uint("tte_threshold_ms", m.tte_threshold_ms);
  w.kv_bool("in_alarm", m.in_alarm).kv_sint("last_alarm_lead_ms", m.last_alarm_lead_ms);
  w.kv_bool("autonomy", m.autonomy).kv_uint("alarms", m.alarms).kv_uint("actions", m.actions);
  w.kv_uint("traces", traces().total());
  w.key("crash_predictor").begin_object();
  write_model_stats(w, ModelId::Crash, now, who);
  w.end_object().key("sched_transformer").begin_object();
  write_model_stats(w, ModelId::Sched, now, who);
  w.end_object();
}

}  // namespace

void write_ai_metrics(JsonWriter& w, Writer who) { write_metrics(w, monitor_status(), who); }

void write_ai_status(JsonWriter& w, Writer who) {
  MonitorStatus m = monitor_status();
  w.key("threshold");
  json_q15(w, m.threshold_q15);
  w.kv_bool("model_loaded", m.model_loaded).kv_uint("model_version", m.model_version);
  w.kv("model_error", m.model_error).kv_bool("neon", neon_enabled());
  w.kv("detector", detector_name(m.detector)).kv_uint("tte_threshold_ms", m.tte_threshold_ms);
  w.kv("autonomy_mode", autonomy_mode_name(m.mode)).key("proposal");
  if (m.proposal[0]) w.string(m.proposal);
  else w.null();
  w.kv_bool("proposal_confirmed", m.proposal_confirmed);
  write_metrics(w, m, who);
}

void write_crash_status(JsonWriter& w) {
  MonitorStatus m = monitor_status();
  u32 hist[64];
  usize n = risk_history(hist, 64);
  w.kv_bool("model_loaded", m.model_loaded).kv_uint("model_version", m.model_version).key("crash_risk");
  json_q15(w, m.risk_q15);
  w.key("threshold");
  json_q15(w, m.threshold_q15);
  w.kv_bool("autonomy", m.autonomy).kv("autonomy_mode", autonomy_mode_name(m.mode));
  w.kv_uint("samples", m.samples).kv_uint("alarms", m.alarms);
  w.kv("detector", detector_name(m.detector)).kv_bool("in_alarm", m.in_alarm);
  w.kv_uint("actions", m.actions);
  w.key("history").begin_array();
  for (usize i = 0; i < n; ++i) json_q15(w, hist[i]);
  w.end_array();
  w.key("features").begin_object();
  for (usize i = 0; i < CrashFeatures::kCount; ++i) {
    w.key(kCrashFeatureNames[i]);
    json_q8(w, m.features.v[i]);
  }
  w.end_object();
  w.key("last_alarm");
  if (m.last_alarm_id) {
    w.begin_object().kv_uint("trace_id", m.last_alarm_id).kv_uint("ts_ns", m.last_alarm_ns).key("risk");
    json_q15(w, m.last_alarm_risk_q15);
    w.key("lead_ms");
    if (m.last_alarm_lead_ms >= 0) w.uint(static_cast<u64>(m.last_alarm_lead_ms));
    else w.null();
    w.end_object();
  } else {
    w.null();
  }
}

void write_transformer_status(JsonWriter& w) {
  TransformerStatus t = transformer_status();
  w.kv_bool("active", t.active).kv_bool("model_loaded", t.model_loaded);
  w.kv_uint("model_version", t.model_version).kv_uint("parameters", SchedModel::parameter_count());
  w.kv_uint("picks", t.picks).kv_uint("model_picks", t.model_picks);
  w.kv_uint("starvation_picks", t.starvation_picks).kv_uint("wakeup_decisions", t.wakeup_decisions);
  write_model_stats(w, ModelId::Sched, arch::counter_to_ns(arch::counter()), Writer::CommandLock);
}

}  // namespace sis::ai
