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
void (*output_lock)() = nullptr;
void (*output_unlock)() = nullptr;

// Buffers by owner: the reader builds greetings, errors and immediate responses in
// reply_buf; events (any thread) are built in event_buf under the output lock; the executor
// builds its responses in exec_buf. One server runs in the kernel.
char reply_buf[kMaxLine + 1];
char event_buf[kMaxLine + 1];
char exec_buf[kMaxLine + 1];
JsonNode parse_pool[1024];
JsonNode exec_pool[1024];
// Queued request lines (FIFO, variable length): two maximal lines always fit.
constexpr usize kQueueBytes = 2 * (kMaxLine + 1);
char queue_bytes[kQueueBytes];

struct OutputGuard {
  explicit OutputGuard(bool take = true) : taken(take && output_lock) {
    if (taken) output_lock();
  }
  ~OutputGuard() {
    if (taken) output_unlock();
  }
  bool taken;
};

bool is_available(const Method* m) { return !m->available || m->available(); }
bool is_available(const MetricsGroup* g) { return !g->available || g->available(); }

bool capability_listed(const char* cap, usize upto) {
  for (usize j = 0; j < upto; ++j) {
    const Method* o = method_at(j);
    if (is_available(o) && StrView(o->capability) == StrView(cap)) return true;
  }
  return false;
}

const Method* find_method(StrView name) {
  for (usize i = 0; i < method_count(); ++i)
    if (StrView(method_at(i)->name) == name && is_available(method_at(i))) return method_at(i);
  return nullptr;
}

void write_error(TextBuffer& tb, bool has_id, u64 id, const char* cls, const char* msg) {
  tb.clear();
  JsonWriter w(tb);
  w.begin_object().kv("type", "response").key("id");
  if (has_id) w.uint(id);
  else w.null();
  w.key("error").begin_object().kv("class", cls).kv("message", msg).end_object().end_object();
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

void Server::set_output_lock(void (*lock)(), void (*unlock)()) {
  output_lock = lock;
  output_unlock = unlock;
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

void Server::send_greeting() {  // output lock held
  TextBuffer tb(reply_buf, sizeof(reply_buf));
  JsonWriter w(tb);
  w.begin_object().kv("type", "greeting").kv_uint("protocol", 1).kv("kernel", "SIS").kv("version", kernel_version);
  w.key("capabilities");
  write_capabilities(w);
  w.end_object();
  greeted_ = true;
  send(tb);
}

// A session ends (and maybe the next begins): nothing of the old one may follow. Queued
// requests are forgotten, a running one is asked to stop and its response will be dropped
// (its session number no longer matches), and the transport stops sending to the old
// connection before the greeting goes out, so the greeting is the new session's first line.
void Server::session_change(bool connected) {
  OutputGuard g;
  ++session_;
  connected_ = connected;
  greeted_ = hello_ = false;
  line_len_ = 0;
  discarding_ = false;
  unsubscribe();
  if (transport_) transport_->session_changed();
  bool cancel;
  {
    SpinLockGuard q(queue_lock_);
    queue_count_ = running_ ? 1 : 0;  // the running request stays until it returns
    cancel = running_;
  }
  if (cancel && executor_) executor_->cancel_running();
  if (connected) send_greeting();
}

void Server::on_connect() { session_change(true); }

void Server::on_disconnect() { session_change(false); }

void Server::send_error(bool has_id, u64 id, const char* cls, const char* msg) {
  TextBuffer tb(reply_buf, sizeof(reply_buf));
  write_error(tb, has_id, id, cls, msg);
  OutputGuard g;
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

// Room for `len` bytes in the queue's ring after the newest queued line, or nullptr.
char* Server::reserve_queue_bytes(usize len, usize* offset) {
  queue_lock_.assert_held();
  if (queue_count_ == 0) {
    *offset = 0;
    return len <= kQueueBytes ? queue_bytes : nullptr;
  }
  const Job& first = queue_[queue_head_];
  const Job& last = queue_[(queue_head_ + queue_count_ - 1) % kMaxQueued];
  usize head = first.offset, tail = last.offset + last.len;
  if (head < tail) {  // live bytes [head, tail)
    if (kQueueBytes - tail >= len) *offset = tail;
    else if (len < head) *offset = 0;
    else return nullptr;
  } else {  // wrapped: live bytes [head, end) and [0, tail)
    if (tail + len < head) *offset = tail;
    else return nullptr;
  }
  return queue_bytes + *offset;
}

void Server::call_method(const Method* m, JsonValue params, u64 id, TextBuffer& tb, bool* ok) {
  JsonWriter w(tb);
  w.begin_object().kv("type", "response").kv_uint("id", id);
  Response resp(w);
  m->call(params, resp);
  *ok = false;
  if (resp.has_error()) return write_error(tb, true, id, resp.error_class(), resp.error_message());
  resp.result();  // an empty result when the method wrote nothing
  w.end_object().end_object();
  if (!w.ok()) return write_error(tb, true, id, "Internal", "the result did not fit in one line");
  *ok = true;
}

void Server::handle_line(char* line, usize len) {
  ++stats_.lines_in;
  // The executor re-parses its own copy: parsing unescapes strings in place, so the copy
  // is taken first. Only the reader adds to the queue, so the room stays free until used.
  usize copy_offset = 0;
  char* copy = nullptr;
  if (executor_) {
    {
      SpinLockGuard q(queue_lock_);
      copy = reserve_queue_bytes(len, &copy_offset);
    }
    if (copy) memcpy(copy, line, len);
  }
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
    // A host says hello once per connection, so a second hello in one session comes from a
    // new host the guest never saw connect: after a snapshot load (QEMU loadvm) the guest
    // believes its old host is still there, and QEMU sends no port event when a host is
    // connected now as then. That host's recovery hello starts a fresh session.
    if (hello_) session_change(true);
    OutputGuard g;
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
  const Method* m = find_method(methodv.as_string());
  if (!m) {
    char msg[160];
    StrView mv = methodv.as_string();
    format(msg, sizeof(msg), "no method '%.*s' in this kernel", static_cast<int>(min<usize>(mv.size, 100)), mv.data);
    send_error(true, id, "MethodNotFound", msg);
    return;
  }
  if (m->immediate || !executor_) {
    TextBuffer tb(reply_buf, sizeof(reply_buf));
    bool ok;
    bool lock = !m->immediate && dispatch_lock;
    if (lock) dispatch_lock();
    caller_session_ = session_;
    call_method(m, params, id, tb, &ok);
    if (lock) dispatch_unlock();
    OutputGuard g;
    ++stats_.responses;
    if (!ok) ++stats_.errors;
    send(tb);
    return;
  }
  bool queued = false;
  {
    SpinLockGuard q(queue_lock_);
    if (copy && queue_count_ < kMaxQueued) {
      queue_[(queue_head_ + queue_count_) % kMaxQueued] = Job{session_, id, copy_offset, len};
      ++queue_count_;
      queued = true;
    }
  }
  if (!queued) {
    ++stats_.busy;
    char msg[96];
    format(msg, sizeof(msg), "%zu requests are already waiting or running; retry later", kMaxQueued);
    send_error(true, id, "Busy", msg);
    return;
  }
  executor_->wake();
}

bool Server::run_queued() {
  Job job;
  {
    SpinLockGuard q(queue_lock_);
    if (running_ || queue_count_ == 0) return false;
    job = queue_[queue_head_];
    running_ = true;
  }
  TextBuffer tb(exec_buf, sizeof(exec_buf));
  bool ok = false;
  JsonDocument doc(exec_pool, array_size(exec_pool));
  if (doc.parse(queue_bytes + job.offset, job.len) != Error::Ok || !doc.root().is_object()) {
    write_error(tb, true, job.id, "Internal", "a queued request no longer parses");
  } else if (const Method* m = find_method(doc.root()["method"].as_string()); !m) {
    write_error(tb, true, job.id, "MethodNotFound", "the method went away while the request waited");
  } else {
    if (dispatch_lock) dispatch_lock();
    caller_session_ = job.session;
    call_method(m, doc.root()["params"], job.id, tb, &ok);
    if (dispatch_unlock) dispatch_unlock();
  }
  {
    SpinLockGuard q(queue_lock_);
    running_ = false;
    queue_head_ = (queue_head_ + 1) % kMaxQueued;
    --queue_count_;
  }
  OutputGuard g;
  if (job.session != session_) {
    ++stats_.stale;  // the host that asked is gone: its answer must not reach the next one
    return true;
  }
  ++stats_.responses;
  if (!ok) ++stats_.errors;
  send(tb);
  return true;
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
  OutputGuard g(!force);  // the panic path cannot wait for a lock
  if (!connected_ || (!hello_ && !force)) return false;
  TextBuffer tb(event_buf, sizeof(event_buf));
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
