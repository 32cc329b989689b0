#include "campaign_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>

#include "client/write_crash.h"
#include "launch/locate.h"
#include "vm/vm_launcher.h"
#include "vm_access.h"

namespace sisctl {
namespace {

constexpr const char* kUsage =
    "usage: sisctl campaign run --point POINT --run ID --out DIR [--kernel IMAGE] [--timeout S]\n"
    "       sisctl campaign merge DIR [--expect N] [--json]\n"
    "\n"
    "Crash campaigns, one run per invocation, for a runner that fans runs out over machines\n"
    "(GNU parallel --sshloginfile, a Slurm array job: docs/remote.md). The runner does the\n"
    "queueing, retries and host failures; sisctl does one run and the merge.\n"
    "\n"
    "  run    boots a fresh VM on a fresh 64 MiB ext4 disk (in a private temporary directory;\n"
    "         QEMU dies with this process), runs the journal crash demo at POINT (sisctl crash\n"
    "         write: write, power cut, reboot, outcome, e2fsck -fn on a paused copy), stops the\n"
    "         VM and writes DIR/run-ID.json atomically: run, kind, point, host, verdict (pass:\n"
    "         the outcome the journal guarantees and a clean e2fsck; fail: not), ssh_server\n"
    "         (from SSH_CONNECTION: which sshd ran it), started,\n"
    "         duration_ms, the demo's exit status and its report. POINT: mid-data,\n"
    "         before-commit, after-commit, during-checkpoint. ID: 1..1000000.\n"
    "         Exit 0 when the result file was written (whatever the verdict: a failed check is\n"
    "         a result, not a reason to retry), 2 when the run could not be done (no QEMU, no\n"
    "         kernel, no boot, timeout): the runner should retry it, on another host.\n"
    "  merge  reads DIR/run-*.json: per point the runs, passes and failures; with --expect N\n"
    "         also the run IDs 1..N without a result. A run done twice (a host that was given\n"
    "         up on but finished anyway) counts once, the later result. --json: one object.\n"
    "         Exit 0 all expected runs present and passed, 3 a run failed, 2 runs missing.\n";

int usage_error(const char* what, const char* value) {
  std::fprintf(stderr, "sisctl campaign: %s%s%s\n(sisctl campaign --help for usage)\n", what, value ? " " : "",
               value ? value : "");
  return kQtUsage;
}

// Runs this sisctl with `args` (under the private runtime directory), returns its status.
int run_self(const QStringList& args, int timeout_ms, QByteArray* output) {
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(QStringLiteral("/proc/self/exe"), args);
  if (!p.waitForStarted(5000)) return -1;
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished(3000);
    *output = p.readAll() + "\n(sisctl " + args.join(' ').toLocal8Bit() + ": timed out)";
    return -1;
  }
  *output = p.readAll();
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Which SSH server ran us ("ip:port" from SSH_CONNECTION; empty when not started over SSH):
// tells apart hosts that share a name (two sshd on one machine, containers).
QString ssh_server() {
  const QStringList w = qEnvironmentVariable("SSH_CONNECTION").split(' ', Qt::SkipEmptyParts);
  return w.size() == 4 ? w[2] + ":" + w[3] : QString();
}

int campaign_run(const QString& point, long run_id, const QString& out_dir, const std::string& kernel_arg, long timeout_s,
                 const char* argv0) {
  QElapsedTimer clock;
  clock.start();
  const QString started = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  auto error = [&](const QString& why) {
    std::fprintf(stderr, "sisctl campaign run %ld (%s) on %s: %s\n", run_id, qPrintable(point),
                 qPrintable(QHostInfo::localHostName()), qPrintable(why));
    return kQtFailed;
  };
  if (!QDir().mkpath(out_dir)) return error("cannot create " + out_dir);
  QTemporaryDir work(QDir::tempPath() + "/sis-campaign-XXXXXX");
  if (!work.isValid()) return error("cannot create a temporary directory");
  // Everything of this run (sockets, disk) is private: runs on one host do not meet.
  qputenv("SIS_RUNTIME_DIR", (work.path() + "/run").toLocal8Bit());
  const QString disk = work.path() + "/disk.img";
  QByteArray output;
  if (run_self({"disk", "create", disk, "--size", "64"}, 60000, &output) != 0)
    return error("sisctl disk create failed: " + QString::fromLocal8Bit(output).trimmed());

  sis::host::VmConfig config;
  config.qemu = sis::host::locate_qemu();
  if (config.qemu.empty()) return error("qemu-system-aarch64 not found (install qemu-system-arm or set SIS_QEMU)");
  config.kernel = kernel_arg.empty() ? sis::host::locate_kernel(argv0) : kernel_arg;
  if (!sis::host::is_readable_file(config.kernel)) return error("kernel image not found; build it or pass --kernel");
  config.disk = disk.toStdString();
  config.pvpanic = true;
  const QString name = QStringLiteral("campaign-%1").arg(run_id);
  sis::host::VmLauncher vm(name);  // QEMU is our child and dies with us (a runner's kill ends it too)
  QString why;
  std::optional<QString> start_result;
  QObject::connect(&vm, &sis::host::VmLauncher::started, [&] { start_result = QString(); });
  QObject::connect(&vm, &sis::host::VmLauncher::start_failed, [&](const QString& r) { start_result = r; });
  if (!vm.start(config, &why)) return error(why);
  run_until([&] { return start_result.has_value(); }, 15000);
  if (!start_result || !start_result->isEmpty()) return error("QEMU did not start: " + start_result.value_or("timeout"));
  QByteArray log;
  const bool booted = run_until(
      [&] {
        QFile f(vm.runtime_dir().console_log());
        if (f.open(QIODevice::ReadOnly)) log = f.readAll();
        return log.contains("sis> ") || !vm.is_running();
      },
      120000);
  if (!booted || !log.contains("sis> ")) return error("the kernel did not reach its shell within 120 s");

  const QStringList demo = {"crash", "write", "--name", name, "--point", point, "--path",
                            QStringLiteral("/campaign-%1.txt").arg(run_id), "--data",
                            QStringLiteral("campaign run %1, written to be cut at %2").arg(run_id).arg(point),
                            "--timeout", QString::number(timeout_s)};
  const int demo_status = run_self(demo, static_cast<int>(timeout_s * 3 * 1000), &output);
  vm.terminate();
  if (!vm.wait_for_finished(5000)) vm.kill();
  // 0: correct and clean; 3: a wrong outcome or a dirty check. Anything else: no result.
  if (demo_status != 0 && demo_status != 3)
    return error(QStringLiteral("sisctl crash write exited with %1: %2").arg(demo_status).arg(QString::fromLocal8Bit(output).trimmed()));
  QJsonObject result{{"run", static_cast<qint64>(run_id)},
                     {"kind", "crash-write"},
                     {"point", point},
                     {"host", QHostInfo::localHostName()},
                     {"ssh_server", ssh_server()},
                     {"verdict", demo_status == 0 ? "pass" : "fail"},
                     {"started", started},
                     {"duration_ms", clock.elapsed()},
                     {"demo_exit", demo_status},
                     {"report", QString::fromLocal8Bit(output).trimmed()}};
  QSaveFile f(QStringLiteral("%1/run-%2.json").arg(out_dir).arg(run_id));
  if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(result).toJson()) < 0 || !f.commit())
    return error("cannot write the result: " + f.errorString());
  std::printf("run %ld (%s) on %s: %s in %.1f s\n", run_id, qPrintable(point), qPrintable(QHostInfo::localHostName()),
              demo_status == 0 ? "pass" : "FAIL", clock.elapsed() / 1000.0);
  return kQtOk;
}

int campaign_merge(const QString& dir, long expect, bool json) {
  QDir d(dir);
  if (!d.exists()) {
    std::fprintf(stderr, "sisctl campaign merge: no directory %s\n", qPrintable(dir));
    return kQtFailed;
  }
  std::map<long, QJsonObject> runs;  // run id -> its result (the later one when done twice)
  int duplicates = 0, unreadable = 0;
  for (const QString& file : d.entryList({"run-*.json"}, QDir::Files, QDir::Name)) {
    QFile f(d.filePath(file));
    const QJsonObject o = f.open(QIODevice::ReadOnly) && f.size() < (1 << 20) ? QJsonDocument::fromJson(f.readAll()).object()
                                                                             : QJsonObject();
    const long id = static_cast<long>(o.value("run").toInteger(-1));
    if (id < 0 || !o.value("verdict").isString() || !o.value("point").isString()) {
      std::fprintf(stderr, "sisctl campaign merge: %s is not a run result; skipped\n", qPrintable(file));
      ++unreadable;
      continue;
    }
    auto [it, fresh] = runs.try_emplace(id, o);
    if (!fresh) {
      ++duplicates;
      if (o.value("started").toString() > it->second.value("started").toString()) it->second = o;
    }
  }
  struct Tally {
    int runs = 0, pass = 0, fail = 0;
    qint64 ms = 0;
  };
  std::map<QString, Tally> by_point;
  std::map<QString, int> by_host;
  QJsonArray failed;
  for (const auto& [id, o] : runs) {
    Tally& t = by_point[o.value("point").toString()];
    ++t.runs;
    t.ms += o.value("duration_ms").toInteger();
    const QString via = o.value("ssh_server").toString();
    ++by_host[o.value("host").toString() + (via.isEmpty() ? QString() : " via " + via)];
    if (o.value("verdict").toString() == "pass") ++t.pass;
    else {
      ++t.fail;
      failed.append(static_cast<qint64>(id));
    }
  }
  QJsonArray missing;
  for (long id = 1; id <= expect; ++id)
    if (!runs.count(id)) missing.append(static_cast<qint64>(id));
  if (json) {
    QJsonObject points, hosts;
    for (const auto& [p, t] : by_point)
      points.insert(p, QJsonObject{{"runs", t.runs}, {"pass", t.pass}, {"fail", t.fail}, {"mean_ms", t.runs ? t.ms / t.runs : 0}});
    for (const auto& [h, n] : by_host) hosts.insert(h, n);
    const QJsonObject o{{"runs", static_cast<qint64>(runs.size())}, {"points", points}, {"hosts", hosts},
                        {"failed", failed}, {"missing", missing}, {"duplicates", duplicates}, {"unreadable", unreadable}};
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
  } else {
    std::printf("%-20s %6s %6s %6s %10s\n", "POINT", "RUNS", "PASS", "FAIL", "MEAN");
    for (const auto& [p, t] : by_point)
      std::printf("%-20s %6d %6d %6d %8.1f s\n", qPrintable(p), t.runs, t.pass, t.fail, t.runs ? t.ms / 1000.0 / t.runs : 0.0);
    std::printf("%zu runs", runs.size());
    for (const auto& [h, n] : by_host) std::printf(", %d on %s", n, qPrintable(h));
    std::printf("; %d done twice\n", duplicates);
    if (!missing.isEmpty())
      std::printf("missing: %s\n", QJsonDocument(missing).toJson(QJsonDocument::Compact).constData());
    if (!failed.isEmpty())
      std::printf("FAILED: %s\n", QJsonDocument(failed).toJson(QJsonDocument::Compact).constData());
  }
  if (!failed.isEmpty()) return kQtPanic;  // 3
  return missing.isEmpty() ? kQtOk : kQtFailed;
}

}  // namespace

int campaign_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h") || !std::strcmp(argv[2], "help")) {
    std::fputs(kUsage, argc < 3 ? stderr : stdout);
    return argc < 3 ? kQtUsage : kQtOk;
  }
  const std::string sub = argv[2];
  QString point, out_dir, merge_dir;
  std::string kernel;
  long run_id = -1, timeout_s = 60, expect = 0;
  bool json = false;
  int i = 3;
  if (sub == "merge") {
    if (argc < 4 || argv[3][0] == '-') return usage_error("merge needs a DIR", nullptr);
    merge_dir = QString::fromLocal8Bit(argv[3]);
    i = 4;
  } else if (sub != "run") {
    return usage_error("unknown subcommand", sub.c_str());
  }
  for (; i < argc; ++i) {
    const std::string opt = argv[i];
    if (opt == "--json" && sub == "merge") {
      json = true;
      continue;
    }
    const char* v = i + 1 < argc ? argv[++i] : nullptr;
    if (!v) return usage_error("missing value for", opt.c_str());
    if (opt == "--point" && sub == "run") {
      if (!sis::host::find_crash_point(QString::fromLocal8Bit(v))) return usage_error("unknown crash point", v);
      point = QString::fromLocal8Bit(v);
    } else if (opt == "--run" && sub == "run") {
      if (!parse_number(v, 1, 1000000, &run_id)) return usage_error("--run needs 1..1000000, got", v);
    } else if (opt == "--out" && sub == "run") {
      out_dir = QString::fromLocal8Bit(v);
    } else if (opt == "--kernel" && sub == "run") {
      kernel = v;
    } else if (opt == "--timeout" && sub == "run") {
      if (!parse_number(v, 1, 3600, &timeout_s)) return usage_error("--timeout needs seconds, got", v);
    } else if (opt == "--expect" && sub == "merge") {
      if (!parse_number(v, 1, 1000000, &expect)) return usage_error("--expect needs a run count, got", v);
    } else {
      return usage_error("unknown option", opt.c_str());
    }
  }
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  if (sub == "merge") return campaign_merge(merge_dir, expect, json);
  if (point.isEmpty() || run_id < 0 || out_dir.isEmpty()) return usage_error("run needs --point, --run and --out", nullptr);
  return campaign_run(point, run_id, QDir(out_dir).absolutePath(), kernel, timeout_s, argv[0]);
}

}  // namespace sisctl
