// llm.* methods of the control protocol (docs/protocol.md, "llm"): info, load, infer,
// cancel. llm.infer answers at once with a stream number and then streams the generation
// as `llm.token` events and one final `llm.done` event, produced by a background job one
// time slice at a time, so the control port keeps serving requests and metrics while the
// model runs. (A method cannot send events while it runs -- the server writes the
// response and events through one buffer -- and a long generation under TCG would exceed
// a host's request timeout.)
//
// The prompt is data: any bytes, quotes or newlines in the JSON string reach the tokenizer
// unchanged and are never interpreted; the model's output goes back as JSON strings (invalid
// UTF-8 replaced by U+FFFD) and is never executed.
#include "ai/llm/llm_kernel.h"
#include "ai/llm/text.h"
#include "control/server.h"
#include "sched/background.h"
#include "lib/string.h"

namespace sis::control {
namespace {

struct Job {
  bool active = false;
  u64 stream = 0;
  u32 index = 0;
  u64 session = 0;  // the session that asked; the stream ends with it
};
Job job;
u64 next_stream = 1;
bool service_added = false;
constexpr u64 kSliceNs = 20000000;  // generate for at most 20 ms per background pass

struct TokenEvent {
  u64 stream;
  u32 index, id;
  StrView text;
};

void fill_token(JsonWriter& w, void* p) {
  auto* t = static_cast<TokenEvent*>(p);
  static char buf[4 * (llm::kMaxPieceLen + 16)];
  usize n = llm::to_valid_utf8(t->text, buf, sizeof(buf));
  w.begin_object().kv_uint("stream", t->stream).kv_uint("index", t->index).kv_uint("token", t->id);
  w.kv("text", StrView(buf, n)).end_object();
}

void fill_done(JsonWriter& w, void* p) {
  u64 stream = *static_cast<u64*>(p);
  const llm::InferStats& s = llm::engine().stats();
  u64 gen_ns = s.total_ns > s.ttft_ns ? s.total_ns - s.ttft_ns : 0;
  u64 tps_milli = gen_ns && s.generated > 1 ? u64(s.generated - 1) * 1000000000000ull / gen_ns : 0;
  w.begin_object().kv_uint("stream", stream).kv_uint("prompt_tokens", s.prompt_tokens).kv_uint("generated", s.generated);
  w.kv_bool("prompt_truncated", s.prompt_truncated).kv("stop", llm::stop_reason_name(s.stop));
  w.kv_uint("ttft_ns", s.ttft_ns).kv_uint("total_ns", s.total_ns).key("tokens_per_s").fixed(static_cast<i64>(tps_milli), 3);
  w.end_object();
}

// Background job: advances the generation for one time slice.
void service() {
  if (!job.active) return;
  llm::Engine& e = llm::engine();
  if (!server().connected() || server().session() != job.session) e.cancel();  // nobody to stream to
  u64 start = llm::now_ns();
  StrView text;
  u32 id;
  bool more = true;
  while (llm::now_ns() - start < kSliceNs) {
    more = e.step(&text, &id);
    if (!more) break;
    TokenEvent ev{job.stream, job.index++, id, text};
    // An event the port cannot take is dropped (counted by the server), like metrics.
    server().send_event("llm.token", llm::now_ns(), fill_token, &ev);
  }
  if (!more) {
    job.active = false;
    server().send_event("llm.done", llm::now_ns(), fill_done, &job.stream);
  }
}

void llm_info(JsonValue, Response& r) {
  llm::Diag d;
  llm::ensure_loaded(&d);  // an absent model is reported as "loaded": false
  auto& w = r.result();
  llm::write_info_members(w);
}
SIS_CONTROL_METHOD("llm.info", "llm", llm_info, nullptr);

void llm_load(JsonValue params, Response& r) {
  JsonValue path = params["path"], tok = params["tokenizer"];
  if (!path.is_string()) return r.error("InvalidParams", "\"path\" (string: a file, or \"builtin\") is required");
  if (tok.valid() && !tok.is_string()) return r.error("InvalidParams", "\"tokenizer\" must be a string");
  if (job.active) return r.error("Busy", "a generation is streaming (llm.cancel)");
  llm::Diag d;
  Error e = llm::load_model(path.as_string(), tok.as_string(), &d);
  if (e != Error::Ok) {
    const char* cls = e == Error::NoEntry ? "NotFound" : e == Error::TooBig ? "TooLarge" : e == Error::Busy ? "Busy"
                    : e == Error::Io ? "IoError" : "InvalidParams";
    return r.error(cls, "%s", d.text);
  }
  auto& w = r.result();
  llm::write_info_members(w);
}
SIS_CONTROL_METHOD("llm.load", "llm", llm_load, nullptr);

void llm_infer(JsonValue params, Response& r) {
  JsonValue prompt = params["prompt"], max = params["max_tokens"], temp = params["temperature_milli"],
            seed = params["seed"];
  if (!prompt.is_string()) return r.error("InvalidParams", "\"prompt\" (string) is required");
  if (prompt.as_string().size > llm::kMaxPromptBytes)
    return r.error("TooLarge", "prompt longer than %zu bytes", llm::kMaxPromptBytes);
  llm::InferParams p;
  p.prompt = prompt.as_string();
  if (max.valid()) {
    if (!max.is_integer() || max.as_int() < 1 || max.as_int() > llm::kMaxNewTokens)
      return r.error("InvalidParams", "\"max_tokens\" must be an integer 1..%u", llm::kMaxNewTokens);
    p.max_tokens = static_cast<u32>(max.as_int());
  }
  if (temp.valid()) {
    if (!temp.is_integer() || temp.as_int() < 0 || temp.as_int() > 2000)
      return r.error("InvalidParams", "\"temperature_milli\" must be an integer 0..2000 (0: greedy)");
    p.temperature_milli = static_cast<u32>(temp.as_int());
  }
  if (seed.valid()) {
    if (!seed.is_integer() || seed.as_int() < 0) return r.error("InvalidParams", "\"seed\" must be a non-negative integer");
    p.seed = static_cast<u64>(seed.as_int());
  }
  if (job.active) return r.error("Busy", "another generation is streaming (stream %llu)", static_cast<unsigned long long>(job.stream));
  llm::Diag d;
  Error e = llm::ensure_loaded(&d);
  if (e != Error::Ok) return r.error("NotFound", "%s", d.text);
  // The prompt string lives in the request line, which is gone after this call: the engine
  // tokenizes it now (begin), and keeps only token ids.
  e = llm::engine().begin(p, &d);
  if (e != Error::Ok) return r.error(e == Error::Busy ? "Busy" : e == Error::TooBig ? "TooLarge" : "Internal", "%s", d.text);
  if (!service_added) {
    background::add(service);
    service_added = true;
  }
  job.active = true;
  job.stream = next_stream++;
  job.index = 0;
  job.session = server().caller_session();
  auto& w = r.result();
  w.kv_uint("stream", job.stream).kv_uint("prompt_tokens", llm::engine().stats().prompt_tokens);
  w.kv_bool("prompt_truncated", llm::engine().stats().prompt_truncated);
}
SIS_CONTROL_METHOD("llm.infer", "llm", llm_infer, nullptr);

void llm_cancel(JsonValue params, Response& r) {
  JsonValue s = params["stream"];
  bool match = job.active && (!s.valid() || (s.is_integer() && static_cast<u64>(s.as_int()) == job.stream));
  if (match) llm::engine().cancel();  // the job sends llm.done with stop "cancelled"
  r.result().kv_bool("cancelled", match);
}
SIS_CONTROL_METHOD("llm.cancel", "llm", llm_cancel, nullptr);

}  // namespace
}  // namespace sis::control
