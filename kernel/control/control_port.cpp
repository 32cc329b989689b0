#include "control/control_port.h"

#include "arch/arch.h"
#include "control/server.h"
#include "core/background.h"
#include "core/console.h"
#include "core/klog.h"
#include "core/panic.h"
#include "core/version.h"
#include "drivers/virtio/virtio_console.h"
#include "fs/ext4.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kernel_memory.h"

namespace sis::control {
namespace {

class PortTransport final : public Transport {
 public:
  bool send_line(StrView line) override {
    virtio::Console* c = virtio::control_console();
    if (!c) return false;
    static char buf[kMaxLine + 1];
    if (line.size > kMaxLine) return false;
    memcpy(buf, line.data, line.size);
    buf[line.size] = '\n';
    // Responses may wait briefly for the host to drain the port; never forever.
    if (panicking) return c->write_polled(buf, line.size + 1);
    return c->write(buf, line.size + 1, 200000000ull);
  }
  bool panicking = false;
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

// The write-crash: a multi-block write in one transaction, committed to the journal and
// not checkpointed, then a panic. The next mount finds a log that needs recovery.
[[noreturn]] void write_crash() {
  static u8 data[64 * 1024];
  for (usize i = 0; i < sizeof(data); ++i) data[i] = static_cast<u8>(i * 7 + 3);
  auto& vfs = fs::kernel_vfs();
  background::lock_commands();
  const WriteCrashTarget& t = write_crash_target();
  auto w = vfs.write_file(t.path, data, sizeof(data), fs::WriteMode::Replace);
  Error c = w.ok() ? t.fs->commit_without_checkpoint() : w.error();
  panic("crash.inject write-crash: %zu bytes written to %s, journal committed (%s), not checkpointed",
        w.ok() ? w.value() : 0, t.path, error_name(c));
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

void service() {
  virtio::Console* c = virtio::control_console();
  if (!c) return;
  u32 gen = c->connection_generation();
  if (gen != seen_generation) {
    seen_generation = gen;
    if (server().connected()) server().on_disconnect();
    if (c->host_connected()) server().on_connect();
  }
  c->drain([](void*, const char* data, usize n) { server().on_bytes(data, n); }, nullptr);
  forward_log();
  server().tick(clock_ns());
  if (crash_pending >= 0) do_crash(static_cast<CrashKind>(crash_pending));
}

Error init() {
  Server::set_identity(SIS_VERSION, clock_ns);
  Server::set_dispatch_lock(background::lock_commands, background::unlock_commands);
  server().attach(&transport);
  Error e = virtio::probe_control_console();
  if (e != Error::Ok) return e;
  have_port = true;
  virtio::control_console()->set_on_interrupt(background::kick);  // input is served at once
  add_panic_hook(on_panic);
  background::add(service, /*locks_itself=*/true);
  return Error::Ok;
}

}  // namespace sis::control
