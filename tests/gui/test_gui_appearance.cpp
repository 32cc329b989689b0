// SIS Control Center looks right on other desktops: it follows the application palette (a
// dark system theme included: the welcome page turns dark with light text, and back when the
// palette changes while it runs), and it renders at the screen's scale (QT_SCALE_FACTOR, run
// at 1 as gui.appearance and at 2 as gui.appearance_scale2): the window's pixels, the SVG
// icons and the plots' buffers scale with it instead of being blown up from 1x.
// The charts follow it too (chart_theme.h): QtCharts and QCustomPlot backgrounds, axes and
// texts turn dark with the palette and light again.
// SIS_SCREENSHOT_DIR=dir saves welcome-dark.png and charts-dark.png (and the same at scale 2
// with "-scale2").
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QtTest>
#include <qcustomplot.h>

#include "main_window.h"
#include "metrics_store.h"
#include "power_plot.h"
#include "slab_chart.h"
#include "vm_session.h"
#include "time_chart.h"
#include "welcome_page.h"

using namespace sis::desktop;

namespace {

// A dark palette such as a dark desktop theme hands to Qt applications.
QPalette dark_palette() {
  QPalette p;
  const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe8, 0xe8, 0xe8);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
  return p;
}

// The share of an image's pixels darker than half grey.
double dark_share(const QImage& image) {
  qint64 dark = 0, all = 0;
  for (int y = 0; y < image.height(); y += 4)
    for (int x = 0; x < image.width(); x += 4, ++all)
      if (qGray(image.pixel(x, y)) < 128) ++dark;
  return all ? double(dark) / double(all) : 0;
}

QString suffix() {
  const QString s = qEnvironmentVariable("QT_SCALE_FACTOR");
  return s.isEmpty() || s == "1" ? QString() : "-scale" + s;
}

void shoot(QWidget* w, const QString& name) {
  const QString dir = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QVERIFY(w->grab().save(QDir(dir).filePath(name + suffix() + ".png")));
}

}  // namespace

class GuiAppearance : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (appearance test)");
    QSettings().clear();
  }
  void cleanupTestCase() { QSettings().clear(); }

  void follows_a_dark_palette_and_a_change_back() {
    const QPalette light = QApplication::palette();
    QApplication::setPalette(dark_palette());
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.welcome_shown());
    QTest::qWait(100);
    const QImage dark = w.welcome()->grab().toImage();
    QVERIFY2(dark_share(dark) > 0.8, qPrintable(QString("only %1 of the welcome page is dark").arg(dark_share(dark))));
    // Text in the palette's colour: the title is light on the dark page.
    auto* title = w.welcome()->findChildren<QLabel*>().first();
    QVERIFY(title->palette().color(QPalette::WindowText).lightness() > 200);
    shoot(&w, "welcome-dark");

    QApplication::setPalette(light);  // the desktop switches back while the app runs
    QTRY_VERIFY2(dark_share(w.welcome()->grab().toImage()) < 0.2, "the welcome page follows the light palette again");
  }

  void charts_follow_a_dark_palette_and_a_change_back() {
    const QPalette light = QApplication::palette();
    QApplication::setPalette(dark_palette());
    // The three kinds of chart (QtCharts lines, QtCharts bars, QCustomPlot), with data.
    QWidget page;
    auto* row = new QHBoxLayout(&page);
    auto* memory = new TimeChart("Memory", "MiB", 1048576.0, {{"mem.used_bytes", "used"}}, &page, "memory");
    VmSession session;  // no VM: the slab chart only needs something to watch
    auto* slab = new SlabChart(&session, &page);
    auto* power = new PowerPlot(&page);
    row->addWidget(memory);
    row->addWidget(slab);
    row->addWidget(power);
    MetricsStore store;
    for (int i = 0; i < 200; ++i)
      store.add_sample_at(i * 0.05,
                          QJsonObject{{"seq", i},
                                      {"mem", QJsonObject{{"used_bytes", 8e6 + 1e5 * i}}},
                                      {"power", QJsonObject{{"estimated_w", 1.0 + 0.001 * i}}}},
                          qint64(i) * 50000000);
    memory->refresh(store, 0, 10, true, 600);
    power->refresh(store, 0, 10, true, 600);
    slab->show_content();
    page.resize(1500, 420);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTest::qWait(100);
    auto* memory_view = memory->findChild<QChartView*>();
    auto* slab_view = slab->findChild<QChartView*>();
    auto* plot = power->findChild<QCustomPlot*>();
    QVERIFY(memory_view && slab_view && plot);
    for (QWidget* chart : std::initializer_list<QWidget*>{memory_view, slab_view, plot}) {
      const double share = dark_share(chart->grab().toImage());
      QVERIFY2(share > 0.7, qPrintable(QString("%1: only %2 of it is dark").arg(chart->metaObject()->className()).arg(share)));
    }
    // Axis labels and titles in the palette's light text colour, not QtCharts' dark grey.
    const QColor text = dark_palette().color(QPalette::Text);
    QCOMPARE(memory_view->chart()->titleBrush().color(), text);
    for (QAbstractAxis* axis : memory_view->chart()->axes()) QCOMPARE(axis->labelsColor(), text);
    QCOMPARE(plot->xAxis->tickLabelColor(), text);
    shoot(&page, "charts-dark");

    QApplication::setPalette(light);  // and back, while they show
    for (QWidget* chart : std::initializer_list<QWidget*>{memory_view, slab_view, plot})
      QTRY_VERIFY2(dark_share(chart->grab().toImage()) < 0.2, chart->metaObject()->className());
  }

  void renders_at_the_screen_scale() {
    const double scale = qEnvironmentVariable("QT_SCALE_FACTOR", "1").toDouble();
    MainWindow w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.devicePixelRatioF(), scale);
    const QPixmap picture = w.grab();
    QCOMPARE(picture.devicePixelRatio(), scale);
    QCOMPARE(picture.size(), (QSizeF(w.size()) * scale).toSize());  // real pixels, not an upscaled 1x image
    // The SVG icons render at the device pixel ratio: a 22-point toolbar icon has 44 pixels at 2x.
    const QPixmap icon = w.action("start")->icon().pixmap(QSize(22, 22), scale);
    QCOMPARE(icon.size(), (QSizeF(22, 22) * scale).toSize());
    // QCustomPlot draws into a buffer at the same ratio (crisp lines and text).
    for (QCustomPlot* plot : w.findChildren<QCustomPlot*>()) QCOMPARE(plot->bufferDevicePixelRatio(), scale);
    w.show_dock("dashboard");
    QTest::qWait(100);
    shoot(&w, "welcome");
  }
};

QTEST_MAIN(GuiAppearance)
#include "test_gui_appearance.moc"
