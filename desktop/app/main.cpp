// SIS Control Center: the Qt 6 desktop application that boots the SIS kernel in QEMU and shows
// it live (docs/desktop.md).
//   sis-control-center [--start] [--lang de|fr|en] [--quit-after S] [--report FILE]
// The language can also be switched while the app runs (View > Language, Settings).
// --start boots the VM at once (./sis run uses it); --quit-after powers the VM off and quits
// after S seconds; --report writes startup time and streaming statistics as JSON on exit
// (tests/gui/measure_streaming.sh uses both).
// SIGTERM, SIGINT and SIGHUP power the VM off the normal way (fs.sync, QMP quit) and then
// quit (quit_signals.h); a second one stops QEMU at once. QEMU never outlives the app: it
// dies with it even on SIGKILL (PR_SET_PDEATHSIG, qmp/launch/die_with_parent.h).
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

#include "app_settings.h"
#include "dashboard_panel.h"
#include "main_window.h"
#include "metrics_store.h"
#include "quit_signals.h"
#include "ui_language.h"
#include "vm_session.h"

using sis::desktop::MainWindow;
using sis::desktop::VmSession;

int main(int argc, char** argv) {
  QElapsedTimer since_launch;
  since_launch.start();
  QApplication app(argc, argv);
  QApplication::setOrganizationName("SIS");
  QApplication::setApplicationName("SIS Control Center");
  QApplication::setApplicationVersion(SIS_VERSION);
  QApplication::setDesktopFileName("org.sis.ControlCenter");
  QApplication::setWindowIcon(QIcon(":/icons/sis-control-center.svg"));

  QCommandLineParser cli;
  cli.setApplicationDescription("SIS Control Center: boots the SIS kernel in QEMU and shows it live.");
  cli.addHelpOption();
  cli.addVersionOption();
  QCommandLineOption start_opt("start", "Boot the VM at once.");
  QCommandLineOption lang_opt("lang", "User interface language (en, de, fr).", "code");
  QCommandLineOption quit_opt("quit-after", "Power off and quit after S seconds.", "seconds");
  QCommandLineOption report_opt("report", "Write startup and streaming statistics (JSON) here on exit.", "file");
  cli.addOptions({start_opt, lang_opt, quit_opt, report_opt});
  cli.process(app);

  const QString lang = cli.isSet(lang_opt) ? cli.value(lang_opt) : sis::desktop::AppSettings::load().language;
  if (!sis::desktop::set_ui_language(lang)) {
    std::fprintf(stderr, "sis-control-center: no user interface language '%s' (choose one of: %s)\n", qPrintable(lang),
                 qPrintable(sis::desktop::ui_languages().join(", ")));
    if (cli.isSet(lang_opt)) return 2;
    sis::desktop::set_ui_language(QString());  // a stale setting: the system's language
  }

  MainWindow window;
  window.show();

  sis::desktop::QuitSignals quit_signals;
  int signals_seen = 0;
  QObject::connect(&quit_signals, &sis::desktop::QuitSignals::received, &window, [&](int signo) {
    VmSession* vm = window.session();
    if (++signals_seen > 1) {
      std::fprintf(stderr, "sis-control-center: %s again: stopping QEMU at once\n", sis::desktop::QuitSignals::name(signo));
      vm->force_stop();
      app.quit();
      return;
    }
    if (!vm->is_running()) {
      std::fprintf(stderr, "sis-control-center: %s: no VM running, quitting\n", sis::desktop::QuitSignals::name(signo));
      app.quit();
      return;
    }
    std::fprintf(stderr, "sis-control-center: %s: powering the VM off cleanly (fs.sync, QMP quit), then quitting\n",
                 sis::desktop::QuitSignals::name(signo));
    QObject::connect(vm, &VmSession::finished, &app, [](const QString& how) {
      std::fprintf(stderr, "sis-control-center: VM stopped: %s\n", qPrintable(how));
      QCoreApplication::quit();  // even if a modal dialog keeps a window open
    });
    window.close();  // the normal path: MainWindow::closeEvent powers the VM off
  });
  const qint64 window_ms = since_launch.elapsed();
  qint64 usable_ms = -1;
  QTimer::singleShot(0, &window, [&] { usable_ms = since_launch.elapsed(); });  // first event-loop pass: painted

  if (cli.isSet(start_opt)) QTimer::singleShot(0, &window, [&] { window.start_vm(); });
  if (cli.isSet(quit_opt)) {
    const int ms = static_cast<int>(cli.value(quit_opt).toDouble() * 1000);
    QTimer::singleShot(ms, &window, [&] { window.close(); });
  }
  const int rc = app.exec();
  if (cli.isSet(report_opt)) {
    const auto& store = window.dashboard()->store();
    QJsonObject r{{"window_shown_ms", window_ms},
                  {"usable_ms", usable_ms},
                  {"samples", store.sample_count()},
                  {"dropped", store.dropped()},
                  {"redraws", window.dashboard()->redraws()},
                  {"rate_hz", window.dashboard()->rate_hz()}};
    QFile f(cli.value(report_opt));
    if (f.open(QIODevice::WriteOnly)) f.write(QJsonDocument(r).toJson());
  }
  return rc;
}
