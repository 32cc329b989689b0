// The control-protocol server (docs/protocol.md, version 1), transport-independent and
// portable: it assembles lines from bytes, parses them, dispatches requests to methods
// registered with SIS_CONTROL_METHOD, writes exactly one response per request, and emits
// metrics events for a subscription. The kernel glue (control_port.cpp) feeds it bytes
// from the virtio-console port and gives it a way to send lines; host tests feed it
// directly. It never blocks: a line the transport cannot take is counted as dropped.
#pragma once
#include "lib/json.h"
#include "lib/json_reader.h"

namespace sis::control {

constexpr usize kMaxLine = 65536;  // bytes, without the '\n' (both directions)

class Transport {
 public:
  // Sends one line (the '\n' is added by the transport). False when it could not.
  virtual bool send_line(StrView line) = 0;

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
  };

  void attach(Transport* t) { transport_ = t; }
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
  static u64 now_ns();

  // Subscription control, used by the metrics.* methods.
  void subscribe(u32 rate_hz, u32 group_mask, u64 now_ns);
  void unsubscribe();
  static void write_sample(JsonWriter& w, u64 seq, u32 group_mask);
  static u32 group_mask_all();

 private:
  void handle_line(char* line, usize len);
  void send_greeting();
  void send_error(bool has_id, u64 id, const char* cls, const char* msg);
  bool send(TextBuffer& tb);

  Transport* transport_ = nullptr;
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

#define SIS_CONTROL_CONCAT2(a, b) a##b
#define SIS_CONTROL_CONCAT(a, b) SIS_CONTROL_CONCAT2(a, b)
#define SIS_CONTROL_METHOD(NAME, CAP, FN, AVAILABLE)                                               \
  [[gnu::used, gnu::section("sis_control_methods"), gnu::aligned(8)]] static const ::sis::control::Method \
      SIS_CONTROL_CONCAT(sis_control_method_, __LINE__) = {NAME, CAP, FN, AVAILABLE}
#define SIS_METRICS_GROUP(NAME, FN, AVAILABLE)                                                        \
  [[gnu::used, gnu::section("sis_metrics_groups"), gnu::aligned(8)]] static const ::sis::control::MetricsGroup \
      SIS_CONTROL_CONCAT(sis_metrics_group_, __LINE__) = {NAME, FN, AVAILABLE}
