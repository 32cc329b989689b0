// SIS Control Center's user-space views against a real VM booted on a copy of the default
// disk (busybox and the test programs): the Processes tab runs a command line with its
// output streamed into the panel and its exit status, lists a running program (PID, PPID,
// state, RSS, CPU, command line) and kills it with the Kill button; the Console tab's
// "busybox sh" button hands the terminal to /bin/sh, which runs a pipeline and gives the
// kernel's prompt back on `exit`. SIS_SCREENSHOT_DIR=dir saves processes-output.png,
// processes-running.png, processes.png and console-sh.png.
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "app_settings.h"
#include "console_panel.h"
#include "console_widget.h"
#include "main_window.h"
#include "processes_panel.h"

using namespace sis::desktop;

class GuiProc : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;

  void shoot(const QString& name) {
    if (shots_.isEmpty()) return;
    QTest::qWait(300);
    QVERIFY(w_->grab().save(QDir(shots_).filePath(name + ".png")));
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (proc test)");
    QSettings().clear();
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    QVERIFY2(!kernel.isEmpty() && QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
    const QString image = qEnvironmentVariable("SIS_DISK_IMAGE");
    QVERIFY2(QFileInfo(image).isReadable(), "SIS_DISK_IMAGE must name the default disk image (the sis_disk target)");
    QVERIFY(tmp_.isValid());
    const QString disk = tmp_.filePath("disk.img");  // the kernel writes to it
    QVERIFY(QFile::copy(image, disk));
    AppSettings s;
    s.kernel = kernel;
    s.disk = disk;
    s.save();
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    w_ = new MainWindow;
    w_->resize(1500, 950);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_));
    QVERIFY(w_->start_vm());
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 30000);
  }

  void cleanupTestCase() {
    delete w_;  // kills a QEMU still running
    QSettings().clear();
  }

  void command_lines_split_like_a_shell_and_name_bin() {
    QCOMPARE(ProcessesPanel::argv_of("ls -l /etc"), QStringList({"/bin/ls", "-l", "/etc"}));
    QCOMPARE(ProcessesPanel::argv_of("/bin/busybox sh -c \"echo a  b\""),
             QStringList({"/bin/busybox", "sh", "-c", "echo a  b"}));
    QCOMPARE(ProcessesPanel::argv_of("sh -c 'echo \"x\" | wc'  a\\ b \"q\\\"\"\t"),
             QStringList({"/bin/sh", "-c", "echo \"x\" | wc", "a b", "q\""}));
    QVERIFY(ProcessesPanel::argv_of("   ").isEmpty());
    QString error;
    QVERIFY(ProcessesPanel::argv_of("echo 'open", &error).isEmpty());
    QVERIFY(!error.isEmpty());
  }

  void run_streams_output_and_the_exit_status_into_the_panel() {
    w_->show_dock("processes");
    ProcessesPanel* p = w_->processes();
    QTRY_VERIFY_WITH_TIMEOUT(p->user_processes_available(), 10000);
    auto* edit = p->findChild<QLineEdit*>("run_command");
    auto* run = p->findChild<QPushButton*>("run_program");
    QVERIFY(edit && run);
    QTRY_VERIFY(run->isEnabled());
    QSignalSpy finished(p, &ProcessesPanel::run_finished);
    edit->setText("sh -c 'echo hello from the panel; ls /bin | head -3; echo oops >&2; exit 3'");
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(p->last_exit_status(), 3);
    const QString out = p->run_output();
    QVERIFY2(out.startsWith("$ /bin/sh -c echo hello from the panel;"), qPrintable(out));
    QVERIFY2(out.contains("hello from the panel\n"), qPrintable(out));
    QVERIFY2(out.contains("oops\n"), qPrintable(out));
    QVERIFY2(out.contains("[exited with status 3]"), qPrintable(out));
    shoot("processes-output");
    // A program that is not there: the kernel's error, shown in the panel.
    finished.clear();
    QVERIFY(p->run_command("/no/such/program"));
    QVERIFY(finished.wait(20000));
    QVERIFY2(p->run_output().contains("NotFound") || p->run_output().contains("no such"), qPrintable(p->run_output()));
    // Back to a run with output for the picture.
    finished.clear();
    QVERIFY(p->run_command("/bin/hello"));
    QVERIFY(finished.wait(20000));
    QVERIFY2(p->run_output().contains("Hello from SIS user space! I am pid"), qPrintable(p->run_output()));
    QCOMPARE(p->last_exit_status(), 0);
  }

  void a_running_program_is_listed_and_the_kill_button_stops_it() {
    ProcessesPanel* p = w_->processes();
    QSignalSpy finished(p, &ProcessesPanel::run_finished);
    QVERIFY(p->run_command("sleep 30"));
    QTRY_VERIFY_WITH_TIMEOUT(p->pid_of("/bin/sleep 30") > 0, 15000);
    QVERIFY(p->running());
    const qint64 pid = p->pid_of("/bin/sleep 30");
    auto* table = p->findChild<QTableView*>("user_processes");
    QVERIFY(table);
    int row = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
      if (table->model()->index(r, 0).data().toLongLong() == pid) row = r;
    QVERIFY(row >= 0);
    QCOMPARE(table->model()->index(row, 1).data().toLongLong(), 0);          // PPID: the kernel
    QCOMPARE(table->model()->index(row, 2).data().toString(), QString("running"));
    QVERIFY(table->model()->index(row, 3).data().toDouble() > 0);            // RSS
    shoot("processes-running");
    table->selectRow(row);
    p->findChild<QComboBox*>()->setCurrentText("KILL");
    auto* kill = p->findChild<QPushButton*>("kill_process");
    QTRY_VERIFY(kill->isEnabled());
    QTest::mouseClick(kill, Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(p->last_exit_status(), 137);
    QVERIFY2(p->run_output().contains("[killed by SIGKILL]"), qPrintable(p->run_output()));
    QTRY_VERIFY_WITH_TIMEOUT(p->pid_of("/bin/sleep 30") < 0, 10000);
    shoot("processes");
  }

  void console_button_hands_the_terminal_to_busybox_sh() {
    w_->show_dock("console");
    ConsoleWidget* c = w_->console();
    QTRY_VERIFY_WITH_TIMEOUT(c->screen_text().contains("sis>"), 10000);
    QPushButton* sh = w_->console_panel()->sh_button();
    QVERIFY(sh->isEnabled());
    QTest::mouseClick(sh, Qt::LeftButton);
    // busybox sh's prompt ends in "# " or "$ "; a pipeline proves it is busybox, not the kernel.
    QTRY_VERIFY_WITH_TIMEOUT(c->screen_text().trimmed().endsWith('#') || c->screen_text().trimmed().endsWith('$'), 15000);
    for (const char ch : QByteArray("echo piped | tr a-z A-Z\r")) {
      if (!ch) break;
      w_->session()->send_console(QByteArray(1, ch));
      QTest::qWait(5);  // typed, as a person would: the UART's FIFO holds 16 bytes
    }
    QTRY_VERIFY_WITH_TIMEOUT(c->screen_text().contains("PIPED"), 15000);
    shoot("console-sh");
    w_->session()->send_console("exit\r");
    const int prompts = static_cast<int>(c->screen_text().count("sis>"));
    QTRY_VERIFY_WITH_TIMEOUT(c->screen_text().count("sis>") > prompts, 15000);
  }
};

QTEST_MAIN(GuiProc)
#include "test_gui_proc.moc"
