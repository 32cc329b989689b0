// SIS Control Center against a real VM (QEMU TCG, the kernel image from the build): Start
// boots it and the dashboard receives metrics samples, the console shows the shell prompt and
// runs a command, Files lists the guest's file system when the kernel has `fs` (else says it
// is not available), the crash lab's panic comes back through GUEST_PANICKED and a reboot,
// and Power off ends QEMU. With SIS_SCREENSHOT_DIR set, every panel is saved as a PNG.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QtTest>

#include "app_settings.h"
#include "client/control_client.h"
#include "console_widget.h"
#include "crash_panel.h"
#include "dashboard_panel.h"
#include "file_list_model.h"
#include "files_panel.h"
#include "llm_panel.h"
#include "main_window.h"
#include "processes_panel.h"
#include "time_chart.h"
#include "traces_panel.h"
#include "vm/vm_runtime_dir.h"

using namespace sis::desktop;

class GuiVm : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QString shots_;

  void shoot(const QString& dock) {
    if (shots_.isEmpty()) return;
    w_->show_dock(dock);
    QTest::qWait(600);  // a few redraws
    w_->dashboard()->redraw();
    QVERIFY(w_->grab().save(QDir(shots_).filePath(dock + ".png")));
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (vm test)");
    QSettings().clear();
    AppSettings s;
    s.kernel = qEnvironmentVariable("SIS_KERNEL");
    if (s.kernel.isEmpty() || !QFileInfo(s.kernel).isReadable()) QSKIP("no kernel image (SIS_KERNEL)");
    s.disk = qEnvironmentVariable("SIS_TEST_DISK");  // optional ext4 image for the Files checks
    s.save();
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    w_ = new MainWindow;
    w_->resize(1500, 950);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
  }

  void cleanupTestCase() {
    delete w_;  // kills a QEMU still running
    QSettings().clear();
  }

  void start_boots_and_dashboard_receives_samples() {
    QVERIFY(w_->start_vm());
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->state() == VmSession::State::Running, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 15000);
    QVERIFY(w_->status_text().contains("Running"));
    QVERIFY(!w_->action("start")->isEnabled());
    QVERIFY(w_->action("kill")->isEnabled());
    const qint64 before = w_->dashboard()->store().sample_count();
    QTRY_VERIFY_WITH_TIMEOUT(w_->dashboard()->store().sample_count() >= before + 20, 5000);
    QVERIFY(w_->dashboard()->store().has_series("mem.used_bytes"));
    w_->show_dock("dashboard");
    QTRY_VERIFY_WITH_TIMEOUT(w_->dashboard()->charts().first()->drawn_points(0) > 0, 3000);
    shoot("dashboard");
  }

  void console_shows_the_shell() {
    w_->show_dock("console");
    QTRY_VERIFY_WITH_TIMEOUT(w_->console()->screen_text().contains("sis>"), 10000);
    w_->session()->send_console("version\r");
    QTRY_VERIFY_WITH_TIMEOUT(w_->console()->screen_text().contains("SIS"), 5000);
    shoot("console");
  }

  void files_list_the_guest_or_say_not_available() {
    w_->show_dock("files");
    auto* c = w_->session()->control();
    if (!c->has_capability("fs")) {
      QTRY_VERIFY(!w_->files()->available());
      QVERIFY(w_->files()->availability_message().contains("not available in this kernel"));
      shoot("files");
      return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->available(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->rowCount() > 0, 10000);
    if (w_->files()->list_model()->names().contains("incidents")) qInfo("Files lists /incidents");
    const QString name = QStringLiteral("gui-test-%1.txt").arg(QCoreApplication::applicationPid());
    QSignalSpy done(w_->files(), &FilesPanel::operation_finished);
    w_->files()->create_file(name, "written by the GUI test\n");
    QVERIFY(done.wait(15000));
    QVERIFY2(done.first().at(1).toString().isEmpty(), qPrintable(done.first().at(1).toString()));
    QTRY_VERIFY_WITH_TIMEOUT(w_->files()->list_model()->names().contains(name), 10000);
    shoot("files");
  }

  void other_panels_show_data_or_not_available() {
    if (!w_->session()->control()->has_capability("llm")) {
      QVERIFY(w_->llm()->availability_message().contains("not available in this kernel"));
    } else {
      // A prompt with quotes, a newline and shell syntax is data: it reaches the model and
      // streams an answer back (llm.infer response, then llm.token events, then llm.done).
      w_->show_dock("llm");
      QTRY_VERIFY_WITH_TIMEOUT(w_->llm()->available(), 5000);
      w_->llm()->submit("disk is full; what now? \"quoted\"\n$(reboot)");
      QTRY_VERIFY_WITH_TIMEOUT(!w_->llm()->answer().isEmpty(), 30000);
      qInfo("LLM answered: %s", qPrintable(w_->llm()->answer().left(80)));
      // Suggest mode: a suggestion is only offered when it names a real kernel command.
      QTRY_VERIFY_WITH_TIMEOUT(!w_->llm()->busy(), 30000);
      w_->llm()->submit("the kernel heap keeps growing", true);
      QTRY_VERIFY_WITH_TIMEOUT(!w_->llm()->busy() && !w_->llm()->answer().isEmpty(), 30000);
      qInfo("suggested: %s", qPrintable(w_->llm()->suggested_commands().join(" | ")));
    }
    for (const char* d : {"llm", "processes", "traces"}) shoot(d);
    w_->show_dock("processes");
    QTRY_VERIFY_WITH_TIMEOUT(w_->processes()->available() || w_->processes()->availability_message().contains("not available"), 8000);
  }

  void crash_lab_panic_reboots() {
    w_->show_dock("crash");
    w_->crash_lab()->set_auto_reboot(true);
    QSignalSpy steps(w_->crash_lab(), &CrashPanel::step);
    w_->crash_lab()->inject("panic");
    QTRY_VERIFY_WITH_TIMEOUT(w_->crash_lab()->timeline().join('\n').contains("GUEST_PANICKED"), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->crash_lab()->timeline().join('\n').contains("kernel back on the control port"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->state() == VmSession::State::Running, 5000);
    shoot("crash");
    // Metrics flow again after the reboot (the dashboard re-subscribes).
    const qint64 n = w_->dashboard()->store().sample_count();
    QTRY_VERIFY_WITH_TIMEOUT(w_->dashboard()->store().sample_count() > n + 5, 8000);
    shoot("log");
  }

  void crash_during_write_replays_and_checks_clean() {
    if (!w_->session()->control()->has_capability("fs")) QSKIP("the kernel has no file system here");
    w_->show_dock("crash");
    w_->crash_lab()->set_auto_reboot(true);
    w_->crash_lab()->inject("write-crash");
    QTRY_VERIFY_WITH_TIMEOUT(w_->crash_lab()->timeline().join('\n').contains("GUEST_PANICKED"), 15000);
    // At least the crash's own transaction is replayed; an earlier one that was committed but
    // not yet checkpointed when the kernel panicked is replayed too (so "1 transactions" was a
    // race with the checkpoint). The bound covers a reboot on a loaded host.
    static const QRegularExpression replayed("journal: [1-9][0-9]* transactions / [0-9]+ blocks replayed");
    QTRY_VERIFY_WITH_TIMEOUT(w_->crash_lab()->timeline().join('\n').contains(replayed), 40000);
    shoot("crash");
    // VM off: the host's own e2fsck judges the image the kernel replayed.
    w_->action("poweroff")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->state() == VmSession::State::Off, 12000);
    w_->crash_lab()->check_image();
    QTRY_VERIFY_WITH_TIMEOUT(w_->crash_lab()->timeline().join('\n').contains("check: clean"), 20000);
    w_->action("start")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 20000);
  }

  void power_off_ends_qemu() {
    const qint64 pid = w_->session()->qemu_pid();
    QVERIFY(pid > 0);
    w_->action("poweroff")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->state() == VmSession::State::Off, 12000);
    QVERIFY(!sis::host::process_alive(pid));
    QVERIFY(w_->action("start")->isEnabled());
    QVERIFY(w_->status_text().contains("Off"));
  }
};

QTEST_MAIN(GuiVm)
#include "test_gui_vm.moc"
