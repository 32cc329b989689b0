#include "app_settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QSettings>

#include "launch/locate.h"

namespace sis::desktop {

AppSettings AppSettings::load() {
  QSettings s;
  AppSettings a;
  s.beginGroup("vm");
  a.qemu = s.value("qemu", a.qemu).toString();
  a.kernel = s.value("kernel", a.kernel).toString();
  a.disk = s.value("disk", a.disk).toString();
  a.memory_mib = s.value("memory_mib", a.memory_mib).toUInt();
  a.cpus = s.value("cpus", a.cpus).toUInt();
  a.cpu_model = s.value("cpu_model", a.cpu_model).toString();
  a.extra_args = s.value("extra_args", a.extra_args).toString();
  a.remote_host = s.value("remote_host", a.remote_host).toString();
  a.run_on_remote_host = s.value("run_on_remote_host", a.run_on_remote_host).toBool();
  s.endGroup();
  a.metrics_rate_hz = s.value("dashboard/rate_hz", a.metrics_rate_hz).toInt();
  a.language = s.value("ui/language", a.language).toString();
  return a;
}

void AppSettings::save() const {
  QSettings s;
  s.beginGroup("vm");
  s.setValue("qemu", qemu);
  s.setValue("kernel", kernel);
  s.setValue("disk", disk);
  s.setValue("memory_mib", memory_mib);
  s.setValue("cpus", cpus);
  s.setValue("cpu_model", cpu_model);
  s.setValue("extra_args", extra_args);
  s.setValue("remote_host", remote_host);
  s.setValue("run_on_remote_host", run_on_remote_host);
  s.endGroup();
  s.setValue("dashboard/rate_hz", metrics_rate_hz);
  s.setValue("ui/language", language);
}

QStringList AppSettings::recent_disks() { return QSettings().value("recent/disks").toStringList(); }

void AppSettings::remember_disk(const QString& path) {
  if (path.isEmpty() || path == QLatin1String("none")) return;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList list = recent_disks();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > kMaxRecentDisks) list.removeLast();
  QSettings().setValue("recent/disks", list);
}

void AppSettings::forget_disk(const QString& path) {
  QStringList list = recent_disks();
  list.removeAll(path);
  QSettings().setValue("recent/disks", list);
}

QString AppSettings::resolved_qemu() const {
  if (!qemu.isEmpty()) return qemu;
  return QString::fromStdString(sis::host::locate_qemu());
}

QString AppSettings::resolved_kernel() const {
  if (!kernel.isEmpty()) return kernel;
  const QString argv0 = QCoreApplication::applicationFilePath();
  return QString::fromStdString(sis::host::locate_kernel(argv0.toStdString()));
}

QString AppSettings::resolved_disk(QString* error) const {
  error->clear();
  if (disk == QLatin1String("none")) return {};
  if (!disk.isEmpty()) return disk;
  const QString image = default_disk_image();
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  const QString copy = dir + "/disk.img";
  if (QFileInfo::exists(copy)) return copy;
  if (image.isEmpty() || !QFileInfo(image).isReadable()) return {};  // none: boot without one
  if (!QDir().mkpath(dir) || !QFile::copy(image, copy)) {
    *error = QCoreApplication::translate("AppSettings", "cannot copy the default disk to %1").arg(copy);
    return {};
  }
  QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  return copy;
}

QString AppSettings::default_disk_image() {
  // The build's or the package's default disk (sis::host::locate_default_disk).
  return QString::fromStdString(sis::host::locate_default_disk(QCoreApplication::applicationFilePath().toStdString()));
}

sis::host::VmConfig AppSettings::to_remote_vm_config(QString* error) const {
  sis::host::VmConfig c;
  c.qemu = "qemu-system-aarch64";
  c.kernel = resolved_kernel().toStdString();
  c.memory_mib = memory_mib;
  c.cpus = cpus;
  c.cpu_model = cpu_model.toStdString();
  for (const QString& a : extra_args.split(QRegularExpression("\\s+"), Qt::SkipEmptyParts)) c.extra_args.push_back(a.toStdString());
  c.pvpanic = true;
  error->clear();
  if (!sis::host::is_readable_file(c.kernel))
    *error = QCoreApplication::translate("AppSettings", "kernel image not found (%1): build it or set it in Settings")
                 .arg(c.kernel.empty() ? QStringLiteral("-") : QString::fromStdString(c.kernel));
  return c;
}

sis::host::VmConfig AppSettings::to_vm_config(QString* error) const {
  sis::host::VmConfig c;
  c.qemu = resolved_qemu().toStdString();
  c.kernel = resolved_kernel().toStdString();
  QString disk_error;
  const QString disk_path = resolved_disk(&disk_error);
  c.disk = disk_path.toStdString();
  c.memory_mib = memory_mib;
  c.cpus = cpus;
  c.cpu_model = cpu_model.toStdString();
  for (const QString& a : extra_args.split(QRegularExpression("\\s+"), Qt::SkipEmptyParts)) c.extra_args.push_back(a.toStdString());
  c.pvpanic = true;
  error->clear();
  if (c.qemu.empty())
    *error = QCoreApplication::translate("AppSettings", "qemu-system-aarch64 not found: install qemu-system-arm or set it in Settings");
  else if (!sis::host::is_readable_file(c.kernel))
    *error = QCoreApplication::translate("AppSettings", "kernel image not found (%1): build it or set it in Settings")
                 .arg(c.kernel.empty() ? QStringLiteral("-") : QString::fromStdString(c.kernel));
  else if (!disk_error.isEmpty())
    *error = disk_error;
  else if (!disk_path.isEmpty() && !QFileInfo(disk_path).isReadable())
    *error = QCoreApplication::translate("AppSettings", "disk image %1 is not readable").arg(disk_path);
  return c;
}

}  // namespace sis::desktop
