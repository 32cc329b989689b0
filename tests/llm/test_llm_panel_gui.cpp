// gui.llm_panel: the Language model tab against a real VM on a copy of the default disk
// (QEMU, TCG, offscreen): a disk-full question gets cited passages, the `df` command as a
// confirm-to-run button and df's live state; a citation opens the passage; a hostile
// question (quotes, $(...), an escape sequence, a newline) is answered as data; a question
// that names no value for its command gets a form to complete, one that names it the line
// with it. Saves SIS_SCREENSHOT_DIR/llm-disk-full.png and llm-command-form.png (default: the
// test's working directory).
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QtTest>

#include "gui_vm_support.h"
#include "llm_panel.h"
#include "main_window.h"
#include "vm_session.h"

using namespace sis::desktop;

class LlmPanelGuiTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  MainWindow* w_ = nullptr;

 private slots:
  void initTestCase() {
    test::boot_on_default_disk_copy(tmp_, &w_, {1200, 860});
    if (QTest::currentTestFailed()) return;
    QVERIFY2(w_->session()->control()->has_capability("llm"), "the kernel must announce llm");
    w_->show_dock("llm");
    QTRY_VERIFY_WITH_TIMEOUT(w_->llm()->available(), 5000);
  }

  void disk_full_question_cites_and_offers_df() {
    LlmPanel* p = w_->llm();
    p->submit("The disk is almost full and writes fail. What should I check?");
    QTRY_VERIFY_WITH_TIMEOUT(!p->busy() && !p->answer().isEmpty(), 30000);
    qInfo("answer:\n%s", qPrintable(p->answer()));
    qInfo("citations: %s", qPrintable(p->citations().join(" | ")));
    QVERIFY(!p->citations().isEmpty());
    QVERIFY2(p->citations().first().startsWith("troubleshooting.md"), qPrintable(p->citations().first()));
    QCOMPARE(p->suggested_commands(), QStringList{"df"});
    auto* run = p->findChild<QPushButton*>("llm_run_command");
    QVERIFY(run && run->isVisible());
    QCOMPARE(run->text(), QString("Run: df"));
    QVERIFY2(p->live_state().contains("Mounted on"), qPrintable(p->live_state()));
    // The incident example that voted for df is shown under it.
    QVERIFY2(p->shown_answer().contains("Chosen for reports like:"), qPrintable(p->shown_answer()));
    const QString dir = qEnvironmentVariable("SIS_SCREENSHOT_DIR", QDir::currentPath());
    QDir().mkpath(dir);
    QVERIFY(w_->grab().save(dir + "/llm-disk-full.png"));
    // A citation opens its passage.
    QVERIFY(p->open_passage(0).contains("Run df"));
    QTRY_VERIFY(p->findChild<QDialog*>("llm_passage"));
    p->findChild<QDialog*>("llm_passage")->close();
  }

  void a_question_without_its_value_gets_a_form_to_complete() {
    LlmPanel* p = w_->llm();
    p->submit("How do I run a user program?");
    QTRY_VERIFY_WITH_TIMEOUT(!p->busy() && !p->answer().isEmpty(), 30000);
    QCOMPARE(p->command_form(), QString("procctl run [--json] PATH [ARGS...]"));
    QVERIFY(p->suggested_commands().isEmpty());
    auto* line = p->findChild<QLineEdit*>("llm_command_form");
    auto* run = p->findChild<QPushButton*>("llm_run_command");
    QVERIFY(line && run && line->isVisible());
    QVERIFY2(!run->isEnabled(), "a form is not a command until its values are in");
    line->setText("procctl run /bin/hello");
    QVERIFY(run->isEnabled());
    line->setText("procctl run PATH");
    QVERIFY(!run->isEnabled());
    line->setText("procctl run /bin/busybox ls /");
    const QString dir = qEnvironmentVariable("SIS_SCREENSHOT_DIR", QDir::currentPath());
    QVERIFY(w_->grab().save(dir + "/llm-command-form.png"));
    // A question that names the value gets the line with it, as a plain button.
    p->submit("kill process 3");
    QTRY_VERIFY_WITH_TIMEOUT(!p->busy() && !p->answer().isEmpty(), 30000);
    QCOMPARE(p->suggested_commands(), QStringList{"procctl kill 3"});
    QVERIFY(p->command_form().isEmpty());
    QVERIFY(!p->findChild<QLineEdit*>("llm_command_form"));
  }

  // (Its name must not end in "_data": QtTest takes such a slot for the data function of
  // another and never runs it, which this test's earlier name did.)
  void hostile_question_is_answered_as_text() {
    LlmPanel* p = w_->llm();
    p->submit("\"; poweroff; echo '$(reboot)' \x1b[2J\nthe kernel heap keeps growing");
    QTRY_VERIFY_WITH_TIMEOUT(!p->busy() && !p->answer().isEmpty(), 30000);
    QVERIFY(!p->answer().contains(QChar(0x1b)));
    for (const QString& c : p->suggested_commands()) QVERIFY2(!c.startsWith("poweroff") && !c.startsWith("reboot"), qPrintable(c));
    QVERIFY(w_->session()->is_running());
  }

  void cleanupTestCase() {
    // A question still in flight when the window goes: its failure reaches a panel that is
    // still there (the session is deleted first; MainWindow::~MainWindow).
    if (w_ && w_->llm()->available()) w_->llm()->submit("is the disk full?");
    delete w_;  // kills a QEMU still running
    QSettings().clear();
  }
};

QTEST_MAIN(LlmPanelGuiTest)
#include "test_llm_panel_gui.moc"
