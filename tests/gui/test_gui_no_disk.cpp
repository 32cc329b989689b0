// SIS Control Center must not let an in-memory "/" pass for a disk. With a disk image of
// random bytes the kernel falls back to ramfs: the status bar turns red ("NO DISK: ..."),
// the Files panel shows a red banner, and the console shows the kernel's prompt warning.
// With a real ext4 image (mkfs.ext4) none of that appears. SIS_SCREENSHOT_DIR=dir saves
// the red window as no-disk.png.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "app_settings.h"
#include "console_widget.h"
#include "files_panel.h"
#include "main_window.h"

using namespace sis::desktop;

class GuiNoDisk : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir tmp_;

  // Boots `disk` in the window and waits for the kernel's answer to sys.info.
  void boot(MainWindow* w, const QString& disk) {
    AppSettings s;
    s.kernel = qEnvironmentVariable("SIS_KERNEL");
    s.disk = disk;
    s.save();
    w->resize(1500, 950);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QVERIFY(w->start_vm());
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->control_ready(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->root_fs().kind != RootFsStatus::Kind::Unknown, 10000);
  }

  void power_off(MainWindow* w) {
    w->action("poweroff")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->state() == VmSession::State::Off, 12000);
    // Off: the indicator goes away with the VM (nothing known about a guest that is not there).
    QVERIFY(w->storage_label()->isHidden());
    QVERIFY(!w->files()->no_disk_banner_shown());
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (no-disk test)");
    QSettings().clear();
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    QVERIFY2(!kernel.isEmpty() && QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
    QVERIFY(tmp_.isValid());
  }

  void cleanupTestCase() { QSettings().clear(); }

  void garbage_disk_turns_the_window_red() {
    const QString disk = tmp_.filePath("garbage.img");
    QFile f(disk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray block(1 << 20, 0);
    for (int mib = 0; mib < 16; ++mib) {
      QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(block.data()), block.size() / 4);
      QCOMPARE(f.write(block), block.size());
    }
    f.close();

    auto w = std::make_unique<MainWindow>();  // deleting it kills a QEMU still running
    boot(w.get(), disk);
    if (QTest::currentTestFailed()) return;
    QVERIFY(w->session()->root_fs().in_memory());
    QLabel* label = w->storage_label();
    QVERIFY(!label->isHidden());
    QVERIFY(label->property("alarm").toBool());
    QVERIFY2(label->text().contains("NO DISK") && label->text().contains("unusable"), qPrintable(label->text()));
    QVERIFY(label->styleSheet().contains("#c62828"));

    w->show_dock("files");
    QTRY_VERIFY_WITH_TIMEOUT(w->files()->no_disk_banner_shown(), 5000);
    QVERIFY2(w->files()->no_disk_banner_text().contains("lost at poweroff"), qPrintable(w->files()->no_disk_banner_text()));

    w->show_dock("console");
    QTRY_VERIFY_WITH_TIMEOUT(w->console()->screen_text().contains("[NO DISK: disk0 unusable"), 10000);

    const QString shots = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
      QDir().mkpath(shots);
      w->show_dock("files");
      QTest::qWait(600);  // a few redraws
      QVERIFY(w->grab().save(QDir(shots).filePath("no-disk.png")));
    }
    power_off(w.get());
  }

  void ext4_disk_is_not_red() {
    const QString disk = tmp_.filePath("ext4.img");
    QProcess mkfs;
    mkfs.start("mkfs.ext4", {"-q", "-F", "-b", "4096", "-L", "sis", disk, "16M"});
    QVERIFY2(mkfs.waitForFinished(30000) && mkfs.exitStatus() == QProcess::NormalExit && mkfs.exitCode() == 0,
             qPrintable("mkfs.ext4 (e2fsprogs) failed: " + mkfs.readAllStandardError()));

    auto w = std::make_unique<MainWindow>();
    boot(w.get(), disk);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(w->session()->root_fs().kind, RootFsStatus::Kind::Disk);
    QLabel* label = w->storage_label();
    QVERIFY(!label->isHidden());
    QVERIFY(!label->property("alarm").toBool());
    QVERIFY2(label->text().contains("ext4"), qPrintable(label->text()));
    QVERIFY(!w->files()->no_disk_banner_shown());
    power_off(w.get());
  }
};

QTEST_MAIN(GuiNoDisk)
#include "test_gui_no_disk.moc"
