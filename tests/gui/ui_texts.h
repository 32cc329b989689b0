// Every text a user can see or hear in a widget tree, with where it is: labels, buttons,
// group and dock titles, tool tips, placeholders, accessible names and descriptions, combo
// box items, spin box prefixes and suffixes, item view headers, chart titles, axes and
// legends (QtCharts and QCustomPlot), actions and menus. gui.language compares them with
// the translation catalogues after a language switch.
#pragma once
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStringList>
#include <QTabWidget>
#include <QValueAxis>
#include <qcustomplot.h>

#include <utility>

namespace sis::test {

using UiText = std::pair<QString, QString>;  // where, text

inline QList<UiText> ui_texts(QWidget* root) {
  QList<UiText> out;
  auto add = [&out](const QObject* o, const char* what, const QString& text) {
    if (!text.trimmed().isEmpty()) out.append({QStringLiteral("%1#%2 %3").arg(o->metaObject()->className(), o->objectName(), what), text});
  };
  QList<QWidget*> all = root->findChildren<QWidget*>();
  all.prepend(root);
  for (QWidget* w : all) {
    if (w->isWindow() || qobject_cast<QDockWidget*>(w)) add(w, "title", w->windowTitle());
    add(w, "tooltip", w->toolTip());
    add(w, "accessible name", w->accessibleName());
    add(w, "accessible description", w->accessibleDescription());
    if (auto* l = qobject_cast<QLabel*>(w)) add(w, "text", l->text());
    if (auto* b = qobject_cast<QAbstractButton*>(w)) add(w, "text", b->text());
    if (auto* g = qobject_cast<QGroupBox*>(w)) add(w, "title", g->title());
    if (auto* e = qobject_cast<QLineEdit*>(w)) add(w, "placeholder", e->placeholderText());
    if (auto* e = qobject_cast<QPlainTextEdit*>(w)) add(w, "placeholder", e->placeholderText());
    if (auto* s = qobject_cast<QSpinBox*>(w)) {
      add(w, "prefix", s->prefix());
      add(w, "suffix", s->suffix());
    }
    if (auto* c = qobject_cast<QComboBox*>(w))
      for (int i = 0; i < c->count(); ++i) add(w, "item", c->itemText(i));
    if (auto* t = qobject_cast<QTabWidget*>(w))
      for (int i = 0; i < t->count(); ++i) add(w, "tab", t->tabText(i));
    if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model())
      for (int c = 0; c < v->model()->columnCount(); ++c) add(w, "header", v->model()->headerData(c, Qt::Horizontal).toString());
    if (auto* cv = qobject_cast<QChartView*>(w); cv && cv->chart()) {
      QChart* chart = cv->chart();
      add(w, "chart title", chart->title());
      for (QAbstractAxis* a : chart->axes()) add(w, "axis title", a->titleText());
      for (QAbstractSeries* s : chart->series()) add(w, "series", s->name());
    }
    if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
      for (QCPAxis* a : plot->axisRect()->axes()) add(w, "axis label", a->label());
      for (int i = 0; i < plot->plottableCount(); ++i) add(w, "plottable", plot->plottable(i)->name());
    }
  }
  for (QAction* a : root->findChildren<QAction*>()) {
    if (a->isSeparator()) continue;
    add(a, "action", a->text());
    if (a->toolTip() != QString(a->text()).remove('&')) add(a, "action tooltip", a->toolTip());
  }
  for (QMenu* m : root->findChildren<QMenu*>()) add(m, "menu", m->title());
  return out;
}

}  // namespace sis::test
