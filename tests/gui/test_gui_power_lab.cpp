// The power view and the crash lab's snapshot buttons against a real VM (issue 22), booted on a
// copy of the default disk:
//  - the app reads the host itself while the VM runs: its readings reach the kernel
//    (power.status has metered_mw) and the power graph draws the estimate and the host line,
//    labelled for what the host has (RAPL / amd_energy measurement or the CPU-time model);
//  - Set budget / Clear budget from the app reach the kernel and the graph's budget line;
//    Calibrate from the app fits a model with the app's own host reading;
//  - every dashboard chart, with live data, saves as PNG, SVG and PDF;
//  - crash lab: "Snapshot, then crash" (panic, automatic reboot), then "Restore": the VM has
//    the pre-crash file content and the snapshot's uptime.
// SIS_SCREENSHOT_DIR=dir saves dashboard.png, dashboard-lower.png (scrolled to the last charts),
// power.png and crash_lab.png.
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QScrollArea>
#include <QScrollBar>
#include <QtTest>
#include <qcustomplot.h>

#include "chart_export.h"
#include "client/control_client.h"
#include "crash_panel.h"
#include "dashboard_panel.h"
#include "gui_vm_support.h"
#include "host_power_meter.h"
#include "main_window.h"
#include "power_controls.h"
#include "power_plot.h"
#include "slab_chart.h"
#include "time_chart.h"

using namespace sis::desktop;
using sis::host::Reply;

class GuiPowerLab : public QObject {
  Q_OBJECT
 private:
  MainWindow* w_ = nullptr;
  QTemporaryDir tmp_;
  QString shots_;

  Reply request(const QString& method, const QJsonObject& params = {}) { return test::control_request(w_, method, params); }
  qint64 uptime_ns() { return test::guest_uptime_ns(w_); }
  bool write(const QByteArray& text) { return test::write_guest_file(w_, "/gui-lab.txt", text); }
  QByteArray read() { return test::read_guest_file(w_, "/gui-lab.txt"); }
  void shot(QWidget* widget, const QString& name) {
    if (shots_.isEmpty()) return;
    QTest::qWait(400);  // let a queued replot land
    QVERIFY(widget->grab().save(QDir(shots_).filePath(name)));
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (power lab test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
    qputenv("SIS_SNAPSHOT_DIR", tmp_.filePath("snapshots").toLocal8Bit());
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    test::boot_on_default_disk_copy(tmp_, &w_, QSize(1500, 1000));
    if (QTest::currentTestFailed()) return;
    QVERIFY2(w_->session()->control()->has_capability("power"), "the kernel has the power capability");
  }

  void cleanupTestCase() {
    delete w_;
    QSettings().clear();
  }

  void the_app_reads_the_host_and_the_kernel_gets_it() {
    DashboardPanel* d = w_->dashboard();
    HostPowerMeter* m = d->host_meter();
    QTRY_VERIFY_WITH_TIMEOUT(m->running(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m->sent() >= 3, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(request("power.status").object().contains("metered_mw"), 10000);
    PowerPlot* p = d->power_plot();
    QTRY_VERIFY_WITH_TIMEOUT(p->plot()->graph(PowerPlot::Estimate)->data()->size() > 0 &&
                                 p->plot()->graph(PowerPlot::Host)->data()->size() > 0,
                             20000);
    const QString host = p->plot()->graph(PowerPlot::Host)->name();
    if (m->energy_kind().isEmpty()) {
      // This machine (a VM) has no energy counters: the line and the note say it is a model.
      QCOMPARE(host, QStringLiteral("host CPU-time model (10 W per busy core)"));
      QVERIFY2(p->note_text().contains("not a measurement"), qPrintable(p->note_text()));
      QVERIFY(!m->why_no_energy().isEmpty());
    } else {
      QVERIFY2(host.contains("measured energy"), qPrintable(host));
    }
    QVERIFY2(p->status_text().startsWith("Estimate ") && p->status_text().contains(" W"), qPrintable(p->status_text()));
  }

  void budget_from_the_app_reaches_the_kernel_and_the_graph() {
    DashboardPanel* d = w_->dashboard();
    PowerControls* c = d->power_controls();
    QVERIFY(c->set_button()->isEnabled());
    c->budget_box()->setValue(4.5);
    QTest::mouseClick(c->set_button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c->status_text().contains("Budget 4.50 W set"), 10000);
    QCOMPARE(request("power.status").object().value("budget_mw").toInt(), 4500);
    PowerPlot* p = d->power_plot();
    QTRY_VERIFY_WITH_TIMEOUT(p->plot()->graph(PowerPlot::Budget)->data()->size() > 0, 10000);
    QCOMPARE(p->plot()->graph(PowerPlot::Budget)->name(), QStringLiteral("budget"));
    QTRY_VERIFY_WITH_TIMEOUT(p->status_text().contains("budget 4.500 W"), 5000);
    if (!shots_.isEmpty()) {  // a picture with some history in it (screenshots only)
      QTRY_VERIFY_WITH_TIMEOUT(d->store().now() > 20, 30000);
      d->redraw();
    }
    shot(d, "dashboard.png");
    if (!shots_.isEmpty()) {  // the charts below the fold: network, AI inference time, scheduler latency
      if (auto* scroll = d->findChild<QScrollArea*>()) {
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        shot(d, "dashboard-lower.png");
        scroll->verticalScrollBar()->setValue(0);
      }
    }
    shot(p, "power.png");
    QTest::mouseClick(c->clear_button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c->status_text().contains("Budget cleared"), 10000);
    QVERIFY(!request("power.status").object().contains("budget_mw"));
  }

  void calibration_from_the_app_fits_the_host_reading() {
    PowerControls* c = w_->dashboard()->power_controls();
    QVERIFY(c->calibrate_button()->isEnabled());
    QTest::mouseClick(c->calibrate_button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(c->status_text().startsWith("Calibrating"), 10000);
    QVERIFY(!c->calibrate_button()->isEnabled());
    // settle 1 s + 4 phases of 3 s + the fit, on a loaded host
    QTRY_VERIFY_WITH_TIMEOUT(!c->calibrating(), 60000);
    QVERIFY2(c->status_text().startsWith("Calibrated: P = "), qPrintable(c->status_text()));
    QVERIFY(request("power.status").object().value("model").toObject().value("calibrated").toBool());
  }

  void every_live_chart_saves_png_svg_pdf() {
    DashboardPanel* d = w_->dashboard();
    QTRY_VERIFY_WITH_TIMEOUT(d->slab_chart()->classes_shown() > 0, 20000);
    d->redraw();
    QList<ChartExport*> exports;
    for (TimeChart* c : d->charts()) exports << c->exporter();
    exports << d->slab_chart()->exporter() << d->power_plot()->exporter();
    for (ChartExport* e : exports)
      for (const char* ext : {"png", "svg", "pdf"}) {
        const QString path = tmp_.filePath(QStringLiteral("%1.%2").arg(e->file_stem(), ext));
        QString error;
        QVERIFY2(e->save(path, &error), qPrintable(e->file_stem() + ": " + error));
        QVERIFY2(QFileInfo(path).size() > 1000, qPrintable(path));
      }
  }

  void crash_lab_snapshot_then_crash_and_restore() {
    CrashPanel* lab = w_->crash_lab();
    lab->set_auto_reboot(true);
    QVERIFY(write("before the crash\n"));
    QVERIFY(lab->snapshot_crash_button()->isEnabled());
    QVERIFY(!lab->restore_button()->isEnabled());  // no lab snapshot yet
    lab->snapshot_kind()->setCurrentIndex(lab->snapshot_kind()->findData("panic"));
    QTest::mouseClick(lab->snapshot_crash_button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(lab->timeline().join('\n').contains("snapshot \"crash-lab\" saved"), 60000);
    QVERIFY(lab->has_lab_snapshot());
    const qint64 at_snapshot = w_->session()->snapshots().first().uptime_ns;
    QVERIFY(at_snapshot > 0);
    QTRY_VERIFY_WITH_TIMEOUT(lab->timeline().join('\n').contains("kernel back on the control port"), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 30000);
    QVERIFY(write("after the reboot\n"));
    // The rebooted kernel's uptime runs on past the snapshot's (boot takes as long as it
    // took the first time): a restored uptime between the two can only come from the snapshot.
    qint64 before_restore = 0;
    QTRY_VERIFY_WITH_TIMEOUT((before_restore = uptime_ns()) >= at_snapshot + 5'000'000'000, 60000);

    QTRY_VERIFY_WITH_TIMEOUT(lab->restore_button()->isEnabled(), 10000);
    QTest::mouseClick(lab->restore_button(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(lab->timeline().join('\n').contains("kernel back on the control port (restored)"), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(w_->session()->control_ready(), 30000);
    const qint64 restored = uptime_ns();
    QVERIFY2(restored >= at_snapshot && restored < before_restore,
             qPrintable(QString("uptime %1 ns after restoring a snapshot taken at %2 ns (%3 ns before the restore)")
                            .arg(restored).arg(at_snapshot).arg(before_restore)));
    QCOMPARE(read(), QByteArray("before the crash\n"));
    shot(lab, "crash_lab.png");
  }
};

QTEST_MAIN(GuiPowerLab)
#include "test_gui_power_lab.moc"
