// The language switches while the app runs, with no restart: after View > Language >
// Deutsch (then Français, then English) no text in the window is left in the previous
// language. "Left over" is decided with the catalogues themselves (translations/*.ts): a
// visible text equal to an English source string whose translation differs from it has not
// been retranslated. Checked with the VM off (welcome page, every panel, the dialogs' menus)
// and again with a real VM running (QEMU, TCG), where the status bar, the dashboard and the
// control port line are live. SIS_SCREENSHOT_DIR=dir saves welcome.png, welcome-de.png and
// dashboard-de.png (the German UI with a running VM).
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QSet>
#include <QSettings>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>

#include "app_settings.h"
#include "dashboard_panel.h"
#include "main_window.h"
#include "ui_language.h"
#include "ui_texts.h"
#include "vm_session.h"
#include "welcome_page.h"

using namespace sis::desktop;

namespace {

// One language's finished translations: source -> translations, over all contexts (a
// numerus message counts with its first form).
struct Catalogue {
  QHash<QString, QSet<QString>> by_source;
  QHash<QPair<QString, QString>, QString> by_context;  // (context, source) -> translation
  QSet<QString> translations;
};

Catalogue load_catalogue(const QString& lang) {
  Catalogue c;
  QFile f(QStringLiteral(SIS_TRANSLATIONS_DIR "/sis_control_center_%1.ts").arg(lang));
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(f.fileName()));
  QXmlStreamReader xml(&f);
  QString context, source, translation;
  bool finished = false, numerus = false;
  while (!xml.atEnd()) {
    xml.readNext();
    if (xml.isStartElement()) {
      const auto n = xml.name();
      if (n == QLatin1String("name")) {
        context = xml.readElementText();
      } else if (n == QLatin1String("source")) {
        source = xml.readElementText();
      } else if (n == QLatin1String("message")) {
        translation.clear();
        numerus = xml.attributes().value("numerus") == QLatin1String("yes");
      } else if (n == QLatin1String("translation")) {
        finished = xml.attributes().value("type").isEmpty();  // not "unfinished" or "vanished"
        if (!numerus) translation = xml.readElementText();
      } else if (n == QLatin1String("numerusform") && translation.isEmpty()) {
        translation = xml.readElementText();
      }
    } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
      if (finished && !translation.isEmpty()) {
        c.by_source[source].insert(translation);
        c.by_context.insert({context, source}, translation);
        c.translations.insert(translation);
      }
    }
  }
  if (xml.hasError()) qFatal("%s: %s", qPrintable(f.fileName()), qPrintable(xml.errorString()));
  return c;
}

// Texts in `root` still in English although `cat` translates them.
QStringList left_in_english(QWidget* root, const Catalogue& cat) {
  QStringList out;
  for (const auto& [where, text] : sis::test::ui_texts(root)) {
    const auto it = cat.by_source.constFind(text);
    if (it != cat.by_source.constEnd() && !it->contains(text)) out << where + ": " + text;
  }
  return out;
}

// Texts in `root` still in a language `cats` translate into (after switching back to English).
QStringList left_translated(QWidget* root, const QList<const Catalogue*>& cats, const QSet<QString>& sources) {
  QStringList out;
  for (const auto& [where, text] : sis::test::ui_texts(root))
    for (const Catalogue* c : cats)
      if (c->translations.contains(text) && !sources.contains(text)) out << where + ": " + text;
  return out;
}

void shoot(QWidget* w, const QString& name) {
  const QString dir = qEnvironmentVariable("SIS_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QTest::qWait(300);  // a few repaints
  QVERIFY(w->grab().save(QDir(dir).filePath(name)));
}

}  // namespace

class GuiLanguage : public QObject {
  Q_OBJECT
 private:
  Catalogue de_, fr_;
  QSet<QString> sources_;

  // Switches with View > Language and waits for the LanguageChange events to arrive.
  void switch_to(MainWindow* w, const QString& code, const QString& expected_start) {
    QAction* a = w->action("language_" + (code.isEmpty() ? QStringLiteral("system") : code));
    QVERIFY2(a, qPrintable(code));
    a->trigger();
    QCOMPARE(ui_language(), code);
    // Qt posts LanguageChange to each window: deliver them before looking.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    QCoreApplication::processEvents();
    QCOMPARE(w->action("start")->text(), expected_start);
    QVERIFY(a->isChecked());
    QCOMPARE(AppSettings::load().language, code);  // remembered for the next launch
  }

  void check_all(MainWindow* w, const QString& lang) {
    const Catalogue& cat = lang == "de" ? de_ : fr_;
    QStringList left = left_in_english(w, cat);
    for (const QString& l : left) qWarning("%s", qPrintable(l));
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("%1 texts not in %2 (above)").arg(left.size()).arg(lang)));
  }

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (language test)");
    QSettings().clear();
    de_ = load_catalogue("de");
    fr_ = load_catalogue("fr");
    for (const Catalogue* c : {&de_, &fr_})
      for (auto it = c->by_source.begin(); it != c->by_source.end(); ++it) sources_.insert(it.key());
    // The test means something only if the catalogues translate what it looks at.
    QCOMPARE(de_.by_context.value({"sis::desktop::MainWindow", "Start"}).isEmpty(), false);
    QCOMPARE(fr_.by_context.value({"sis::desktop::MainWindow", "Start"}).isEmpty(), false);
    set_ui_language("en");
  }
  void cleanupTestCase() { QSettings().clear(); }

  void switching_while_off_retranslates_every_panel() {
    MainWindow w;
    w.resize(1300, 850);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.welcome_shown());
    QCOMPARE(w.status_text(), QStringLiteral("VM: Off"));
    shoot(&w, "welcome.png");
    w.action("snapshots")->trigger();  // a dialog that stays open across the switch is checked too
    QVERIFY(w.findChild<QDialog*>("snapshot_dialog"));

    switch_to(&w, "de", de_.by_context.value({"sis::desktop::MainWindow", "Start"}));
    check_all(&w, "de");
    QCOMPARE(w.dock("dashboard")->windowTitle(), de_.by_context.value({"sis::desktop::MainWindow", "Welcome"}));
    QCOMPARE(w.status_text(), de_.by_context.value({"sis::desktop::MainWindow", "VM: %1"})
                                  .arg(de_.by_context.value({"sis::desktop::VmSession", "Off"})));
    QCOMPARE(w.welcome()->default_disk_button()->text(),
             de_.by_context.value({"sis::desktop::WelcomePage", "Start with the default disk"}));
    shoot(&w, "welcome-de.png");

    switch_to(&w, "fr", fr_.by_context.value({"sis::desktop::MainWindow", "Start"}));
    check_all(&w, "fr");

    switch_to(&w, "en", "Start");
    const QStringList left = left_translated(&w, {&de_, &fr_}, sources_);
    for (const QString& l : left) qWarning("%s", qPrintable(l));
    QVERIFY2(left.isEmpty(), "texts left in German or French (above)");
    QCOMPARE(w.status_text(), QStringLiteral("VM: Off"));
  }

  void switching_with_a_vm_running_retranslates_the_live_window() {
    const QString kernel = qEnvironmentVariable("SIS_KERNEL");
    QVERIFY2(!kernel.isEmpty() && QFileInfo(kernel).isReadable(), "SIS_KERNEL must name the kernel Image");
    AppSettings s = AppSettings::load();
    s.kernel = kernel;
    s.save();
    auto w = std::make_unique<MainWindow>();  // deleting it kills a QEMU still running
    w->resize(1500, 950);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(w->welcome()->default_disk_button()->isVisible());
    w->welcome()->default_disk_button()->click();  // "Start with the default disk"
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->control_ready(), 40000);
    QVERIFY(!w->welcome_shown());  // the dashboard replaces the welcome page
    QTRY_VERIFY_WITH_TIMEOUT(w->status_text().contains("Running"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->root_fs().kind == RootFsStatus::Kind::Disk, 10000);
    QCOMPARE(w->storage_label()->text(), QStringLiteral("Disk: ext4 on / (read-write)"));

    switch_to(w.get(), "de", de_.by_context.value({"sis::desktop::MainWindow", "Start"}));
    QCOMPARE(w->dock("dashboard")->windowTitle(), de_.by_context.value({"sis::desktop::MainWindow", "Dashboard"}));
    // "VM: Läuft (running)": QEMU's own status word stays as QMP says it.
    const QString running = de_.by_context.value({"sis::desktop::MainWindow", "VM: %1"})
                                .arg(de_.by_context.value({"sis::desktop::VmSession", "Running"}));
    QTRY_VERIFY2(w->status_text().startsWith(running), qPrintable(w->status_text()));
    w->show_dock("dashboard");  // its status line is live: it is rewritten while the dashboard shows
    QTest::qWait(600);
    check_all(w.get(), "de");
    // The dashboard's subscription line is in German too, without a new metrics.subscribe
    // (it was written once, in the language of the moment of subscribing).
    const QString subscribed = de_.by_context.value({"sis::desktop::DashboardPanel", "subscribed at %1 Hz, groups: %2"});
    QVERIFY(!subscribed.isEmpty() && !subscribed.startsWith("subscribed"));
    auto* dashboard_status = w->dashboard()->findChild<QLabel*>("dashboard_status");
    QTRY_VERIFY2(dashboard_status->text().startsWith(subscribed.section("%1", 0, 0)), qPrintable(dashboard_status->text()));
    // What "/" is, in German too (it used a context lupdate never wrote, so it stayed English).
    const QString disk = de_.by_context.value({"sis::desktop::RootFsStatus", "Disk: %1 on / (%2)"})
                             .arg("ext4", de_.by_context.value({"sis::desktop::RootFsStatus", "read-write"}));
    QVERIFY(!disk.startsWith("Disk:"));
    QCOMPARE(w->storage_label()->text(), disk);
    w->show_dock("dashboard");
    QTest::qWait(1500);  // charts draw some seconds of samples
    shoot(w.get(), "dashboard-de.png");

    switch_to(w.get(), "en", "Start");
    w->action("poweroff")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->state() == VmSession::State::Off, 15000);
    QVERIFY(w->welcome_shown());  // back to the start screen
  }
};

QTEST_MAIN(GuiLanguage)
#include "test_gui_language.moc"
