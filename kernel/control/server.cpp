#include "control/server.h"

#include "lib/string.h"

extern "C" {
extern const sis::control::Method __start_sis_control_methods[] __attribute__((weak));
extern const sis::control::Method __stop_sis_control_methods[] __attribute__((weak));
extern const sis::control::MetricsGroup __start_sis_metrics_groups[] __attribute__((weak));
extern const sis::control::MetricsGroup __stop_sis_metrics_groups[] __attribute__((weak));
}

namespace sis::control {
namespace {

const char* kernel_version = "0.0.0";
u64 (*clock_fn)() = nullptr;
void (*dispatch_lock)() = nullptr;
void (*dispatch_unlock)() = nullptr;

// One response or event is built at a time (the server runs in one context).
char out_buf[kMaxLine + 1];
JsonNode parse_pool[1024];

bool is_available(const Method* m) { return !m->available || m->available(); }
bool is_available(const MetricsGroup* g) { return !g->available || g->available(); }

bool capability_listed(const char* cap, usize upto) {
  for (usize j = 0; j < upto; ++j) {
    const Method* o = method_at(j);
    if (is_available(o) && StrView(o->capability) == StrView(cap)) return true;
  }
  return false;
}

}  // namespace

usize method_count() { return static_cast<usize>(__stop_sis_control_methods - __start_sis_control_methods); }
const Method* method_at(usize i) { return i < method_count() ? &__start_sis_control_methods[i] : nullptr; }
usize metrics_group_count() { return static_cast<usize>(__stop_sis_metrics_groups - __start_sis_metrics_groups); }
const MetricsGroup* metrics_group_at(usize i) {
  return i < metrics_group_count() ? &__start_sis_metrics_groups[i] : nullptr;
}

JsonWriter& Response::result() {
  if (state_ == State::None) {
    state_ = State::Result;
    w_.key("result").begin_object();
  }
  return w_;
}

void Response::error(const char* cls, const char* fmt, ...) {
  if (state_ != State::None) return;  // a method answers once
  state_ = State::Error;
  cls_ = cls;
  va_list ap;
  va_start(ap, fmt);
  vformat(msg_, sizeof(msg_), fmt, ap);
  va_end(ap);
}

void Server::set_identity(const char* version, u64 (*clock_ns)()) {
  kernel_version = version;
  clock_fn = clock_ns;
}

u64 Server::now_ns() { return clock_fn ? clock_fn() : 0; }

void Server::set_dispatch_lock(void (*lock)(), void (*unlock)()) {
  dispatch_lock = lock;
  dispatch_unlock = unlock;
}

void Server::write_capabilities(JsonWriter& w) {
  w.begin_array();
  for (usize i = 0; i < method_count(); ++i) {
    const Method* m = method_at(i);
    if (is_available(m) && !capability_listed(m->capability, i)) w.string(m->capability);
  }
  w.end_array();
}

bool Server::send(TextBuffer& tb) {
  if (tb.truncated() || tb.size() > kMaxLine) {
    ++stats_.dropped;
    return false;
  }
  if (!transport_ || !connected_ || !transport_->send_line(tb.view())) {
    ++stats_.dropped;
    return false;
  }
  return true;
}

void Server::send_greeting() {
  TextBuffer tb(out_buf, sizeof(out_buf));
  JsonWriter w(tb);
  w.begin_object().kv("type", "greeting").kv_uint("protocol", 1).kv("kernel", "SIS").kv("version", kernel_version);
  w.key("capabilities");
  write_capabilities(w);
  w.end_object();
  greeted_ = true;
  send(tb);
}

void Server::on_connect() {
  connected_ = true;
  greeted_ = hello_ = false;
  line_len_ = 0;
  discarding_ = false;
  unsubscribe();
  send_greeting();
}

void Server::on_disconnect() {
  connected_ = false;
  greeted_ = hello_ = false;
  line_len_ = 0;
  discarding_ = false;
  unsubscribe();
}

void Server::send_error(bool has_id, u64 id, const char* cls, const char* msg) {
  TextBuffer tb(out_buf, sizeof(out_buf));
  JsonWriter w(tb);
  w.begin_object().kv("type", "response").key("id");
  if (has_id) w.uint(id);
  else w.null();
  w.key("error").begin_object().kv("class", cls).kv("message", msg).end_object().end_object();
  ++stats_.errors;
  ++stats_.responses;
  send(tb);
}

void Server::on_bytes(const char* data, usize n) {
  for (usize i = 0; i < n; ++i) {
    char c = data[i];
    if (c == '\n') {
      if (discarding_) {
        discarding_ = false;
        ++stats_.too_large;
        send_error(false, 0, "TooLarge", "line longer than 65536 bytes");
      } else {
        usize len = line_len_;
        if (len && line_[len - 1] == '\r') --len;
        line_len_ = 0;
        if (len) handle_line(line_, len);
      }
      continue;
    }
    if (discarding_) continue;
    if (line_len_ == kMaxLine) {
      discarding_ = true;  // drop everything up to the next '\n'
      line_len_ = 0;
      continue;
    }
    line_[line_len_++] = c;
  }
}

void Server::handle_line(char* line, usize len) {
  ++stats_.lines_in;
  JsonDocument doc(parse_pool, array_size(parse_pool));
  Error pe = doc.parse(line, len);
  if (pe != Error::Ok) {
    char msg[128];
    if (pe == Error::TooBig) format(msg, sizeof(msg), "too many values in one message (at most %zu)", array_size(parse_pool));
    else format(msg, sizeof(msg), "%s at byte %zu", doc.error_message(), doc.error_offset());
    send_error(false, 0, "ParseError", msg);
    return;
  }
  JsonValue root = doc.root();
  if (!root.is_object()) {
    send_error(false, 0, "ParseError", "not a JSON object");
    return;
  }
  JsonValue idv = root["id"];
  bool has_id = idv.is_integer() && idv.as_int() >= 0 && idv.as_int() <= 0xffffffffll;
  u64 id = has_id ? static_cast<u64>(idv.as_int()) : 0;
  StrView type = root["type"].as_string();
  if (!root["type"].is_string()) {
    send_error(has_id, id, "InvalidRequest", "missing or non-string \"type\"");
    return;
  }
  if (type == StrView("hello")) {
    if (!greeted_) send_greeting();
    hello_ = true;
    return;
  }
  if (type != StrView("request")) {
    send_error(has_id, id, "InvalidRequest", "the host may send only \"hello\" and \"request\"");
    return;
  }
  ++stats_.requests;
  if (!has_id) {
    send_error(false, 0, "InvalidRequest", "a request needs an integer \"id\" in 0..4294967295");
    return;
  }
  JsonValue methodv = root["method"];
  if (!methodv.is_string()) {
    send_error(true, id, "InvalidRequest", "missing or non-string \"method\"");
    return;
  }
  JsonValue params = root["params"];
  if (params.valid() && !params.is_object()) {
    send_error(true, id, "InvalidParams", "\"params\" must be an object");
    return;
  }
  const Method* m = nullptr;
  for (usize i = 0; i < method_count() && !m; ++i)
    if (StrView(method_at(i)->name) == methodv.as_string() && is_available(method_at(i))) m = method_at(i);
  if (!m) {
    char msg[160];
    StrView mv = methodv.as_string();
    format(msg, sizeof(msg), "no method '%.*s' in this kernel", static_cast<int>(min<usize>(mv.size, 100)), mv.data);
    send_error(true, id, "MethodNotFound", msg);
    return;
  }
  TextBuffer tb(out_buf, sizeof(out_buf));
  JsonWriter w(tb);
  w.begin_object().kv("type", "response").kv_uint("id", id);
  Response resp(w);
  if (dispatch_lock) dispatch_lock();
  m->call(params, resp);
  if (dispatch_unlock) dispatch_unlock();
  if (resp.has_error()) {
    send_error(true, id, resp.error_class(), resp.error_message());
    return;
  }
  resp.result();  // an empty result when the method wrote nothing
  w.end_object().end_object();
  if (!w.ok()) {
    send_error(true, id, "Internal", "the result did not fit in one line");
    return;
  }
  ++stats_.responses;
  send(tb);
}

u32 Server::group_mask_all() {
  u32 mask = 0;
  for (usize i = 0; i < metrics_group_count() && i < 32; ++i)
    if (is_available(metrics_group_at(i))) mask |= 1u << i;
  return mask;
}

void Server::subscribe(u32 rate_hz, u32 group_mask, u64 now) {
  rate_hz_ = rate_hz;
  group_mask_ = group_mask;
  seq_ = 0;
  next_due_ns_ = now;
}

void Server::unsubscribe() {
  rate_hz_ = 0;
  group_mask_ = 0;
}

void Server::write_sample(JsonWriter& w, u64 seq, u32 mask) {
  w.begin_object().kv_uint("seq", seq);
  for (usize i = 0; i < metrics_group_count() && i < 32; ++i) {
    if (!(mask & (1u << i))) continue;
    const MetricsGroup* g = metrics_group_at(i);
    w.key(g->name).begin_object();
    g->fill(w);
    w.end_object();
  }
  w.end_object();
}

bool Server::send_event(const char* name, u64 ts, void (*fill)(JsonWriter& w, void* ctx), void* ctx, bool force) {
  if (!connected_ || (!hello_ && !force)) return false;
  TextBuffer tb(out_buf, sizeof(out_buf));
  JsonWriter w(tb);
  w.begin_object().kv("type", "event").kv("event", name).kv_uint("ts_ns", ts).key("data");
  fill(w, ctx);
  w.end_object();
  if (!w.ok()) {
    ++stats_.dropped;
    return false;
  }
  if (!send(tb)) return false;
  ++stats_.events;
  return true;
}

void Server::tick(u64 now) {
  if (!rate_hz_ || !connected_ || !hello_ || now < next_due_ns_) return;
  u64 period = 1000000000ull / rate_hz_;
  // Keep the schedule (no drift); after a long stall skip missed slots instead of bursting.
  next_due_ns_ += period;
  if (next_due_ns_ <= now) {
    u64 missed = (now - next_due_ns_) / period + 1;
    seq_ += missed;  // a gap in seq tells the host samples were dropped
    stats_.dropped += missed;
    next_due_ns_ += missed * period;
  }
  struct Ctx {
    u64 seq;
    u32 mask;
  } ctx{seq_++, group_mask_};
  send_event("metrics", now, [](JsonWriter& w, void* c) {
    auto* x = static_cast<Ctx*>(c);
    write_sample(w, x->seq, x->mask);
  }, &ctx);
}

Server& server() {
  static Server s;
  return s;
}

}  // namespace sis::control
