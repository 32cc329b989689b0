#include "proc_command.h"

#include <cstdio>
#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "client/proc_run.h"
#include "vm_access.h"

namespace sisctl {
namespace {

using sis::host::ClientError;
using sis::host::ControlClient;
using sis::host::ProcRun;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;

// `proc run` exits with the program's status, so sisctl's own failures use the codes
// env(1) and timeout(1) use: 125 sisctl failed, 127 the program could not be started.
constexpr int kRunFailed = 125;
constexpr int kRunNotStarted = 127;

constexpr const char* kUsage =
    "usage: sisctl proc list [--name NAME] [--json]\n"
    "       sisctl proc run [--name NAME] [--timeout S] [--] PATH [ARGS...]\n"
    "       sisctl proc kill [--name NAME] PID [SIGNAL]\n"
    "\n"
    "User processes of the kernel of the VM started with 'sisctl vm start' (control port,\n"
    "proc.* methods; the shell's procctl offers the same on the console).\n"
    "\n"
    "  list   PID, PPID, state, RSS, CPU time and command line of every process\n"
    "         (--json: proc.list's result as one JSON object)\n"
    "  run    runs PATH (an absolute path in the VM) with ARGS; its stdout and stderr\n"
    "         stream to sisctl's stdout and stderr while it runs. Ctrl-C ends the\n"
    "         connection, and the kernel kills the program. --timeout S kills it (SIGKILL)\n"
    "         after S seconds.\n"
    "  kill   sends SIGNAL (a number or a name like TERM, KILL, INT; default TERM) to PID\n"
    "\n"
    "  --name NAME   the VM (default 'default')\n"
    "\n"
    "QEMU's control socket serves one host at a time: while 'proc run' streams, other\n"
    "sisctl commands and SIS Control Center cannot reach the control port.\n"
    "\n"
    "Exit status: list and kill: 0 ok, 1 usage error, 2 failure (no VM, no such process,\n"
    "request refused), 5 control port not available. run: the program's exit status\n"
    "(128+N when signal N killed it), 125 sisctl failed (usage error, no VM, control port\n"
    "not available, connection lost, interrupted), 127 the kernel could not start the\n"
    "program (proc.run's error is printed).\n";

int usage_error(const char* fmt, const char* what, int code) {
  std::fprintf(stderr, fmt, what);
  std::fputs("(sisctl proc --help for usage)\n", stderr);
  return code;
}

bool connect_proc(ControlClient& control, const QString& name, const char* command) {
  VmRuntimeDir dir(name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, command)) return false;
  if (!connect_control(control, dir.control_socket(), 4000, command)) return false;
  if (!control.has_capability("proc")) {
    std::fprintf(stderr, "sisctl %s: this kernel has no 'proc' capability (it has: %s)\n", command,
                 qPrintable(control.capabilities().join(", ")));
    return false;
  }
  return true;
}

QString cpu_seconds(qint64 ns) { return QString::asprintf("%lld.%03lld", ns / 1000000000LL, ns / 1000000LL % 1000); }

int list(const QString& name, bool json, char** argv) {
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  ControlClient control;
  if (!connect_proc(control, name, "proc list")) return kQtUnavailable;
  Reply r = control_call(control, "proc.list");
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl proc list: proc.list: %s\n", qPrintable(r.error->to_string()));
    return kQtFailed;
  }
  if (json) {
    std::printf("%s\n", QJsonDocument(r.object()).toJson(QJsonDocument::Compact).constData());
    return kQtOk;
  }
  std::printf("  PID  PPID STATE     RSS(KiB)  CPU(s)  COMMAND\n");
  const QJsonArray procs = r.object().value("processes").toArray();
  for (const QJsonValue& v : procs) {
    QJsonObject p = v.toObject();
    QString cmd = p.value("cmdline").toString();
    if (cmd.isEmpty()) cmd = p.value("name").toString();
    std::printf("%5lld %5lld %-8s %9lld %7s  %s\n", p.value("pid").toInteger(), p.value("ppid").toInteger(),
                qPrintable(p.value("state").toString()), p.value("rss_kib").toInteger(),
                qPrintable(cpu_seconds(p.value("cpu_ns").toInteger())), qPrintable(cmd));
  }
  std::printf("%lld process%s; user pages in use: %lld\n", static_cast<long long>(procs.size()), procs.size() == 1 ? "" : "es",
              r.object().value("user_pages").toInteger());
  return kQtOk;
}

int kill(const QString& name, const char* pid_text, const char* signal, char** argv) {
  long pid;
  if (!parse_number(pid_text, 1, 4294967295L, &pid)) return usage_error("sisctl proc kill: bad PID '%s'\n", pid_text, kQtUsage);
  QJsonObject params{{"pid", static_cast<qint64>(pid)}};
  if (signal) {
    long n;
    if (parse_number(signal, 1, 64, &n)) params.insert("signal", static_cast<int>(n));
    else params.insert("signal", QString::fromLocal8Bit(signal));
  }
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  ControlClient control;
  if (!connect_proc(control, name, "proc kill")) return kQtUnavailable;
  Reply r = control_call(control, "proc.kill", params);
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl proc kill: %s\n", qPrintable(r.error->to_string()));
    return r.error->cls == "InvalidParams" ? kQtUsage : kQtFailed;
  }
  std::printf("sent %s to %ld\n", qPrintable(r.object().value("name").toString()), pid);
  return kQtOk;
}

int run(const QString& name, long timeout_s, const QStringList& program, char** argv) {
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  ControlClient control;
  if (!connect_proc(control, name, "proc run")) return kRunFailed;
  ProcRun run(&control);
  std::optional<ClientError> failure;
  QObject::connect(&run, &ProcRun::output, [](int stream, const QByteArray& data) {
    FILE* f = stream == ProcRun::Stderr ? stderr : stdout;
    std::fwrite(data.constData(), 1, static_cast<size_t>(data.size()), f);
    std::fflush(f);
  });
  QObject::connect(&run, &ProcRun::lost, [](int stream, qint64 bytes) {
    std::fprintf(stderr, "sisctl proc run: %lld bytes of the program's %s were lost on the control port\n",
                 static_cast<long long>(bytes), stream == ProcRun::Stderr ? "stderr" : "stdout");
  });
  QObject::connect(&run, &ProcRun::failed, [&](const ClientError& e) { failure = e; });
  install_interrupt_handler();
  run.start(program);
  bool timed_out = false;
  if (!run_until([&] { return run.done(); }, timeout_s > 0 ? static_cast<int>(timeout_s * 1000) : -1) &&
      !interrupted() && run.pid() > 0) {
    timed_out = true;
    control_call(control, "proc.kill", {{"pid", run.pid()}, {"signal", "KILL"}}, 5000);
    run_until([&] { return run.done(); }, 10000);
  }
  if (!run.done()) {
    std::fprintf(stderr, "sisctl proc run: interrupted; the kernel kills the program when the connection ends\n");
    return kRunFailed;
  }
  if (failure) {
    std::fprintf(stderr, "sisctl proc run: %s\n", qPrintable(failure->to_string()));
    return run.pid() > 0 || failure->cls == "Disconnected" ? kRunFailed : kRunNotStarted;
  }
  QJsonObject e = run.exit_info();
  if (timed_out) std::fprintf(stderr, "sisctl proc run: killed after %ld s (--timeout)\n", timeout_s);
  else if (e.value("status").toString() == "killed")
    std::fprintf(stderr, "sisctl proc run: pid %lld killed by %s\n", run.pid(), qPrintable(e.value("signal").toString()));
  return ProcRun::exit_status(e);
}

}  // namespace

int proc_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h")) {
    std::fputs(kUsage, argc < 3 ? stderr : stdout);
    return argc < 3 ? kQtUsage : kQtOk;
  }
  const std::string sub = argv[2];
  if (sub != "list" && sub != "run" && sub != "kill")
    return usage_error("sisctl proc: unknown subcommand '%s' (list, run, kill)\n", argv[2], kQtUsage);
  const int bad_usage = sub == "run" ? kRunFailed : kQtUsage;
  QString name = QStringLiteral("default");
  bool json = false;
  long timeout_s = 0;
  QStringList words;
  int i = 3;
  for (; i < argc; ++i) {
    const std::string opt = argv[i];
    if (opt == "--") {
      ++i;
      break;
    }
    if (opt.empty() || opt[0] != '-') break;
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (opt == "--help" || opt == "-h") {
      std::fputs(kUsage, stdout);
      return kQtOk;
    } else if (opt == "--name") {
      if (!v || !VmRuntimeDir::valid_name(v)) return usage_error("sisctl proc: %s needs a VM name\n", argv[i], bad_usage);
      name = v;
      ++i;
    } else if (opt == "--json" && sub == "list") {
      json = true;
    } else if (opt == "--timeout" && sub == "run") {
      if (!parse_number(v, 1, 86400, &timeout_s)) return usage_error("sisctl proc run: %s needs seconds\n", argv[i], bad_usage);
      ++i;
    } else {
      return usage_error("sisctl proc: '%s' is not an option here\n", argv[i], bad_usage);
    }
  }
  for (; i < argc; ++i) words.append(QString::fromLocal8Bit(argv[i]));
  if (sub == "list") {
    if (!words.isEmpty()) return usage_error("sisctl proc list: unexpected '%s'\n", argv[argc - words.size()], kQtUsage);
    return list(name, json, argv);
  }
  if (sub == "kill") {
    if (words.isEmpty() || words.size() > 2) return usage_error("sisctl proc kill: %s\n", "needs PID [SIGNAL]", kQtUsage);
    std::string pid = words[0].toStdString(), sig = words.size() > 1 ? words[1].toStdString() : std::string();
    return kill(name, pid.c_str(), words.size() > 1 ? sig.c_str() : nullptr, argv);
  }
  if (words.isEmpty()) return usage_error("sisctl proc run: %s\n", "needs PATH [ARGS...]", kRunFailed);
  if (!words[0].startsWith('/')) return usage_error("sisctl proc run: PATH must be absolute, not '%s'\n", argv[argc - words.size()], kRunFailed);
  return run(name, timeout_s, words, argv);
}

}  // namespace sisctl
