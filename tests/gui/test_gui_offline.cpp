// SIS Control Center without a VM: the window and its docks, settings that persist, the power
// graph's Save image in every format, the terminal parser, metrics decimation, and the
// "not available" states panels show instead of made-up data.
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include "ansi_parser.h"
#include "app_settings.h"
#include "dashboard_panel.h"
#include "file_list_model.h"
#include "files_panel.h"
#include "llm_panel.h"
#include "main_window.h"
#include "metrics_store.h"
#include "power_plot.h"
#include "root_fs_status.h"
#include "time_chart.h"

using namespace sis::desktop;

class GuiOffline : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (test)");
    QSettings().clear();
  }

  void window_opens_with_every_panel() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QStringList want{"dashboard", "console", "files", "crash", "llm", "processes", "traces", "log", "profiler"};
    QCOMPARE(w.dock_names(), want);
    for (const QString& n : want) QVERIFY2(w.dock(n) && w.dock(n)->widget(), qPrintable(n));
    for (const char* a : {"start", "pause", "reset", "poweroff", "kill"}) QVERIFY2(w.action(a), a);
    QVERIFY(w.action("start")->isEnabled());
    QVERIFY(!w.action("pause")->isEnabled());
    QVERIFY(!w.action("kill")->isEnabled());
    QCOMPARE(w.status_text(), QStringLiteral("VM: Off"));
  }

  void settings_and_layout_persist() {
    AppSettings s;
    s.memory_mib = 384;
    s.cpu_model = "cortex-a57";
    s.extra_args = "-d guest_errors";
    s.save();
    QByteArray state;
    {
      MainWindow w;
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.dock("log")->setFloating(true);
      w.resize(1111, 777);
      state = w.saveState();
      w.close();  // saves geometry and dock state
    }
    const AppSettings back = AppSettings::load();
    QCOMPARE(back.memory_mib, 384u);
    QCOMPARE(back.cpu_model, QStringLiteral("cortex-a57"));
    QString error;
    const auto config = back.to_vm_config(&error);
    QCOMPARE(config.cpu_model, std::string("cortex-a57"));
    QCOMPARE(config.extra_args.size(), size_t(2));
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY2(again.dock("log")->isFloating(), "dock layout restored");
    QCOMPARE(again.size(), QSize(1111, 777));
    again.dock("log")->setFloating(false);
    again.close();
    QSettings().clear();
  }

  void save_image_writes_png_jpg_pdf_svg() {
    PowerPlot plot;
    plot.resize(800, 400);
    plot.show();
    MetricsStore store;
    // Test data in the test only: the app never invents power numbers.
    for (int i = 0; i < 200; ++i)
      store.add_sample_at(i * 0.05, QJsonObject{{"seq", i}, {"power", QJsonObject{{"estimated_w", 0.9 + 0.3 * std::sin(i / 10.0)}}}},
                          qint64(i) * 50000000);
    plot.refresh(store, 0, 10, true, 600);
    QVERIFY(plot.content_shown());
    QCOMPARE(plot.plot()->graphCount(), 3);  // estimate, host reading, budget
    QVERIFY(plot.plot()->graph(PowerPlot::Estimate)->data()->size() > 0);
    QTemporaryDir dir;
    QString error;
    for (const char* ext : {"png", "jpg", "pdf", "svg"}) {
      const QString path = dir.filePath(QStringLiteral("power.%1").arg(ext));
      QVERIFY2(plot.save_image(path, &error, 800, 400), qPrintable(error));
      QVERIFY2(QFileInfo(path).size() > 1000, ext);
    }
    QImage png(dir.filePath("power.png"));
    QVERIFY2(!png.isNull(), "the PNG decodes");
    QCOMPARE(png.size(), QSize(800, 400));
    // Not blank: many distinct colours (axes, text, the line).
    QSet<QRgb> colours;
    for (int y = 0; y < png.height(); y += 3)
      for (int x = 0; x < png.width(); x += 3) colours.insert(png.pixel(x, y));
    QVERIFY2(colours.size() > 10, qPrintable(QString("only %1 colours").arg(colours.size())));
    QFile pdf(dir.filePath("power.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QFile svg(dir.filePath("power.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    QVERIFY(!plot.save_image(dir.filePath("power.xyz"), &error));
    QVERIFY(error.contains("unknown image format"));
  }

  void power_without_data_says_not_available() {
    PowerPlot plot;
    MetricsStore store;
    store.add_sample_at(0, QJsonObject{{"seq", 0}, {"mem", QJsonObject{{"used_bytes", 1}}}}, 1);
    plot.refresh(store, 0, 10, true, 600);
    QVERIFY(!plot.content_shown());
    QVERIFY(plot.message().contains("not available in this kernel"));
    TimeChart sched("Scheduler", "n", 1, {{"sched.runnable", "runnable"}});
    sched.refresh(store, 0, 10, true, 600);
    QVERIFY(sched.message().contains("not available in this kernel"));
  }

  void metrics_rates_and_decimation() {
    MetricsStore s;
    for (int i = 0; i < 6000; ++i)  // 5 minutes at 20 Hz
      s.add_sample_at(i * 0.05,
                      QJsonObject{{"seq", i},
                                  {"blk", QJsonObject{{"bytes_read", i * 4096.0}, {"reads", i}}},
                                  {"mem", QJsonObject{{"used_bytes", i == 3000 ? 1e9 : 1e6}}}},
                      qint64(i) * 50000000);
    QCOMPARE(s.raw_size("mem.used_bytes"), 6000);
    QCOMPARE(s.last_value("blk.read_bytes_per_s"), 4096.0 / 0.05);
    const QList<QPointF> d = s.decimated("mem.used_bytes", 0, 600);
    QVERIFY(d.size() <= 600);
    bool spike = false;
    for (const QPointF& p : d) spike = spike || p.y() == 1e9;
    QVERIFY2(spike, "min/max decimation keeps the spike");
    // Older than the window: pruned.
    s.add_sample_at(400, QJsonObject{{"seq", 6000}, {"mem", QJsonObject{{"used_bytes", 1.0}}}}, 400000000000);
    QVERIFY(s.raw_size("mem.used_bytes") < 6000);
    QCOMPARE(s.dropped(), 0);
  }

  void root_fs_status_from_sys_info() {
    // A kernel without root_fs (older protocol): nothing is claimed either way.
    QCOMPARE(RootFsStatus::from_sys_info(QJsonObject{{"kernel", "SIS"}}).kind, RootFsStatus::Kind::Unknown);
    const RootFsStatus disk = RootFsStatus::from_sys_info(QJsonObject{
        {"root_fs", QJsonObject{{"type", "ext4"}, {"persistent", true}, {"read_only", false}, {"disk", "mounted"}}}});
    QCOMPARE(disk.kind, RootFsStatus::Kind::Disk);
    QCOMPARE(disk.text, QStringLiteral("Disk: ext4 on / (read-write)"));
    const RootFsStatus bad = RootFsStatus::from_sys_info(QJsonObject{
        {"root_fs", QJsonObject{{"type", "ramfs"}, {"persistent", false}, {"read_only", false}, {"disk", "unusable"},
                                {"reason", "bad format"}}}});
    QVERIFY(bad.in_memory());
    QCOMPARE(bad.text, QStringLiteral("NO DISK: / is in memory (the disk is unusable: bad format). Changes are lost at poweroff."));
    const RootFsStatus none = RootFsStatus::from_sys_info(
        QJsonObject{{"root_fs", QJsonObject{{"type", "ramfs"}, {"persistent", false}, {"disk", "none"}}}});
    QVERIFY(none.in_memory());
    QVERIFY(none.text.contains("no disk attached"));
  }

  void terminal_parser() {
    AnsiParser p;
    auto ops = p.feed("\x1b[1;32mok\x1b[0m pl");
    QCOMPARE(ops.size(), 2);
    QCOMPARE(ops[0].text, QStringLiteral("ok"));
    QCOMPARE(ops[0].style.fg, 2);
    QVERIFY(ops[0].style.bold);
    QCOMPARE(ops[1].style.fg, -1);
    // Split escape and split UTF-8 sequences.
    ops = p.feed("\xc3");
    QVERIFY(ops.isEmpty());
    ops = p.feed(QByteArray("\xa9\x1b[", 3));
    QCOMPARE(ops.size(), 1);
    QCOMPARE(ops[0].text, QString::fromUtf8("\xc3\xa9"));
    ops = p.feed("3D\x1b[K\r\n");
    QCOMPARE(ops.size(), 4);
    QCOMPARE(ops[0].kind, TermOp::CursorLeft);
    QCOMPARE(ops[0].count, 3);
    QCOMPARE(ops[1].kind, TermOp::EraseToEnd);
    QCOMPARE(ops[2].kind, TermOp::CarriageReturn);
    QCOMPARE(ops[3].kind, TermOp::NewLine);
  }

  void files_without_disk_and_llm_without_vm() {
    AppSettings a = AppSettings::load();
    a.disk = "none";  // explicitly no disk
    a.save();
    {
      MainWindow w;
      w.show();
      QVERIFY(!w.files()->available());
      QVERIFY(w.files()->availability_message().contains("no disk image"));
      QVERIFY(!w.llm()->available());
    }
    a.disk.clear();
    a.save();
  }

  void default_disk_is_a_working_copy_browsed_offline() {
    // No disk configured: the app uses a per-user copy of the build's sis-disk.img.
    const QString image = qEnvironmentVariable("SIS_DISK_IMAGE");
    if (image.isEmpty() || !QFileInfo::exists(image)) QSKIP("the default disk image was not built");
    AppSettings a = AppSettings::load();
    a.disk.clear();
    a.save();
    QString error;
    const QString copy = a.resolved_disk(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(copy != image && QFileInfo::exists(copy));
    MainWindow w;
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.files()->available(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(w.files()->list_model()->names().contains("incidents"), 5000);
    QVERIFY(w.files()->list_model()->names().contains("models"));
  }

  void offline_image_browsing() {
    // A real ext4 image from mkfs.ext4 -d, read through the kernel's portable ext4 code.
    const QString mkfs = QStandardPaths::findExecutable("mkfs.ext4", {"/usr/sbin", "/sbin", "/usr/bin"});
    if (mkfs.isEmpty()) QSKIP("mkfs.ext4 not installed");
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("root/incidents"));
    QFile f(dir.filePath("root/hello.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello from the host\n");
    f.close();
    const QString img = dir.filePath("disk.img");
    QCOMPARE(QProcess::execute(mkfs, {"-q", "-F", "-d", dir.filePath("root"), img, "16M"}), 0);
    AppSettings s;
    s.disk = img;
    s.save();
    MainWindow w;
    w.show();
    QVERIFY2(w.files()->available(), qPrintable(w.files()->availability_message()));
    QTRY_VERIFY_WITH_TIMEOUT(w.files()->list_model()->names().contains("incidents"), 5000);
    QVERIFY(w.files()->list_model()->names().contains("hello.txt"));
    QSettings().clear();
  }
};

QTEST_MAIN(GuiOffline)
#include "test_gui_offline.moc"
