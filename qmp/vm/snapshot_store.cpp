#include "vm/snapshot_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace sis::host {

SnapshotStore::SnapshotStore(const QString& vm_name) : vm_name_(vm_name), path_(base_dir() + "/vm-" + vm_name) {}

QString SnapshotStore::base_dir() {
  const QString sis = qEnvironmentVariable("SIS_SNAPSHOT_DIR");
  if (!sis.isEmpty()) return sis;
  QString data = qEnvironmentVariable("XDG_DATA_HOME");
  if (data.isEmpty()) data = QDir::homePath() + "/.local/share";
  return data + "/sis/snapshots";
}

bool SnapshotStore::valid_name(const QString& name) {
  static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$"));
  return re.match(name).hasMatch();
}

bool SnapshotStore::exists(const QString& name) const {
  return valid_name(name) && QFileInfo::exists(dir(name) + "/meta.json");
}

std::optional<SnapshotInfo> SnapshotStore::find(const QString& name) const {
  if (!valid_name(name)) return std::nullopt;
  return read_meta(dir(name));
}

QList<SnapshotInfo> SnapshotStore::list() const {
  QList<SnapshotInfo> out;
  for (const QString& n : QDir(path_).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    if (!valid_name(n)) continue;
    if (auto info = read_meta(dir(n)); info && info->name == n) out.append(*info);
  }
  std::sort(out.begin(), out.end(), [](const SnapshotInfo& a, const SnapshotInfo& b) {
    return a.created != b.created ? a.created < b.created : a.name < b.name;
  });
  return out;
}

bool SnapshotStore::remove(const QString& name, QString* error) const {
  if (!exists(name)) {
    if (error) *error = QStringLiteral("no snapshot '%1' of VM '%2'").arg(name, vm_name_);
    return false;
  }
  if (!QDir(dir(name)).removeRecursively()) {
    if (error) *error = QStringLiteral("cannot remove %1").arg(dir(name));
    return false;
  }
  return true;
}

bool SnapshotStore::write_meta(const QString& dir, const SnapshotInfo& s, QString* error) {
  QJsonObject o{{"name", s.name},
                {"created", s.created},
                {"vm_name", s.vm_name},
                {"disk", s.disk},
                {"disk_bytes", s.disk_bytes},
                {"memory_mib", static_cast<qint64>(s.memory_mib)},
                {"cpus", static_cast<qint64>(s.cpus)},
                {"kernel", s.kernel},
                {"status", s.status},
                {"uptime_ns", s.uptime_ns},
                {"state_bytes", s.state_bytes}};
  QSaveFile f(dir + "/meta.json");
  if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit()) {
    if (error) *error = QStringLiteral("cannot write %1/meta.json: %2").arg(dir, f.errorString());
    return false;
  }
  return true;
}

std::optional<SnapshotInfo> SnapshotStore::read_meta(const QString& dir) {
  QFile f(dir + "/meta.json");
  if (!f.open(QIODevice::ReadOnly) || f.size() > 1024 * 1024) return std::nullopt;
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
  if (!doc.isObject()) return std::nullopt;
  const QJsonObject o = doc.object();
  SnapshotInfo s;
  s.name = o.value("name").toString();
  if (!valid_name(s.name)) return std::nullopt;
  s.created = o.value("created").toString();
  s.vm_name = o.value("vm_name").toString();
  s.disk = o.value("disk").toString();
  s.disk_bytes = o.value("disk_bytes").toInteger();
  s.memory_mib = static_cast<unsigned>(o.value("memory_mib").toInteger());
  s.cpus = static_cast<unsigned>(o.value("cpus").toInteger());
  s.kernel = o.value("kernel").toString();
  s.status = o.value("status").toString();
  s.uptime_ns = o.value("uptime_ns").toInteger(-1);
  s.state_bytes = o.value("state_bytes").toInteger();
  return s;
}

}  // namespace sis::host
