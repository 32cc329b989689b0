#include "remote/remote_vm.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>

namespace sis::remote {

std::string sh_quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

namespace {

std::string q(const QString& s) { return sh_quote(s.toStdString()); }

QString first_line(const std::string& s) {
  const auto nl = s.find('\n');
  return QString::fromStdString(nl == std::string::npos ? s : s.substr(0, nl)).trimmed();
}

QString describe_failure(const ExecResult& r) {
  if (!r.ran) return QString::fromStdString(r.error);
  const QString err = QString::fromStdString(r.err).trimmed();
  return err.isEmpty() ? QStringLiteral("exit status %1").arg(r.exit_status) : err;
}

}  // namespace

std::unique_ptr<RemoteVm> RemoteVm::connect(const SshOptions& options, QString* error, ConnectFailure* failure) {
  std::string why;
  ConnectFailure ignored;
  if (!failure) failure = &ignored;
  auto link = SshLink::connect(options, &why, failure);
  if (!link) {
    *error = QString::fromStdString(why);
    return nullptr;
  }
  std::unique_ptr<RemoteVm> vm(new RemoteVm(std::move(link)));
  // The same rule as VmRuntimeDir::base_dir(), evaluated by the remote user's shell.
  const ExecResult r = vm->link_->exec(
      "if [ -n \"$SIS_RUNTIME_DIR\" ]; then printf '%s\\n' \"$SIS_RUNTIME_DIR\"; "
      "elif [ -n \"$XDG_RUNTIME_DIR\" ] && [ -d \"$XDG_RUNTIME_DIR\" ]; then printf '%s\\n' \"$XDG_RUNTIME_DIR/sis\"; "
      "else printf '/tmp/sis-%s\\n' \"$(id -u)\"; fi");
  vm->base_ = first_line(r.out);
  if (!r.ran || r.exit_status != 0 || !vm->base_.startsWith('/')) {
    *error = QStringLiteral("%1: cannot run commands in the remote shell: %2")
                 .arg(vm->host(), r.ran && r.exit_status == 0 ? QStringLiteral("unexpected answer '%1'").arg(vm->base_)
                                                             : describe_failure(r));
    return nullptr;
  }
  return vm;
}

std::optional<host::VmRecord> RemoteVm::record(const QString& name, QString* error) {
  error->clear();
  const auto dir = remote_dir(name);
  const ExecResult r = link_->exec("cat " + q(dir.record_file()) + " 2>/dev/null || true");
  if (!r.ran) {
    *error = QString::fromStdString(r.error);
    return std::nullopt;
  }
  if (r.out.empty()) return std::nullopt;
  auto rec = host::VmRuntimeDir::parse_record(QByteArray::fromStdString(r.out));
  if (!rec) *error = QStringLiteral("%1: %2 is not a launch record").arg(host(), dir.record_file());
  return rec;
}

bool RemoteVm::alive(const host::VmRecord& rec, QString* error) {
  const std::string pid = std::to_string(rec.pid);
  const ExecResult r = link_->exec("kill -0 " + pid + " 2>/dev/null && cut -d' ' -f22 /proc/" + pid + "/stat");
  if (!r.ran) {
    *error = QString::fromStdString(r.error);
    return false;
  }
  if (r.exit_status != 0) return false;
  return rec.start_ticks == 0 || first_line(r.out).toLongLong() == rec.start_ticks;
}

bool RemoteVm::start(const QString& name, host::VmConfig config, host::VmRecord* record, QString* error) {
  if (!host::VmRuntimeDir::valid_name(name)) {
    *error = QStringLiteral("invalid VM name '%1'").arg(name);
    return false;
  }
  // What is missing, said plainly, before anything starts.
  const std::string qemu = sh_quote(config.qemu), kernel = sh_quote(config.kernel), disk = sh_quote(config.disk);
  std::string check = "command -v " + qemu + " >/dev/null 2>&1 || { printf 'no QEMU: %s is not installed there "
                      "(Debian: apt-get install qemu-system-arm)\\n' " + qemu + " >&2; exit 10; }; "
                      "test -r " + kernel + " || { printf 'no kernel image at %s\\n' " + kernel + " >&2; exit 11; }";
  if (!config.disk.empty())
    check += "; { test -r " + disk + " && test -w " + disk + "; } || { printf 'no writable disk image at %s\\n' " +
             disk + " >&2; exit 12; }";
  ExecResult r = link_->exec(check);
  if (!r.ran || r.exit_status != 0) {
    *error = QStringLiteral("%1: %2").arg(host(), describe_failure(r));
    return false;
  }
  QString why;
  if (auto old = this->record(name, &why); old && alive(*old, &why)) {
    *error = QStringLiteral("a VM '%1' is already running on %2 (pid %3)").arg(name, host()).arg(old->pid);
    return false;
  }
  const auto dir = remote_dir(name);
  dir.apply(config);
  if (const std::string bad = host::validate(config); !bad.empty()) {
    *error = QString::fromStdString(bad);
    return false;
  }
  std::string cmdline;
  for (const auto& a : host::qemu_arguments(config)) cmdline += sh_quote(a) + " ";
  // Detached: its own session, no stdio tied to the SSH channel, so it outlives us.
  const std::string launch =
      "umask 077; mkdir -p " + q(dir.path()) + " && chmod 700 " + q(base_) + " " + q(dir.path()) + " && cd " + q(dir.path()) +
      " && rm -f qmp.sock qmp-events.sock control.sock console.sock vm.json console.log && "
      "{ setsid " + cmdline + "</dev/null >qemu.log 2>&1 & pid=$!; "
      "printf '%s %s\\n' \"$pid\" \"$(cut -d' ' -f22 /proc/$pid/stat 2>/dev/null || echo 0)\"; }";
  r = link_->exec(launch);
  const QStringList words = first_line(r.out).split(' ', Qt::SkipEmptyParts);
  if (!r.ran || r.exit_status != 0 || words.size() != 2 || words[0].toLongLong() <= 0) {
    *error = QStringLiteral("%1: starting QEMU failed: %2").arg(host(), describe_failure(r));
    return false;
  }
  host::VmRecord rec;
  rec.pid = words[0].toLongLong();
  rec.start_ticks = words[1].toLongLong();
  rec.name = name;
  rec.kernel = QString::fromStdString(config.kernel);
  rec.disk = QString::fromStdString(config.disk);
  rec.memory_mib = config.memory_mib;
  rec.cpus = config.cpus;
  rec.started = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  for (const auto& a : host::qemu_arguments(config)) rec.arguments.append(QString::fromStdString(a));
  rec.owner = QStringLiteral("sisctl");
  r = link_->exec("cat > " + q(dir.record_file() + ".tmp") + " && mv " + q(dir.record_file() + ".tmp") + " " +
                      q(dir.record_file()),
                  dir.record_json(rec).toStdString());
  if (!r.ran || r.exit_status != 0) {
    signal(rec.pid, 9);
    *error = QStringLiteral("%1: cannot write %2: %3").arg(host(), dir.record_file(), describe_failure(r));
    return false;
  }
  *record = rec;
  return true;
}

bool RemoteVm::attach(const QString& name, const host::VmRuntimeDir& local, host::VmRecord* record, QString* error) {
  auto rec = this->record(name, error);
  if (!rec) {
    if (error->isEmpty()) *error = QStringLiteral("no VM '%1' is running on %2").arg(name, host());
    return false;
  }
  if (!alive(*rec, error)) {
    if (error->isEmpty())
      *error = QStringLiteral("VM '%1' (pid %2) on %3 is no longer running; its log: %4")
                   .arg(name)
                   .arg(rec->pid)
                   .arg(host(), remote_dir(name).qemu_log());
    return false;
  }
  if (!local.create(error)) return false;
  const auto remote = remote_dir(name);
  const QString pairs[][2] = {{local.qmp_socket(), remote.qmp_socket()},
                              {local.qmp_event_socket(), remote.qmp_event_socket()},
                              {local.control_socket(), remote.control_socket()},
                              {local.console_socket(), remote.console_socket()}};
  for (const auto& p : pairs) {
    std::string why;
    if (!link_->forward_unix(p[0].toStdString(), p[1].toStdString(), &why)) {
      *error = QString::fromStdString(why);
      return false;
    }
  }
  if (!local.write_record(*rec, error)) return false;
  *record = *rec;
  return true;
}

bool RemoteVm::ensure_kernel(const QString& local, bool show_progress, QString* remote, QString* error) {
  QFile f(local);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read the kernel image %1").arg(local);
    return false;
  }
  QCryptographicHash h(QCryptographicHash::Sha256);
  h.addData(&f);
  *remote = base_ + "/images/kernel-" + QString::fromLatin1(h.result().toHex().left(16)) + ".Image";
  const ExecResult have = link_->exec("stat -c %s " + q(*remote) + " 2>/dev/null");
  if (have.ran && have.exit_status == 0 && first_line(have.out).toLongLong() == f.size()) return true;
  return upload(local, *remote, show_progress, error);
}

bool RemoteVm::ensure_disk_copy(const QString& local, const QString& name, QString* remote, QString* error) {
  *remote = base_ + "/disks/" + name + ".img";
  const ExecResult have = link_->exec("test -f " + q(*remote));
  if (have.ran && have.exit_status == 0) return true;
  if (!QFileInfo(local).isReadable()) {
    *error = QStringLiteral("no disk image %1 to copy to %2").arg(local, host());
    return false;
  }
  return upload(local, *remote, false, error) && link_->exec("chmod 600 " + q(*remote)).ran;
}

QByteArray RemoteVm::tail(const QString& path, int bytes) {
  const ExecResult r = link_->exec("tail -c " + std::to_string(bytes) + " " + q(path) + " 2>/dev/null");
  return r.ran ? QByteArray::fromStdString(r.out) : QByteArray();
}

bool RemoteVm::signal(qint64 pid, int signo) {
  const ExecResult r = link_->exec("kill -" + std::to_string(signo) + " " + std::to_string(pid));
  return r.ran && r.exit_status == 0;
}

bool RemoteVm::remove_dir(const QString& name, QString* error) {
  const auto dir = remote_dir(name);
  const ExecResult r = link_->exec("rm -rf " + q(dir.path()));
  if (r.ran && r.exit_status == 0) return true;
  *error = QStringLiteral("%1: cannot remove %2: %3").arg(host(), dir.path(), describe_failure(r));
  return false;
}

bool RemoteVm::upload(const QString& local, const QString& remote, bool show_progress, QString* error) {
  const ExecResult r = link_->exec("mkdir -p " + q(QFileInfo(remote).path()));
  if (!r.ran || r.exit_status != 0) {
    *error = QStringLiteral("%1: cannot create %2: %3").arg(host(), QFileInfo(remote).path(), describe_failure(r));
    return false;
  }
  int last_percent = -1;
  Progress progress = [&](std::uint64_t done, std::uint64_t total) {
    const int percent = total ? static_cast<int>(done * 100 / total) : 100;
    if (!show_progress || percent == last_percent) return;
    last_percent = percent;
    std::fprintf(stderr, "\rupload %s: %3d%% (%llu of %llu bytes)%s", qPrintable(QFileInfo(local).fileName()), percent,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), done == total ? "\n" : "");
  };
  std::string why;
  if (link_->upload(local.toStdString(), remote.toStdString(), progress, &why)) return true;
  *error = QString::fromStdString(why);
  return false;
}

}  // namespace sis::remote
