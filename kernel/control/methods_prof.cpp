// prof.* methods: the sampling profiler over the control port (docs/protocol.md,
// docs/profiler.md). The same back end as the shell's profctl (prof/profiler.h).
#include "control/server.h"
#include "prof/profile.h"
#include "prof/profiler.h"

namespace sis::control {
namespace {

constexpr i64 kMaxChunk = 32768;

// Params: hz (optional 1..10000, default 1000), target (optional "all" | "kernel" | a pid).
void start(JsonValue p, Response& r) {
  prof::StartOptions o;
  JsonValue hz = p["hz"], target = p["target"];
  if (hz.valid()) {
    if (!hz.is_integer() || hz.as_int() < 1 || hz.as_int() > 10000)
      return r.error("InvalidParams", "\"hz\" must be an integer 1..10000");
    o.hz = static_cast<u32>(hz.as_int());
  }
  if (target.valid()) {
    if (target.is_string() && target.as_string() == StrView("all")) {
      o.target = prof::Target::All;
    } else if (target.is_string() && target.as_string() == StrView("kernel")) {
      o.target = prof::Target::Kernel;
    } else if (target.is_integer() && target.as_int() >= 1 && target.as_int() <= 0xffffffffll) {
      o.target = prof::Target::Pid;
      o.pid = static_cast<u32>(target.as_int());
    } else {
      return r.error("InvalidParams", "\"target\" must be \"all\", \"kernel\" or a process id");
    }
  }
  auto s = prof::start(o);
  if (s.error() == Error::Busy) return r.error("Busy", "a profile is already running (prof.stop first)");
  if (s.error() == Error::NoProcess) return r.error("NotFound", "no running process %u", o.pid);
  if (!s.ok()) return r.error("Internal", "the profiler did not start: %s", error_name(s.error()));
  r.result().kv_uint("hz", s->hz).kv("mode", s->mode);
}
SIS_CONTROL_METHOD("prof.start", "prof", start, nullptr);

void stop(JsonValue, Response& r) {
  auto s = prof::stop();
  if (s.error() == Error::NoEntry) return r.error("NotFound", "no profile is running");
  if (!s.ok()) return r.error("Internal", "stop: %s", error_name(s.error()));
  r.result().kv_uint("samples", s->samples).kv_uint("dropped", s->dropped).kv_uint("duration_ns", s->duration_ns)
      .kv_uint("handler_ns", s->handler_ns).kv_uint("drain_ns", s->drain_ns);
}
SIS_CONTROL_METHOD("prof.stop", "prof", stop, nullptr);

// Params: top (optional 1..200, default 20).
void report(JsonValue p, Response& r) {
  JsonValue top = p["top"];
  if (top.valid() && (!top.is_integer() || top.as_int() < 1 || top.as_int() > 200))
    return r.error("InvalidParams", "\"top\" must be an integer 1..200");
  if (!prof::folded_text().ok()) return r.error("NotFound", "no profile yet (prof.start, then prof.stop)");
  (void)prof::write_report_json(top.valid() ? static_cast<usize>(top.as_int()) : 20, r.result());
}
SIS_CONTROL_METHOD("prof.report", "prof", report, nullptr);

// The folded text of the last stopped profile in chunks that end at a line boundary.
// Params: offset (optional, default 0), max (optional 1..32768, default 16384). A chunk
// holds whole lines only; one line longer than max is sent whole (lines are far below
// 32768 bytes: at most 66 frames of at most 255 bytes).
void folded(JsonValue p, Response& r) {
  JsonValue off = p["offset"], max = p["max"];
  if (max.valid() && (!max.is_integer() || max.as_int() < 1 || max.as_int() > kMaxChunk))
    return r.error("InvalidParams", "\"max\" must be an integer 1..32768");
  auto text = prof::folded_text();
  if (!text.ok()) return r.error("NotFound", "no profile yet (prof.start, then prof.stop)");
  StrView t = text.value();
  if (off.valid() && (!off.is_integer() || off.as_int() < 0 || static_cast<u64>(off.as_int()) > t.size))
    return r.error("InvalidParams", "\"offset\" must be an integer 0..%llu", static_cast<unsigned long long>(t.size));
  usize o = off.valid() ? static_cast<usize>(off.as_int()) : 0;
  usize m = max.valid() ? static_cast<usize>(max.as_int()) : 16384;
  usize end = prof::folded_chunk_end(t, o, m, kMaxChunk);
  r.result()
      .kv("text", StrView(t.data + o, end - o))
      .kv_uint("offset", o)
      .kv_uint("next", end)
      .kv_uint("total", t.size)
      .kv_bool("done", end == t.size);
}
SIS_CONTROL_METHOD("prof.folded", "prof", folded, nullptr);

}  // namespace
}  // namespace sis::control
