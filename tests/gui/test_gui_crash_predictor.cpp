// The Crash lab's crash predictor box against a real VM (issue 16), booted on a copy of the
// default disk (256 MiB guest):
//  - the view follows ai.status: the plot fills with the live time-to-exhaustion reading, its
//    threshold line is the selected detector's (tte: seconds, alarm below the line), the
//    "Now:" and "Last alarm" labels say what the kernel says;
//  - choosing off, on and ask in the box changes the kernel's mode (ai.status read back);
//  - ask mode: a leaking memhog raises an alarm, the view shows the proposed step and enables
//    "Confirm and run"; nothing runs until it is clicked; each click runs exactly that step
//    (ai.confirm, the kernel's trace), and the last, "stop pid N (memhog)", kills memhog before
//    memory runs out (no allocation failure follows the alarm); the kernel keeps answering.
// The leak is started with shell.exec, which keeps the control port's command thread busy
// until memhog ends: ai.status and ai.confirm must be answered meanwhile (before they were
// immediate methods the box froze for the whole run and this test timed out).
// SIS_SCREENSHOT_DIR=dir saves crash_predictor_box.png (the box with a proposal waiting) and
// crash_predictor_done.png (the Crash lab afterwards).
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

#include "client/control_client.h"
#include "crash_panel.h"
#include "crash_predictor_view.h"
#include "crash_risk_plot.h"
#include "gui_vm_support.h"
#include "main_window.h"

using namespace sis::desktop;
using sis::host::Reply;

namespace {
// The alarm threshold for the test (autoctl detector tte 6000). memhog 512 40 touches 1 MiB
// every 40 ms (about 25 MiB/s under TCG), so memory runs out some 8 s after it starts. The
// shipped default (tte at 200 ms) alarms only about 0.1-0.2 s before exhaustion: no operator
// could confirm anything in that time, and neither can this test. At 6 s the alarm leaves
// room for the four confirmations the escalation needs (each: the view's next 250 ms poll,
// the click, the step at the monitor's next 100 ms sample, the 300 ms cooldown before the
// next proposal), also on a loaded host.
constexpr int kTteThresholdMs = 6000;
}  // namespace

class GuiCrashPredictor : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;

  Reply request(const QString& method, const QJsonObject& params = {}) { return test::control_request(w_, method, params); }
  QJsonObject kernel_status() { return request("ai.status").object(); }
  CrashPredictorView* view() { return w_->crash_lab()->predictor(); }
  QString label(const char* name) { return view()->findChild<QLabel*>(name)->text(); }
  void shot(QWidget* widget, const QString& name) {
    if (shots_.isEmpty()) return;
    QVERIFY(widget->grab().save(QDir(shots_).filePath(name)));
  }
  qint64 newest_trace() { return request("trace.list", {{"recent", 1}}).object().value("newest_id").toInteger(); }
  // The actions (not proposals) the kernel traced after trace `after`, oldest first, each
  // "action: outcome, detail".
  QStringList actions_taken(qint64 after) {
    QStringList out;
    const qint64 newest = newest_trace();
    for (qint64 id = after + 1; id <= newest; ++id) {
      Reply got = request("trace.get", {{"id", id}});
      if (!got.ok()) {
        out << QString("trace %1: %2").arg(id).arg(got.error->message);  // overwritten: the comparison fails
        continue;
      }
      QJsonObject r = got.object().value("record").toObject();
      if (r.value("kind").toString() == "action" && !r.value("action").toString().startsWith("propose "))
        out << r.value("action").toString() + ": " + r.value("outcome").toObject().value("status").toString() + ", " +
                   r.value("outcome").toObject().value("detail").toString();
    }
    return out;
  }
  // Chooses `mode` in the box as a user does, then reads the kernel's mode back.
  void choose_mode(const QString& mode) {
    QComboBox* box = view()->mode_box();
    int i = box->findData(mode);
    QVERIFY(i >= 0);
    box->setCurrentIndex(i);
    emit box->activated(i);  // what a user's choice emits
    QTRY_COMPARE_WITH_TIMEOUT(kernel_status().value("autonomy_mode").toString(), mode, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(view()->status().value("autonomy_mode").toString(), mode, 5000);
  }
  // Starts the leak in the guest with shell.exec, which answers (into the result) when
  // memhog ends; the control port's command thread is busy until then. Shared: the answer
  // may come after a failed test function returned.
  std::shared_ptr<std::optional<Reply>> start_leak() {
    auto run = std::make_shared<std::optional<Reply>>();
    w_->session()->control()->request(
        "shell.exec",
        {{"command", "procctl run /bin/busybox sh -c \"/bin/memhog 512 40; echo memhog-status $?\""}, {"timeout_ms", 50000}},
        [run](const Reply& r) { *run = r; }, 55000);
    return run;
  }
  // What the "Last alarm" label must say for the kernel's status `s`.
  static QString expected_last_alarm(const QJsonObject& s) {
    if (s.value("alarms").toInteger() == 0) return "No alarm yet";
    qint64 lead = s.value("last_alarm_lead_ms").toInteger(-1);
    if (lead >= 0) return QString("Last alarm: %1 ms before the first allocation failure").arg(lead);
    return s.value("in_alarm").toBool() ? "Alarm now: no allocation failure so far"
                                        : "Last alarm: no allocation failure followed it";
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (crash predictor test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    test::boot_on_default_disk_copy(tmp_, &w_, QSize(1300, 950));
    if (QTest::currentTestFailed()) return;
    w_->go_to_dock("crash");
  }

  void cleanupTestCase() {
    delete w_;
    QSettings().clear();
  }

  void the_view_shows_the_threshold_and_the_live_readings() {
    CrashPredictorView* v = view();
    QVERIFY(request("shell.exec", {{"command", QString("autoctl detector tte %1").arg(kTteThresholdMs)}}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(v->status().value("tte_threshold_ms").toInt() == kTteThresholdMs, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(v->plot()->count() >= 4, 10000);
    QCOMPARE(v->plot()->threshold(), kTteThresholdMs / 1000.0);  // the dashed line, in seconds to exhaustion
    QVERIFY(label("crash_predictor_detector").contains(QString::number(kTteThresholdMs)));
    // The reading is the kernel's: the plot's newest point and the "Now:" label follow the
    // tte_ms of the status the view received.
    QSignalSpy updated(v, &CrashPredictorView::status_updated);
    QVERIFY(updated.wait(5000));
    const QJsonObject s = v->status();
    const double tte_s = s.value("tte_ms").toDouble() / 1000.0;
    QCOMPARE(v->plot()->last(), qMin(tte_s, 10.0));
    const QString now = label("crash_predictor_reading");
    if (tte_s >= 60) QVERIFY2(now.startsWith("Now: memory is not falling"), qPrintable(now));
    else QVERIFY2(now.startsWith(QString("Now: %1 s to exhaustion").arg(tte_s, 0, 'f', 1)), qPrintable(now));
    QCOMPARE(label("crash_predictor_last_alarm"), expected_last_alarm(s));
    QVERIFY(!v->confirm_button()->isEnabled());
  }

  void the_box_sets_the_kernels_mode() {
    for (const char* m : {"on", "off", "ask", "off"}) {
      choose_mode(m);
      if (QTest::currentTestFailed()) return;
      QVERIFY(!view()->confirm_button()->isEnabled());  // no alarm: nothing to confirm
    }
  }

  void ask_mode_runs_each_step_only_when_confirmed() {
    CrashPredictorView* v = view();
    choose_mode("ask");
    if (QTest::currentTestFailed()) return;
    const int actions_before = kernel_status().value("actions").toInt();
    const int alarms_before = kernel_status().value("alarms").toInt();
    const qint64 traces_before = newest_trace();

    // The leak runs in the guest while the app watches.
    auto leak = start_leak();
    std::optional<Reply>& run = *leak;

    QTRY_VERIFY_WITH_TIMEOUT(v->confirm_button()->isEnabled() || run.has_value(), 20000);
    QVERIFY2(!run.has_value(), qPrintable("memhog ended without a proposal: " + run->object().value("output").toString()));
    QCOMPARE(v->proposal(), QString("memctl compact"));
    QVERIFY(label("crash_predictor_proposal").contains("memctl compact"));
    QVERIFY(label("crash_predictor_reading").contains("(ALARM)"));
    QCOMPARE(label("crash_predictor_last_alarm"), QString("Alarm now: no allocation failure so far"));
    QTest::qWait(1000);  // a second with the proposal waiting: nothing runs by itself
    QJsonObject waiting = kernel_status();
    QCOMPARE(waiting.value("actions").toInt(), actions_before);
    QCOMPARE(waiting.value("proposal").toString(), QString("memctl compact"));
    QCOMPARE(waiting.value("alarms").toInt(), alarms_before + 1);
    shot(v->parentWidget(), "crash_predictor_box.png");  // the "Crash predictor" group box

    // Confirm each proposal until the one that stops memhog. One click is one step: the
    // button must stay off until the kernel proposes the next one.
    QSignalSpy confirmed(v, &CrashPredictorView::confirmed);
    QStringList clicked;
    while (clicked.isEmpty() || !clicked.last().startsWith("stop pid")) {
      QTRY_VERIFY_WITH_TIMEOUT(v->confirm_button()->isEnabled() || run.has_value(), 10000);
      QVERIFY2(!run.has_value(), qPrintable("memhog ended before its stop was proposed; confirmed: " + clicked.join(", ")));
      QVERIFY2(!clicked.contains(v->proposal()), qPrintable("offered again: " + v->proposal()));
      clicked << v->proposal();
      QTest::mouseClick(v->confirm_button(), Qt::LeftButton);
      QVERIFY(!v->confirm_button()->isEnabled());
      QTRY_VERIFY_WITH_TIMEOUT(confirmed.count() == clicked.size(), 5000);
      QVERIFY2(confirmed.last().at(1).toString().isEmpty(), qPrintable(confirmed.last().at(1).toString()));
      QCOMPARE(confirmed.last().at(0).toString(), clicked.last());  // the kernel confirmed that step
      QVERIFY(clicked.size() <= 4);
    }
    QVERIFY2(clicked.last().endsWith("(memhog)"), qPrintable(clicked.join(", ")));
    QTRY_VERIFY_WITH_TIMEOUT(run.has_value(), 20000);
    QVERIFY(run->ok());
    QVERIFY2(run->object().value("output").toString().contains("memhog-status 137"),  // SIGKILL
             qPrintable(run->object().value("output").toString()));
    // Exactly the confirmed steps ran, in order (the kernel's trace); after the alarm the
    // monitor may give the block caches back what the shrink step took (docs/ai.md).
    QTRY_VERIFY_WITH_TIMEOUT(!kernel_status().value("in_alarm").toBool(), 15000);
    const QStringList taken = actions_taken(traces_before);
    QVERIFY2(taken.size() >= clicked.size(), qPrintable(taken.join(" | ")));
    for (int i = 0; i < taken.size(); ++i) {
      const QString step = taken[i].section(": ", 0, 0);
      if (i < clicked.size()) QVERIFY2(step == clicked[i], qPrintable(taken.join(" | ")));
      else QVERIFY2(step == "regrow block cache", qPrintable(taken.join(" | ")));
    }
    qInfo().noquote() << "confirmed and traced:" << taken.join(" | ");
    const QString stop = taken[clicked.size() - 1];  // why memhog: measured growth, the tte alarm
    QVERIFY2(stop.contains(": done, grew fastest") && stop.endsWith("alarm by tte"), qPrintable(stop));
    // The stop came before memory ran out: no allocation failure followed the alarm (the
    // out-of-memory killer would have been one), and the box says so.
    QJsonObject after = kernel_status();
    QCOMPARE(after.value("last_alarm_lead_ms").toInteger(), qint64(-1));
    QTRY_COMPARE_WITH_TIMEOUT(label("crash_predictor_last_alarm"), expected_last_alarm(kernel_status()), 5000);
    // The kernel survives and the box follows it: the alarm ends, nothing is proposed,
    // memhog is gone.
    QTRY_VERIFY_WITH_TIMEOUT(!v->status().value("in_alarm").toBool(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(label("crash_predictor_proposal"), QString("Nothing proposed"), 5000);
    QVERIFY(!v->confirm_button()->isEnabled());
    QVERIFY(request("sys.ping").ok());
    for (const QJsonValue& p : request("proc.list").object().value("processes").toArray())
      QVERIFY2(p.toObject().value("name").toString() != "memhog", "memhog is still running");
    shot(w_->crash_lab(), "crash_predictor_done.png");
  }

  // Autonomy off: the alarm is only an alarm, memhog runs into the out-of-memory killer, and
  // the box shows how long before the first allocation failure the alarm came.
  void off_mode_alarms_and_shows_the_lead_time() {
    CrashPredictorView* v = view();
    choose_mode("off");
    if (QTest::currentTestFailed()) return;
    const QJsonObject before = kernel_status();
    auto leak = start_leak();
    std::optional<Reply>& run = *leak;
    QTRY_VERIFY_WITH_TIMEOUT(run.has_value(), 56000);
    QVERIFY(run->ok());
    const QString out = run->object().value("output").toString();
    QVERIFY2(out.contains("memhog-status 137"), qPrintable(out));  // killed: the out-of-memory killer
    QTRY_VERIFY_WITH_TIMEOUT(kernel_status().value("last_alarm_lead_ms").toInteger(-1) >= 0, 5000);
    const QJsonObject after = kernel_status();
    QCOMPARE(after.value("alarms").toInt(), before.value("alarms").toInt() + 1);
    QCOMPARE(after.value("actions").toInt(), before.value("actions").toInt());  // off: alarms only
    const qint64 lead = after.value("last_alarm_lead_ms").toInteger();
    // The 6 s threshold alarms seconds ahead (not the ~0.2 s of the default detector).
    QVERIFY2(lead >= 1000 && lead <= 10000, qPrintable(QString::number(lead)));
    QTRY_COMPARE_WITH_TIMEOUT(label("crash_predictor_last_alarm"),
                              QString("Last alarm: %1 ms before the first allocation failure").arg(lead), 5000);
    QVERIFY(request("sys.ping").ok());
    QTRY_VERIFY_WITH_TIMEOUT(!v->status().value("in_alarm").toBool(), 10000);
    qInfo().noquote() << "autonomy off: the alarm came" << lead << "ms before the first allocation failure";
  }
};

QTEST_MAIN(GuiCrashPredictor)
#include "test_gui_crash_predictor.moc"
