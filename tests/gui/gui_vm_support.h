// Shared by the GUI tests that boot a real VM: start the app on a copy of the default disk
// (SIS_KERNEL, SIS_DISK_IMAGE from ctest) and ask the kernel things over the control port.
#pragma once
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

#include "app_settings.h"
#include "client/control_client.h"
#include "main_window.h"

namespace sis::desktop::test {

// Copies the default disk into `tmp`, saves the settings, opens a `size` window and starts
// the VM, then waits for the control port. Check QTest::currentTestFailed() after it.
inline void boot_on_default_disk_copy(const QTemporaryDir& tmp, MainWindow** window, QSize size = {1400, 900}) {
  const QString kernel = qEnvironmentVariable("SIS_KERNEL");
  QVERIFY2(!kernel.isEmpty() && QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
  const QString image = qEnvironmentVariable("SIS_DISK_IMAGE");
  QVERIFY2(QFileInfo(image).isReadable(), "SIS_DISK_IMAGE must name the default disk image (the sis_disk target)");
  const QString disk = tmp.filePath("disk.img");
  QVERIFY(QFile::copy(image, disk));
  QFile::setPermissions(disk, QFile::ReadOwner | QFile::WriteOwner);
  AppSettings s;
  s.kernel = kernel;
  s.disk = disk;
  s.save();
  auto* w = new MainWindow;
  *window = w;
  w->resize(size);
  w->show();
  QVERIFY(QTest::qWaitForWindowExposed(w));
  QVERIFY(w->start_vm());
  QTRY_VERIFY_WITH_TIMEOUT(w->session()->control_ready(), 30000);
}

// One control request, waited for (20 s).
inline sis::host::Reply control_request(MainWindow* w, const QString& method, const QJsonObject& params = {}) {
  std::optional<sis::host::Reply> r;
  w->session()->control()->request(method, params, [&](const sis::host::Reply& x) { r = x; }, 20000);
  [&] { QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 21000); }();
  return r.value_or(sis::host::Reply::failure("Test", "no reply"));
}

// The guest kernel's uptime (sys.info), -1 without an answer.
inline qint64 guest_uptime_ns(MainWindow* w) {
  return control_request(w, "sys.info").object().value("uptime_ns").toInteger(-1);
}

// The guest's file `path`, written (synced) and read back through fs.write / fs.read.
inline bool write_guest_file(MainWindow* w, const QString& path, const QByteArray& text) {
  const auto r =
      control_request(w, "fs.write", {{"path", path}, {"data", QString::fromLatin1(text.toBase64())}, {"sync", true}});
  // Say why: a failed write once right after a crash-lab reboot (gui.power_lab) left no trace.
  if (!r.ok()) qWarning("fs.write %s failed: %s: %s", qPrintable(path), qPrintable(r.error->cls), qPrintable(r.error->message));
  return r.ok();
}
inline QByteArray read_guest_file(MainWindow* w, const QString& path) {
  return QByteArray::fromBase64(
      control_request(w, "fs.read", {{"path", path}, {"length", 4096}}).object().value("data").toString().toLatin1());
}

}  // namespace sis::desktop::test
