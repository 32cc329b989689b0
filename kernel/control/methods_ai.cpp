// The AI core on the control port (docs/protocol.md): the `ai` metrics group, the `trace`
// event (every decision record, streamed from the background loop so that writers such as
// the scheduler's pick never touch the port), and the methods ai.status, ai.autonomy,
// ai.confirm, trace.list and trace.get.
//
// ai.status, ai.autonomy and ai.confirm are immediate (answered by the port's reader): they
// touch only the monitor's state, which the monitor thread changes without the command lock
// anyway. Queued behind a running shell.exec they could not be answered while a workload
// runs, which is exactly when an operator needs them: the Crash lab's predictor box froze
// for the whole run of a leaking program started with shell.exec and never showed its
// proposal (gui.crash_predictor).
#include "ai/ai_status.h"
#include "ai/monitor.h"
#include "ai/trace.h"
#include "control/server.h"

namespace sis::control {
namespace {

using namespace sis::ai;

// The members come from the AI core (ai/ai_status.h), as for `autoctl ... --json`.
void fill_ai(JsonWriter& w) { write_ai_metrics(w, Writer::ControlThread); }
SIS_METRICS_GROUP("ai", fill_ai, nullptr);

void ai_status(JsonValue, Response& r) { write_ai_status(r.result(), Writer::ControlThread); }
SIS_CONTROL_METHOD_IMMEDIATE("ai.status", "ai", ai_status, nullptr);

// ai.autonomy: params mode ("off", "on" or "ask") -> mode.
void ai_autonomy(JsonValue params, Response& r) {
  JsonValue mv = params["mode"];
  AutonomyMode m;
  if (!mv.is_string() || !parse_autonomy_mode(mv.as_string(), &m))
    return r.error("InvalidParams", "\"mode\" must be \"off\", \"on\" or \"ask\"");
  set_autonomy_mode(m);
  r.result().kv("mode", autonomy_mode_name(m));
}
SIS_CONTROL_METHOD_IMMEDIATE("ai.autonomy", "ai", ai_autonomy, nullptr);

// ai.confirm: takes the step ask mode proposed -> action (the step). NotFound when nothing
// is proposed (not in ask mode, or no alarm needs a step).
void ai_confirm(JsonValue, Response& r) {
  char step[sizeof(MonitorStatus::proposal)];
  if (!confirm_proposal(step, sizeof(step)))
    return r.error("NotFound", autonomy_mode() != AutonomyMode::Ask ? "autonomy is not in ask mode" : "nothing is proposed now");
  r.result().kv("action", StrView(step));
}
SIS_CONTROL_METHOD_IMMEDIATE("ai.confirm", "ai", ai_confirm, nullptr);

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
