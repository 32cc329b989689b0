// The AI core on the control port (docs/protocol.md): the `ai` metrics group, the `trace`
// event (every decision record, streamed from the background loop so that writers such as
// the scheduler's pick never touch the port), and the methods ai.status, trace.list and
// trace.get.
#include "ai/ai_metrics.h"
#include "ai/monitor.h"
#include "ai/trace.h"
#include "control/server.h"

namespace sis::control {
namespace {

using namespace sis::ai;

u32 confidence(u32 risk) { return risk >= kProbOne / 2 ? (risk - kProbOne / 2) * 2 : (kProbOne / 2 - risk) * 2; }

void write_model(JsonWriter& w, const char* name, ModelId id, u64 now) {
  static u32 scratch[ModelStats::kCap];
  ModelStats& s = model_stats(id);
  w.key(name).begin_object();
  w.kv_uint("inferences", s.count()).kv_uint("mean_ns", s.mean_ns());
  w.kv_uint("p50_ns", s.percentile_ns(50, scratch)).kv_uint("p99_ns", s.percentile_ns(99, scratch));
  w.key("decisions_per_s").fixed(static_cast<i64>(s.rate_milli(now)), 3);
  w.end_object();
}

void fill_ai(JsonWriter& w) {
  MonitorStatus m = monitor_status();
  u64 now = Server::now_ns();
  w.key("crash_risk");
  json_q15(w, m.risk_q15);
  w.key("crash_confidence");
  json_q15(w, confidence(m.risk_q15));
  w.kv_bool("autonomy", m.autonomy).kv_uint("alarms", m.alarms).kv_uint("actions", m.actions);
  w.kv_uint("traces", traces().total());
  write_model(w, "crash_predictor", ModelId::Crash, now);
  write_model(w, "sched_transformer", ModelId::Sched, now);
}
SIS_METRICS_GROUP("ai", fill_ai, nullptr);

void ai_status(JsonValue, Response& r) {
  MonitorStatus m = monitor_status();
  auto& w = r.result();
  w.kv_bool("autonomy", m.autonomy).key("threshold");
  json_q15(w, m.threshold_q15);
  w.kv_bool("model_loaded", m.model_loaded).kv_uint("model_version", m.model_version);
  w.kv("model_error", m.model_error);
  fill_ai(w);
}
SIS_CONTROL_METHOD("ai.status", "ai", ai_status, nullptr);

// trace.list: params recent (1..64, default 10) -> records (oldest first), newest_id.
void trace_list(JsonValue params, Response& r) {
  u64 n = 10;
  JsonValue rec = params["recent"];
  if (rec.valid()) {
    if (!rec.is_integer() || rec.as_int() < 1 || rec.as_int() > 64)
      return r.error("InvalidParams", "\"recent\" must be an integer 1..64");
    n = static_cast<u64>(rec.as_int());
  }
  TraceRing& ring = traces();
  u64 newest = ring.newest_id(), oldest = ring.oldest_id();
  u64 first = newest >= n && newest - n + 1 > oldest ? newest - n + 1 : oldest;
  auto& w = r.result();
  w.kv_uint("newest_id", newest).key("records").begin_array();
  static TraceRecord t;
  for (u64 id = first; id && id <= newest; ++id)
    if (ring.get(id, &t)) write_trace_json(w, t);
  w.end_array();
}
SIS_CONTROL_METHOD("trace.list", "trace", trace_list, nullptr);

void trace_get(JsonValue params, Response& r) {
  JsonValue id = params["id"];
  if (!id.is_integer() || id.as_int() < 1) return r.error("InvalidParams", "\"id\" must be a positive integer");
  static TraceRecord t;
  if (!traces().get(static_cast<u64>(id.as_int()), &t)) return r.error("NotFound", "no such trace (or overwritten)");
  auto& w = r.result();
  w.key("record");
  write_trace_json(w, t);
}
SIS_CONTROL_METHOD("trace.get", "trace", trace_get, nullptr);

// Streams new records as `trace` events, a few per background pass.
u64 g_sent = 0;
void write_event(JsonWriter& w, void* ctx) { write_trace_json(w, *static_cast<TraceRecord*>(ctx)); }

void stream_traces() {
  Server& s = server();
  TraceRing& ring = traces();
  static u64 session = 0;
  if (!s.connected() || s.session() != session) {
    session = s.session();
    g_sent = ring.newest_id();  // a new session starts with new records
    return;
  }
  static TraceRecord t;
  for (int k = 0; k < 8 && g_sent < ring.newest_id(); ++k) {
    u64 id = g_sent + 1;
    if (id < ring.oldest_id()) id = ring.oldest_id();
    if (!ring.get(id, &t)) break;
    // write_trace_json writes one object; the event's data is that object.
    if (!s.send_event("trace", t.ts_ns, write_event, &t)) break;
    g_sent = id;
  }
}

}  // namespace

void stream_traces_job() { stream_traces(); }
}  // namespace sis::control
