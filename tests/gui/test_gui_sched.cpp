// The learned scheduler in the app (issue 17) against a real VM, booted on a copy of the
// default disk:
//  - the dashboard's Scheduler latency chart gets the `sched` group's wake_p99_us /
//    wake_p50_us samples, in microseconds, under the default policy (baseline);
//  - choosing "learned" in its policy box runs `schedctl policy learned`: the kernel runs
//    the learned policy, the chart's title and legend name it and a marker labelled
//    "learned" stands at the switch;
//  - the Traces tab's scheduler view is empty under baseline and fills with the
//    sched-learned hints (thread, criticality, slice) after the switch, and those records
//    stay out of the crash predictor's view.
// SIS_SCREENSHOT_DIR=dir saves sched_latency_chart.png, sched_cell.png (the chart with its
// policy box, as on the dashboard) and traces_scheduler.png there.
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

#include "chart_export.h"
#include "dashboard_panel.h"
#include "gui_vm_support.h"
#include "main_window.h"
#include "sched_hints_view.h"
#include "sched_latency_chart.h"
#include "sched_policy_box.h"
#include "traces_panel.h"

using namespace sis::desktop;
using sis::host::Reply;

class GuiSched : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;
  double switched_at_ = -1;

  Reply shell(const QString& command) { return test::control_request(w_, "shell.exec", {{"command", command}}); }
  SchedLatencyChart* chart() { return w_->dashboard()->sched_latency_chart(); }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (sched test)");
    QSettings().clear();
    QSettings().setValue("dashboard/window_index", 0);  // the last 30 s: the test's whole run fills the chart
    QVERIFY(tmp_.isValid());
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    test::boot_on_default_disk_copy(tmp_, &w_, QSize(1500, 1000));
    if (QTest::currentTestFailed()) return;
    w_->show_dock("dashboard");
    QVERIFY2(w_->session()->control()->has_capability("shell"), "the kernel has shell.exec");
  }

  void cleanupTestCase() {
    delete w_;
    QSettings().clear();
  }

  void the_latency_chart_gets_samples_under_the_default_policy() {
    DashboardPanel* d = w_->dashboard();
    QTRY_VERIFY_WITH_TIMEOUT(d->store().has_series("sched.wake_p99_us"), 20000);
    QVERIFY(d->store().has_series("sched.wake_p50_us"));
    QVERIFY(d->store().last_value("sched.wake_window_samples") > 0);
    QVERIFY(d->store().last_value("sched.wake_p99_us") >= d->store().last_value("sched.wake_p50_us"));
    QTRY_VERIFY_WITH_TIMEOUT(chart()->content_shown() && chart()->drawn_points(0) > 0 && chart()->drawn_points(1) > 0, 10000);
    QCOMPARE(chart()->y_axis()->titleText(), QStringLiteral("µs"));
    QCOMPARE(chart()->policy(), QStringLiteral("baseline"));
    QVERIFY2(chart()->chart()->title().contains("baseline"), qPrintable(chart()->chart()->title()));
    QCOMPARE(chart()->marker_count(), 0);  // no switch yet
    // The policy box lists the kernel's policies and shows the one it runs.
    SchedPolicyBox* box = d->sched_policy_box();
    QTRY_VERIFY_WITH_TIMEOUT(box->policies().contains("learned"), 10000);
    QVERIFY(box->policies().contains("eevdf"));
    QVERIFY(box->combo()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(box->combo()->currentData().toString(), QStringLiteral("baseline"), 5000);
    // No learned hints under baseline: the Traces scheduler view is empty.
    QCOMPARE(w_->traces()->scheduler_view()->rows(), 0);
  }

  void choosing_learned_switches_the_kernel_and_the_chart_follows() {
    DashboardPanel* d = w_->dashboard();
    SchedPolicyBox* box = d->sched_policy_box();
    const int i = box->combo()->findData("learned");
    QVERIFY(i >= 0);
    QTest::qWait(3000);  // a few seconds of baseline before the marker
    switched_at_ = d->store().now();
    box->combo()->setCurrentIndex(i);
    emit box->combo()->activated(i);  // what a user's choice in the box emits
    QTRY_VERIFY_WITH_TIMEOUT(box->status_text().contains("policy learned"), 15000);
    const Reply r = shell("schedctl policy");
    QVERIFY(r.ok());
    QVERIFY2(r.object().value("output").toString().startsWith("policy learned"), qPrintable(r.object().value("output").toString()));
    // The metrics stream says so, and the chart names it and marks the switch.
    QTRY_COMPARE_WITH_TIMEOUT(d->store().last_text("sched.policy"), QStringLiteral("learned"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(chart()->policy(), QStringLiteral("learned"), 5000);
    QVERIFY2(chart()->chart()->title().contains("learned"), qPrintable(chart()->chart()->title()));
    bool legend_names_it = false;
    for (QAbstractSeries* s : chart()->chart()->series())
      legend_names_it = legend_names_it || (s->name().startsWith("p99") && s->name().contains("learned"));
    QVERIFY(legend_names_it);
    QTRY_COMPARE_WITH_TIMEOUT(chart()->marker_count(), 1, 5000);
    QCOMPARE(chart()->marker_label(0), QStringLiteral("learned"));
    QCOMPARE(chart()->start_label(), QStringLiteral("baseline"));
    QVERIFY2(chart()->marker_time(0) >= switched_at_ - 0.5, qPrintable(QString::number(chart()->marker_time(0))));
    // The learned policy's own window fills: latency samples keep coming after the switch.
    QTRY_VERIFY_WITH_TIMEOUT(d->store().text_changes("sched.policy", switched_at_).size() == 1 &&
                                 d->store().decimated("sched.wake_p99_us", chart()->marker_time(0) + 0.2, 600).size() > 3,
                             15000);
    QCOMPARE(box->combo()->currentData().toString(), QStringLiteral("learned"));
    if (!shots_.isEmpty()) {
      QTest::qWait(6000);  // some learned-policy latency on the picture
      d->redraw();
      QString error;
      QVERIFY2(chart()->exporter()->save(QDir(shots_).filePath("sched_latency_chart.png"), &error, QSize(1000, 420)),
               qPrintable(error));
      QVERIFY(chart()->parentWidget()->grab().save(QDir(shots_).filePath("sched_cell.png")));  // with the policy box
    }
  }

  void the_traces_scheduler_view_shows_the_learned_hints() {
    TracesPanel* t = w_->traces();
    w_->show_dock("traces");
    t->show_view(TracesPanel::Scheduler);
    SchedHintsView* v = t->scheduler_view();
    QVERIFY(v->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(v->rows() >= 5, 15000);
    for (int row = 0; row < 5; ++row) {
      QCOMPARE(v->cell(row, SchedHintsView::Policy), QStringLiteral("learned"));
      QVERIFY(v->cell(row, SchedHintsView::Thread).toInt() > 0);
      const int crit = v->cell(row, SchedHintsView::Critical).toInt();
      QVERIFY2(crit >= 0 && crit <= 100, qPrintable(v->cell(row, SchedHintsView::Critical)));
      const int slice = v->cell(row, SchedHintsView::Slice).toInt();
      QVERIFY2(slice >= 100 && slice <= 3000, qPrintable(v->cell(row, SchedHintsView::Slice)));  // 0.1-3 ms
      QVERIFY(!v->cell(row, SchedHintsView::Burst).isEmpty());
    }
    // The decisions view keeps the crash predictor's records: no sched-learned row there.
    t->show_view(TracesPanel::Decisions);
    int decision_tables = 0;
    for (QTableView* table : t->findChildren<QTableView*>()) {
      if (table == v->table()) continue;
      ++decision_tables;
      for (int row = 0; row < table->model()->rowCount(); ++row)  // column 2: the model
        QVERIFY(table->model()->index(row, 2).data().toString() != "sched-learned");
    }
    QCOMPARE(decision_tables, 1);
    t->show_view(TracesPanel::Scheduler);
    if (!shots_.isEmpty()) {
      QTest::qWait(500);
      v->table()->selectRow(v->rows() - 1);
      QVERIFY(w_->grab().save(QDir(shots_).filePath("traces_scheduler.png")));
    }
  }

  // Back to the default through the box, so a reused kernel is left as it was found.
  void switching_back_to_baseline_adds_a_second_marker() {
    SchedPolicyBox* box = w_->dashboard()->sched_policy_box();
    w_->show_dock("dashboard");
    QVERIFY(box->switch_to("baseline"));
    QTRY_COMPARE_WITH_TIMEOUT(chart()->policy(), QStringLiteral("baseline"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(chart()->marker_count(), 2, 5000);
    QCOMPARE(chart()->marker_label(1), QStringLiteral("baseline"));
  }
};

QTEST_MAIN(GuiSched)
#include "test_gui_sched.moc"
