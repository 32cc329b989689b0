#include "vm/vm_launcher.h"

#include "launch/die_with_parent.h"

#include <unistd.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>

namespace sis::host {

namespace {

constexpr qsizetype kStderrKeep = 64 * 1024;

VmRecord make_record(const VmRuntimeDir& dir, const VmConfig& config, qint64 pid, const QStringList& command,
                     const QString& owner) {
  VmRecord rec;
  rec.pid = pid;
  rec.start_ticks = process_start_ticks(pid);
  rec.name = dir.name();
  rec.kernel = QString::fromStdString(config.kernel);
  rec.disk = QString::fromStdString(config.disk);
  rec.memory_mib = config.memory_mib;
  rec.cpus = config.cpus;
  rec.started = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
  rec.arguments = command;
  rec.owner = owner;
  rec.owner_pid = getpid();
  return rec;
}

QStringList to_qt(const std::vector<std::string>& v) {
  QStringList l;
  for (const auto& s : v) l.append(QString::fromStdString(s));
  return l;
}

bool sockets_ready(const VmConfig& c) {
  for (const auto& q : c.qmp_sockets)
    if (!QFileInfo::exists(QString::fromStdString(q))) return false;
  return c.control_socket.empty() || QFileInfo::exists(QString::fromStdString(c.control_socket));
}

QString describe_owner(const VmRecord& rec) {
  if (rec.owner.isEmpty()) return {};
  return rec.owner_pid > 0 ? QStringLiteral(", started by %1 (pid %2)").arg(rec.owner).arg(rec.owner_pid)
                           : QStringLiteral(", started by %1").arg(rec.owner);
}

// Prepares the runtime directory and the configuration; refuses a name in use by a running
// VM (sharing its sockets or replacing it would break the program that drives it). A record
// whose QEMU is gone is stale: the name is free again. Call with the name's StartLock held.
bool prepare(const VmRuntimeDir& dir, VmConfig& config, QString* error) {
  if (auto rec = dir.live_record()) {
    *error = QStringLiteral("VM '%1' is already running (QEMU pid %2%3); stop it first or choose another name")
                 .arg(dir.name())
                 .arg(rec->pid)
                 .arg(describe_owner(*rec));
    return false;
  }
  if (!dir.create(error)) return false;
  dir.remove_runtime_files();  // stale sockets from a VM that died
  QFile::remove(dir.console_log());
  dir.apply(config);
  if (std::string e = validate(config); !e.empty()) {
    *error = QString::fromStdString(e);
    return false;
  }
  return true;
}

}  // namespace

VmLauncher::VmLauncher(const QString& name, QObject* parent) : QObject(parent), dir_(name) {
  poll_timer_.setInterval(20);
  connect(&poll_timer_, &QTimer::timeout, this, &VmLauncher::poll_sockets);
  connect(&process_, &QProcess::finished, this, &VmLauncher::on_finished);
  connect(&process_, &QProcess::readyReadStandardError, this, [this] {
    stderr_ += process_.readAllStandardError();
    if (stderr_.size() > kStderrKeep) stderr_ = stderr_.right(kStderrKeep);
  });
  connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart) {
      poll_timer_.stop();
      dir_.remove_runtime_files();
      emit start_failed(tr("cannot start %1: %2").arg(process_.program(), process_.errorString()));
    }
  });
}

VmLauncher::~VmLauncher() {
  if (is_running()) {
    process_.disconnect(this);
    process_.kill();
    process_.waitForFinished(3000);
  }
  dir_.remove_all();
}

QStringList VmLauncher::arguments() const { return to_qt(qemu_arguments(config_)); }

bool VmLauncher::start(VmConfig config, QString* error) {
  if (is_running()) {
    *error = tr("this launcher already runs a VM");
    return false;
  }
  VmRuntimeDir::StartLock lock(dir_);
  if (!prepare(dir_, config, error)) return false;
  config_ = config;
  stderr_.clear();
  announced_ = false;
  QStringList args = arguments();
  const QString program = args.takeFirst();
  process_.setProcessChannelMode(QProcess::SeparateChannels);
  process_.setStandardInputFile(QProcess::nullDevice());
  process_.setStandardOutputFile(QProcess::nullDevice());  // the UART goes to console.sock
  pid_t parent = getpid();
  process_.setChildProcessModifier([parent] { die_with_parent(parent); });  // no orphaned VMs
  process_.start(program, args);
  // The record makes the name taken (sisctl vm start refuses it) and lets sisctl find this
  // VM; it goes when QEMU exits (remove_runtime_files).
  if (process_.processId() > 0) {
    const QString owner = QCoreApplication::applicationName().isEmpty() ? QStringLiteral("sis host library")
                                                                         : QCoreApplication::applicationName();
    QString record_error;
    if (!dir_.write_record(make_record(dir_, config_, process_.processId(), arguments(), owner), &record_error))
      qWarning("VmLauncher: %s", qPrintable(record_error));
  }
  poll_deadline_ms_ = QDateTime::currentMSecsSinceEpoch() + socket_timeout_ms_;
  poll_timer_.start();
  return true;
}

void VmLauncher::poll_sockets() {
  if (process_.state() == QProcess::NotRunning) return;  // finished()/errorOccurred report it
  if (process_.state() == QProcess::Running && sockets_ready(config_)) {
    poll_timer_.stop();
    announced_ = true;
    emit started();
  } else if (QDateTime::currentMSecsSinceEpoch() > poll_deadline_ms_) {
    poll_timer_.stop();
    process_.kill();
    emit start_failed(tr("QEMU did not open its sockets within %1 ms").arg(socket_timeout_ms_));
  }
}

void VmLauncher::on_finished(int exit_code, QProcess::ExitStatus status) {
  stderr_ += process_.readAllStandardError();
  poll_timer_.stop();
  dir_.remove_runtime_files();
  const bool crashed = status == QProcess::CrashExit;
  QString description = crashed ? tr("QEMU was killed") : tr("QEMU exited with status %1").arg(exit_code);
  const QString err = stderr_tail().trimmed();
  if (!err.isEmpty()) description += ": " + err.section('\n', -3);
  if (!announced_) emit start_failed(description);
  emit finished(exit_code, crashed, description);
}

void VmLauncher::terminate() { process_.terminate(); }

void VmLauncher::kill() { process_.kill(); }

bool VmLauncher::wait_for_finished(int ms) { return !is_running() || process_.waitForFinished(ms); }

bool VmLauncher::start_detached(const VmRuntimeDir& dir, VmConfig config, qint64* pid, QString* error) {
  VmRuntimeDir::StartLock lock(dir);
  if (!prepare(dir, config, error)) return false;
  QStringList args = to_qt(qemu_arguments(config));
  QProcess p;
  p.setProgram(args.takeFirst());
  p.setArguments(args);
  p.setStandardInputFile(QProcess::nullDevice());
  QFile::remove(dir.qemu_log());
  p.setStandardOutputFile(dir.qemu_log(), QIODevice::Append);
  p.setStandardErrorFile(dir.qemu_log(), QIODevice::Append);
  qint64 child = 0;
  if (!p.startDetached(&child)) {
    *error = QStringLiteral("cannot start %1: %2").arg(p.program(), p.errorString());
    return false;
  }
  // No die_with_parent here: a background VM outlives sisctl by design (sisctl vm stop ends it).
  if (!dir.write_record(make_record(dir, config, child, QStringList{p.program()} + args, QStringLiteral("sisctl")), error))
    return false;
  *pid = child;
  return true;
}

}  // namespace sis::host
