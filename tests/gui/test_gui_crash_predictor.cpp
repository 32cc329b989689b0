// The Crash lab's crash predictor against a real VM (issue 16), booted on a copy of the
// default disk:
//  - the view follows ai.status: the plot fills, its threshold line is the selected
//    detector's (tte: time to exhaustion in seconds, alarm below the line);
//  - ask mode from the app (ai.autonomy): a leaking memhog (512 MiB in a 256 MiB guest)
//    raises an alarm, the view shows the proposed step and enables "Confirm and run"; nothing
//    runs until it is clicked; each click runs exactly that step (ai.confirm), and the last,
//    "stop pid N (memhog)", kills memhog before the out-of-memory killer acts;
//  - the last alarm's lead time is shown.
// SIS_SCREENSHOT_DIR=dir saves crash_predictor_ask.png (a proposal waiting) and
// crash_predictor_done.png.
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "client/control_client.h"
#include "crash_panel.h"
#include "crash_predictor_view.h"
#include "crash_risk_plot.h"
#include "gui_vm_support.h"
#include "main_window.h"

using namespace sis::desktop;
using sis::host::Reply;

class GuiCrashPredictor : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;

  Reply request(const QString& method, const QJsonObject& params = {}) { return test::control_request(w_, method, params); }
  void shot(QWidget* widget, const QString& name) {
    if (shots_.isEmpty()) return;
    QVERIFY(widget->grab().save(QDir(shots_).filePath(name)));
  }
  // The actions (not proposals) the kernel traced, newest last.
  QStringList actions_taken() {
    QStringList out;
    for (const QJsonValue& v : request("trace.list", {{"recent", 64}}).object().value("records").toArray()) {
      QJsonObject r = v.toObject();
      if (r.value("kind").toString() == "action" && !r.value("action").toString().startsWith("propose "))
        out << r.value("action").toString();
    }
    return out;
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

  void the_view_follows_the_detector_and_its_threshold() {
    CrashPredictorView* v = w_->crash_lab()->predictor();
    QVERIFY(request("shell.exec", {{"command", "autoctl detector tte 6000"}}).ok());
    QTRY_VERIFY_WITH_TIMEOUT(v->status().value("tte_threshold_ms").toInt() == 6000, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(v->plot()->count() >= 4, 10000);
    QCOMPARE(v->plot()->threshold(), 6.0);  // seconds to exhaustion
    QVERIFY(v->findChild<QLabel*>("crash_predictor_detector")->text().contains("6000"));
    QVERIFY(!v->confirm_button()->isEnabled());
  }

  void ask_mode_runs_each_step_only_when_confirmed() {
    CrashPredictorView* v = w_->crash_lab()->predictor();
    QComboBox* mode = v->mode_box();
    int ask = mode->findData("ask");
    mode->setCurrentIndex(ask);
    emit mode->activated(ask);  // as a user's choice does
    QTRY_COMPARE_WITH_TIMEOUT(v->status().value("autonomy_mode").toString(), QString("ask"), 10000);
    const int actions_before = v->status().value("actions").toInt();

    // The leak runs in the guest while the app watches (the reply comes when memhog ends).
    std::optional<Reply> run;
    w_->session()->control()->request(
        "shell.exec",
        {{"command", "procctl run /bin/busybox sh -c \"/bin/memhog 512 40; echo memhog-status $?\""}, {"timeout_ms", 110000}},
        [&](const Reply& r) { run = r; }, 120000);

    QTRY_VERIFY_WITH_TIMEOUT(v->confirm_button()->isEnabled(), 60000);
    QCOMPARE(v->proposal(), QString("memctl compact"));
    QVERIFY(v->findChild<QLabel*>("crash_predictor_proposal")->text().contains("memctl compact"));
    QTest::qWait(1000);  // a second with the proposal waiting: nothing runs by itself
    QCOMPARE(v->status().value("actions").toInt(), actions_before);
    shot(w_->crash_lab(), "crash_predictor_ask.png");

    // Confirm each proposal until the one that stops memhog.
    QSignalSpy confirmed(v, &CrashPredictorView::confirmed);
    QStringList clicked;
    while (clicked.isEmpty() || !clicked.last().startsWith("stop pid")) {
      QTRY_VERIFY_WITH_TIMEOUT(v->confirm_button()->isEnabled() || run.has_value(), 30000);
      QVERIFY2(!run.has_value(), qPrintable("memhog ended before its stop was proposed; confirmed: " + clicked.join(", ")));
      clicked << v->proposal();
      QTest::mouseClick(v->confirm_button(), Qt::LeftButton);
      QTRY_VERIFY_WITH_TIMEOUT(confirmed.count() == clicked.size(), 10000);
      QVERIFY2(confirmed.last().at(1).toString().isEmpty(), qPrintable(confirmed.last().at(1).toString()));
      QVERIFY(clicked.size() <= 4);
    }
    QVERIFY2(clicked.last().endsWith("(memhog)"), qPrintable(clicked.join(", ")));
    QTRY_VERIFY_WITH_TIMEOUT(run.has_value(), 60000);
    QVERIFY(run->ok());
    QVERIFY2(run->object().value("output").toString().contains("memhog-status 137"),
             qPrintable(run->object().value("output").toString()));
    // Exactly the confirmed steps ran, in order, and the last stopped memhog (not the
    // out-of-memory killer: its action is in the trace).
    QStringList taken = actions_taken();
    QVERIFY2(taken.size() >= clicked.size(), qPrintable(taken.join(", ")));
    QCOMPARE(taken.mid(taken.size() - clicked.size()), clicked);
    QTRY_VERIFY_WITH_TIMEOUT(v->findChild<QLabel*>("crash_predictor_last_alarm")->text().startsWith("Last alarm"), 5000);
    shot(w_->crash_lab(), "crash_predictor_done.png");
  }
};

QTEST_MAIN(GuiCrashPredictor)
#include "test_gui_crash_predictor.moc"
