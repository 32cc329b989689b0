#include "remote_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "client/paused_disk_check.h"
#include "control_command.h"
#include "launch/locate.h"
#include "power_command.h"
#include "proc_command.h"
#include "prof_command.h"
#include "remote/remote_vm.h"
#include "vm_access.h"
#include "vm_command.h"

namespace sisctl {
namespace {

using sis::host::QmpClient;
using sis::host::Reply;
using sis::host::VmRecord;
using sis::host::VmRuntimeDir;
using sis::remote::RemoteVm;

constexpr const char* kUsage =
    "usage: sisctl --host [USER@]HOST[:PORT] [SSH OPTIONS] COMMAND [OPTIONS]\n"
    "\n"
    "Runs COMMAND against a VM on another machine, over one SSH connection (libssh): QEMU\n"
    "runs there, and its QMP, control-port and console sockets are forwarded to this\n"
    "machine over direct-streamlocal channels. See docs/remote.md.\n"
    "\n"
    "Commands:\n"
    "  vm start [--name N] [--kernel REMOTE_IMAGE] [--disk REMOTE_IMG] [--memory MiB] [--cpus N]\n"
    "           [--qemu REMOTE_QEMU] [--paused] [--wait-boot S]\n"
    "           start QEMU on the host, detached (it outlives the connection). Without\n"
    "           --kernel the local kernel image is uploaded (SFTP, resumed when interrupted)\n"
    "           into the host's runtime directory, images/kernel-HASH.Image.\n"
    "  vm stop [--name N] [--timeout S]   quit QEMU there and remove its runtime directory\n"
    "  vm status|events|reset|pause|cont, metrics, crash, proc, power, prof\n"
    "           as without --host (sisctl COMMAND --help), on the remote VM; `crash write`\n"
    "           copies the disk and runs e2fsck -fn there, beside the image\n"
    "  vm snapshot save|load|list|delete ...\n"
    "           run by the host's own sisctl (--sisctl-there), since the snapshot store\n"
    "           (RAM state and disk copy) lives beside the VM's disk there\n"
    "  file put LOCAL REMOTE | file get REMOTE LOCAL\n"
    "           copy a file (disk images) over SFTP, with progress; an interrupted copy\n"
    "           (REMOTE.part / LOCAL.part) is resumed\n"
    "  exec CMD  run CMD in the remote user's shell (for checks: is QEMU there?)\n"
    "\n"
    "SSH options (before COMMAND):\n"
    "  --identity FILE        private key (default: the SSH agent, then ~/.ssh/id_*)\n"
    "  --known-hosts FILE     host keys to check against (default ~/.ssh/known_hosts)\n"
    "  --trust-new-host-key   add an unknown host key to known-hosts (a CHANGED key is always\n"
    "                         refused)\n"
    "  --password             ask for a password (only then is one sent)\n"
    "  --ssh-timeout S        connect and answer timeout (default 10)\n"
    "  --sisctl-there PATH    sisctl on the host, for vm snapshot (default: sisctl on its PATH)\n"
    "\n"
    "Exit status: as the command's; 2 also when the host cannot be reached, its key is\n"
    "unknown or changed, or authentication fails.\n";

struct Global {
  sis::remote::SshOptions ssh;
  std::string sisctl_there = "sisctl";
  int first_command = 0;
};

int usage(const char* what, const char* value) {
  std::fprintf(stderr, "sisctl --host: %s%s%s\n(sisctl --host HOST help for usage)\n", what, value ? " " : "",
               value ? value : "");
  return kQtUsage;
}

// The value of `--name` in a command's options (every VM command takes it), else "default".
QString vm_name(int argc, char** argv, int from) {
  for (int i = from; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--name")) return QString::fromLocal8Bit(argv[i + 1]);
  return QStringLiteral("default");
}

// QEMU may take a moment to listen on its QMP socket: retried while it runs remotely.
bool connect_qmp_remote(QmpClient& qmp, const QString& socket, RemoteVm& rv, const VmRecord& rec, int timeout_ms) {
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
    QString why;
    if (interrupted() || clock.elapsed() >= timeout_ms || !rv.alive(rec, &why)) break;
    run_until([] { return false; }, 100);
  }
  std::fprintf(stderr, "sisctl vm start: QMP on %s: %s\n", qPrintable(rv.host()),
               qPrintable(failure.isEmpty() ? QStringLiteral("no answer") : failure));
  return false;
}

int remote_vm_start(RemoteVm& rv, int argc, char** argv, const VmRuntimeDir& local) {
  QString name = QStringLiteral("default");
  sis::host::VmConfig config;
  long memory = 256, cpus = 1, wait_boot_s = 0;
  for (int i = 3; i < argc; ++i) {
    const std::string opt = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (opt == "--paused") {
      config.start_paused = true;
      continue;
    }
    if (!v) return usage("missing value for", opt.c_str());
    ++i;
    if (opt == "--name" && VmRuntimeDir::valid_name(v)) name = v;
    else if (opt == "--kernel") config.kernel = v;
    else if (opt == "--disk") config.disk = v;
    else if (opt == "--qemu") config.qemu = v;
    else if (opt == "--memory" && parse_number(v, 64, 16384, &memory)) {
    } else if (opt == "--cpus" && parse_number(v, 1, 8, &cpus)) {
    } else if (opt == "--wait-boot" && parse_number(v, 1, 3600, &wait_boot_s)) {
    } else return usage("bad option for vm start:", opt.c_str());
  }
  config.memory_mib = static_cast<unsigned>(memory);
  config.cpus = static_cast<unsigned>(cpus);
  config.pvpanic = true;
  QString error;
  if (config.kernel.empty()) {
    // Our kernel, uploaded once per content (the hash names it).
    const std::string image = sis::host::locate_kernel(argv[0]);
    if (!sis::host::is_readable_file(image)) {
      std::fprintf(stderr, "sisctl vm start: no local kernel image to upload (build it, or pass --kernel REMOTE_PATH)\n");
      return kQtFailed;
    }
    QString remote;
    if (!rv.ensure_kernel(QString::fromStdString(image), isatty(2), &remote, &error)) {
      std::fprintf(stderr, "sisctl vm start: uploading the kernel to %s: %s\n", qPrintable(rv.host()), qPrintable(error));
      return kQtFailed;
    }
    config.kernel = remote.toStdString();
  }
  VmRecord rec;
  if (!rv.start(name, config, &rec, &error)) {
    std::fprintf(stderr, "sisctl vm start: %s\n", qPrintable(error));
    return kQtFailed;
  }
  const auto remote_dir = rv.remote_dir(name);
  auto fail_with_log = [&](const char* what) {
    std::fprintf(stderr, "sisctl vm start: QEMU (pid %lld on %s) %s; its log:\n%s\n", static_cast<long long>(rec.pid),
                 qPrintable(rv.host()), what, rv.tail(remote_dir.qemu_log(), 2000).constData());
    rv.signal(rec.pid, 9);
    QString ignored;
    rv.remove_dir(name, &ignored);
    return kQtFailed;
  };
  if (!rv.attach(name, local, &rec, &error)) return fail_with_log("exited at once");
  QmpClient qmp;
  if (!connect_qmp_remote(qmp, local.qmp_socket(), rv, rec, 10000)) return fail_with_log("did not answer on QMP");
  Reply st = qmp_call(qmp, "query-status");
  qmp.close();
  std::printf("VM '%s' started on %s: pid %lld, %s, runtime directory %s\n", qPrintable(name), qPrintable(rv.host()),
              static_cast<long long>(rec.pid), st.ok() ? qPrintable(st.object().value("status").toString()) : "status unknown",
              qPrintable(remote_dir.path()));
  if (wait_boot_s > 0) {
    QElapsedTimer clock;
    clock.start();
    QByteArray log;
    QString why;
    while (!log.contains("sis> ") && clock.elapsed() < wait_boot_s * 1000 && !interrupted()) {
      log = rv.tail(remote_dir.console_log(), 1 << 20);
      if (!log.contains("sis> ")) {
        if (!rv.alive(rec, &why)) break;
        run_until([] { return false; }, 250);
      }
    }
    if (!log.contains("sis> ")) {
      std::fprintf(stderr, "sisctl vm start: no shell prompt in %s on %s within %ld s\n", qPrintable(remote_dir.console_log()),
                   qPrintable(rv.host()), wait_boot_s);
      return kQtTimeout;
    }
    std::printf("kernel booted to its shell\n");
  }
  return kQtOk;
}

int remote_vm_stop(RemoteVm& rv, int argc, char** argv, const VmRuntimeDir& local) {
  const QString name = vm_name(argc, argv, 3);
  long timeout_s = 10;
  for (int i = 3; i < argc; ++i)
    if (!std::strcmp(argv[i], "--timeout") && !parse_number(i + 1 < argc ? argv[++i] : nullptr, 0, 86400, &timeout_s))
      return usage("--timeout needs seconds", nullptr);
  VmRecord rec;
  QString error;
  if (!rv.attach(name, local, &rec, &error)) {
    std::fprintf(stderr, "sisctl vm stop: %s\n", qPrintable(error));
    QString ignored;
    if (rv.record(name, &ignored)) rv.remove_dir(name, &ignored);  // a dead VM's leftovers
    return kQtFailed;
  }
  QmpClient qmp;
  if (connect_qmp(qmp, local.qmp_socket(), 3000, "vm stop")) {
    Reply r = qmp_call(qmp, "quit", {}, 3000);
    if (!r.ok() && r.error->cls != sis::host::error_class::kDisconnected)
      std::fprintf(stderr, "sisctl vm stop: quit: %s\n", qPrintable(r.error->to_string()));
  }
  QElapsedTimer clock;
  clock.start();
  QString why;
  bool gone = false;
  while (!(gone = !rv.alive(rec, &why)) && clock.elapsed() < timeout_s * 1000) run_until([] { return false; }, 100);
  if (!gone) {
    std::fprintf(stderr, "sisctl vm stop: QEMU (pid %lld on %s) still runs; killing it\n", static_cast<long long>(rec.pid),
                 qPrintable(rv.host()));
    rv.signal(rec.pid, 9);
    clock.restart();
    while (!(gone = !rv.alive(rec, &why)) && clock.elapsed() < 3000) run_until([] { return false; }, 100);
  }
  if (!rv.remove_dir(name, &error)) std::fprintf(stderr, "sisctl vm stop: %s\n", qPrintable(error));
  std::printf("VM '%s' on %s stopped\n", qPrintable(name), qPrintable(rv.host()));
  return gone ? kQtOk : kQtFailed;
}

int remote_file(RemoteVm& rv, int argc, char** argv) {
  if (argc != 5 || (std::strcmp(argv[2], "put") && std::strcmp(argv[2], "get")))
    return usage("usage: file put LOCAL REMOTE | file get REMOTE LOCAL", nullptr);
  const bool put = !std::strcmp(argv[2], "put");
  QString error;
  if (put) {
    if (!rv.upload(QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]), true, &error)) {
      std::fprintf(stderr, "sisctl file put: %s\n", qPrintable(error));
      return kQtFailed;
    }
  } else {
    int last = -1;
    std::string why;
    const bool ok = rv.link().download(argv[3], argv[4], [&](std::uint64_t done, std::uint64_t total) {
      const int percent = total ? static_cast<int>(done * 100 / total) : 100;
      if (percent == last) return;
      last = percent;
      std::fprintf(stderr, "\rdownload %s: %3d%% (%llu of %llu bytes)%s", argv[3], percent,
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), done == total ? "\n" : "");
    }, &why);
    if (!ok) {
      std::fprintf(stderr, "sisctl file get: %s\n", why.c_str());
      return kQtFailed;
    }
  }
  return kQtOk;
}

}  // namespace

int remote_main(int argc, char** argv) {
  Global g;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; ++i) {
    const std::string opt = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (opt == "--help" || opt == "-h") break;  // help, as `help` is, below
    if (opt == "--trust-new-host-key") {
      g.ssh.policy = sis::remote::HostKeyPolicy::TrustNew;
      continue;
    }
    if (opt == "--password") {
      const char* pw = getpass("SSH password: ");
      g.ssh.password = pw ? pw : "";
      continue;
    }
    if (!v) return usage("missing value for", opt.c_str());
    ++i;
    if (opt == "--host") {
      std::string why;
      auto t = sis::remote::parse_ssh_target(v, &why);
      if (!t) return usage(why.c_str(), nullptr);
      g.ssh.target = *t;
    } else if (opt == "--identity") {
      g.ssh.identity = v;
    } else if (opt == "--sisctl-there") {
      g.sisctl_there = v;
    } else if (opt == "--known-hosts") {
      g.ssh.known_hosts = v;
    } else if (opt == "--ssh-timeout") {
      long s = 0;
      if (!parse_number(v, 1, 3600, &s)) return usage("--ssh-timeout needs seconds", nullptr);
      g.ssh.timeout_ms = static_cast<int>(s * 1000);
    } else {
      return usage("unknown SSH option", opt.c_str());
    }
  }
  if (i >= argc || !std::strcmp(argv[i], "help") || !std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
    std::fputs(kUsage, i >= argc ? stderr : stdout);
    return i >= argc ? kQtUsage : kQtOk;
  }
  if (g.ssh.target.host.empty()) return usage("--host is missing", nullptr);
  // The command's own argv: sisctl COMMAND OPTIONS...
  std::vector<char*> args{argv[0]};
  for (int k = i; k < argc; ++k) args.push_back(argv[k]);
  args.push_back(nullptr);
  const int n = static_cast<int>(args.size()) - 1;
  char** cv = args.data();
  const std::string command = cv[1];
  const std::string sub = n > 2 ? cv[2] : "";
  static const char* const kForwarded[] = {"vm", "metrics", "crash", "proc", "power", "prof", "file", "exec"};
  bool known = false;
  for (const char* c : kForwarded) known = known || command == c;
  if (!known) return usage("this command does not run on a remote host:", command.c_str());
  if (n > 2 && (sub == "--help" || sub == "-h")) {
    // Help needs no connection.
    if (command == "vm") return vm_main(n, cv);
    if (command == "metrics") return metrics_main(n, cv);
  }

  install_interrupt_handler();
  // The local end of the forwarded sockets: a private directory, the runtime base of every
  // local command in this process (so `sisctl vm status` etc. find the VM there unchanged).
  QTemporaryDir mirror(QStringLiteral("/tmp/sis-remote-XXXXXX"));
  if (!mirror.isValid()) {
    std::fprintf(stderr, "sisctl: cannot create a local directory for the forwarded sockets\n");
    return kQtFailed;
  }
  qputenv("SIS_RUNTIME_DIR", mirror.path().toLocal8Bit());
  QString error;
  auto rv = RemoteVm::connect(g.ssh, &error);
  if (!rv) {
    std::fprintf(stderr, "sisctl %s: %s\n", command.c_str(), qPrintable(error));
    return kQtFailed;
  }
  rv->link().set_lost_handler([](const std::string& why) {
    std::fprintf(stderr, "sisctl: %s (the VM keeps running there; run the command again to re-attach)\n", why.c_str());
  });
  int qt_argc = 1;
  const VmRuntimeDir local(vm_name(n, cv, 2));
  int status = kQtFailed;
  if (command == "exec") {
    std::string line;
    for (int k = 2; k < n; ++k) line += std::string(k > 2 ? " " : "") + cv[k];
    const auto r = rv->link().exec(line, {}, 3600 * 1000);
    std::fwrite(r.out.data(), 1, r.out.size(), stdout);
    std::fwrite(r.err.data(), 1, r.err.size(), stderr);
    if (!r.ran) std::fprintf(stderr, "sisctl exec: %s\n", r.error.c_str());
    status = r.ran ? r.exit_status : kQtFailed;
  } else if (command == "vm" && sub == "snapshot") {
    // The store holds a RAM state QEMU writes and a copy of the disk: both beside the VM
    // there, so the host's own sisctl takes the snapshot (on its default runtime directory).
    std::string line = sis::remote::sh_quote(g.sisctl_there) + " vm snapshot";
    for (int k = 3; k < n; ++k) line += " " + sis::remote::sh_quote(cv[k]);
    const auto r = rv->link().exec(line, {}, 600 * 1000);
    std::fwrite(r.out.data(), 1, r.out.size(), stdout);
    if (r.ran && r.exit_status == 127)
      std::fprintf(stderr, "sisctl vm snapshot: no sisctl on %s (%s): snapshots of a remote VM are taken there, beside its "
                           "disk; install SIS there or give --sisctl-there PATH\n",
                   qPrintable(rv->host()), g.sisctl_there.c_str());
    else
      std::fwrite(r.err.data(), 1, r.err.size(), stderr);
    if (!r.ran) std::fprintf(stderr, "sisctl vm snapshot: %s\n", r.error.c_str());
    status = r.ran && r.exit_status != 127 ? r.exit_status : kQtFailed;
  } else if (command == "file") {
    status = remote_file(*rv, n, cv);
  } else if (command == "vm" && (sub == "start" || sub == "stop")) {
    QCoreApplication app(qt_argc, argv);
    status = sub == "start" ? remote_vm_start(*rv, n, cv, local) : remote_vm_stop(*rv, n, cv, local);
  } else {
    VmRecord rec;
    if (!rv->attach(local.name(), local, &rec, &error)) {
      std::fprintf(stderr, "sisctl %s: %s\n", command.c_str(), qPrintable(error));
      return kQtFailed;
    }
    RemoteVm* remote = rv.get();
    set_remote_liveness_check([remote](const VmRecord& r) {
      QString ignored;
      return remote->alive(r, &ignored);
    });
    // crash write's e2fsck: the disk is there, so its paused copy and e2fsck are too.
    auto quote = [](const QString& s) { return sis::remote::sh_quote(s.toStdString()); };
    sis::host::set_disk_check_host(
        {[remote, quote](const QString& image, const QString& copy, QString* error) {
           const auto r = remote->link().exec("cp --sparse=always " + quote(image) + " " + quote(copy), {}, 120000);
           if (r.ran && r.exit_status == 0) return true;
           *error = QString::fromStdString(r.ran ? r.err : r.error).trimmed();
           return false;
         },
         [remote, quote](const QString& copy, QString* output, QString* error) {
           const auto r = remote->link().exec("PATH=\"$PATH:/usr/sbin:/sbin\"; command -v e2fsck >/dev/null || exit 127; "
                                              "e2fsck -fn " + quote(copy) + " 2>&1",
                                              {}, 120000);
           if (!r.ran) {
             *error = QString::fromStdString(r.error);
             return -1;
           }
           if (r.exit_status == 127) {
             *error = QStringLiteral("e2fsck not found on %1 (install e2fsprogs there)").arg(remote->host());
             return -1;
           }
           *output = QString::fromStdString(r.out);
           return r.exit_status;
         },
         [remote, quote](const QString& copy) { remote->link().exec("rm -f " + quote(copy)); }});
    if (command == "vm") status = vm_main(n, cv);
    else if (command == "metrics") status = metrics_main(n, cv);
    else if (command == "crash") status = crash_main(n, cv);
    else if (command == "proc") status = proc_main(n, cv);
    else if (command == "power") status = power_main(n, cv);
    else if (command == "prof") status = prof_main(n, cv);
    set_remote_liveness_check(nullptr);
    sis::host::set_disk_check_host({});
  }
  // A command that ended on a closed forwarded socket cannot tell a stopped VM from a lost
  // link: sshd may close the forwarded channel before the connection itself goes, so the I/O
  // thread can notice the link loss only after the command has given up. One round trip
  // settles it; on a dead link the lost handler above says so (the VM keeps running there).
  if (status != kQtOk && rv->link().alive()) {
    const auto probe = rv->link().exec("true", {}, 5000);
    // A probe refused by a dead session fails before the I/O thread has declared the link
    // lost (it does so right after the failed job); give it that moment.
    for (int waited = 0; !probe.ran && rv->link().alive() && waited < 2000; waited += 20)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!probe.ran && rv->link().alive())
      std::fprintf(stderr, "sisctl: the SSH connection to %s does not answer: %s (the VM keeps running there)\n",
                   qPrintable(rv->host()), probe.error.c_str());
  }
  if (!rv->link().alive()) status = status == kQtOk ? kQtFailed : status;
  rv.reset();  // closes the forwarded sockets before their directory goes
  return status;
}

}  // namespace sisctl
