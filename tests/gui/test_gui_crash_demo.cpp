// The file-manager crash demo in SIS Control Center against a real VM (QEMU TCG): in the
// Files tab, "Write and crash..." on a file, on a folder and with host-file content opens the
// dialog; the test fills it in like a user (content, crash point), presses "Write and crash",
// and after the crash and the reboot checks the result window: the outcome the journal
// guarantees at that point (old content / no file / new content), what the journal did at
// mount (replayed or discarded, with blocks), e2fsck -fn clean on the copy taken while the
// VM was paused, and the sentence saying why. With SIS_SCREENSHOT_DIR set, the dialog and
// each result are saved as PNGs.
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QDir>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app_settings.h"
#include "client/control_client.h"
#include "file_list_model.h"
#include "files_panel.h"
#include "main_window.h"
#include "write_crash_dialog.h"
#include "write_crash_view.h"

using namespace sis::desktop;

class GuiCrashDemo : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;

  void shoot(QWidget* widget, const QString& name) {
    if (shots_.isEmpty() || !widget) return;
    QTest::qWait(300);
    QVERIFY(widget->grab().save(QDir(shots_).filePath(name + ".png")));
  }

  // Opens the dialog through the Files tab's button, lets `fill` set it up, presses its OK
  // button, and waits for the result of the run.
  WriteCrashView* run_dialog(const QString& shot, const std::function<void(WriteCrashDialog*)>& fill) {
    FilesPanel* f = w_->files();
    auto* button = f->findChild<QPushButton*>("files_write_crash");
    if (!button || !button->isEnabled()) return nullptr;
    QSignalSpy done(f, &FilesPanel::crash_demo_finished);
    QMetaObject::Connection steps = connect(f, &FilesPanel::log_message, this, [](const QString&, const QString&, const QString& t) {
      qInfo("%s", qPrintable(t));
    });
    auto cleanup = qScopeGuard([&] { disconnect(steps); });
    bool filled = false;
    QTimer fill_timer;  // dies with this frame: never fires into a returned call
    fill_timer.setSingleShot(true);
    connect(&fill_timer, &QTimer::timeout, this, [&] {
      auto* d = qobject_cast<WriteCrashDialog*>(QApplication::activeModalWidget());
      if (!d) return;
      fill(d);
      shoot(d, shot + "-dialog");
      auto* ok = d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
      filled = ok->isEnabled();
      QTest::mouseClick(ok, Qt::LeftButton);
    });
    fill_timer.start(200);
    button->click();  // exec() returns once the timer pressed OK
    if (!filled) return nullptr;
    if (!done.wait(90000)) return nullptr;
    return f->crash_result_view();
  }

  void check(WriteCrashView* v, const QString& outcome, const QString& journal) {
    QVERIFY2(v, "no result");
    QVERIFY2(v->verdict().contains("correct") && !v->verdict().contains("WRONG"), qPrintable(v->verdict()));
    QVERIFY2(v->verdict().contains(outcome), qPrintable(v->verdict()));
    QVERIFY2(v->column_text(WriteCrashView::Journal).contains(journal), qPrintable(v->column_text(WriteCrashView::Journal)));
    QVERIFY2(v->column_text(WriteCrashView::Fsck).startsWith("clean (exit status 0)"), qPrintable(v->column_text(WriteCrashView::Fsck)));
    QVERIFY(v->why().startsWith("Why: "));
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (crash demo test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    if (kernel.isEmpty() || !QFileInfo(kernel).isReadable()) QFAIL("no kernel image (SIS_KERNEL)");
    // A disk of our own: /demo/mid.txt and /demo/after.txt with old content.
    QDir root(tmp_.filePath("root"));
    QVERIFY(root.mkpath("demo"));
    for (const auto& [name, text] : {std::pair{"mid.txt", "old mid\n"}, std::pair{"after.txt", "old after\n"}}) {
      QFile f(root.filePath(QStringLiteral("demo/") + name));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(text);
    }
    QString mkfs = QStandardPaths::findExecutable("mkfs.ext4");
    if (mkfs.isEmpty()) mkfs = QStandardPaths::findExecutable("mkfs.ext4", {"/usr/sbin", "/sbin"});
    QVERIFY2(!mkfs.isEmpty(), "mkfs.ext4 missing (e2fsprogs)");
    const QString disk = tmp_.filePath("disk.img");
    QProcess p;
    p.start(mkfs, {"-q", "-F", "-b", "4096", "-d", root.path(), disk, "64M"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    AppSettings s;
    s.kernel = kernel;
    s.disk = disk;
    s.save();
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    w_ = new MainWindow;
    w_->resize(1400, 900);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    QVERIFY(w_->start_vm());
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 30000);
    w_->show_dock("files");
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->available(), 10000);
  }

  void cleanupTestCase() {
    delete w_;  // kills a QEMU still running
    QSettings().clear();
  }

  void dialog_refuses_empty_and_oversized_content() {
    WriteCrashDialog d("/demo/x.txt");
    QString error;
    d.set_text("");
    (void)d.request(&error);
    QVERIFY(error.contains("empty"));
    d.set_text(QString(40000, 'x'));
    (void)d.request(&error);
    QVERIFY(error.contains("32768"));
    d.set_text("fine");
    d.set_point("during-checkpoint");
    const WriteCrashRequest q = d.request(&error);
    QVERIFY(error.isEmpty());
    QCOMPARE(q.point, QStringLiteral("during-checkpoint"));
    QCOMPARE(q.path, QStringLiteral("/demo/x.txt"));
    QCOMPARE(q.data, QByteArray("fine"));
  }

  // On a file, typed text, crash in the middle of the data: the old content comes back.
  void mid_data_on_a_file_keeps_the_old_content() {
    w_->files()->navigate("/demo");
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->names().contains("mid.txt"), 10000);
    QVERIFY(w_->files()->select_entry("mid.txt"));
    QCOMPARE(w_->files()->crash_target(), QStringLiteral("/demo/mid.txt"));
    QString typed;
    for (int i = 1; i <= 500; ++i) typed += QStringLiteral("typed by the GUI test, line %1\n").arg(i);  // several blocks
    WriteCrashView* v = run_dialog("mid-data", [&](WriteCrashDialog* d) {
      d->set_text(typed);
      d->set_point("mid-data");
    });
    check(v, "the old content", "replayed nothing; discarded nothing");
    if (QTest::currentTestFailed()) return;
    QVERIFY(v->column_text(WriteCrashView::DiskNow).contains("old mid"));
    QVERIFY(v->column_text(WriteCrashView::Written).contains("typed by the GUI test, line 1"));
    QVERIFY(v->column_text(WriteCrashView::Journal).contains("power cut after"));
    shoot(v->window(), "mid-data-result");
  }

  // On the folder: a new file, crash before the commit: no file comes back.
  void before_commit_on_a_folder_leaves_no_file() {
    w_->files()->navigate("/");
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->names().contains("demo"), 10000);
    QVERIFY(w_->files()->select_entry("demo"));
    QCOMPARE(w_->files()->crash_target(), QStringLiteral("/demo/crash-demo.txt"));
    WriteCrashView* v = run_dialog("before-commit", [&](WriteCrashDialog* d) {
      d->set_text("hello, journal\n");
      d->set_point("before-commit");
    });
    check(v, "no file", "discarded 1 uncommitted transaction");
    if (QTest::currentTestFailed()) return;
    QVERIFY(v->column_text(WriteCrashView::DiskNow).startsWith("no file"));
    shoot(v->window(), "before-commit-result");
  }

  // On a file, content from a host file, crash after the commit: replay brings it back.
  void after_commit_with_a_host_file_brings_the_new_content() {
    QFile host(tmp_.filePath("host-content.txt"));
    QVERIFY(host.open(QIODevice::WriteOnly));
    for (int i = 1; i <= 300; ++i) host.write(QStringLiteral("from the host file, line %1\n").arg(i).toUtf8());
    host.close();
    w_->files()->navigate("/demo");
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->names().contains("after.txt"), 10000);
    QVERIFY(w_->files()->select_entry("after.txt"));
    WriteCrashView* v = run_dialog("after-commit", [&](WriteCrashDialog* d) {
      d->set_host_file(host.fileName());
      d->set_point("after-commit");
    });
    check(v, "the new content", "replayed 1 transaction");
    if (QTest::currentTestFailed()) return;
    QVERIFY(v->column_text(WriteCrashView::Written).contains("from host file"));
    QVERIFY(v->column_text(WriteCrashView::DiskNow).contains(QStringLiteral("the new content, %1 bytes").arg(host.size())));
    QVERIFY(v->column_text(WriteCrashView::DiskNow).contains("from the host file, line 1\n"));
    shoot(v->window(), "after-commit-result");
  }

  // A new file in the current folder (nothing selected), crash during the checkpoint.
  void during_checkpoint_finishes_the_checkpoint() {
    w_->files()->navigate("/demo");
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->names().contains("mid.txt"), 10000);
    WriteCrashView* v = run_dialog("during-checkpoint", [&](WriteCrashDialog* d) {
      d->findChild<QLineEdit*>("write_crash_path")->setText("/demo/ckpt.txt");
      d->set_text("checkpointed half way\n");
      d->set_point("during-checkpoint");
    });
    check(v, "the new content", "replayed 1 transaction");
    if (QTest::currentTestFailed()) return;
    QVERIFY(v->column_text(WriteCrashView::Journal).contains("metadata blocks were checkpointed"));
    QVERIFY(v->column_text(WriteCrashView::DiskNow).contains("checkpointed half way"));
    shoot(v->window(), "during-checkpoint-result");
    // The Files tab lists the file the replay brought back.
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->names().contains("ckpt.txt"), 10000);
    shoot(w_, "files-after-crashes");
  }
};

QTEST_MAIN(GuiCrashDemo)
#include "test_gui_crash_demo.moc"
