// bench_control_rtt: the control port's round trip and the metrics stream's latency.
//
// Starts a VM (VmLauncher: the kernel from $SIS_KERNEL or beside the binary), waits for the
// kernel's greeting on org.sis.control, then
//   1. sends N sequential sys.info requests and prints the round trip's median, p99, min, max;
//   2. estimates the kernel-to-host clock offset from the fastest sys.info round trip
//      (uptime_ns against the midpoint of the request and its response);
//   3. subscribes to metrics at --rate Hz for --seconds and prints the samples' latency
//      (host arrival - kernel ts_ns, offset-corrected): median and p99, and the rate achieved.
// --ssh [USER@]HOST:PORT --identity KEY --known-hosts FILE: the same, with the control
// socket reached over SSH (qmp/remote SshLink: a direct-streamlocal forward on one session;
// bench/remote_latency.sh runs it against a loopback sshd), for local-versus-SSH numbers.
// A program that prints numbers (docs/performance.md quotes them), not a test.
// Exit 5 when the kernel has no control port.
#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

#include "client/control_client.h"
#include "remote/ssh_link.h"
#include "launch/locate.h"
#include "wait_until.h"
#include "vm/vm_launcher.h"

using namespace sis::host;

namespace {

qint64 now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  long count = 1000, rate = 20, seconds = 5;
  sis::remote::SshOptions ssh;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && !std::strcmp(argv[i], "--ssh")) {
      std::string why;
      auto t = sis::remote::parse_ssh_target(argv[++i], &why);
      if (!t) {
        std::fprintf(stderr, "bench_control_rtt: %s\n", why.c_str());
        return 1;
      }
      ssh.target = *t;
      continue;
    }
    if (i + 1 < argc && !std::strcmp(argv[i], "--identity")) {
      ssh.identity = argv[++i];
      continue;
    }
    if (i + 1 < argc && !std::strcmp(argv[i], "--known-hosts")) {
      ssh.known_hosts = argv[++i];
      continue;
    }
    auto num = [&](long* out) { return i + 1 < argc && (*out = std::strtol(argv[++i], nullptr, 10)) > 0; };
    if (!std::strcmp(argv[i], "--count") && num(&count)) continue;
    if (!std::strcmp(argv[i], "--rate") && num(&rate)) continue;
    if (!std::strcmp(argv[i], "--seconds") && num(&seconds)) continue;
    std::fprintf(stderr, "usage: bench_control_rtt [--count N] [--rate HZ] [--seconds S]\n"
                         "                         [--ssh HOST:PORT --identity KEY --known-hosts FILE]\n");
    return 1;
  }
  QCoreApplication app(argc, argv);
  VmConfig config;
  config.qemu = locate_qemu();
  config.kernel = locate_kernel(argv[0]);
  config.pvpanic = true;
  if (config.qemu.empty() || !is_readable_file(config.kernel)) {
    std::fprintf(stderr, "bench_control_rtt: needs qemu-system-aarch64 and the kernel Image ($SIS_KERNEL)\n");
    return 2;
  }
  VmLauncher vm(QStringLiteral("bench-rtt-%1").arg(QCoreApplication::applicationPid()));
  bool started = false;
  QString failure;
  QObject::connect(&vm, &VmLauncher::started, [&] { started = true; });
  QObject::connect(&vm, &VmLauncher::start_failed, [&](const QString& m) { failure = m; });
  QString error;
  if (!vm.start(config, &error)) {
    std::fprintf(stderr, "bench_control_rtt: %s\n", qPrintable(error));
    return 2;
  }
  if (!bench::wait_until([&] { return started || !failure.isEmpty(); }, 15000) || !started) {
    std::fprintf(stderr, "bench_control_rtt: VM did not start: %s\n", qPrintable(failure));
    return 2;
  }

  QString socket = vm.runtime_dir().control_socket();
  std::unique_ptr<sis::remote::SshLink> link;
  if (!ssh.target.host.empty()) {
    std::string why;
    link = sis::remote::SshLink::connect(ssh, &why);
    const std::string forwarded = vm.runtime_dir().path().toStdString() + "/control-over-ssh.sock";
    if (!link || !link->forward_unix(forwarded, socket.toStdString(), &why)) {
      std::fprintf(stderr, "bench_control_rtt: SSH: %s\n", why.c_str());
      return 2;
    }
    socket = QString::fromStdString(forwarded);
    std::printf("transport ssh %s (direct-streamlocal)\n", ssh.target.to_string().c_str());
  } else {
    std::printf("transport local unix socket\n");
  }
  ControlClient control;
  QString lost;
  QObject::connect(&control, &ControlClient::disconnected, [&](const QString& r) { lost = r; });
  control.set_handshake_timeout(10000);
  control.connect_to_server(socket);
  bench::wait_until([&] { return control.is_ready() || !lost.isEmpty(); }, 11000);
  if (!control.is_ready()) {
    std::fprintf(stderr, "bench_control_rtt: control port not available in this kernel: %s\n", qPrintable(lost));
    return 5;
  }

  // 1. Round trips.
  std::vector<double> rtt_us;
  qint64 best_rtt = -1, offset_ns = 0;
  for (long i = 0; i < count && lost.isEmpty(); ++i) {
    std::optional<Reply> reply;
    const qint64 t0 = now_ns();
    control.request("sys.info", {}, [&](const Reply& r) { reply = r; }, 5000);
    bench::wait_until([&] { return reply.has_value(); }, 6000);
    const qint64 t1 = now_ns();
    if (!reply || !reply->ok()) {
      std::fprintf(stderr, "bench_control_rtt: sys.info failed: %s\n",
                   reply ? qPrintable(reply->error->to_string()) : "no reply");
      return 2;
    }
    rtt_us.push_back(static_cast<double>(t1 - t0) / 1000.0);
    if (best_rtt < 0 || t1 - t0 < best_rtt) {
      best_rtt = t1 - t0;
      offset_ns = (t0 + t1) / 2 - reply->object().value("uptime_ns").toInteger();
    }
  }
  std::printf("control_rtt sys.info n=%zu median_us=%.1f p99_us=%.1f min_us=%.1f max_us=%.1f\n", rtt_us.size(),
              percentile(rtt_us, 0.5), percentile(rtt_us, 0.99), percentile(rtt_us, 0.0), percentile(rtt_us, 1.0));
  std::printf("clock_offset uncertainty_us=%.1f (half the fastest round trip)\n", static_cast<double>(best_rtt) / 2000.0);

  // 2. Metrics latency.
  if (!control.has_capability("metrics")) {
    std::printf("metrics_latency not available (no 'metrics' capability)\n");
    return 0;
  }
  std::vector<double> lat_us;
  QObject::connect(&control, &ControlClient::event_received, [&](const QString& ev, const QJsonObject&, qint64 ts) {
    if (ev == "metrics" && ts >= 0) lat_us.push_back(static_cast<double>(now_ns() - (ts + offset_ns)) / 1000.0);
  });
  std::optional<Reply> sub;
  control.request("metrics.subscribe", {{"rate_hz", static_cast<int>(rate)}}, [&](const Reply& r) { sub = r; });
  bench::wait_until([&] { return sub.has_value(); }, 5000);
  if (!sub || !sub->ok()) {
    std::fprintf(stderr, "bench_control_rtt: metrics.subscribe failed\n");
    return 2;
  }
  const qint64 t0 = now_ns();
  bench::wait_until([&] { return !lost.isEmpty(); }, static_cast<int>(seconds * 1000));
  const double elapsed = static_cast<double>(now_ns() - t0) / 1e9;
  std::printf("metrics rate_requested_hz=%ld samples=%zu rate_achieved_hz=%.2f\n", rate, lat_us.size(),
              static_cast<double>(lat_us.size()) / elapsed);
  std::printf("metrics_latency median_us=%.1f p99_us=%.1f\n", percentile(lat_us, 0.5), percentile(lat_us, 0.99));
  return 0;
}
