#include "vm_access.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <algorithm>
#include <optional>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace sisctl {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void on_signal(int) { g_interrupted = 1; }
}  // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool interrupted() { return g_interrupted != 0; }

bool run_until(const std::function<bool()>& done, int timeout_ms) {
  QDeadlineTimer deadline = timeout_ms < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeout_ms);
  QTimer wake;  // bounds each wait so deadlines and Ctrl-C are noticed
  wake.start(20);
  while (!done()) {
    if (deadline.hasExpired() || interrupted()) return done();
    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
  }
  return true;
}

namespace {
std::function<bool(const sis::host::VmRecord&)> g_remote_alive;
}  // namespace

void set_remote_liveness_check(std::function<bool(const sis::host::VmRecord&)> check) {
  g_remote_alive = std::move(check);
}

bool find_running_vm(const sis::host::VmRuntimeDir& dir, sis::host::VmRecord* record, const char* command) {
  auto rec = dir.read_record();
  if (rec && g_remote_alive) {
    if (g_remote_alive(*rec)) {
      *record = *rec;
      return true;
    }
    std::fprintf(stderr, "sisctl %s: VM '%s' (remote pid %lld) is no longer running\n", command, qPrintable(dir.name()),
                 static_cast<long long>(rec->pid));
    return false;
  }
  if (!rec) {
    std::fprintf(stderr, "sisctl %s: no VM '%s' is running (no %s; start one with 'sisctl vm start')\n", command,
                 qPrintable(dir.name()), qPrintable(dir.record_file()));
    return false;
  }
  if (!sis::host::process_alive(rec->pid)) {
    std::fprintf(stderr, "sisctl %s: VM '%s' (pid %lld) is no longer running; removed its stale sockets\n", command,
                 qPrintable(dir.name()), static_cast<long long>(rec->pid));
    dir.remove_runtime_files();
    return false;
  }
  *record = *rec;
  return true;
}

bool connect_qmp(sis::host::QmpClient& client, const QString& socket, int timeout_ms, const char* command) {
  QString failure;
  client.set_handshake_timeout(timeout_ms);
  auto c1 = QObject::connect(&client, &sis::host::QmpClient::disconnected, [&](const QString& r) { failure = r; });
  client.connect_to_server(socket);
  run_until([&] { return client.is_ready() || !failure.isEmpty(); }, timeout_ms + 500);
  QObject::disconnect(c1);
  if (client.is_ready()) return true;
  std::fprintf(stderr, "sisctl %s: QMP: %s\n", command,
               qPrintable(failure.isEmpty() ? QStringLiteral("interrupted") : failure));
  return false;
}

sis::host::Reply qmp_call(sis::host::QmpClient& client, const QString& cmd, const QJsonObject& args, int timeout_ms) {
  std::optional<sis::host::Reply> reply;
  client.execute(cmd, args, [&](const sis::host::Reply& r) { reply = r; }, timeout_ms);
  run_until([&] { return reply.has_value(); }, -1);
  if (!reply) client.close();  // interrupted: the handler must not outlive `reply`
  return reply ? *reply : sis::host::Reply::failure("Interrupted", cmd + ": interrupted");
}

bool connect_control(sis::host::ControlClient& client, const QString& socket, int timeout_ms, const char* command) {
  QString failure;
  client.set_handshake_timeout(timeout_ms);
  client.set_greeting_grace(std::min(1000, timeout_ms / 2));
  auto c1 = QObject::connect(&client, &sis::host::ControlClient::disconnected, [&](const QString& r) { failure = r; });
  client.connect_to_server(socket);
  run_until([&] { return client.is_ready() || !failure.isEmpty(); }, timeout_ms + 500);
  QObject::disconnect(c1);
  if (client.is_ready()) return true;
  std::fprintf(stderr, "sisctl %s: control port not available in this kernel: %s\n", command,
               qPrintable(failure.isEmpty() ? QStringLiteral("interrupted") : failure));
  return false;
}

sis::host::Reply control_call(sis::host::ControlClient& client, const QString& method, const QJsonObject& params,
                              int timeout_ms) {
  std::optional<sis::host::Reply> reply;
  client.request(method, params, [&](const sis::host::Reply& r) { reply = r; }, timeout_ms);
  run_until([&] { return reply.has_value(); }, -1);
  if (!reply) client.close();  // interrupted: the handler must not outlive `reply`
  return reply ? *reply : sis::host::Reply::failure("Interrupted", method + ": interrupted");
}

bool parse_number(const char* s, long min, long max, long* out) {
  if (!s || !*s) return false;
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s, &end, 10);
  if (errno || *end || v < min || v > max) return false;
  *out = v;
  return true;
}

}  // namespace sisctl
