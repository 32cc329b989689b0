// VM > Snapshots... against a real VM booted on a copy of the default disk: the dialog takes
// a snapshot (Take snapshot), lists it with the guest's uptime, the file written before it
// is changed and the kernel panicked, and Restore (one click on the newest, selected by
// default) brings the VM back running, with the pre-crash file content and an uptime that
// continues from the snapshot; the control port greets again. Delete removes it.
// SIS_SCREENSHOT_DIR=dir saves snapshots.png.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "client/control_client.h"
#include "gui_vm_support.h"
#include "main_window.h"
#include "snapshot_dialog.h"

using namespace sis::desktop;
using sis::host::Reply;

class GuiSnapshots : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;

  Reply request(const QString& method, const QJsonObject& params = {}) { return test::control_request(w_, method, params); }
  qint64 uptime_ns() { return test::guest_uptime_ns(w_); }
  bool write(const QByteArray& text) { return test::write_guest_file(w_, "/gui-snapshot.txt", text); }
  QByteArray read() { return test::read_guest_file(w_, "/gui-snapshot.txt"); }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (snapshot test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
    qputenv("SIS_SNAPSHOT_DIR", tmp_.filePath("snapshots").toLocal8Bit());
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    test::boot_on_default_disk_copy(tmp_, &w_);
  }

  void cleanupTestCase() {
    delete w_;
    QSettings().clear();
  }

  void take_crash_restore_delete() {
    QAction* action = w_->action("snapshots");
    QVERIFY(action);
    action->trigger();
    auto* dialog = w_->findChild<SnapshotDialog*>("snapshot_dialog");
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->list()->topLevelItemCount(), 0);

    QVERIFY(write("before the crash\n"));
    const qint64 before = uptime_ns();
    QVERIFY(before > 0);
    dialog->name_edit()->setText("gui-before-crash");
    QVERIFY(dialog->take_button()->isEnabled());
    QTest::mouseClick(dialog->take_button(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->topLevelItemCount(), 1, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->status_text().contains("taken"), 10000);
    QCOMPARE(dialog->list()->topLevelItem(0)->text(0), QString("gui-before-crash"));
    QTRY_COMPARE_WITH_TIMEOUT(w_->session()->state(), VmSession::State::Running, 10000);
    const qint64 at_snapshot = w_->session()->snapshots().first().uptime_ns;
    QVERIFY(at_snapshot >= before);

    QVERIFY(write("after the snapshot\n"));
    qint64 before_crash = 0;
    QTRY_VERIFY_WITH_TIMEOUT((before_crash = uptime_ns()) >= at_snapshot + 5'000'000'000, 60000);
    w_->session()->control()->request("crash.inject", {{"kind", "panic"}}, [](const Reply&) {}, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(w_->session()->state(), VmSession::State::Panicked, 20000);

    // One click: the newest snapshot is selected already.
    QVERIFY(dialog->restore_button()->isEnabled());
    QTest::mouseClick(dialog->restore_button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->status_text().contains("restored"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(w_->session()->state(), VmSession::State::Running, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 30000);
    const qint64 restored = uptime_ns();
    QVERIFY2(restored >= at_snapshot && restored < before_crash,
             qPrintable(QString("uptime %1 ns after restoring a snapshot taken at %2 ns (crash at %3 ns)")
                            .arg(restored).arg(at_snapshot).arg(before_crash)));
    QCOMPARE(read(), QByteArray("before the crash\n"));
    if (!shots_.isEmpty()) {
      QTest::qWait(300);
      QVERIFY(dialog->grab().save(QDir(shots_).filePath("snapshots.png")));
    }

    QTest::mouseClick(dialog->delete_button(), Qt::LeftButton);
    QCOMPARE(dialog->list()->topLevelItemCount(), 0);
    QVERIFY(w_->session()->snapshots().isEmpty());
  }
};

QTEST_MAIN(GuiSnapshots)
#include "test_gui_snapshots.moc"
