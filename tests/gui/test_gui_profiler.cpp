// The Profiler tab: a realistic folded profile (tests/flamegraph/fixtures, bench fs) drawn by
// our FlameGraphWidget; a click zooms into a frame and clicking "all", Reset zoom or the
// right button zooms out; search highlights frames and says what share of samples matched;
// tooltips give counts and percentages; Save image writes a PNG (decoded, pixels checked
// against the frames) and an SVG (parsed and rendered by QtSvg); a bad line is reported by
// number without losing the graph; the differential view colours a shrunk frame blue and a
// new one red. Then against the real kernel: Start/Stop profile it when it has `prof`,
// otherwise the tab says the kernel lacks it and Start stays disabled.
// SIS_SCREENSHOT_DIR=dir saves profiler.png, profiler-zoom.png, profiler-search.png,
// profiler-diff.png and profiler-vm.png.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QSpinBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHelpEvent>
#include <QImage>
#include <QPainter>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QToolTip>
#include <QXmlStreamReader>
#include <QtTest>

#include <set>

#include "app_settings.h"
#include "client/control_client.h"
#include "files_panel.h"
#include "scripted_peer.h"
#include "flame_graph_widget.h"
#include "main_window.h"
#include "profiler_panel.h"
#include "vm_session.h"

using namespace sis::desktop;
using sis::flame::NodeId;

namespace {

const QString kFixtures = QStringLiteral(SIS_FLAME_FIXTURES);
const QString kWriteFile = QStringLiteral(
    "[kernel] shell;sis`kernel_main;sis`sis::shell::Shell::run;sis`sis::shell::run_command;sis`sis::fs::bench_fs;"
    "sis`sis::fs::Vfs::write_file");
const QString kExtentFind = kWriteFile + ";sis`sis::fs::Ext4::write_data;sis`sis::fs::Ext4::map_block;sis`sis::fs::Ext4::extent_find";
const QString kExtentCache = kWriteFile + ";sis`sis::fs::Ext4::write_data;sis`sis::fs::Ext4::map_block;sis`sis::fs::ExtentCache::find";

// Colours are compared loosely: the picture is anti-aliased at frame edges, so sample the middle.
bool close_to(QColor a, QColor b) {
  return std::abs(a.red() - b.red()) <= 3 && std::abs(a.green() - b.green()) <= 3 && std::abs(a.blue() - b.blue()) <= 3;
}

}  // namespace

class GuiProfiler : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir tmp_;
  QString shots_;
  VmSession* session_ = nullptr;
  ProfilerPanel* panel_ = nullptr;

  void shoot(QWidget* w, const QString& name) {
    if (shots_.isEmpty()) return;
    QTest::qWait(100);
    QVERIFY(w->grab().save(QDir(shots_).filePath(name + ".png")));
  }
  FlameGraphWidget* graph() { return panel_->graph(); }
  NodeId node(const QString& path) {
    const qint64 id = graph()->find_path(path);
    if (id < 0) qWarning("no frame %s", qPrintable(path));
    return static_cast<NodeId>(std::max<qint64>(id, 0));
  }
  QPoint center(NodeId id) { return graph()->frame_rect(id).center().toPoint(); }
  // A point inside the frame where no label is drawn (labels start 3 px in, centred vertically).
  QPoint fill_point(NodeId id) { return (graph()->frame_rect(id).topLeft() + QPointF(2, 2)).toPoint(); }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (profiler test)");
    QSettings().clear();
    QVERIFY(tmp_.isValid());
    shots_ = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
    session_ = new VmSession(QStringLiteral("gui-profiler"), this);
    panel_ = new ProfilerPanel(session_);
    panel_->resize(1400, 760);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_));
  }

  void cleanupTestCase() {
    delete panel_;
    QSettings().clear();
  }

  void without_a_vm_the_live_controls_say_why_and_stay_off() {
    QVERIFY2(panel_->live_status().contains("VM off"), qPrintable(panel_->live_status()));
    QVERIFY(!panel_->findChild<QPushButton*>("profiler_start")->isEnabled());
    QVERIFY(!panel_->findChild<QPushButton*>("profiler_stop")->isEnabled());
    QVERIFY(!panel_->start_profiling());
    QVERIFY(!graph()->has_profile());
  }

  void a_folded_file_draws_frames_as_wide_as_their_samples() {
    QSignalSpy loaded(panel_, &ProfilerPanel::profile_loaded);
    QString error;
    QVERIFY2(panel_->load_folded_file(kFixtures + "/bench_fs.folded", &error), qPrintable(error));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(graph()->tree().total(), std::uint64_t{2274});
    QVERIFY2(panel_->summary().contains("2274 samples in 24 distinct stacks"), qPrintable(panel_->summary()));
    QTRY_VERIFY(graph()->frame_rect(CallTree_root()).width() > 0);
    const double full = graph()->frame_rect(CallTree_root()).width();
    // [kernel] shell holds 2274 - (214 + 27) idle - 44 metrics - 13 busybox = 1976 samples.
    const NodeId shell = node("[kernel] shell");
    QCOMPARE(graph()->tree().node(shell).total, std::uint64_t{1976});
    QVERIFY(std::abs(graph()->frame_rect(shell).width() - full * 1976.0 / 2274.0) < 0.01);
    const NodeId extent = node(kExtentFind);
    QVERIFY(std::abs(graph()->frame_rect(extent).width() - full * 412.0 / 2274.0) < 0.01);
    // Deeper frames sit higher (root at the bottom).
    QVERIFY(graph()->frame_rect(extent).top() < graph()->frame_rect(shell).top());
    // The functions table: memcpy has the most self samples (301 in write, 175 in read).
    QVERIFY(panel_->top_rows() > 20);
    QCOMPARE(panel_->top_function(0), QStringLiteral("sis`memcpy"));
    // What is drawn at a frame's middle is its colour.
    const QImage img = graph()->grab().toImage();
    QVERIFY(close_to(img.pixelColor(fill_point(extent)), graph()->frame_color(extent)));
    shoot(panel_, "profiler");
  }

  // A profile the real kernel wrote (profctl export, bench fs, from tools/profile_kernel.sh).
  void a_kernel_profile_loads_with_every_sample() {
    QFile f(kFixtures + "/kernel_bench_fs.folded");
    QVERIFY(f.open(QIODevice::ReadOnly));
    std::uint64_t samples = 0;
    int lines = 0;
    for (const QByteArray& line : f.readAll().split('\n'))
      if (!line.isEmpty()) {
        samples += line.mid(line.lastIndexOf(' ') + 1).toULongLong();
        ++lines;
      }
    QVERIFY(panel_->load_folded_file(f.fileName()));
    QCOMPARE(graph()->tree().total(), samples);
    QVERIFY2(panel_->summary().contains(QString("%1 samples in %2 distinct stacks").arg(samples).arg(lines)), qPrintable(panel_->summary()));
    panel_->findChild<QLineEdit*>("profiler_search")->setText("Ext4");
    QVERIFY(graph()->matched_samples() > 0);
    QVERIFY(panel_->match_text().startsWith("Matched: "));
    shoot(panel_, "profiler-kernel");
    panel_->findChild<QLineEdit*>("profiler_search")->clear();
    QVERIFY(panel_->load_folded_file(kFixtures + "/bench_fs.folded"));
  }

  void a_click_zooms_into_a_frame_and_all_reset_or_right_click_zoom_out() {
    const NodeId write_file = node(kWriteFile);
    const NodeId extent = node(kExtentFind);
    const NodeId idle = node("[kernel] idle");
    const double full = graph()->frame_rect(CallTree_root()).width();
    const std::uint64_t wf_total = graph()->tree().node(write_file).total;  // 412+188+96+301+143
    QCOMPARE(wf_total, std::uint64_t{1140});
    QTest::mouseClick(graph(), Qt::LeftButton, {}, center(write_file));
    QCOMPARE(graph()->zoom_root(), write_file);
    QVERIFY(std::abs(graph()->frame_rect(write_file).width() - full) < 0.01);
    QVERIFY(std::abs(graph()->frame_rect(extent).width() - full * 412.0 / 1140.0) < 0.01);
    QVERIFY2(graph()->frame_rect(idle).isEmpty(), "frames outside the zoomed one are not drawn");
    QVERIFY2(panel_->zoom_path().contains("sis`sis::fs::Vfs::write_file  (1140 samples, 50.13%"), qPrintable(panel_->zoom_path()));
    shoot(panel_, "profiler-zoom");
    // The ancestors stay below at full width; clicking "all" zooms out.
    QVERIFY(std::abs(graph()->frame_rect(node("[kernel] shell")).width() - full) < 0.01);
    QTest::mouseClick(graph(), Qt::LeftButton, {}, center(CallTree_root()));
    QCOMPARE(graph()->zoom_root(), CallTree_root());
    QVERIFY(!graph()->frame_rect(idle).isEmpty());
    // Zoom, then the Reset zoom button.
    QTest::mouseClick(graph(), Qt::LeftButton, {}, center(extent));
    QCOMPARE(graph()->zoom_root(), extent);
    QTest::mouseClick(panel_->findChild<QPushButton*>("profiler_reset_zoom"), Qt::LeftButton);
    QCOMPARE(graph()->zoom_root(), CallTree_root());
    QCOMPARE(panel_->zoom_path(), QStringLiteral("Showing all frames."));
    // Zoom, then the right button.
    QTest::mouseClick(graph(), Qt::LeftButton, {}, center(write_file));
    QCOMPARE(graph()->zoom_root(), write_file);
    QTest::mouseClick(graph(), Qt::RightButton, {}, center(write_file));
    QCOMPARE(graph()->zoom_root(), CallTree_root());
  }

  void search_highlights_frames_and_says_the_matched_share() {
    auto* search = panel_->findChild<QLineEdit*>("profiler_search");
    QTest::keyClicks(search, "BITMAP_find");  // case does not matter
    // bitmap_find_free: 188 under alloc_blocks + 97 under alloc_inode = 285 of 2274.
    QCOMPARE(graph()->matched_samples(), std::uint64_t{285});
    QCOMPARE(panel_->match_text(), QStringLiteral("Matched: 12.53% (285 of 2274 samples)"));
    const NodeId hit = node(kWriteFile + ";sis`sis::fs::Ext4::write_data;sis`sis::fs::Ext4::map_block;sis`sis::fs::Ext4::alloc_blocks;"
                                         "sis`sis::fs::Ext4::bitmap_find_free");
    QVERIFY(graph()->is_match(hit));
    QVERIFY(!graph()->is_match(node(kExtentFind)));
    const QImage img = graph()->grab().toImage();
    QVERIFY2(close_to(img.pixelColor(fill_point(hit)), QColor(0xE6, 0x00, 0xE6)), "a match is drawn magenta");
    QVERIFY(!close_to(img.pixelColor(fill_point(node(kExtentFind))), QColor(0xE6, 0x00, 0xE6)));
    shoot(panel_, "profiler-search");
    // Frames nested in a match are not counted twice: "sis::fs::" matches bench_fs and most
    // frames above it, yet each of the shell's samples counts once (all but its 18 in the irq).
    search->setText("sis::fs::");
    QCOMPARE(graph()->matched_samples(), std::uint64_t{1976 - 18});
    search->setText("no such function");
    QCOMPARE(panel_->match_text(), QStringLiteral("no match"));
    search->clear();
    QVERIFY(panel_->match_text().isEmpty());
  }

  void hovering_a_frame_shows_its_samples_and_percentages() {
    const NodeId extent = node(kExtentFind);
    const QString d = graph()->describe(extent);
    QVERIFY2(d.contains("sis`sis::fs::Ext4::extent_find") && d.contains("412 samples (18.12% of all)") &&
                 d.contains("self: 412 samples (18.12%)"),
             qPrintable(d));
    const QPoint pos = center(extent);
    QHelpEvent ev(QEvent::ToolTip, pos, graph()->mapToGlobal(pos));
    QApplication::sendEvent(graph(), &ev);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), d);
    QToolTip::hideText();
    // Zoomed: the share of the zoomed frame too.
    graph()->zoom_to(node(kWriteFile));
    QVERIFY2(graph()->describe(extent).contains("36.14% of the zoomed frame"), qPrintable(graph()->describe(extent)));
    graph()->reset_zoom();
  }

  void save_image_writes_a_png_and_an_svg_of_the_graph() {
    QString error;
    const QString png = tmp_.filePath("flame.png");
    QVERIFY2(panel_->save_image(png, &error), qPrintable(error));
    QImage img(png);
    QVERIFY(!img.isNull());
    QCOMPARE(img.width(), std::max(graph()->width(), 800));
    std::set<QRgb> colours;
    for (int y = 0; y < img.height(); y += 3)
      for (int x = 0; x < img.width(); x += 3) colours.insert(img.pixel(x, y));
    QVERIFY2(colours.size() > 20, "a real picture, not a blank one");
    // The saved picture is the graph: the extent_find frame is where the layout says, in its colour.
    const NodeId extent = node(kExtentFind);
    const QPoint in_widget = fill_point(extent);
    const QPoint at(in_widget.x() * img.width() / graph()->width(), img.height() - (graph()->height() - in_widget.y()));
    QVERIFY(close_to(img.pixelColor(at), graph()->frame_color(extent)));

    const QString svg = tmp_.filePath("flame.svg");
    QVERIFY2(panel_->save_image(svg, &error), qPrintable(error));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int texts = 0;
    bool has_memcpy = false;
    while (!xml.atEnd()) {
      xml.readNext();
      if (xml.isStartElement() && xml.name() == QStringLiteral("text")) {
        ++texts;
        has_memcpy |= xml.readElementText(QXmlStreamReader::IncludeChildElements).contains("memcpy");
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(texts > 20 && has_memcpy, "frame names are text in the SVG");
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox().size(), img.size());
    QImage drawn(img.size(), QImage::Format_ARGB32);
    drawn.fill(Qt::white);
    QPainter p(&drawn);
    renderer.render(&p);
    p.end();
    QVERIFY2(close_to(drawn.pixelColor(at), graph()->frame_color(extent)),
             qPrintable(drawn.pixelColor(at).name() + " at " + QString::number(at.x()) + "," + QString::number(at.y()) + " in " + QString::number(drawn.width()) + "x" + QString::number(drawn.height()) + ", want " + graph()->frame_color(extent).name()));
    QVERIFY(!panel_->save_image(tmp_.filePath("flame.bmpx"), &error));
    QVERIFY(error.contains("unknown image format"));
  }

  void a_bad_line_is_reported_by_number_and_the_graph_stays() {
    QFile bad(tmp_.filePath("bad.folded"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("[kernel] a;sis`x 3\n[kernel] a;sis`y 4\n[kernel] a;sis`z many\n");
    bad.close();
    QString error;
    QVERIFY(!panel_->load_folded_file(bad.fileName(), &error));
    QCOMPARE(error, QStringLiteral("bad.folded: line 3: the sample count 'many' is not a positive integer"));
    QCOMPARE(panel_->error_text(), error);
    QCOMPARE(graph()->tree().total(), std::uint64_t{2274});
    QVERIFY(!panel_->load_folded_file(tmp_.filePath("missing.folded"), &error));
    QVERIFY2(error.startsWith("Cannot open"), qPrintable(error));
    // A good file clears the error.
    QVERIFY(panel_->load_folded_file(kFixtures + "/bench_fs.folded"));
    QVERIFY(panel_->error_text().isEmpty());
  }

  void the_differential_view_colours_a_shrunk_frame_blue_and_a_new_one_red() {
    QVERIFY(panel_->load_folded_file(kFixtures + "/bench_fs_after.folded"));
    QVERIFY(!panel_->differential_view());
    QString error;
    QVERIFY2(panel_->load_before_file(kFixtures + "/bench_fs.folded", &error), qPrintable(error));
    QVERIFY(panel_->differential_view());
    QVERIFY(graph()->tree().differential());
    QCOMPARE(graph()->tree().base_total(), std::uint64_t{2274});
    QCOMPARE(graph()->tree().total(), std::uint64_t{1862});
    const NodeId shrunk = node(kExtentFind), fresh = node(kExtentCache);
    const NodeId same = node(kWriteFile + ";sis`sis::fs::Ext4::write_data;sis`memcpy");  // 301 in both
    QImage img = graph()->grab().toImage();
    QColor blue = img.pixelColor(fill_point(shrunk)), red = img.pixelColor(fill_point(fresh));
    QVERIFY2(blue.blue() > blue.red() + 60, qPrintable(blue.name()));
    QVERIFY2(red.red() > red.blue() + 60, qPrintable(red.name()));
    QVERIFY2(close_to(img.pixelColor(fill_point(same)), QColor(0xF5, 0xF5, 0xF5)), "an unchanged frame is white");
    // The width is the after profile's share.
    const double full = graph()->frame_rect(CallTree_root()).width();
    QVERIFY(std::abs(graph()->frame_rect(shrunk).width() - full * 97.0 / 1862.0) < 0.01);
    const QString d = graph()->describe(shrunk);
    QVERIFY2(d.contains("before: 412 samples (18.12%)") && d.contains("after: 97 samples (5.21%)") &&
                 d.contains("change: -315 samples (-76.5%), share -12.91 points"),
             qPrintable(d));
    QVERIFY2(panel_->summary().startsWith("Differential: before = bench_fs.folded (2274 samples), after = bench_fs_after.folded (1862"),
             qPrintable(panel_->summary()));
    QVERIFY(panel_->summary().contains("red frames have more samples than before"));
    // Normalized: memcpy's share grew (the same samples of fewer), so it turns red.
    auto* normalize = panel_->findChild<QCheckBox*>("profiler_normalize");
    QVERIFY(normalize->isEnabled());
    QTest::mouseClick(normalize, Qt::LeftButton);
    QVERIFY(graph()->normalized());
    img = graph()->grab().toImage();
    const QColor grew = img.pixelColor(fill_point(same));
    QVERIFY2(grew.red() > grew.blue() + 20, qPrintable(grew.name()));
    blue = img.pixelColor(fill_point(shrunk));
    QVERIFY2(blue.blue() > blue.red() + 60, qPrintable(blue.name()));
    QVERIFY(panel_->summary().contains("larger share of the samples"));
    QTest::mouseClick(normalize, Qt::LeftButton);
    QVERIFY(!graph()->normalized());
    shoot(panel_, "profiler-diff");
    panel_->set_differential_view(false);
    QVERIFY(!graph()->tree().differential());
    QCOMPARE(graph()->tree().total(), std::uint64_t{1862});
    // "Keep as before" makes the current profile the before one.
    panel_->keep_as_before();
    panel_->set_differential_view(true);
    QCOMPARE(graph()->tree().base_total(), std::uint64_t{1862});
    QCOMPARE(graph()->tree().share_delta(shrunk), 0.0);
  }

  // The live path against a scripted kernel (tests/qmp/scripted_peer.h) on the session's
  // control client: the exact prof.* requests, a profile fetched in many chunks, and what
  // the tab does with Busy, a chunk that does not follow on, bad folded text and a
  // connection that drops in the middle of a fetch.
  void live_profiling_against_a_scripted_kernel() {
    panel_->set_differential_view(false);  // the profile fetched is shown as it is
    sis::test::ScriptedPeer peer;
    QFile fixture(kFixtures + "/kernel_bench_fs.folded");
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    const QByteArray folded = fixture.readAll();
    QByteArray served = folded;  // what prof.folded hands out
    QString start_reply = "ok";  // "ok" or "busy"
    bool break_chunks = false;
    QList<QJsonObject> requests;
    const auto respond = [&](const QJsonObject& req) {
      requests << req;
      const QString m = req.value("method").toString();
      const QJsonValue id = req.value("id");
      const QJsonObject p = req.value("params").toObject();
      QJsonObject result;
      if (m == "prof.start") {
        if (start_reply == "busy") {
          peer.send_json({{"type", "response"}, {"id", id}, {"error", QJsonObject{{"class", "Busy"}, {"message", "a profile is already running"}}}});
          return;
        }
        result = {{"hz", p.value("hz")}, {"mode", "timer"}};
      } else if (m == "prof.stop") {
        result = {{"samples", 1076}, {"dropped", 2}, {"duration_ns", 1500000000}};
        if (start_reply == "ok") result.insert("handler_ns", 9000000), result.insert("drain_ns", 6000000);  // optional: 1%
      } else if (m == "prof.folded") {
        // Chunks end at a line boundary, as the kernel's do.
        const qint64 off = p.value("offset").toInteger(), max = p.value("max").toInteger();
        qint64 end = std::min<qint64>(served.size(), off + max);
        if (end < served.size()) end = served.lastIndexOf('\n', end - 1) + 1;
        result = {{"text", QString::fromUtf8(served.mid(off, end - off))}, {"offset", break_chunks && off > 0 ? off + 1 : off},
                  {"next", end}, {"total", served.size()}, {"done", end == served.size()}};
      } else {
        peer.send_json({{"type", "response"}, {"id", id}, {"error", QJsonObject{{"class", "NotFound"}, {"message", "no such method"}}}});
        return;
      }
      peer.send_json({{"type", "response"}, {"id", id}, {"result", result}});
    };
    const auto serve_until = [&](const std::function<bool()>& done, int ms = 5000) {
      QDeadlineTimer deadline(ms);
      while (!done()) {
        if (auto req = peer.next(10)) respond(*req);
        if (deadline.hasExpired()) return false;
      }
      return true;
    };
    const auto count = [&](const QString& method) {
      return std::count_if(requests.begin(), requests.end(), [&](const QJsonObject& r) { return r.value("method") == method; });
    };

    session_->control()->connect_to_server(peer.path());
    QVERIFY(peer.wait_connected());
    peer.send_json({{"type", "greeting"}, {"protocol", 1}, {"kernel", "SIS"}, {"version", "test"},
                    {"capabilities", QJsonArray{"sys", "prof"}}});
    QVERIFY(peer.next().has_value());  // hello
    QVERIFY(serve_until([&] { return panel_->live_available(); }));
    auto* start = panel_->findChild<QPushButton*>("profiler_start");
    auto* stop = panel_->findChild<QPushButton*>("profiler_stop");
    QTRY_VERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());

    // Start with the panel's settings: 250 Hz, the kernel only.
    panel_->findChild<QSpinBox*>("profiler_hz")->setValue(250);
    auto* target = panel_->findChild<QComboBox*>("profiler_target");
    target->setCurrentIndex(target->findData("kernel"));
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(serve_until([&] { return panel_->profiling(); }));
    const QJsonObject sent = requests.last();
    QCOMPARE(sent.value("method").toString(), QStringLiteral("prof.start"));
    QCOMPARE(sent.value("params").toObject(), (QJsonObject{{"hz", 250}, {"target", "kernel"}}));
    QVERIFY2(panel_->live_status().contains("Profiling at 250 Hz, timer sampling"), qPrintable(panel_->live_status()));
    QVERIFY(stop->isEnabled());
    QVERIFY(!start->isEnabled());

    // Stop: the folded text arrives in chunks (81 KiB at 16 KiB each) and is drawn whole.
    QSignalSpy loaded(panel_, &ProfilerPanel::profile_loaded);
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(serve_until([&] { return loaded.count() == 1; }));
    QVERIFY2(count("prof.folded") >= 5, qPrintable(QString::number(count("prof.folded"))));
    QCOMPARE(graph()->tree().total(), std::uint64_t{1076});
    QVERIFY2(panel_->summary().contains("from the VM (1076 samples, 2 dropped, 1.50 s, 250 Hz, timer sampling, profiler cost 1.00% of the time)"),
             qPrintable(panel_->summary()));
    QVERIFY2(panel_->live_status().startsWith("Profile drawn: 1076 samples"), qPrintable(panel_->live_status()));
    QTRY_VERIFY(start->isEnabled());

    // A chunk that does not follow on from the last: an error, and the graph keeps the last profile.
    break_chunks = true;
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(serve_until([&] { return panel_->profiling(); }));
    QSignalSpy live_error(panel_, &ProfilerPanel::live_error);
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(serve_until([&] { return live_error.count() == 1; }));
    QVERIFY2(panel_->live_status().contains("inconsistent chunk"), qPrintable(panel_->live_status()));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(graph()->tree().total(), std::uint64_t{1076});
    break_chunks = false;

    // Folded text the parser refuses: the line is named, nothing is drawn.
    served = "[kernel] a;sis`f 3\n[kernel] a;sis`g x\n";
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(serve_until([&] { return panel_->profiling(); }));
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(serve_until([&] { return live_error.count() == 2; }));
    QVERIFY2(panel_->live_status().contains("line 2: the sample count 'x' is not a positive integer"), qPrintable(panel_->live_status()));
    QCOMPARE(graph()->tree().total(), std::uint64_t{1076});
    served = folded;

    // Busy: a profile started elsewhere (profctl): Stop is offered and ends it.
    start_reply = "busy";
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(serve_until([&] { return panel_->profiling(); }));
    QVERIFY2(panel_->live_status().contains("already running"), qPrintable(panel_->live_status()));
    QVERIFY(stop->isEnabled());
    start_reply = "ok";

    // The connection drops in the middle of a fetch: the tab says so and is usable again.
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(serve_until([&] { return count("prof.folded") > 0 && requests.last().value("method") == "prof.folded"; }));
    // (Nothing of the earlier run's start leaks into this one's summary: Busy gave no rate.)
    QCOMPARE(panel_->live_status(), QStringLiteral("Stopped (1076 samples, 2 dropped, 1.50 s, profiler cost 1.00% of the time). Fetching the folded stacks..."));
    peer.drop();
    QTRY_VERIFY(!session_->control_ready());
    QVERIFY(!panel_->profiling());
    QVERIFY(!start->isEnabled());
    QVERIFY2(panel_->live_status().contains("The control port went away; the profile was lost."), qPrintable(panel_->live_status()));
    session_->control()->close();
  }

  void the_tab_in_the_window_profiles_the_real_kernel_or_says_it_cannot() {
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    QVERIFY2(!kernel.isEmpty() && QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
    const QString image = qEnvironmentVariable("SIS_DISK_IMAGE");
    QVERIFY2(QFileInfo(image).isReadable(), "SIS_DISK_IMAGE must name the default disk image (the sis_disk target)");
    const QString disk = tmp_.filePath("disk.img");
    QVERIFY(QFile::copy(image, disk));
    AppSettings s;
    s.kernel = kernel;
    s.disk = disk;
    s.save();
    MainWindow w;
    w.resize(1500, 950);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.dock("profiler"));
    ProfilerPanel* p = w.profiler();
    QCOMPARE(w.dock("profiler")->widget(), p);
    auto* start = p->findChild<QPushButton*>("profiler_start");
    auto* stop = p->findChild<QPushButton*>("profiler_stop");
    QVERIFY(w.start_vm());
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->control_ready(), 30000);
    w.show_dock("profiler");
    if (!w.session()->control()->has_capability("prof")) {
      QTRY_VERIFY(p->live_status().contains("not available in this kernel"));
      QVERIFY2(p->live_status().contains("capability \"prof\""), qPrintable(p->live_status()));
      QVERIFY(!start->isEnabled());
      QVERIFY(!stop->isEnabled());
      QVERIFY(!p->start_profiling());
      // Offline viewing still works beside a kernel without the profiler.
      QVERIFY(p->load_folded_file(kFixtures + "/bench_fs.folded"));
      shoot(&w, "profiler-vm");
    } else {
      profile_the_kernel(w);
      if (QTest::currentTestFailed()) return;
    }
    // Closing the window with a control request in flight (the Files panel's fs.list): the
    // session's destructor fails the request, the panel reports it, and the half-destroyed
    // window must not take that report (it crashed here in QMainWindow::statusBar()).
    w.files()->refresh();
  }

 private:
  void profile_the_kernel(MainWindow& w) {
    ProfilerPanel* p = w.profiler();
    auto* start = p->findChild<QPushButton*>("profiler_start");
    auto* stop = p->findChild<QPushButton*>("profiler_stop");
    // The kernel has the profiler: Start, some kernel work, Stop, and its profile is drawn.
    QTRY_VERIFY(start->isEnabled());
    QSignalSpy running(p, &ProfilerPanel::profiling_changed);
    QSignalSpy loaded(p, &ProfilerPanel::profile_loaded);
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(p->profiling(), 10000);
    QTRY_VERIFY(stop->isEnabled());
    // A workload on the console, sampled until it prints its last line.
    QByteArray console;
    auto c = connect(w.session(), &VmSession::console_output, this, [&console](const QByteArray& b) { console += b; });
    w.session()->send_console("bench fs --mib 4 --files 50\r");
    QTRY_VERIFY2_WITH_TIMEOUT(console.contains("  replay ") || console.contains("bench fs: "), console.right(300).constData(), 120000);
    disconnect(c);
    QVERIFY2(!console.contains("bench fs: "), console.right(300).constData());  // an error line, not the table
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY2(loaded.wait(30000), qPrintable(p->live_status()));
    QVERIFY(p->graph()->tree().total() > 0);
    QVERIFY2(p->summary().contains("from the VM"), qPrintable(p->summary()));
    QVERIFY2(p->live_status().startsWith("Profile drawn:"), qPrintable(p->live_status()));
    // The workload is in the picture: its frames hold samples and can be zoomed into.
    p->findChild<QLineEdit*>("profiler_search")->setText("bench_fs");
    QVERIFY2(p->graph()->matched_samples() > 0, qPrintable(p->match_text()));
    p->findChild<QLineEdit*>("profiler_search")->clear();
    shoot(&w, "profiler-vm");
  }

  static NodeId CallTree_root() { return sis::flame::CallTree::kRoot; }
};

QTEST_MAIN(GuiProfiler)
#include "test_gui_profiler.moc"
