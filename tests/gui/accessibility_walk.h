// Walks a widget tree and lists every control a keyboard or screen-reader user could not use:
// one without an accessible name (what a screen reader says: its own name, its text, or the
// text of the label whose buddy it is), one the keyboard cannot reach (no Tab focus, and for
// a tool button no menu entry or shortcut for its action), or one it cannot leave (an
// editable text field that takes Tab). Used by gui.accessibility on the whole main window
// and its dialogs, and checked there to catch an unnamed control and a mouse-only button.
#pragma once
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStringList>
#include <QTabBar>
#include <QTextEdit>
#include <QToolButton>
#include <QWidget>

namespace sis::test {

// A path a person can find the widget by: its class and the object names up the tree.
inline QString widget_path(const QWidget* w) {
  QStringList parts;
  for (const QObject* o = w; o; o = o->parent()) {
    QString part = o->metaObject()->className();
    if (!o->objectName().isEmpty()) part += "#" + o->objectName();
    parts.prepend(part);
  }
  return parts.join(" > ");
}

// Parts Qt builds inside a control and that the control itself speaks for (a spin box's line
// edit, a combo box's popup, a line edit's clear button, a view's header and scroll bars),
// and the frame of dock widgets
// and tool bars, which the View menu and its shortcuts operate instead.
inline bool is_internal_part(const QWidget* w) {
  for (const QObject* p = w->parent(); p; p = p->parent()) {
    if (qobject_cast<const QComboBox*>(p) || qobject_cast<const QAbstractSpinBox*>(p)) return true;
  }
  // A line edit's clear button: the keyboard clears with Ctrl+A, Delete.
  if (qobject_cast<const QLineEdit*>(w->parent())) return true;
  // A scroll area's viewport: the area itself takes the focus and the name.
  if (auto* area = qobject_cast<const QAbstractScrollArea*>(w->parent()); area && area->viewport() == w) return true;
  const QByteArray cls = w->metaObject()->className();
  if (qobject_cast<const QScrollBar*>(w) || qobject_cast<const QHeaderView*>(w)) return true;
  if (cls == "QDockWidgetTitleButton" || cls == "QToolBarExtension" || cls == "QTableCornerButton") return true;
  if (w->objectName() == QLatin1String("qt_menubar_ext_button")) return true;  // the menu bar's overflow: Alt / F10
  // The tab bar QMainWindow makes for tabbed docks: View > Go to (Ctrl+1..9) replaces it.
  if (qobject_cast<const QTabBar*>(w) && w->parent() && w->parent()->inherits("QMainWindow")) return true;
  return qobject_cast<const QMenuBar*>(w) || qobject_cast<const QMenu*>(w);  // Alt / F10; items checked as actions
}

// Labels are text, read by their text, even when selectable (which gives them click focus).
inline bool is_control(const QWidget* w) {
  if (qobject_cast<const QLabel*>(w)) return false;
  return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QComboBox*>(w) || qobject_cast<const QLineEdit*>(w) ||
         qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QAbstractSlider*>(w) ||
         qobject_cast<const QAbstractItemView*>(w) || qobject_cast<const QTabBar*>(w) || w->focusPolicy() != Qt::NoFocus;
}

inline QString accessible_name(QWidget* w) {
  QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
  return a ? a->text(QAccessible::Name).trimmed() : QString();
}

// An action is reachable by keyboard when it has a shortcut or sits in a menu of the menu bar.
inline bool action_reachable(const QAction* action, const QWidget* root) {
  if (!action->shortcut().isEmpty()) return true;
  for (const QMenu* m : root->window()->findChildren<QMenu*>())
    if (m->actions().contains(const_cast<QAction*>(action))) return true;
  return false;
}

inline QStringList accessibility_problems(QWidget* root) {
  QStringList problems;
  QList<QWidget*> all = root->findChildren<QWidget*>();
  all.prepend(root);
  for (QWidget* w : all) {
    if (!is_control(w) || is_internal_part(w)) continue;
    if (w->window() != root->window() && !root->isAncestorOf(w)) continue;
    if (accessible_name(w).isEmpty()) problems << widget_path(w) + ": no accessible name";
    bool reachable = w->focusPolicy() & Qt::TabFocus;
    if (auto* tb = qobject_cast<QToolButton*>(w); !reachable && tb && tb->defaultAction())
      reachable = action_reachable(tb->defaultAction(), root);
    if (!reachable) problems << widget_path(w) + ": not reachable by keyboard (no Tab focus)";
    // An editable multi-line field that takes Tab keeps the keyboard in it (a trap).
    auto* plain = qobject_cast<QPlainTextEdit*>(w);
    auto* rich = qobject_cast<QTextEdit*>(w);
    if ((plain && !plain->isReadOnly() && !plain->tabChangesFocus()) || (rich && !rich->isReadOnly() && !rich->tabChangesFocus()))
      problems << widget_path(w) + ": Tab types into it and never leaves (setTabChangesFocus)";
  }
  // Menu items: each needs words (an icon-only or empty entry says nothing to a screen reader).
  for (QMenu* m : root->findChildren<QMenu*>()) {
    for (QAction* a : m->actions())
      if (!a->isSeparator() && a->text().trimmed().isEmpty())
        problems << widget_path(m) + ": a menu entry without text (" + a->objectName() + ")";
  }
  return problems;
}

}  // namespace sis::test
