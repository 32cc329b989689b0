// The control-protocol server (docs/protocol.md, version 1), transport-independent and
// portable: it assembles lines from bytes, parses them, dispatches requests to methods
// registered with SIS_CONTROL_METHOD, writes exactly one response per request, and emits
// metrics events for a subscription. The kernel glue (control_port.cpp) feeds it bytes
// from the virtio-console port and gives it a way to send lines; host tests feed it
// directly. It never blocks on the host: a line the transport cannot take is dropped.
//
// Threads (kernel): one reader feeds bytes, handles session changes and answers immediate
// methods (SIS_CONTROL_METHOD_IMMEDIATE: ping, info, metrics) at once; every other method
// is queued for the Executor's thread, which runs them one at a time under the command
// lock, so a long shell command never delays the greeting, a ping or the metrics stream.
// Any thread may send events. A session is numbered; a queued or running request belongs
// to the session it arrived in, and its response is dropped if that session has ended.
#pragma once
#include "core/spinlock.h"
#include "lib/json.h"
#include "lib/json_reader.h"
#include "lib/macros.h"

namespace sis::control {

constexpr usize kMaxLine = 65536;  // bytes, without the '\n' (both directions)

class Transport {
 public:
  // Sends one line (the '\n' is added by the transport). False when it could not.
  virtual bool send_line(StrView line) = 0;
  // A session starts or ends (called with the output lock held, before the greeting): a
  // transport that can tell connections apart refuses from here on every line that would
  // reach a connection other than the one this session belongs to.
  virtual void session_changed() {}

 protected:
  ~Transport() = default;
};

// What a method writes its answer into. Exactly one of result()/error() is used; if the
// method does neither, the server answers with an empty result object.
class Response {
 public:
  explicit Response(JsonWriter& w) : w_(w) {}
  // Starts the result object; the method adds members, the server closes it.
  JsonWriter& result();
  void error(const char* cls, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

  bool has_result() const { return state_ == State::Result; }
  bool has_error() const { return state_ == State::Error; }
  const char* error_class() const { return cls_; }
  const char* error_message() const { return msg_; }

 private:
  enum class State { None, Result, Error } state_ = State::None;
  JsonWriter& w_;
  const char* cls_ = "";
  char msg_[256] = {};
};

struct Method {
  const char* name;        // "fs.read"
  const char* capability;  // "fs"
  void (*call)(JsonValue params, Response& out);
  bool (*available)();     // nullptr = always; false hides the method and its capability
  // Immediate methods run on the reader at once, without the command lock: only for
  // methods that finish in microseconds and share no state with shell commands.
  bool immediate;
};

// Runs the requests of non-immediate methods outside the reader, one at a time in arrival
// order (the kernel's control-exec thread). Without one they run inline (host tests).
class Executor {
 public:
  virtual void wake() = 0;            // a request was queued: call Server::run_queued()
  virtual void cancel_running() = 0;  // the running request's session ended: stop it soon
 protected:
  ~Executor() = default;
};

// Metrics groups ("mem", "sched", "blk", ...) fill their object of a sample.
struct MetricsGroup {
  const char* name;
  void (*fill)(JsonWriter& w);  // writes the members of the group's object
  bool (*available)();
};

usize method_count();
const Method* method_at(usize i);
usize metrics_group_count();
const MetricsGroup* metrics_group_at(usize i);

class Server {
 public:
  struct Stats {
    u64 lines_in = 0, requests = 0, responses = 0, errors = 0, events = 0, dropped = 0, too_large = 0;
    u64 stale = 0;  // responses of requests whose session ended before they finished
    u64 busy = 0;   // requests refused because kMaxQueued were already waiting
  };
  // Non-immediate requests waiting or running at once (docs/protocol.md: Busy beyond 8).
  static constexpr usize kMaxQueued = 8;

  void attach(Transport* t) { transport_ = t; }
  void attach_executor(Executor* e) { executor_ = e; }
  // Executor thread: runs the oldest queued request and sends its response (if its session
  // is still the current one). False when nothing was queued.
  bool run_queued();
  usize queued() const {
    SpinLockGuard q(queue_lock_);
    return queue_count_;
  }
  u64 session() const { return session_; }
  // The session of the request whose method is running (for methods that start work which
  // outlives their response, such as llm.infer's token stream: it stops with its session).
  u64 caller_session() const { return caller_session_; }
  // A host connected (session start: greeting) or left (subscriptions dropped).
  void on_connect();
  void on_disconnect();
  bool connected() const { return connected_; }
  void on_bytes(const char* data, usize n);
  // Emits due metrics samples; call often (every tick). now_ns: the events' clock.
  void tick(u64 now_ns);
  // Sends an event (after hello; `panic` may pass force=true to skip that rule).
  bool send_event(const char* name, u64 ts_ns, void (*fill)(JsonWriter& w, void* ctx), void* ctx, bool force = false);

  const Stats& stats() const { return stats_; }
  u32 metrics_rate() const { return rate_hz_; }

  // Kernel identity for the greeting and sys.info (set once at boot).
  static void set_identity(const char* version, u64 (*clock_ns)());
  static void write_capabilities(JsonWriter& w);  // the "capabilities" array
  // Held around every method call: methods share state with shell commands (the kernel
  // passes its command lock; host tests pass nothing).
  static void set_dispatch_lock(void (*lock)(), void (*unlock)());
  // Held around every send and session change (several threads send; the kernel passes a
  // sleeping mutex, host tests nothing). Not taken by send_event(force=true) (panic path).
  static void set_output_lock(void (*lock)(), void (*unlock)());
  static u64 now_ns();

  // Subscription control, used by the metrics.* methods.
  void subscribe(u32 rate_hz, u32 group_mask, u64 now_ns);
  void unsubscribe();
  static void write_sample(JsonWriter& w, u64 seq, u32 group_mask);
  static u32 group_mask_all();

 private:
  struct Job {
    u64 session, id;
    usize offset, len;  // the request line's copy in the queue's byte ring
  };
  void handle_line(char* line, usize len);
  void send_greeting();
  void send_error(bool has_id, u64 id, const char* cls, const char* msg);
  bool send(TextBuffer& tb);  // output lock held
  void session_change(bool connected);
  char* reserve_queue_bytes(usize len, usize* offset) SIS_REQUIRES(queue_lock_);
  void call_method(const Method* m, JsonValue params, u64 id, TextBuffer& tb, bool* ok);

  Transport* transport_ = nullptr;
  Executor* executor_ = nullptr;
  u64 session_ = 0;
  u64 caller_session_ = 0;
  mutable SpinLock queue_lock_;
  Job queue_[kMaxQueued] SIS_GUARDED_BY(queue_lock_);
  usize queue_head_ SIS_GUARDED_BY(queue_lock_) = 0;
  usize queue_count_ SIS_GUARDED_BY(queue_lock_) = 0;
  bool running_ SIS_GUARDED_BY(queue_lock_) = false;
  bool connected_ = false;
  bool greeted_ = false;
  bool hello_ = false;
  char line_[kMaxLine + 1];
  usize line_len_ = 0;
  bool discarding_ = false;
  u32 rate_hz_ = 0;
  u32 group_mask_ = 0;
  u64 seq_ = 0;
  u64 next_due_ns_ = 0;
  Stats stats_;
};

// The one server the kernel runs (methods reach it for subscriptions).
Server& server();

}  // namespace sis::control

#define SIS_CONTROL_METHOD(NAME, CAP, FN, AVAILABLE)                                          \
  SIS_LINKER_SET_ENTRY("sis_control_methods", ::sis::control::Method, sis_control_method_) = \
      {NAME, CAP, FN, AVAILABLE, false}
#define SIS_CONTROL_METHOD_IMMEDIATE(NAME, CAP, FN, AVAILABLE)                                \
  SIS_LINKER_SET_ENTRY("sis_control_methods", ::sis::control::Method, sis_control_method_) = \
      {NAME, CAP, FN, AVAILABLE, true}
#define SIS_METRICS_GROUP(NAME, FN, AVAILABLE)                                                     \
  SIS_LINKER_SET_ENTRY("sis_metrics_groups", ::sis::control::MetricsGroup, sis_metrics_group_) = \
      {NAME, FN, AVAILABLE}
