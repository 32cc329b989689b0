// Every dashboard chart without a VM (issue 22): nice tick steps (1, 2, 5 x 10^n), axes with
// units over the whole time window from the start, legends in words (no identifiers), Save
// image as PNG, SVG and PDF and Copy to the clipboard for each chart, and the power graph's
// three labelled lines, its honest host label and "no sample yet" before the first estimate.
// Test data lives in the test only: the app never invents numbers. SIS_SCREENSHOT_DIR=dir
// saves each chart's PNG and the dashboard there.
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMimeData>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>
#include <QValueAxis>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

#include "chart_export.h"
#include "chart_ticks.h"
#include "dashboard_panel.h"
#include "main_window.h"
#include "metrics_store.h"
#include "power_plot.h"
#include "sched_latency_chart.h"
#include "slab_chart.h"
#include "time_chart.h"

using namespace sis::desktop;

namespace {

// `n` samples at 20 Hz from host time 0: memory up to 9.73 MiB, the power estimate, a budget.
void feed(MetricsStore& store, int n, bool with_power) {
  for (int i = 0; i < n; ++i) {
    QJsonObject sample{{"seq", i},
                       {"mem", QJsonObject{{"used_bytes", 9.73 * 1048576 * (i + 1) / n}, {"slab_bytes", 1048576.0}}},
                       {"sched", QJsonObject{{"context_switches", i * 10.0}, {"runnable", 1}, {"threads", 7}}}};
    if (with_power) sample.insert("power", QJsonObject{{"estimated_w", 1.2 + 0.4 * std::sin(i / 20.0)}, {"budget_w", 1.5}});
    store.add_sample_at(i * 0.05, sample, qint64(i) * 50000000);
    if (with_power && i % 10 == 0) store.add_value_at(i * 0.05, PowerPlot::kHostKey, 1.6 + 0.2 * std::cos(i / 15.0));
  }
}

bool is_multiple(double v, double step) { return std::fabs(v / step - std::round(v / step)) < 1e-6; }

}  // namespace

class GuiCharts : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (chart test)");
    QSettings().clear();
  }

  void nice_steps_are_one_two_or_five_times_a_power_of_ten() {
    QCOMPARE(nice_step(1.946), 2.0);
    QCOMPARE(nice_step(0.3), 0.5);
    QCOMPARE(nice_step(2.0), 2.0);
    QCOMPARE(nice_step(2.5), 5.0);
    QCOMPARE(nice_step(7.3), 10.0);
    QCOMPARE(nice_step(0.0004), 0.0005);
    QCOMPARE(nice_step(0), 1.0);
    // The case the issue names: 0 .. 9.73 gave ticks 9.73 / 7.3 / 4.86.
    const NiceScale s = nice_scale(0, 9.73, 5);
    QCOMPARE(s.lo, 0.0);
    QCOMPARE(s.hi, 10.0);
    QCOMPARE(s.step, 2.0);
    QCOMPARE(label_format(s), QStringLiteral("%.0f"));
    const NiceScale small = nice_scale(0, 0.73, 5);
    QCOMPARE(small.step, 0.2);
    QCOMPARE(small.hi, 0.8);
    QCOMPARE(small.decimals, 1);
    const NiceScale neg = nice_scale(-3.2, 41, 6);
    QCOMPARE(neg.step, 10.0);
    QCOMPARE(neg.lo, -10.0);
    QCOMPARE(neg.hi, 50.0);
    const NiceScale flat = nice_scale(5, 5, 5);
    QVERIFY(flat.hi > flat.lo);
    QCOMPARE(nice_scale(NAN, 1).hi, 1.0);
  }

  void time_charts_show_units_nice_ticks_the_whole_window_and_words() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    DashboardPanel* d = w.dashboard();
    feed(d->store(), 200, false);  // 10 s of samples into a one-minute window
    for (TimeChart* c : d->charts()) c->refresh(d->store(), 0, 60, true, DashboardPanel::kMaxPoints);
    TimeChart* mem = d->charts().first();
    QVERIFY(mem->content_shown());
    QCOMPARE(mem->y_axis()->titleText(), QStringLiteral("MiB"));
    QCOMPARE(mem->x_axis()->titleText(), QStringLiteral("time since start (s)"));
    QCOMPARE(mem->y_axis()->tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(mem->y_axis()->tickInterval(), 2.0);
    QCOMPARE(mem->y_axis()->min(), 0.0);
    QCOMPARE(mem->y_axis()->max(), 10.0);
    // The whole window from the start: 0 .. 60 s while only 10 s have samples, ticks every 10 s.
    QCOMPARE(mem->x_axis()->min(), 0.0);
    QCOMPARE(mem->x_axis()->max(), 60.0);
    QCOMPARE(mem->x_axis()->tickInterval(), 10.0);
    QVERIFY(mem->drawn_points(0) > 0);
    for (TimeChart* c : d->charts()) {
      QVERIFY2(!c->y_axis()->titleText().isEmpty(), qPrintable(c->title()));
      const double step = c->y_axis()->tickInterval();
      QVERIFY2(is_multiple(step / std::pow(10, std::floor(std::log10(step))), 1) ||
                   is_multiple(step / std::pow(10, std::floor(std::log10(step))), 2) ||
                   is_multiple(step / std::pow(10, std::floor(std::log10(step))), 5),
               qPrintable(c->title()));
      for (QAbstractSeries* s : c->view()->chart()->series()) {
        QVERIFY2(!s->name().contains('_') && !s->name().contains('.'), qPrintable(s->name()));
      }
    }
  }

  void network_and_inference_time_charts_use_the_kernels_counters_and_model_latencies() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    DashboardPanel* d = w.dashboard();
    // 10 KiB received and 2 KiB sent per 50 ms sample: 200 and 40 KiB/s.
    for (int i = 0; i < 40; ++i) {
      QJsonObject sample{{"seq", i},
                         {"net", QJsonObject{{"rx_bytes", 10240.0 * i}, {"tx_bytes", 2048.0 * i}}},
                         {"ai", QJsonObject{{"crash_predictor", QJsonObject{{"mean_ns", 4500}, {"p99_ns", 12000}}},
                                            {"alarms", i < 20 ? 0 : 1}, {"in_alarm", i >= 20 && i < 30},
                                            {"last_alarm_lead_ms", i < 30 ? -1 : 1875}}}};
      d->store().add_sample_at(i * 0.05, sample, qint64(i) * 50000000);
    }
    // The AI chart's lead-time line: the alarm's lead once a failure followed it.
    QCOMPARE(d->ai_lead_text(), QStringLiteral("Last alarm: 1875 ms before the first allocation failure"));
    QCOMPARE(d->store().last_value("net.rx_bytes_per_s", -1), 204800.0);
    QCOMPARE(d->store().last_value("net.tx_bytes_per_s", -1), 40960.0);
    TimeChart* net = nullptr;
    TimeChart* latency = nullptr;
    for (TimeChart* c : d->charts()) {
      c->refresh(d->store(), 0, 60, true, DashboardPanel::kMaxPoints);
      if (c->title() == "Network") net = c;
      if (c->title() == "AI: inference time per model") latency = c;
    }
    QVERIFY(net && latency);
    QCOMPARE(net->y_axis()->titleText(), QStringLiteral("KiB/s"));
    QVERIFY(net->content_shown());
    QVERIFY(net->drawn_points(0) > 0);
    QVERIFY2(net->y_axis()->max() >= 200 && net->y_axis()->max() <= 250, qPrintable(QString::number(net->y_axis()->max())));
    QCOMPARE(latency->y_axis()->titleText(), QString::fromUtf8("µs"));
    QVERIFY(latency->drawn_points(1) > 0);
    QVERIFY2(latency->y_axis()->max() >= 12 && latency->y_axis()->max() <= 20,
             qPrintable(QString::number(latency->y_axis()->max())));
  }

  // The scheduler latency chart: microseconds, the policy in title and legend, and a labelled
  // marker where the sched group's policy changed (and none where sampling began).
  void sched_latency_chart_names_the_policy_and_marks_a_switch() {
    SchedLatencyChart chart;
    chart.resize(900, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    MetricsStore store;
    for (int i = 0; i < 200; ++i) {
      const bool learned = i >= 120;
      const double p99 = learned ? 180.5 : 412.25, p50 = learned ? 35.0 : 61.5;
      store.add_sample_at(i * 0.05,
                          QJsonObject{{"seq", i},
                                      {"sched", QJsonObject{{"policy", learned ? "learned" : "baseline"},
                                                            {"wake_window_samples", 2048},
                                                            {"wake_p99_us", p99},
                                                            {"wake_p50_us", p50}}}},
                          qint64(i) * 50000000);
    }
    chart.refresh(store, 0, 30, true, 600);
    QVERIFY(chart.content_shown());
    QCOMPARE(chart.y_axis()->titleText(), QStringLiteral("µs"));
    QCOMPARE(chart.y_axis()->min(), 0.0);
    QCOMPARE(chart.y_axis()->max(), 500.0);
    QCOMPARE(chart.y_axis()->tickInterval(), 100.0);
    QCOMPARE(chart.policy(), QStringLiteral("learned"));
    QVERIFY2(chart.view()->chart()->title().contains("learned"), qPrintable(chart.view()->chart()->title()));
    QCOMPARE(chart.marker_count(), 1);
    QCOMPARE(chart.marker_label(0), QStringLiteral("learned"));
    QCOMPARE(chart.marker_time(0), 120 * 0.05);
    QCOMPARE(chart.start_label(), QStringLiteral("baseline"));  // what ran before the marker
    QStringList names;
    for (QAbstractSeries* s : chart.view()->chart()->series()) {
      QVERIFY2(!s->name().contains('_') && !s->name().contains('.'), qPrintable(s->name()));
      names << s->name();
    }
    QCOMPARE(names, QStringList({"p99 (learned)", "median (learned)", "policy learned"}));
    // A window that starts after the switch has no marker; the policy is still known.
    chart.refresh(store, 8, 38, true, 600);
    QCOMPARE(chart.marker_count(), 0);
    QCOMPARE(chart.start_label(), QString());
    QCOMPARE(chart.policy(), QStringLiteral("learned"));
    // Saved and copied like every chart.
    QTemporaryDir dir;
    QString error;
    QVERIFY2(chart.exporter()->save(dir.filePath("sched.svg"), &error), qPrintable(error));
    QVERIFY(QFile(dir.filePath("sched.svg")).size() > 1000);
  }

  void power_plot_draws_three_labelled_lines_in_watts() {
    PowerPlot plot;
    plot.resize(900, 420);
    plot.show();
    MetricsStore store;
    // The kernel has the power group but no estimate yet: "no sample yet", never 0.000 W.
    store.add_sample_at(0, QJsonObject{{"seq", 0}, {"power", QJsonObject{}}}, 1);
    plot.refresh(store, 0, 60, true, 600);
    QVERIFY(plot.content_shown());
    QVERIFY2(plot.status_text().contains("no sample yet"), qPrintable(plot.status_text()));
    QVERIFY(!plot.status_text().contains("0.000"));
    QVERIFY2(plot.note_text().contains("No host reading yet"), qPrintable(plot.note_text()));

    MetricsStore live;
    feed(live, 400, true);
    plot.set_host_source("cpu-time", "no RAPL zones");
    plot.refresh(live, 0, 60, true, 600);
    QCustomPlot* p = plot.plot();
    QCOMPARE(p->graphCount(), 3);
    QCOMPARE(p->yAxis->label(), QStringLiteral("power (W)"));
    QCOMPARE(p->graph(PowerPlot::Estimate)->name(), QStringLiteral("kernel estimate (model)"));
    QCOMPARE(p->graph(PowerPlot::Host)->name(), QStringLiteral("host CPU-time model (10 W per busy core)"));
    QCOMPARE(p->graph(PowerPlot::Budget)->name(), QStringLiteral("budget"));
    for (int i = 0; i < 3; ++i) QVERIFY2(p->graph(i)->data()->size() > 0, qPrintable(p->graph(i)->name()));
    QVERIFY2(plot.note_text().contains("a model, not a measurement"), qPrintable(plot.note_text()));
    QVERIFY(plot.note_text().contains("No energy counters on this host"));
    QVERIFY2(plot.status_text().startsWith("Estimate ") && plot.status_text().contains(" W"), qPrintable(plot.status_text()));
    QVERIFY(plot.status_text().contains("budget 1.500 W"));
    // Nice y range: the highest value (1.8 W host) up to 2 W, ticks 0.5 apart; x: the window.
    QCOMPARE(p->yAxis->range().lower, 0.0);
    QCOMPARE(p->yAxis->range().upper, 2.0);
    QCOMPARE(p->xAxis->range().lower, 0.0);
    QCOMPARE(p->xAxis->range().upper, 60.0);
    p->replot();
    const QVector<double> ticks = p->yAxis->tickVector();
    QVERIFY(ticks.size() >= 3);
    const double step = ticks[1] - ticks[0];
    QVERIFY2(std::fabs(step - 0.5) < 1e-9 || std::fabs(step - 0.2) < 1e-9, qPrintable(QString::number(step)));
    // Measured energy: the label says so and the note goes.
    plot.set_host_source("rapl");
    QCOMPARE(p->graph(PowerPlot::Host)->name(), QStringLiteral("host: QEMU's share of measured energy (RAPL)"));
    QVERIFY(plot.note_text().isEmpty());
    // No budget: the line stays in the legend, called off, with nothing drawn.
    MetricsStore no_budget;
    no_budget.add_sample_at(0, QJsonObject{{"seq", 0}, {"power", QJsonObject{{"estimated_w", 1.0}}}}, 1);
    plot.refresh(no_budget, 0, 60, true, 600);
    QCOMPARE(p->graph(PowerPlot::Budget)->name(), QStringLiteral("budget (off)"));
    QCOMPARE(p->graph(PowerPlot::Budget)->data()->size(), 0);
    QVERIFY(plot.status_text().contains("budget off"));
  }

  void every_chart_saves_png_svg_pdf_and_copies_to_the_clipboard() {
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    DashboardPanel* d = w.dashboard();
    feed(d->store(), 200, true);
    for (TimeChart* c : d->charts()) c->refresh(d->store(), 0, 60, true, DashboardPanel::kMaxPoints);
    d->power_plot()->refresh(d->store(), 0, 60, true, DashboardPanel::kMaxPoints);
    QList<ChartExport*> exports;
    for (TimeChart* c : d->charts()) exports << c->exporter();
    exports << d->slab_chart()->exporter() << d->power_plot()->exporter();
    // memory, scheduler, block, AI risk, AI inference time, network, scheduler latency, slab, power
    QCOMPARE(exports.size(), 9);
    QTemporaryDir dir;
    QSet<QString> stems;
    for (ChartExport* e : exports) {
      QVERIFY(e);
      stems.insert(e->file_stem());
      QVERIFY2(e->save_button() && e->copy_button(), qPrintable(e->file_stem()));
      QVERIFY(!e->save_button()->accessibleName().isEmpty());
      for (const char* ext : {"png", "svg", "pdf"}) {
        const QString path = dir.filePath(QStringLiteral("%1.%2").arg(e->file_stem(), ext));
        QString error;
        QVERIFY2(e->save(path, &error, QSize(640, 360)), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(4096);
        if (QByteArray(ext) == "png") QVERIFY(head.startsWith("\x89PNG"));
        if (QByteArray(ext) == "pdf") QVERIFY(head.startsWith("%PDF-"));
        if (QByteArray(ext) == "svg") QVERIFY(head.contains("<svg"));
      }
      QImage png(dir.filePath(e->file_stem() + ".png"));
      QCOMPARE(png.size(), QSize(640, 360));
      QSet<QRgb> colours;  // not blank: axes, text, lines
      for (int y = 0; y < png.height(); y += 3)
        for (int x = 0; x < png.width(); x += 3) colours.insert(png.pixel(x, y));
      QVERIFY2(colours.size() > 10, qPrintable(e->file_stem()));
      QGuiApplication::clipboard()->clear();
      e->copy_button()->click();
      const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
      QVERIFY2(mime && mime->hasImage(), qPrintable(e->file_stem()));
      QVERIFY(!qvariant_cast<QImage>(mime->imageData()).isNull());
      QVERIFY(mime->data("image/svg+xml").contains("<svg"));
      QString error;
      QVERIFY(!e->save(dir.filePath("x.bmpx"), &error));
      QVERIFY(error.contains("unknown image format"));
    }
    QCOMPARE(stems.size(), 9);  // nine different file names
    const QString shots = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
      QDir().mkpath(shots);
      for (ChartExport* e : exports) QFile::copy(dir.filePath(e->file_stem() + ".png"), QDir(shots).filePath(e->file_stem() + ".png"));
      QVERIFY(d->grab().save(QDir(shots).filePath("dashboard-offline.png")));
    }
  }
};

QTEST_MAIN(GuiCharts)
#include "test_gui_charts.moc"
