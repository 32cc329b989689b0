// SIS Control Center for keyboard and screen-reader users: a walk over every widget of the
// main window (every dock, the welcome page, the panels' controls for a running VM too) and
// of its dialogs finds no control without an accessible name and none the keyboard cannot
// reach or not leave; the walk itself reports an unnamed control, a mouse-only button and a
// text field that keeps Tab; View > Go to
// (Ctrl+1..Ctrl+9) brings each dock forward with the keyboard focus in it, even from the
// console, which keeps Tab for the shell.
#include <QDockWidget>
#include <QFormLayout>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

#include "accessibility_walk.h"
#include "app_settings.h"
#include "console_widget.h"
#include "main_window.h"
#include "settings_dialog.h"
#include "snapshot_dialog.h"
#include "welcome_page.h"
#include "write_crash_dialog.h"

using namespace sis::desktop;
using sis::test::accessibility_problems;

class GuiAccessibility : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("SIS");
    QCoreApplication::setApplicationName("SIS Control Center (accessibility test)");
    QSettings().clear();
  }
  void cleanupTestCase() { QSettings().clear(); }

  void the_walk_reports_an_unnamed_control_and_a_mouse_only_button() {
    QWidget w;
    auto* form = new QFormLayout(&w);
    form->addRow("Name:", new QLineEdit(&w));  // named by its label (the buddy)
    auto* anonymous = new QLineEdit(&w);
    anonymous->setObjectName("anonymous");
    form->addRow(anonymous);
    auto* mouse_only = new QPushButton("Go", &w);
    mouse_only->setObjectName("mouse_only");
    mouse_only->setFocusPolicy(Qt::NoFocus);
    form->addRow(mouse_only);
    auto* trap = new QPlainTextEdit(&w);
    trap->setObjectName("trap");
    form->addRow("Notes:", trap);
    w.show();
    const QStringList problems = accessibility_problems(&w);
    QCOMPARE(problems.size(), 3);
    QVERIFY2(problems[0].contains("QLineEdit#anonymous: no accessible name"), qPrintable(problems[0]));
    QVERIFY2(problems[1].contains("QPushButton#mouse_only: not reachable by keyboard"), qPrintable(problems[1]));
    QVERIFY2(problems[2].contains("QPlainTextEdit#trap: Tab types into it"), qPrintable(problems[2]));
    trap->setTabChangesFocus(true);
    anonymous->setAccessibleName("Anonymous no more");
    mouse_only->setFocusPolicy(Qt::StrongFocus);
    QCOMPARE(accessibility_problems(&w), QStringList());
  }

  void every_control_of_the_main_window_has_a_name_and_the_keyboard() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.welcome_shown());
    for (const QString& dock : w.dock_names()) w.show_dock(dock);  // every panel built and laid out
    const QStringList problems = accessibility_problems(&w);
    for (const QString& p : problems) qWarning("%s", qPrintable(p));
    QVERIFY2(problems.isEmpty(), qPrintable(QString::number(problems.size()) + " problems (above)"));
  }

  void every_dialog_has_names_and_the_keyboard() {
    MainWindow w;
    SettingsDialog settings(AppSettings::load(), &w);
    SnapshotDialog snapshots(w.session(), &w);
    WriteCrashDialog crash("/crash-demo.txt", &w);
    for (QDialog* d : std::initializer_list<QDialog*>{&settings, &snapshots, &crash}) {
      d->show();
      QVERIFY(QTest::qWaitForWindowExposed(d));
      const QStringList problems = accessibility_problems(d);
      for (const QString& p : problems) qWarning("%s", qPrintable(p));
      QVERIFY2(problems.isEmpty(), qPrintable(d->objectName() + ":\n" + problems.join('\n')));
      d->hide();
    }
  }

  void go_to_shortcuts_bring_each_dock_forward_with_the_focus_in_it() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const QStringList docks = w.dock_names();
    QCOMPARE(docks.size(), 9);  // Ctrl+1..Ctrl+9, one each
    // Start in the console, which takes Tab for itself: the shortcuts still leave it.
    w.go_to_dock("console");
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.console()));
    for (int i = 0; i < docks.size(); ++i) {
      QAction* go = w.action("go_to_" + docks[i]);
      QVERIFY2(go, qPrintable(docks[i]));
      QCOMPARE(go->shortcut(), QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
      QTest::keySequence(QApplication::focusWidget(), go->shortcut());
      QDockWidget* dock = w.dock(docks[i]);
      QTRY_VERIFY2(QApplication::focusWidget() && dock->widget()->isAncestorOf(QApplication::focusWidget()),
                   qPrintable(docks[i] + ": focus in " + (QApplication::focusWidget() ? sis::test::widget_path(QApplication::focusWidget()) : "nothing")));
      QVERIFY(!dock->visibleRegion().isEmpty());  // in front of its tab group
    }
  }

  void the_welcome_page_is_read_in_order_with_tab() {
    AppSettings::remember_disk("/tmp/a.img");
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    WelcomePage* page = w.welcome();
    w.go_to_dock("dashboard");
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(page->default_disk_button()));
    const QList<QWidget*> order{page->open_disk_button(), page->findChild<QPushButton*>("welcome_settings"),
                                page->recent_list(), page->start_selected_button(),
                                page->forget_button()};
    for (QWidget* next : order) {
      QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
      QTRY_COMPARE(QApplication::focusWidget(), next);
    }
    AppSettings::forget_disk("/tmp/a.img");
  }
};

QTEST_MAIN(GuiAccessibility)
#include "test_gui_accessibility.moc"
