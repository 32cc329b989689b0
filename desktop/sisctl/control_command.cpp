#include "control_command.h"

#include <cstdio>
#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "client/write_crash.h"
#include "crash_write_command.h"
#include "vm_access.h"

namespace sisctl {
namespace {

using sis::host::ControlClient;
using sis::host::QmpClient;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;

constexpr const char* kMetricsUsage =
    "usage: sisctl metrics [--name NAME] [--rate HZ] [--count N] [--duration S] [--fields LIST]\n"
    "\n"
    "Streams the kernel's metrics samples (control port, metrics.subscribe) of the VM started\n"
    "with 'sisctl vm start', one JSON object per line: {\"ts_ns\":...,\"seq\":...,\"mem\":{...},\n"
    "\"sched\":{...},\"blk\":{...}}. A missing group means the kernel does not have it.\n"
    "\n"
    "  --rate HZ       samples per second, 1..50 (default 10)\n"
    "  --count N       stop after N samples\n"
    "  --duration S    stop after S seconds (default: until Ctrl-C)\n"
    "  --fields LIST   comma-separated groups (mem,sched,blk,ai,power; default all)\n"
    "  --once          print one sample (metrics.get) and exit\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 failure (no VM, request refused), 4 timeout,\n"
    "5 control port not available in this kernel.\n";

constexpr const char* kCrashUsage =
    "usage: sisctl crash KIND [--name NAME] [--path FILE] [--point POINT] [--timeout S]\n"
    "       sisctl crash write --point POINT --path FILE [--data TEXT | --file HOSTFILE] ...\n"
    "\n"
    "Makes the kernel of the VM started with 'sisctl vm start' crash on purpose\n"
    "(control port, crash.inject), then waits for QEMU's GUEST_PANICKED (pvpanic).\n"
    "KIND: panic, hang, oom, write-crash (writes 64 KiB to FILE, default /crash-test.bin,\n"
    "and cuts the power at POINT of the journal's commit, default after-commit: the\n"
    "next mount replays the journal).\n"
    "The VM stays paused after a panic: 'sisctl vm reset' reboots it.\n"
    "'sisctl crash write' is the whole demo with your content: crash, reboot, outcome,\n"
    "e2fsck (sisctl crash write --help).\n"
    "\n"
    "  --point POINT  write-crash: mid-data, before-commit, after-commit, during-checkpoint\n"
    "  --timeout S    how long to wait for GUEST_PANICKED (default 30)\n"
    "\n"
    "Exit status: 0 the crash happened (for hang: the kernel accepted it), 1 usage error,\n"
    "2 failure (no VM, request refused), 4 no GUEST_PANICKED in time, 5 control port not\n"
    "available in this kernel.\n";

}  // namespace

int metrics_main(int argc, char** argv) {
  QString name = QStringLiteral("default");
  long rate = 10, count = -1, duration = -1;
  bool once = false;
  QJsonArray fields;
  for (int i = 2; i < argc; ++i) {
    const std::string opt = argv[i];
    const char* v = (i + 1 < argc) ? argv[i + 1] : nullptr;
    auto bad = [&](const char* what) {
      std::fprintf(stderr, "sisctl metrics: %s %s\n(sisctl metrics --help for usage)\n", opt.c_str(), what);
      return kQtUsage;
    };
    if (opt == "-h" || opt == "--help") {
      std::fputs(kMetricsUsage, stdout);
      return kQtOk;
    } else if (opt == "--once") {
      once = true;
      continue;
    } else if (opt == "--name") {
      if (!v || !VmRuntimeDir::valid_name(v)) return bad("needs a VM name");
      name = v;
    } else if (opt == "--rate") {
      if (!parse_number(v, 1, 50, &rate)) return bad("needs 1..50 samples per second");
    } else if (opt == "--count") {
      if (!parse_number(v, 1, 100000000, &count)) return bad("needs a positive number");
    } else if (opt == "--duration") {
      if (!parse_number(v, 1, 86400, &duration)) return bad("needs seconds");
    } else if (opt == "--fields") {
      if (!v) return bad("needs a list");
      for (const QString& f : QString::fromLocal8Bit(v).split(',', Qt::SkipEmptyParts)) fields.append(f.trimmed());
    } else {
      return bad("is not an option of sisctl metrics");
    }
    ++i;
  }
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  VmRuntimeDir dir(name);
  ControlClient control;
  VmRecord rec;
  if (!find_running_vm(dir, &rec, "metrics")) return kQtFailed;
  if (!connect_control(control, dir.control_socket(), 4000, "metrics")) return kQtUnavailable;
  if (!control.has_capability("metrics")) {
    std::fprintf(stderr, "sisctl metrics: this kernel has no 'metrics' capability (it has: %s)\n",
                 qPrintable(control.capabilities().join(", ")));
    return kQtUnavailable;
  }
  QJsonObject params;
  if (!fields.isEmpty()) params.insert("fields", fields);
  if (once) {
    Reply r = control_call(control, "metrics.get", params);
    if (!r.ok()) {
      std::fprintf(stderr, "sisctl metrics: metrics.get: %s\n", qPrintable(r.error->to_string()));
      return kQtFailed;
    }
    std::printf("%s\n", QJsonDocument(r.object()).toJson(QJsonDocument::Compact).constData());
    return kQtOk;
  }
  long samples = 0;
  bool lost = false;
  QObject::connect(&control, &ControlClient::event_received, [&](const QString& event, const QJsonObject& data, qint64 ts) {
    if (event != "metrics") return;
    QJsonObject o = data;
    o.insert("ts_ns", ts);
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    ++samples;
  });
  QObject::connect(&control, &ControlClient::disconnected, [&](const QString& why) {
    std::fprintf(stderr, "sisctl metrics: %s\n", qPrintable(why));
    lost = true;
  });
  params.insert("rate_hz", static_cast<int>(rate));
  Reply sub = control_call(control, "metrics.subscribe", params);
  if (!sub.ok()) {
    std::fprintf(stderr, "sisctl metrics: metrics.subscribe: %s\n", qPrintable(sub.error->to_string()));
    return kQtFailed;
  }
  std::fprintf(stderr, "sisctl metrics: %d Hz, groups %s (Ctrl-C to stop)\n", sub.object().value("rate_hz").toInt(),
               qPrintable(QJsonDocument(sub.object().value("fields").toArray()).toJson(QJsonDocument::Compact)));
  install_interrupt_handler();
  QElapsedTimer t;
  t.start();
  run_until([&] { return lost || (count > 0 && samples >= count); }, duration > 0 ? static_cast<int>(duration * 1000) : -1);
  if (lost) return kQtFailed;
  control_call(control, "metrics.unsubscribe", {}, 2000);
  std::fprintf(stderr, "sisctl metrics: %ld samples in %.2f s\n", samples, t.elapsed() / 1000.0);
  return kQtOk;
}

int crash_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h")) {
    std::fputs(kCrashUsage, argc < 3 ? stderr : stdout);
    return argc < 3 ? kQtUsage : kQtOk;
  }
  const std::string kind = argv[2];
  if (kind == "write") return crash_write_main(argc, argv);
  if (kind != "panic" && kind != "hang" && kind != "oom" && kind != "write-crash") {
    std::fprintf(stderr, "sisctl crash: unknown kind '%s' (panic, hang, oom, write-crash, write)\n", kind.c_str());
    return kQtUsage;
  }
  QString name = QStringLiteral("default");
  QString path, point;
  long timeout_s = 30;
  for (int i = 3; i < argc; ++i) {
    const std::string opt = argv[i];
    const char* v = (i + 1 < argc) ? argv[++i] : nullptr;
    if (opt == "--name" && v && VmRuntimeDir::valid_name(v)) {
      name = v;
    } else if (opt == "--path" && v && kind == "write-crash") {
      path = QString::fromLocal8Bit(v);
    } else if (opt == "--point" && v && kind == "write-crash" && sis::host::find_crash_point(v)) {
      point = QString::fromLocal8Bit(v);
    } else if (opt == "--timeout" && parse_number(v, 1, 3600, &timeout_s)) {
    } else {
      std::fprintf(stderr, "sisctl crash: bad option '%s'\n(sisctl crash --help for usage)\n", opt.c_str());
      return kQtUsage;
    }
  }
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  VmRuntimeDir dir(name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, "crash")) return kQtFailed;
  // Watch QMP first so GUEST_PANICKED cannot be missed.
  QmpClient qmp;
  if (!connect_qmp(qmp, dir.qmp_event_socket(), 3000, "crash")) return kQtFailed;
  bool panicked = false;
  QJsonObject panic_info;
  QObject::connect(&qmp, &QmpClient::event_received, [&](const QString& ev, const QJsonObject& data, qint64) {
    if (ev == "GUEST_PANICKED") {
      panicked = true;
      panic_info = data;
    }
  });
  ControlClient control;
  if (!connect_control(control, dir.control_socket(), 4000, "crash")) return kQtUnavailable;
  if (!control.has_capability("crash")) {
    std::fprintf(stderr, "sisctl crash: this kernel has no 'crash' capability (it has: %s)\n",
                 qPrintable(control.capabilities().join(", ")));
    return kQtUnavailable;
  }
  QString report;
  QObject::connect(&control, &ControlClient::event_received, [&](const QString& ev, const QJsonObject& data, qint64) {
    if (ev == "panic") report = data.value("report").toString(data.value("message").toString());
  });
  QJsonObject params{{"kind", QString::fromStdString(kind)}};
  if (!path.isEmpty()) params.insert("path", path);
  if (!point.isEmpty()) params.insert("point", point);
  Reply r = control_call(control, "crash.inject", params, 10000);
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl crash: crash.inject: %s\n", qPrintable(r.error->to_string()));
    return kQtFailed;
  }
  if (kind == "hang") {
    std::printf("kernel accepted crash.inject hang; it no longer answers ('sisctl vm reset' reboots it)\n");
    return kQtOk;
  }
  if (!run_until([&] { return panicked; }, static_cast<int>(timeout_s * 1000))) {
    std::fprintf(stderr, "sisctl crash: no GUEST_PANICKED from QEMU within %ld s\n", timeout_s);
    return kQtTimeout;
  }
  run_until([&] { return !report.isEmpty(); }, 200);  // the panic event usually precedes pvpanic
  if (!report.isEmpty()) std::printf("%s\n", qPrintable(report));
  std::printf("GUEST_PANICKED %s\n", QJsonDocument(panic_info).toJson(QJsonDocument::Compact).constData());
  return kQtOk;
}

}  // namespace sisctl
