#include "vm_command.h"

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "launch/locate.h"
#include "launch/qemu_command.h"
#include "vm/snapshot_job.h"
#include "vm/vm_launcher.h"
#include "vm_access.h"

namespace sisctl {
namespace {

using sis::host::QmpClient;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;

constexpr const char* kUsageText =
    "usage: sisctl vm start [--disk IMG] [--memory MiB] [--cpus N] [--kernel IMAGE] [--paused] [--wait-boot S]\n"
    "                      [--hostfwd tcp:HOSTPORT-:GUESTPORT]... [--no-network]\n"
    "       sisctl vm stop [--timeout S]\n"
    "       sisctl vm reset | pause | cont\n"
    "       sisctl vm status [--json]\n"
    "       sisctl vm events [--count N] [--timeout S]\n"
    "       sisctl vm snapshot save|load|delete SNAPSHOT\n"
    "       sisctl vm snapshot list [--json]\n"
    "Every form takes --name NAME (default 'default') to pick one of several VMs.\n"
    "\n"
    "  start    start the kernel in QEMU in the background (pvpanic, control port, QMP) and\n"
    "           return once QMP answers. --wait-boot S also waits up to S seconds for the\n"
    "           kernel's shell prompt in the console log, and warns on stderr when the kernel\n"
    "           could not use --disk (\"/\" in memory). --paused: CPUs stopped until 'cont'.\n"
    "           The VM has a virtio-net NIC on QEMU's user network (guest 10.0.2.15, host\n"
    "           10.0.2.2); --hostfwd tcp:8080-:80 forwards host port 8080 to guest port 80\n"
    "           (repeatable; udp: too); --no-network leaves the NIC out.\n"
    "  stop     quit QEMU over QMP (killed after --timeout S, default 10) and remove the\n"
    "           VM's runtime directory\n"
    "  reset    system_reset (the kernel reboots)\n"
    "  pause    stop the CPUs;  cont: resume them\n"
    "  status   pid, QMP run state, QEMU version, runtime directory, and (kernel running)\n"
    "           what \"/\" is: ext4 on the disk, or IN MEMORY when the disk was unusable\n"
    "  events   print QMP events (RESET, STOP, RESUME, GUEST_PANICKED, SHUTDOWN...) as JSON\n"
    "           lines until --count N events, --timeout S seconds, QEMU's exit or Ctrl-C\n"
    "  snapshot save SNAPSHOT   pause the VM, save its RAM and device state (QMP\n"
    "           snapshot-save into a qcow2 of the snapshot's own) and a copy of its raw disk,\n"
    "           resume it. load SNAPSHOT: restore both into the running VM (same disk,\n"
    "           memory and cpus), which resumes where the snapshot was taken (uptime\n"
    "           included). list: the VM's snapshots (works without a running VM); delete\n"
    "           removes one. Stored in $SIS_SNAPSHOT_DIR, else $XDG_DATA_HOME/sis/snapshots,\n"
    "           else ~/.local/share/sis/snapshots, under vm-NAME/SNAPSHOT/.\n"
    "\n"
    "Runtime directory: $SIS_RUNTIME_DIR/vm-NAME, else $XDG_RUNTIME_DIR/sis/vm-NAME, else\n"
    "/tmp/sis-UID/vm-NAME: qmp.sock, qmp-events.sock, control.sock, console.sock (connect\n"
    "with e.g. 'socat - UNIX-CONNECT:.../console.sock'), console.log, qemu.log, vm.json.\n"
    "Exit status: 0 ok, 1 usage error, 2 failure (no such VM, QEMU failed, QMP error),\n"
    "4 timeout.\n";

struct Args {
  QString name = QStringLiteral("default");
  std::string disk, kernel;
  long memory = 256, cpus = 1, timeout_s = -1, count = -1, wait_boot_s = 0;
  bool paused = false, json = false;
  std::string snapshot_action, snapshot;
  std::vector<std::string> hostfwd;  // vm start --hostfwd RULE (repeatable)
  bool no_network = false;
};

int usage_error(const char* fmt, const char* what) {
  std::fprintf(stderr, "sisctl vm: ");
  std::fprintf(stderr, fmt, what);
  std::fprintf(stderr, "\n(sisctl vm --help for usage)\n");
  return kQtUsage;
}

void print_log_tail(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return;
  QByteArray all = f.readAll().trimmed();
  if (!all.isEmpty()) std::fprintf(stderr, "%s\n", all.right(2000).constData());
}

// QEMU binds its QMP socket (the file appears) a moment before it listens, so a refused
// connection right after start is retried while QEMU runs, until `timeout_ms`.
bool connect_qmp_after_start(QmpClient& qmp, const QString& socket, qint64 pid, int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  QString failure;
  for (;;) {
    failure.clear();
    auto c = QObject::connect(&qmp, &QmpClient::disconnected, [&](const QString& r) { failure = r; });
    qmp.connect_to_server(socket);
    run_until([&] { return qmp.is_ready() || !failure.isEmpty(); }, std::max<qint64>(timeout_ms - clock.elapsed(), 1));
    QObject::disconnect(c);
    if (qmp.is_ready()) return true;
    if (interrupted() || !sis::host::process_alive(pid) || clock.elapsed() >= timeout_ms) break;
    run_until([] { return false; }, 50);  // QEMU is still starting: try again shortly
  }
  std::fprintf(stderr, "sisctl vm start: QMP: %s\n", qPrintable(failure.isEmpty() ? QStringLiteral("no answer") : failure));
  return false;
}

int vm_start(const Args& a, const char* argv0) {
  sis::host::VmConfig config;
  config.qemu = sis::host::locate_qemu();
  if (config.qemu.empty()) {
    std::fprintf(stderr, "sisctl vm start: qemu-system-aarch64 not found (install qemu-system-arm or set SIS_QEMU)\n");
    return kQtFailed;
  }
  config.kernel = a.kernel.empty() ? sis::host::locate_kernel(argv0) : a.kernel;
  if (!sis::host::is_readable_file(config.kernel)) {
    std::fprintf(stderr, "sisctl vm start: kernel image not found (%s); build it or pass --kernel\n",
                 config.kernel.empty() ? "no candidate" : config.kernel.c_str());
    return kQtFailed;
  }
  // Absolute: QEMU and later commands (vm snapshot) may run in another directory.
  config.disk = a.disk.empty() ? std::string() : QFileInfo(QString::fromStdString(a.disk)).absoluteFilePath().toStdString();
  config.memory_mib = static_cast<unsigned>(a.memory);
  config.cpus = static_cast<unsigned>(a.cpus);
  config.pvpanic = true;
  config.start_paused = a.paused;
  config.network = !a.no_network;
  config.hostfwd = a.hostfwd;
  VmRuntimeDir dir(a.name);
  qint64 pid = 0;
  QString error;
  if (!sis::host::VmLauncher::start_detached(dir, config, &pid, &error)) {
    std::fprintf(stderr, "sisctl vm start: %s\n", qPrintable(error));
    return kQtFailed;
  }
  // QEMU creates its sockets during start-up; QMP answering means the machine exists.
  QmpClient qmp;
  const bool sockets = run_until([&] { return QFile::exists(dir.qmp_socket()) || !sis::host::process_alive(pid); }, 10000);
  if (!sockets || !sis::host::process_alive(pid)) {
    std::fprintf(stderr, "sisctl vm start: QEMU (pid %lld) %s:\n", static_cast<long long>(pid),
                 sis::host::process_alive(pid) ? "did not open its QMP socket within 10 s" : "exited at once");
    print_log_tail(dir.qemu_log());
    if (sis::host::process_alive(pid)) ::kill(static_cast<pid_t>(pid), SIGKILL);
    dir.remove_runtime_files();
    return kQtFailed;
  }
  if (!connect_qmp_after_start(qmp, dir.qmp_socket(), pid, 5000)) return kQtFailed;
  Reply st = qmp_call(qmp, "query-status");
  qmp.close();
  std::printf("VM '%s' started: pid %lld, %s, runtime directory %s\n", qPrintable(a.name), static_cast<long long>(pid),
              st.ok() ? qPrintable(st.object().value("status").toString()) : "status unknown", qPrintable(dir.path()));
  if (a.wait_boot_s > 0) {
    QByteArray log;
    const bool booted = run_until(
        [&] {
          QFile f(dir.console_log());
          if (f.open(QIODevice::ReadOnly)) log = f.readAll();
          return log.contains("sis> ") || !sis::host::process_alive(pid);
        },
        static_cast<int>(a.wait_boot_s * 1000));
    if (!booted || !log.contains("sis> ")) {
      std::fprintf(stderr, "sisctl vm start: no shell prompt in %s within %ld s\n", qPrintable(dir.console_log()), a.wait_boot_s);
      return kQtTimeout;
    }
    std::printf("kernel booted to its shell\n");
    // The kernel's "[NO DISK: ...]" line precedes its prompt when "/" fell back to memory.
    if (const qsizetype at = log.indexOf("[NO DISK:"); !a.disk.empty() && at >= 0) {
      const qsizetype end = log.indexOf('\n', at);
      std::fprintf(stderr, "sisctl vm start: the kernel is not using the disk '%s': %s\n", a.disk.c_str(),
                   log.mid(at, end < 0 ? -1 : end - at).constData());
    }
  }
  return kQtOk;
}

int vm_stop(const Args& a) {
  VmRuntimeDir dir(a.name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, "vm stop")) return kQtFailed;
  const int timeout_ms = static_cast<int>((a.timeout_s < 0 ? 10 : a.timeout_s) * 1000);
  QmpClient qmp;
  bool asked = false;
  if (connect_qmp(qmp, dir.qmp_socket(), 3000, "vm stop")) {
    Reply r = qmp_call(qmp, "quit", {}, 3000);
    // QEMU may close the socket before its reply arrives: that is success too.
    asked = r.ok() || r.error->cls == sis::host::error_class::kDisconnected;
    if (!asked) std::fprintf(stderr, "sisctl vm stop: quit: %s\n", qPrintable(r.error->to_string()));
  }
  bool gone = run_until([&] { return !sis::host::process_alive(rec.pid); }, asked ? timeout_ms : 0);
  if (!gone) {
    std::fprintf(stderr, "sisctl vm stop: QEMU (pid %lld) still runs; killing it\n", static_cast<long long>(rec.pid));
    ::kill(static_cast<pid_t>(rec.pid), SIGKILL);
    gone = run_until([&] { return !sis::host::process_alive(rec.pid); }, 3000);
  }
  dir.remove_all();
  std::printf("VM '%s' stopped\n", qPrintable(a.name));
  return gone ? kQtOk : kQtFailed;
}

int vm_simple(const Args& a, const char* command, const char* qmp_command, const char* done) {
  VmRuntimeDir dir(a.name);
  VmRecord rec;
  const std::string cmd = std::string("vm ") + command;
  if (!find_running_vm(dir, &rec, cmd.c_str())) return kQtFailed;
  QmpClient qmp;
  if (!connect_qmp(qmp, dir.qmp_socket(), 3000, cmd.c_str())) return kQtFailed;
  Reply r = qmp_call(qmp, qmp_command);
  if (!r.ok()) {
    std::fprintf(stderr, "sisctl %s: %s\n", cmd.c_str(), qPrintable(r.error->to_string()));
    return r.error->cls == sis::host::error_class::kTimeout ? kQtTimeout : kQtFailed;
  }
  std::printf("VM '%s' %s\n", qPrintable(a.name), done);
  return kQtOk;
}

// sys.info's root_fs in one line: an in-memory "/" loses every write at poweroff.
QString describe_root_fs(const QJsonObject& r) {
  if (r.isEmpty()) return QStringLiteral("-");
  const QString type = r.value("type").toString();
  if (r.value("persistent").toBool())
    return QStringLiteral("%1 on the disk (%2)").arg(type, r.value("read_only").toBool() ? "read-only" : "read-write");
  const QString disk = r.value("disk").toString();
  const QString why = disk == "unusable" ? "disk unusable: " + r.value("reason").toString() : disk == "none" ? "no disk" : disk;
  return QStringLiteral("%1 IN MEMORY (%2): changes are lost at poweroff").arg(type, why);
}

int vm_status(const Args& a) {
  VmRuntimeDir dir(a.name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, "vm status")) return kQtFailed;
  QmpClient qmp;
  if (!connect_qmp(qmp, dir.qmp_socket(), 3000, "vm status")) return kQtFailed;
  Reply st = qmp_call(qmp, "query-status");
  if (!st.ok()) {
    std::fprintf(stderr, "sisctl vm status: %s\n", qPrintable(st.error->to_string()));
    return kQtFailed;
  }
  const QString status = st.object().value("status").toString();
  QJsonObject root_fs;  // asked only of a running kernel (a paused one cannot answer)
  if (status == "running") {
    sis::host::ControlClient control;
    if (connect_control(control, dir.control_socket(), 3000, "vm status")) {
      Reply info = control_call(control, "sys.info", {}, 3000);
      if (info.ok()) root_fs = info.object().value("root_fs").toObject();
    }
  }
  if (a.json) {
    QJsonObject o{{"name", a.name},
                  {"pid", rec.pid},
                  {"status", status},
                  {"running", st.object().value("running").toBool()},
                  {"qemu", qmp.qemu_version()},
                  {"kernel", rec.kernel},
                  {"disk", rec.disk},
                  {"memory_mib", static_cast<qint64>(rec.memory_mib)},
                  {"started", rec.started},
                  {"runtime_dir", dir.path()},
                  {"root_fs", root_fs.isEmpty() ? QJsonValue() : QJsonValue(root_fs)}};
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
  } else {
    std::printf("name         %s\npid          %lld\nstatus       %s\nqemu         %s\nkernel       %s\ndisk         %s\n"
                "memory       %u MiB\nstarted      %s\nruntime dir  %s\nroot fs      %s\n",
                qPrintable(a.name), static_cast<long long>(rec.pid), qPrintable(status), qPrintable(qmp.qemu_version()),
                qPrintable(rec.kernel), rec.disk.isEmpty() ? "-" : qPrintable(rec.disk), rec.memory_mib,
                qPrintable(rec.started), qPrintable(dir.path()), qPrintable(describe_root_fs(root_fs)));
  }
  return kQtOk;
}

int vm_events(const Args& a) {
  VmRuntimeDir dir(a.name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, "vm events")) return kQtFailed;
  QmpClient qmp;
  if (!connect_qmp(qmp, dir.qmp_event_socket(), 3000, "vm events")) return kQtFailed;
  long seen = 0;
  bool closed = false;
  QObject::connect(&qmp, &QmpClient::event_received, [&](const QString& name, const QJsonObject& data, qint64 ts_us) {
    QJsonObject o{{"event", name}, {"data", data}, {"timestamp_us", ts_us}};
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    ++seen;
  });
  QObject::connect(&qmp, &QmpClient::disconnected, [&](const QString&) { closed = true; });
  std::fprintf(stderr, "sisctl vm events: watching VM '%s' (Ctrl-C to stop)\n", qPrintable(a.name));
  install_interrupt_handler();
  const bool done = run_until([&] { return closed || (a.count > 0 && seen >= a.count); },
                              a.timeout_s < 0 ? -1 : static_cast<int>(a.timeout_s * 1000));
  if (closed) std::fprintf(stderr, "sisctl vm events: QEMU closed the connection (VM stopped)\n");
  if (!done && !interrupted() && a.count > 0) {
    std::fprintf(stderr, "sisctl vm events: %ld of %ld events within %ld s\n", seen, a.count, a.timeout_s);
    return kQtTimeout;
  }
  return kQtOk;
}

QString format_uptime(qint64 ns) { return ns < 0 ? QStringLiteral("-") : QString::number(ns / 1e9, 'f', 3) + " s"; }

int vm_snapshot_list(const Args& a) {
  sis::host::SnapshotStore store(a.name);
  const auto snapshots = store.list();
  if (a.json) {
    QJsonArray arr;
    for (const auto& s : snapshots)
      arr.append(QJsonObject{{"name", s.name},
                             {"created", s.created},
                             {"status", s.status},
                             {"uptime_ns", s.uptime_ns},
                             {"disk", s.disk},
                             {"memory_mib", static_cast<qint64>(s.memory_mib)},
                             {"cpus", static_cast<qint64>(s.cpus)},
                             {"state_bytes", s.state_bytes},
                             {"disk_bytes", s.disk_bytes},
                             {"path", store.dir(s.name)}});
    std::printf("%s\n", QJsonDocument(arr).toJson(QJsonDocument::Compact).constData());
    return kQtOk;
  }
  if (snapshots.isEmpty()) {
    std::printf("no snapshots of VM '%s' (%s)\n", qPrintable(a.name), qPrintable(store.path()));
    return kQtOk;
  }
  std::printf("%-24s %-24s %-15s %12s %10s\n", "NAME", "TAKEN (UTC)", "STATE", "UPTIME", "SIZE");
  for (const auto& s : snapshots)
    std::printf("%-24s %-24s %-15s %12s %7lld MiB\n", qPrintable(s.name), qPrintable(s.created.left(19).replace('T', ' ')),
                qPrintable(s.status), qPrintable(format_uptime(s.uptime_ns)),
                static_cast<long long>((s.state_bytes + s.disk_bytes) >> 20));
  return kQtOk;
}

// Waits for the kernel's greeting on a fresh control connection; true when it came.
bool control_greets(const QString& socket, int timeout_ms) {
  sis::host::ControlClient control;
  control.set_handshake_timeout(timeout_ms);
  std::optional<bool> greeted;
  QObject::connect(&control, &sis::host::ControlClient::ready, [&] { greeted = true; });
  QObject::connect(&control, &sis::host::ControlClient::disconnected, [&](const QString&) { greeted = false; });
  control.connect_to_server(socket);
  run_until([&] { return greeted.has_value(); }, timeout_ms + 500);
  const bool ok = control.is_ready();
  control.close();
  return ok;
}

// After a load the guest's idea of the control port (a host connected or not) is the one
// it had when the snapshot was taken, which may not match QEMU's socket now: a host that
// connects can then get no greeting. One connection that is closed again brings both sides
// to "closed", so the next connection (any sisctl command) is greeted.
void resync_control_port(const QString& socket) {
  if (control_greets(socket, 3000)) return;
  if (!control_greets(socket, 10000))
    std::fprintf(stderr, "sisctl vm snapshot load: warning: the kernel's control port does not greet after the load\n");
}

// save and load: drive VmSnapshotter over the VM's QMP socket to completion.
int vm_snapshot_run(const Args& a) {
  const bool save = a.snapshot_action == "save";
  const std::string cmd = "vm snapshot " + a.snapshot_action;
  VmRuntimeDir dir(a.name);
  VmRecord rec;
  if (!find_running_vm(dir, &rec, cmd.c_str())) return kQtFailed;
  if (!rec.owner.isEmpty() && rec.owner != "sisctl") {
    // The program that started it holds its QMP and control sockets (one client each), and
    // a load behind its back would leave it talking to a kernel that was replaced.
    std::fprintf(stderr, "sisctl %s: VM '%s' belongs to %s (pid %lld), which holds its QMP socket; take and restore "
                 "its snapshots there (SIS Control Center: VM > Snapshots...)\n",
                 cmd.c_str(), qPrintable(a.name), qPrintable(rec.owner), static_cast<long long>(rec.owner_pid));
    return kQtFailed;
  }
  QmpClient qmp;
  if (!connect_qmp(qmp, dir.qmp_socket(), 3000, cmd.c_str())) return kQtFailed;
  qint64 uptime = -1;
  if (save && qmp_call(qmp, "query-status").object().value("status").toString() == "running") {
    // The guest's uptime goes into the snapshot's record; the control port may be busy (one
    // host at a time), so this is best effort.
    sis::host::ControlClient control;
    control.set_handshake_timeout(2000);
    std::optional<bool> greeted;
    QObject::connect(&control, &sis::host::ControlClient::ready, [&] { greeted = true; });
    QObject::connect(&control, &sis::host::ControlClient::disconnected, [&](const QString&) { greeted = false; });
    control.connect_to_server(dir.control_socket());
    run_until([&] { return greeted.has_value(); }, 2500);
    if (control.is_ready()) {
      Reply info = control_call(control, "sys.info", {}, 3000);
      if (info.ok()) uptime = info.object().value("uptime_ns").toInteger(-1);
    }
    control.close();
  }
  sis::host::SnapshotVm vm{a.name, rec.disk, rec.memory_mib, rec.cpus, rec.kernel};
  sis::host::VmSnapshotter snapshots(&qmp, vm);
  std::optional<std::pair<bool, QString>> result;
  auto done = [&](bool ok, const QString& e) { result = {ok, e}; };
  QElapsedTimer clock;
  clock.start();
  const QString name = QString::fromStdString(a.snapshot);
  if (save)
    snapshots.save(name, uptime, done);
  else
    snapshots.load(name, done);
  run_until([&] { return result.has_value(); }, -1);
  if (!result) {
    std::fprintf(stderr, "sisctl %s: interrupted\n", cmd.c_str());
    return kQtFailed;
  }
  if (!result->first) {
    std::fprintf(stderr, "sisctl %s: %s\n", cmd.c_str(), qPrintable(result->second));
    return kQtFailed;
  }
  const qint64 elapsed_ms = clock.elapsed();
  const auto info = snapshots.store().find(name);
  if (!save && info && info->status == "running") resync_control_port(dir.control_socket());
  if (save)
    std::printf("VM '%s': snapshot '%s' saved in %lld ms (%s)\n", qPrintable(a.name), qPrintable(name),
                static_cast<long long>(elapsed_ms), qPrintable(snapshots.store().dir(name)));
  else
    std::printf("VM '%s': snapshot '%s' restored in %lld ms (taken %s, guest uptime then %s); VM %s\n", qPrintable(a.name),
                qPrintable(name), static_cast<long long>(elapsed_ms), info ? qPrintable(info->created) : "?",
                info ? qPrintable(format_uptime(info->uptime_ns)) : "-",
                qPrintable(qmp_call(qmp, "query-status").object().value("status").toString()));
  return kQtOk;
}

int vm_snapshot(const Args& a) {
  if (a.snapshot_action == "list") return vm_snapshot_list(a);
  if (a.snapshot_action == "delete") {
    QString error;
    if (!sis::host::SnapshotStore(a.name).remove(QString::fromStdString(a.snapshot), &error)) {
      std::fprintf(stderr, "sisctl vm snapshot delete: %s\n", qPrintable(error));
      return kQtFailed;
    }
    std::printf("VM '%s': snapshot '%s' deleted\n", qPrintable(a.name), a.snapshot.c_str());
    return kQtOk;
  }
  return vm_snapshot_run(a);
}

}  // namespace

int vm_main(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[2], "--help") || !std::strcmp(argv[2], "-h") || !std::strcmp(argv[2], "help")) {
    std::fputs(kUsageText, argc < 3 ? stderr : stdout);
    return argc < 3 ? kQtUsage : kQtOk;
  }
  const std::string sub = argv[2];
  Args a;
  int first_option = 3;
  if (sub == "snapshot") {
    // sisctl vm snapshot ACTION [SNAPSHOT] [options]
    a.snapshot_action = argc > 3 ? argv[3] : "";
    if (a.snapshot_action == "--help" || a.snapshot_action == "-h") {
      std::fputs(kUsageText, stdout);
      return kQtOk;
    }
    if (a.snapshot_action != "save" && a.snapshot_action != "load" && a.snapshot_action != "delete" &&
        a.snapshot_action != "list")
      return usage_error("snapshot needs save, load, delete or list (got '%s')", a.snapshot_action.c_str());
    first_option = 4;
    if (a.snapshot_action != "list") {
      if (argc < 5 || argv[4][0] == '-') return usage_error("snapshot %s needs a SNAPSHOT name", a.snapshot_action.c_str());
      a.snapshot = argv[4];
      if (!sis::host::SnapshotStore::valid_name(QString::fromStdString(a.snapshot)))
        return usage_error("invalid snapshot name '%s' (letters, digits, '.', '-', '_'; at most 64)", a.snapshot.c_str());
      first_option = 5;
    }
  }
  for (int i = first_option; i < argc; ++i) {
    const std::string opt = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (opt == "-h" || opt == "--help") {
      std::fputs(kUsageText, stdout);
      return kQtOk;
    } else if (opt == "--name") {
      const char* v = value();
      if (!v || !VmRuntimeDir::valid_name(v)) return usage_error("--name needs a name of letters, digits, '-', '_' (got '%s')", v ? v : "");
      a.name = v;
    } else if (opt == "--disk" && sub == "start") {
      const char* v = value();
      if (!v) return usage_error("%s needs a file", "--disk");
      a.disk = v;
    } else if (opt == "--kernel" && sub == "start") {
      const char* v = value();
      if (!v) return usage_error("%s needs a file", "--kernel");
      a.kernel = v;
    } else if (opt == "--memory" && sub == "start") {
      if (!parse_number(value(), 64, 16384, &a.memory)) return usage_error("%s needs MiB between 64 and 16384", "--memory");
    } else if (opt == "--cpus" && sub == "start") {
      if (!parse_number(value(), 1, 8, &a.cpus)) return usage_error("%s needs 1..8", "--cpus");
    } else if (opt == "--wait-boot" && sub == "start") {
      if (!parse_number(value(), 1, 3600, &a.wait_boot_s)) return usage_error("%s needs seconds", "--wait-boot");
    } else if (opt == "--paused" && sub == "start") {
      a.paused = true;
    } else if (opt == "--hostfwd" && sub == "start") {
      const char* v = value();
      if (!v) return usage_error("%s needs a rule like tcp:8080-:80", "--hostfwd");
      if (auto e = sis::host::validate_hostfwd(v); !e.empty()) return usage_error("%s", e.c_str());
      a.hostfwd.push_back(v);
    } else if (opt == "--no-network" && sub == "start") {
      a.no_network = true;
    } else if (opt == "--timeout" && (sub == "stop" || sub == "events")) {
      if (!parse_number(value(), 0, 86400, &a.timeout_s)) return usage_error("%s needs seconds", "--timeout");
    } else if (opt == "--count" && sub == "events") {
      if (!parse_number(value(), 1, 1000000, &a.count)) return usage_error("%s needs a positive number", "--count");
    } else if (opt == "--json" && (sub == "status" || (sub == "snapshot" && a.snapshot_action == "list"))) {
      a.json = true;
    } else {
      return usage_error("unknown option '%s' for this subcommand", opt.c_str());
    }
  }
  int qt_argc = 1;
  QCoreApplication app(qt_argc, argv);
  if (sub == "start") return vm_start(a, argv[0]);
  if (sub == "stop") return vm_stop(a);
  if (sub == "reset") return vm_simple(a, "reset", "system_reset", "reset");
  if (sub == "pause") return vm_simple(a, "pause", "stop", "paused");
  if (sub == "cont") return vm_simple(a, "cont", "cont", "running");
  if (sub == "status") return vm_status(a);
  if (sub == "events") return vm_events(a);
  if (sub == "snapshot") return vm_snapshot(a);
  return usage_error("unknown subcommand '%s'", sub.c_str());
}

}  // namespace sisctl
