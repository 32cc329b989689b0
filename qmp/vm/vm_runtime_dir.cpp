#include "vm/vm_runtime_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace sis::host {

VmRuntimeDir::VmRuntimeDir(const QString& name) : name_(name), path_(base_dir() + "/vm-" + name) {}
VmRuntimeDir::VmRuntimeDir(const QString& name, const QString& base) : name_(name), path_(base + "/vm-" + name) {}

QString VmRuntimeDir::base_dir() {
  const QString sis = qEnvironmentVariable("SIS_RUNTIME_DIR");
  if (!sis.isEmpty()) return sis;
  const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
  if (!xdg.isEmpty() && QDir(xdg).exists()) return xdg + "/sis";
  return QStringLiteral("/tmp/sis-%1").arg(getuid());
}

bool VmRuntimeDir::valid_name(const QString& name) {
  static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
  return re.match(name).hasMatch();
}

bool VmRuntimeDir::create(QString* error) const {
  if (!valid_name(name_)) {
    if (error) *error = QStringLiteral("invalid VM name '%1' (letters, digits, '-', '_'; at most 32)").arg(name_);
    return false;
  }
  if (!QDir().mkpath(path_)) {
    if (error) *error = QStringLiteral("cannot create %1").arg(path_);
    return false;
  }
  // The sockets give full control of the VM: only the owner may reach them.
  ::chmod(QFile::encodeName(QFileInfo(path_).absolutePath()).constData(), 0700);
  ::chmod(QFile::encodeName(path_).constData(), 0700);
  return true;
}

void VmRuntimeDir::apply(VmConfig& c) const {
  c.qmp_sockets = {qmp_socket().toStdString(), qmp_event_socket().toStdString()};
  c.control_socket = control_socket().toStdString();
  c.console = VmConfig::Console::Socket;
  c.console_socket = console_socket().toStdString();
  c.console_log = console_log().toStdString();
  c.name = ("sis-" + name_).toStdString();
}

void VmRuntimeDir::remove_runtime_files() const {
  for (const QString& f : {qmp_socket(), qmp_event_socket(), control_socket(), console_socket(), record_file()})
    QFile::remove(f);
}

void VmRuntimeDir::remove_all() const {
  remove_runtime_files();
  QFile::remove(console_log());
  QFile::remove(qemu_log());
  QDir().rmdir(path_);
}

QByteArray VmRuntimeDir::record_json(const VmRecord& r) const {
  QJsonObject o{{"pid", r.pid},
                {"name", r.name},
                {"kernel", r.kernel},
                {"disk", r.disk},
                {"memory_mib", static_cast<qint64>(r.memory_mib)},
                {"cpus", static_cast<qint64>(r.cpus)},
                {"started", r.started},
                {"arguments", QJsonArray::fromStringList(r.arguments)},
                {"owner", r.owner},
                {"owner_pid", r.owner_pid},
                {"start_ticks", r.start_ticks},
                {"qmp_socket", qmp_socket()},
                {"qmp_event_socket", qmp_event_socket()},
                {"control_socket", control_socket()},
                {"console_socket", console_socket()}};
  return QJsonDocument(o).toJson();
}

bool VmRuntimeDir::write_record(const VmRecord& r, QString* error) const {
  QSaveFile f(record_file());
  if (!f.open(QIODevice::WriteOnly) || f.write(record_json(r)) < 0 || !f.commit()) {
    if (error) *error = QStringLiteral("cannot write %1: %2").arg(record_file(), f.errorString());
    return false;
  }
  return true;
}

std::optional<VmRecord> VmRuntimeDir::read_record() const {
  QFile f(record_file());
  if (!f.open(QIODevice::ReadOnly) || f.size() > 1024 * 1024) return std::nullopt;
  return parse_record(f.readAll());
}

std::optional<VmRecord> VmRuntimeDir::parse_record(const QByteArray& json) {
  const QJsonDocument doc = QJsonDocument::fromJson(json);
  if (!doc.isObject()) return std::nullopt;
  const QJsonObject o = doc.object();
  VmRecord r;
  r.pid = o.value("pid").toInteger();
  if (r.pid <= 0) return std::nullopt;
  r.name = o.value("name").toString();
  r.kernel = o.value("kernel").toString();
  r.disk = o.value("disk").toString();
  r.memory_mib = static_cast<unsigned>(o.value("memory_mib").toInt());
  r.cpus = static_cast<unsigned>(o.value("cpus").toInt());
  r.started = o.value("started").toString();
  for (const QJsonValue& a : o.value("arguments").toArray()) r.arguments.append(a.toString());
  r.owner = o.value("owner").toString();
  r.owner_pid = o.value("owner_pid").toInteger();
  r.start_ticks = o.value("start_ticks").toInteger();
  return r;
}

std::optional<VmRecord> VmRuntimeDir::live_record() const {
  auto rec = read_record();
  if (!rec || !process_alive(rec->pid)) return std::nullopt;
  // Records without a start time (older sisctl) are trusted on the pid alone.
  if (rec->start_ticks != 0 && process_start_ticks(rec->pid) != rec->start_ticks) return std::nullopt;
  return rec;
}

VmRuntimeDir::StartLock::StartLock(const VmRuntimeDir& dir) {
  if (!valid_name(dir.name()) || !QDir().mkpath(base_dir())) return;
  const QByteArray path = QFile::encodeName(base_dir() + "/vm-" + dir.name() + ".lock");
  fd_ = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

VmRuntimeDir::StartLock::~StartLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

bool process_alive(qint64 pid) {
  if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0) return false;
  QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return true;
  const QByteArray s = stat.readAll();
  const qsizetype paren = s.lastIndexOf(')');
  return !(paren >= 0 && paren + 2 < s.size() && s.at(paren + 2) == 'Z');
}

qint64 process_start_ticks(qint64 pid) {
  QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
  if (pid <= 0 || !stat.open(QIODevice::ReadOnly)) return 0;
  const QByteArray s = stat.readAll();
  const qsizetype paren = s.lastIndexOf(')');  // the command name may contain spaces
  if (paren < 0) return 0;
  // After ") " come fields 3 (state) onwards; starttime is field 22.
  const QList<QByteArray> fields = s.mid(paren + 2).split(' ');
  return fields.size() > 19 ? fields.at(19).toLongLong() : 0;
}

}  // namespace sis::host
