#include "prof_command.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "vm_access.h"

namespace sisctl {
namespace {

using sis::host::ControlClient;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;

constexpr const char* kUsage =
    "usage: sisctl prof start [--name NAME] [--hz N] [--pid P | --kernel | --all]\n"
    "       sisctl prof stop [--name NAME]\n"
    "       sisctl prof report [--name NAME] [--top N] [--json]\n"
    "       sisctl prof folded [--name NAME] [-o FILE] [--chunk BYTES]\n"
    "\n"
    "The kernel's sampling profiler (control port, prof.* methods; the shell's profctl\n"
    "offers the same) in the VM started with 'sisctl vm start'.\n"
    "\n"
    "  start   samples at N Hz (1..10000, default 1000) every thread (--all, the default),\n"
    "          one process (--pid P) or kernel mode only (--kernel); prints the rate and the\n"
    "          interrupt source (pmu: PMU cycle-counter overflow, timer: the EL1 timer)\n"
    "  stop    ends the profile; prints samples, dropped samples and the duration\n"
    "  report  the last profile's top N functions (default 20) by self samples, with self\n"
    "          and total percentages (--json: prof.report's result)\n"
    "  folded  the last profile's folded stacks (flamegraph.pl, speedscope, SIS Control\n"
    "          Center's flame graph), fetched in chunks of at most BYTES (1..32768, default\n"
    "          16384; whole lines, a longer line comes whole) to stdout or FILE\n"
    "\n"
    "  --name NAME   the VM (default 'default')\n"
    "\n"
    "Exit status: 0 ok, 1 usage error, 2 failure (no VM, a profile already running or none\n"
    "running, request refused), 5 control port or 'prof' capability not available.\n";

int usage_error(const char* fmt, const char* what) {
  std::fprintf(stderr, fmt, what);
  std::fputs("(sisctl prof --help for usage)\n", stderr);
  return kQtUsage;
}

bool connect_prof(ControlClient& control, const QString& name, const char* command) {
  VmRuntimeDir dir(name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, command)) return false;
  if (!connect_control(control, dir.control_socket(), 4000, command)) return false;
  if (!control.has_capability("prof")) {
    std::fprintf(stderr, "sisctl %s: this kernel has no 'prof' capability (it has: %s)\n", command,
                 qPrintable(control.capabilities().join(", ")));
    return false;
  }
  return true;
}

int failed(const char* command, const Reply& r) {
  std::fprintf(stderr, "sisctl %s: %s\n", command, qPrintable(r.error->to_string()));
  return r.error->cls == "InvalidParams" ? kQtUsage : kQtFailed;
}

void print_report(const QJsonObject& o) {
  std::printf("samples %lld, dropped %lld\n", o.value("samples").toInteger(), o.value("dropped").toInteger());
  const QJsonArray fns = o.value("functions").toArray();
  if (fns.isEmpty()) {
    std::printf("no samples\n");
    return;
  }
  std::printf("  self%%  total%%     self    total  function\n");
  for (const QJsonValue& v : fns) {
    QJsonObject f = v.toObject();
    std::printf("%7.2f  %6.2f  %7lld  %7lld  %s\n", f.value("self_pct").toDouble(), f.value("total_pct").toDouble(),
                f.value("self").toInteger(), f.value("total").toInteger(), qPrintable(f.value("name").toString()));
  }
}

// All chunks of prof.folded, concatenated.
int fetch_folded(ControlClient& control, const char* path, long chunk) {
  QByteArray all;
  qint64 offset = 0;
  for (;;) {
    Reply r = control_call(control, "prof.folded", {{"offset", offset}, {"max", static_cast<qint64>(chunk)}});
    if (!r.ok()) return failed("prof folded", r);
    QJsonObject o = r.object();
    all += o.value("text").toString().toUtf8();
    qint64 next = o.value("next").toInteger();
    if (o.value("done").toBool()) break;
    if (next <= offset) {
      std::fprintf(stderr, "sisctl prof folded: the kernel's chunk did not advance (offset %lld)\n",
                   static_cast<long long>(offset));
      return kQtFailed;
    }
    offset = next;
  }
  FILE* f = path ? std::fopen(path, "wb") : stdout;
  if (!f) {
    std::fprintf(stderr, "sisctl prof folded: %s: %s\n", path, std::strerror(errno));
    return kQtFailed;
  }
  bool ok = std::fwrite(all.constData(), 1, static_cast<size_t>(all.size()), f) == static_cast<size_t>(all.size());
  if (path) ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::fprintf(stderr, "sisctl prof folded: writing %s failed\n", path ? path : "stdout");
    return kQtFailed;
  }
  if (path) std::fprintf(stderr, "wrote %lld bytes of folded stacks to %s\n", static_cast<long long>(all.size()), path);
  return kQtOk;
}

}  // namespace

int prof_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h")) {
    std::fputs(kUsage, argc < 3 ? stderr : stdout);
    return argc < 3 ? kQtUsage : kQtOk;
  }
  const std::string sub = argv[2];
  if (sub != "start" && sub != "stop" && sub != "report" && sub != "folded")
    return usage_error("sisctl prof: unknown subcommand '%s' (start, stop, report, folded)\n", argv[2]);
  QString name = QStringLiteral("default");
  QJsonObject params;
  bool json = false;
  const char* out_path = nullptr;
  long chunk = 16384;
  int targets = 0;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    long n = 0;
    if (a == "--name" && next) {
      name = QString::fromLocal8Bit(next);
      ++i;
    } else if (a == "--hz" && next && sub == "start") {
      if (!parse_number(next, 1, 10000, &n)) return usage_error("sisctl prof start: --hz takes 1..10000, not '%s'\n", next);
      params.insert("hz", static_cast<int>(n));
      ++i;
    } else if (a == "--pid" && next && sub == "start") {
      if (!parse_number(next, 1, 4294967295L, &n)) return usage_error("sisctl prof start: bad PID '%s'\n", next);
      params.insert("target", static_cast<qint64>(n));
      ++targets;
      ++i;
    } else if ((a == "--kernel" || a == "--all") && sub == "start") {
      params.insert("target", a == "--kernel" ? "kernel" : "all");
      ++targets;
    } else if (a == "--top" && next && sub == "report") {
      if (!parse_number(next, 1, 200, &n)) return usage_error("sisctl prof report: --top takes 1..200, not '%s'\n", next);
      params.insert("top", static_cast<int>(n));
      ++i;
    } else if (a == "--json" && sub == "report") {
      json = true;
    } else if (a == "--chunk" && next && sub == "folded") {
      if (!parse_number(next, 1, 32768, &chunk)) return usage_error("sisctl prof folded: --chunk takes 1..32768, not '%s'\n", next);
      ++i;
    } else if ((a == "-o" || a == "--output") && next && sub == "folded") {
      out_path = next;
      ++i;
    } else {
      return usage_error("sisctl prof: unexpected argument '%s'\n", argv[i]);
    }
  }
  if (targets > 1) return usage_error("sisctl prof start: %s\n", "give at most one of --pid P, --kernel, --all");

  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  ControlClient control;
  std::string command = "prof " + sub;
  if (!connect_prof(control, name, command.c_str())) return kQtUnavailable;
  if (sub == "folded") return fetch_folded(control, out_path, chunk);
  Reply r = control_call(control, "prof." + QString::fromStdString(sub), params, 30000);
  if (!r.ok()) return failed(command.c_str(), r);
  QJsonObject o = r.object();
  if (sub == "start") {
    std::printf("profiling at %lld Hz (%s)\n", o.value("hz").toInteger(), qPrintable(o.value("mode").toString()));
  } else if (sub == "stop") {
    std::printf("stopped: %lld samples, %lld dropped, %lld ms\n", o.value("samples").toInteger(),
                o.value("dropped").toInteger(), o.value("duration_ns").toInteger() / 1000000);
  } else if (json) {
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
  } else {
    print_report(o);
  }
  return kQtOk;
}

}  // namespace sisctl
