#include "control/control_port.h"

#include "arch/arch.h"
#include "control/server.h"
#include "sched/background.h"
#include "core/console.h"
#include "core/klog.h"
#include "core/panic.h"
#include "core/version.h"
#include "drivers/virtio/virtio_console.h"
#include "fs/ext4.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"
#include "sched/mutex.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "shell/cancel.h"

namespace sis::control {
namespace {

class PortTransport final : public Transport {
 public:
  bool send_line(StrView line) override {  // output lock held (except on the panic path)
    virtio::Console* c = virtio::control_console();
    if (!c) return false;
    static char buf[kMaxLine + 1];
    if (line.size > kMaxLine) return false;
    memcpy(buf, line.data, line.size);
    buf[line.size] = '\n';
    // Responses may wait briefly for the host to drain the port; never forever. A line is
    // refused once the connection is no longer the session's own.
    if (panicking) return c->write_polled(buf, line.size + 1, generation);
    return c->write(buf, line.size + 1, 200000000ull, generation);
  }
  // The reader stores the connection it is switching to in `next` before telling the
  // server; the server calls this under the output lock.
  void session_changed() override { generation = next; }
  bool panicking = false;
  u32 next = 0;
  u32 generation = 0;
};

PortTransport transport;
u32 seen_generation = 0;
u64 log_sent = 0;  // next kernel log seq to forward as a `log` event

// Forwards new log lines (info and up) once the host said hello; lines that fell out of
// the ring before they could be sent are skipped.
void forward_log() {
  if (!server().connected()) {
    log_sent = klog::next_seq();
    return;
  }
  if (log_sent < klog::first_seq()) log_sent = klog::first_seq();
  for (; log_sent < klog::next_seq(); ++log_sent) {
    klog::Entry e;
    if (!klog::get(log_sent, &e) || e.level == klog::Level::Debug) continue;
    server().send_event("log", e.ts_ns, [](JsonWriter& w, void* p) {
      auto* x = static_cast<klog::Entry*>(p);
      w.begin_object().kv("level", klog::level_name(x->level)).kv("subsystem", x->subsystem).kv("text", x->text).end_object();
    }, &e);
  }
}
bool have_port = false;
volatile int crash_pending = -1;

// The write-crash: the user's write (Replace) in a transaction of its own, with the power
// cut at the crash point the host chose (a hook in the journal's commit, or in the ordered
// data writes for mid-data). The hook panics; nothing after it reaches the disk.
u64 crash_data_blocks = 0;

void on_crash_point(void*, const fs::CrashReport& r) {
  const WriteCrashTarget& t = write_crash_target();
  const auto seq = static_cast<unsigned>(r.sequence);
  const auto logged = static_cast<unsigned long long>(r.logged);
  switch (r.point) {
    case fs::CrashPoint::MidData:
      panic("crash.inject write-crash mid-data: %s (%zu bytes): power cut after %llu of %llu data blocks, "
            "transaction %u not logged",
            t.path, t.len, static_cast<unsigned long long>(r.data_written),
            static_cast<unsigned long long>(crash_data_blocks), seq);
    case fs::CrashPoint::BeforeCommit:
      panic("crash.inject write-crash before-commit: %s (%zu bytes): transaction %u logged (%llu metadata blocks), "
            "power cut before its commit block",
            t.path, t.len, seq, logged);
    case fs::CrashPoint::AfterCommit:
      panic("crash.inject write-crash after-commit: %s (%zu bytes): transaction %u committed (%llu metadata blocks), "
            "power cut before checkpoint",
            t.path, t.len, seq, logged);
    case fs::CrashPoint::DuringCheckpoint:
      panic("crash.inject write-crash during-checkpoint: %s (%zu bytes): transaction %u committed, power cut after "
            "%llu of %llu metadata blocks were checkpointed",
            t.path, t.len, seq, static_cast<unsigned long long>(r.home_written), logged);
    case fs::CrashPoint::None: break;
  }
  panic("crash.inject write-crash: unknown crash point");
}

[[noreturn]] void write_crash() {
  auto& vfs = fs::kernel_vfs();
  background::lock_commands();
  const WriteCrashTarget& t = write_crash_target();
  const u32 bs = t.fs->info().block_size;
  crash_data_blocks = (t.len + bs - 1) / bs;
  // mid-data: half the data blocks reach the disk (none of a one-block write).
  Error e = t.fs->prepare_crash(t.point, on_crash_point, nullptr, crash_data_blocks / 2);
  if (e != Error::Ok)
    panic("crash.inject write-crash %s: could not prepare the crash (%s)", fs::crash_point_name(t.point), error_name(e));
  auto w = vfs.write_file(t.path, t.data, t.len, fs::WriteMode::Replace);
  Error c = w.ok() ? t.fs->commit() : w.error();
  t.fs->disarm_crash();
  panic("crash.inject write-crash %s: crash point not reached (write of %s: %s, commit: %s)",
        fs::crash_point_name(t.point), t.path, w.ok() ? "ok" : error_name(w.error()), error_name(c));
}

u64 clock_ns() { return arch::counter_to_ns(arch::counter()); }

void on_panic(const char* report, usize len) {
  if (!have_port || !server().connected()) return;
  transport.panicking = true;
  struct Ctx {
    const char* report;
    usize len;
  } ctx{report, len};
  server().send_event("panic", clock_ns(), [](JsonWriter& w, void* p) {
    auto* c = static_cast<Ctx*>(p);
    // The message is the report's first line: "*** KERNEL PANIC: <message> ***".
    StrView r(c->report, min<usize>(c->len, 32768));
    usize start = 0;
    while (start < r.size && r.data[start] == '\n') ++start;
    usize eol = start;
    while (eol < r.size && r.data[eol] != '\n') ++eol;
    StrView first(r.data + start, eol - start);
    const StrView prefix("*** KERNEL PANIC: "), suffix(" ***");
    if (first.starts_with(prefix)) first = StrView(first.data + prefix.size, first.size - prefix.size);
    if (first.size >= suffix.size && StrView(first.data + first.size - suffix.size, suffix.size) == suffix)
      first.size -= suffix.size;
    w.begin_object().kv("message", first).kv("report", r).end_object();
  }, &ctx, true);
}

[[noreturn]] void do_crash(CrashKind k) {
  switch (k) {
    case CrashKind::Panic: panic("crash.inject: panic requested over the control port");
    case CrashKind::Hang:
      kprintf("crash.inject: hanging with interrupts masked\n");
      arch::irq_disable();
      for (;;) {
      }
    case CrashKind::WriteCrash: write_crash();
    case CrashKind::Oom: {
      u64 bytes = 0;
      for (;;) {
        void* p = mm::heap().alloc(64 * 1024);
        if (!p) panic("out of memory: crash.inject oom exhausted the heap after %llu MiB",
                      static_cast<unsigned long long>(bytes >> 20));
        bytes += 64 * 1024;
      }
    }
  }
  panic("crash.inject: unknown kind");
}

}  // namespace

void schedule_crash(CrashKind kind) { crash_pending = static_cast<int>(kind); }

bool available() { return have_port; }

namespace {

// The reader's view of the connection: a change ends the server's session (and starts the
// next one with its greeting when a host is there).
void sync_session(virtio::Console* c, u32 gen) {
  if (gen == seen_generation) return;
  seen_generation = gen;
  transport.next = gen;
  if (server().connected()) server().on_disconnect();
  log_sent = klog::next_seq();  // a new session starts with new log lines
  if (c->host_connected()) server().on_connect();
}

// The "control" thread: connection changes, input, immediate methods, metrics, log events.
// It never takes the command lock, so it answers while a long command runs.
sched::WaitQueue port_wait;
volatile bool port_kicked = false;
constexpr u64 kPortPeriodNs = 10000000;  // metrics at up to 50 Hz need a 10 ms pass

void service() {
  virtio::Console* c = virtio::control_console();
  if (!c) return;
  sync_session(c, c->connection_generation());
  // Bytes are fed to the session of the connection they came from (a change seen between
  // two buffers is handled before the later one).
  c->drain([](void* cp, const char* data, usize n, u32 gen) {
    sync_session(static_cast<virtio::Console*>(cp), gen);
    server().on_bytes(data, n);
  }, c);
  sync_session(c, c->connection_generation());
  forward_log();
  server().tick(clock_ns());
}

void port_kick() {
  port_kicked = true;
  port_wait.wake_all();
}

void port_thread(void*) {
  for (;;) {
    port_kicked = false;
    service();
    port_wait.wait_until_for([] { return port_kicked; }, kPortPeriodNs);
  }
}

// The "control-exec" thread: runs queued requests one at a time under the command lock,
// with a cancel token that shell.exec's deadline and the end of the session set.
sched::WaitQueue exec_wait;
shell::CancelToken exec_token;

class ExecThread final : public Executor {
 public:
  void wake() override { exec_wait.wake_all(); }
  void cancel_running() override { exec_token.requested = true; }
};
ExecThread executor;

shell::CancelToken* outer_token = nullptr;
void exec_lock() {
  background::lock_commands();
  outer_token = shell::swap_cancel_token(&exec_token);  // the token is the lock holder's
}
void exec_unlock() {
  shell::swap_cancel_token(outer_token);
  background::unlock_commands();
}

void exec_thread(void*) {
  for (;;) {
    exec_wait.wait_until([] { return server().queued() > 0; });
    exec_token.reset();
    server().run_queued();
    // crash.inject's response is out: now the crash it scheduled.
    if (crash_pending >= 0) do_crash(static_cast<CrashKind>(crash_pending));
  }
}

sched::Mutex output_mutex;
void output_lock() { output_mutex.lock(); }
void output_unlock() { output_mutex.unlock(); }

}  // namespace

shell::CancelToken& exec_cancel_token() { return exec_token; }

Error init() {
  Server::set_identity(SIS_VERSION, clock_ns);
  Server::set_dispatch_lock(exec_lock, exec_unlock);
  Server::set_output_lock(output_lock, output_unlock);
  server().attach(&transport);
  server().attach_executor(&executor);
  TRY(virtio::probe_control_console());
  have_port = true;
  virtio::control_console()->set_on_interrupt(port_kick);  // input is served at once
  return add_panic_hook(PanicHookLevel::Report, on_panic);
}

void start() {
  if (!have_port) return;
  sched::SpawnOptions opt;
  opt.detached = true;
  opt.stack_bytes = 64 * 1024;  // immediate methods fill metrics samples (ai: percentiles)
  (void)sched::spawn("control", port_thread, nullptr, opt);
  // Runs shell commands (shell.exec) and file-system methods.
  (void)sched::spawn("control-exec", exec_thread, nullptr, opt);
}

}  // namespace sis::control
