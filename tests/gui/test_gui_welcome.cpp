// The start screen: with no VM the Dashboard dock shows the welcome page, not empty charts;
// it lists the recent disks (newest first, at most eight, a vanished file marked, Remove
// from list), says what is missing to boot, takes the remote-host chooser in its slot, and
// "Open disk image..." boots a real VM (QEMU, TCG) with the chosen ext4 image: the dashboard
// replaces the page, the image heads the recent disks, and Power off brings the page back.
// SIS_SCREENSHOT_DIR=dir saves welcome-recent.png.
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

#include "app_settings.h"
#include "main_window.h"
#include "welcome_page.h"

using namespace sis::desktop;

class GuiWelcome : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir tmp_;

  QString make_file(const QString& name) {
    const QString path = tmp_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write("x");
    return path;
  }

  static QStringList rows(const QListWidget* list) {
    QStringList out;
    for (int i = 0; i < list->count(); ++i) out << list->item(i)->data(Qt::UserRole).toString();
    return out;
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (welcome test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
  }
  void cleanupTestCase() { QSettings().clear(); }

  void no_vm_shows_the_welcome_page_not_the_dashboard() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.welcome_shown());
    QVERIFY(w.welcome()->isVisible());
    QCOMPARE(w.dock("dashboard")->windowTitle(), QStringLiteral("Welcome"));
    QVERIFY(w.welcome()->default_disk_button()->isVisible());
    QVERIFY(w.welcome()->open_disk_button()->isVisible());
    QVERIFY(w.welcome()->recent_list()->isHidden());  // nothing started yet: a line says so instead
  }

  void recent_disks_newest_first_at_most_eight_missing_marked() {
    QStringList made;
    for (int i = 0; i < 10; ++i) made << make_file(QStringLiteral("disk%1.img").arg(i));
    for (const QString& p : made) AppSettings::remember_disk(p);
    AppSettings::remember_disk(made[5]);  // used again: to the front
    QFile::remove(made[9]);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QListWidget* list = w.welcome()->recent_list();
    QVERIFY(list->isVisible());
    QCOMPARE(rows(list), (QStringList{made[5], made[9], made[8], made[7], made[6], made[4], made[3], made[2]}));
    QVERIFY(list->item(1)->text().contains("(missing)"));
    QVERIFY(!list->item(0)->text().contains("(missing)"));
    QCOMPARE(list->currentRow(), 0);
    const QString shots = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) QVERIFY(QDir().mkpath(shots) && w.grab().save(QDir(shots).filePath("welcome-recent.png")));

    list->setCurrentRow(1);
    w.welcome()->forget_button()->click();
    QCOMPARE(rows(list).size(), 7);
    QVERIFY(!rows(list).contains(made[9]));
    QVERIFY(!AppSettings::recent_disks().contains(made[9]));

    // Starting one of them starts the VM with it: the signal carries the path.
    QSignalSpy start(w.welcome(), &WelcomePage::start_requested);
    list->setCurrentRow(2);
    QObject::disconnect(w.welcome(), &WelcomePage::start_requested, &w, nullptr);  // no VM in this check
    w.welcome()->start_selected_button()->click();
    QCOMPARE(start.size(), 1);
    QCOMPARE(start[0][0].toString(), rows(list)[2]);
    QSettings().remove("recent/disks");
  }

  void says_what_is_missing_to_boot() {
    AppSettings s;
    s.kernel = tmp_.filePath("no-such-Image");
    s.save();
    WelcomePage page;
    page.refresh();
    QVERIFY2(page.readiness_text().contains("kernel image was not found") && page.readiness_text().contains("no-such-Image"),
             qPrintable(page.readiness_text()));
    s.kernel = qEnvironmentVariable("SIS_KERNEL");
    s.save();
    page.refresh();
    QCOMPARE(page.readiness_text(), QString());
    QSettings().clear();
  }

  void the_remote_host_chooser_takes_the_slot() {
    WelcomePage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* local = page.findChild<QLabel*>("welcome_local_host");
    QVERIFY(local->isVisible());
    auto* chooser = new QLabel("host chooser");
    page.set_host_chooser(chooser);
    QCOMPARE(page.host_chooser(), static_cast<QWidget*>(chooser));
    QTRY_VERIFY(chooser->isVisible());  // the layout shows it on the next pass
    QVERIFY(local->isHidden());
    QVERIFY(page.isAncestorOf(chooser));
  }

  void open_disk_image_boots_it_and_power_off_returns() {
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    QVERIFY2(!kernel.isEmpty() && QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
    AppSettings s;
    s.kernel = kernel;
    s.save();
    const QString disk = tmp_.filePath("chosen.img");
    QProcess mkfs;
    mkfs.start("mkfs.ext4", {"-q", "-F", "-b", "4096", "-L", "sis", disk, "16M"});
    QVERIFY2(mkfs.waitForFinished(30000) && mkfs.exitStatus() == QProcess::NormalExit && mkfs.exitCode() == 0,
             qPrintable("mkfs.ext4 (e2fsprogs) failed: " + mkfs.readAllStandardError()));

    auto w = std::make_unique<MainWindow>();  // deleting it kills a QEMU still running
    w->resize(1400, 900);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    // The file dialog (Qt's own under the offscreen platform): type the path, accept.
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
      QTRY_VERIFY(qobject_cast<QFileDialog*>(QApplication::activeModalWidget()));
      auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
      dialog->selectFile(disk);
      static_cast<QDialog*>(dialog)->accept();  // QFileDialog::accept, through the public base
      answered = true;
    });
    w->welcome()->open_disk_button()->click();
    QVERIFY(answered);
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->control_ready(), 40000);
    QVERIFY(!w->welcome_shown());
    QCOMPARE(w->dock("dashboard")->windowTitle(), QStringLiteral("Dashboard"));
    QCOMPARE(AppSettings::load().disk, disk);  // Start (toolbar) repeats the choice
    QCOMPARE(AppSettings::recent_disks().value(0), QFileInfo(disk).absoluteFilePath());
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->root_fs().kind == RootFsStatus::Kind::Disk, 10000);  // the VM has this disk
    qInfo("the VM booted %s: %s", qPrintable(disk), qPrintable(w->session()->root_fs().text));

    w->action("poweroff")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->state() == VmSession::State::Off, 15000);
    QVERIFY(w->welcome_shown());
    QCOMPARE(w->welcome()->recent_list()->item(0)->data(Qt::UserRole).toString(), QFileInfo(disk).absoluteFilePath());
  }
};

QTEST_MAIN(GuiWelcome)
#include "test_gui_welcome.moc"
