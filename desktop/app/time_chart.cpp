#include "time_chart.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "chart_export.h"
#include "chart_theme.h"
#include "chart_ticks.h"
#include "metrics_store.h"
#include "retranslate_hook.h"

namespace sis::desktop {

namespace {
// Ticks every `s.step` from 0, labels with the decimals the step needs: 0, 10, 20 ... s.
void apply_scale(QValueAxis* axis, const NiceScale& s, double lo, double hi) {
  if (axis->tickInterval() != s.step) {
    axis->setTickInterval(s.step);
    axis->setLabelFormat(label_format(s));
  }
  axis->setRange(lo, hi);
}
}  // namespace

TimeChart::TimeChart(const QString& title, const QString& unit, double scale, QList<Line> lines, QWidget* parent,
                     const QString& id)
    : AvailabilityStack(new QWidget, parent), title_(title), scale_(scale), lines_(std::move(lines)) {
  QWidget* page = widget(0);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  view_ = new QChartView(page);
  layout->addWidget(view_, 1);
  chart_ = new QChart;
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  x_ = new QValueAxis;
  x_->setLabelFormat("%.0f");
  y_ = new QValueAxis;
  y_->setLabelFormat("%.0f");
  for (QValueAxis* a : {x_, y_}) {  // ticks on multiples of a nice step, not range / 4
    a->setTickType(QValueAxis::TicksDynamic);
    a->setTickAnchor(0);
    a->setTickInterval(1);
  }
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  for (const Line& l : lines_) series_.append(add_series(l.label));
  view_->setChart(chart_);
  follow_palette(view_);  // a dark desktop gets a dark chart (chart_theme.h)
  view_->setRenderHint(QPainter::Antialiasing, true);
  view_->setMinimumHeight(220);
  const QString name = id.isEmpty() ? title.toLower().replace(' ', '_') : id;
  setObjectName("chart_" + name);
  export_ = new ChartExport(view_, "sis-" + name, title, paint_chart_view(view_));
  layout->addLayout(export_->make_buttons(page, "chart_" + name));
  // A chart takes Tab focus like any view; its name is what a screen reader says for it.
  view_->setFocusPolicy(Qt::StrongFocus);
  QStringList labels;
  for (const Line& l : lines_) labels << l.label;
  set_texts(title, unit, labels);
  keep_translated(this, [this] {
    x_->setTitleText(tr("time since start (s)"));
    if (!content_shown()) show_message(title_, tr("Start the VM to see live data."));  // the next refresh says more
  });
}

void TimeChart::set_texts(const QString& title, const QString& unit, const QStringList& labels) {
  title_ = title;
  chart_->setTitle(title);
  y_->setTitleText(unit);
  for (int i = 0; i < series_.size() && i < labels.size(); ++i) {
    lines_[i].label = labels[i];
    series_[i]->setName(labels[i]);
  }
  view_->setAccessibleName(title);
  export_->set_title(title);
  if (!content_shown()) show_message(title, tr("Start the VM to see live data."));
}

QLineSeries* TimeChart::add_series(const QString& label) {
  auto* s = new QLineSeries;
  s->setName(label);
  chart_->addSeries(s);
  s->attachAxis(x_);
  s->attachAxis(y_);
  return s;
}

qsizetype TimeChart::drawn_points(int i) const { return i < series_.size() ? series_[i]->count() : 0; }

void TimeChart::refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points) {
  bool any = false;
  for (const Line& l : lines_) any = any || store.has_series(l.key);
  if (!any) {
    if (have_samples)
      show_message(tr("%1: not available in this kernel").arg(title_),
                   tr("The kernel's metrics samples have no such data (group or member absent)."));
    else
      show_message(title_, tr("Start the VM to see live data."));
    return;
  }
  show_content();
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < lines_.size(); ++i) {
    QList<QPointF> pts = store.decimated(lines_[i].key, from_s, max_points);
    for (QPointF& p : pts) {
      p.setY(p.y() / scale_);
      lo = std::min(lo, p.y());
      hi = std::max(hi, p.y());
    }
    series_[i]->setVisible(store.has_series(lines_[i].key));
    series_[i]->replace(pts);
  }
  // The whole window [from, to] (from 0 until the window is full), ticks every nice step.
  apply_scale(x_, nice_scale(0, to_s - from_s, 6), from_s, to_s);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (lo > 0) lo = 0;  // rates and sizes read best from zero
  if (hi <= lo) hi = lo + 1;  // a flat line (no I/O yet): 0 .. 1, not 0 .. 0.2
  const NiceScale y = nice_scale(lo, hi, 5);
  apply_scale(y_, y, y.lo, y.hi);
  after_refresh(store, from_s, to_s);
}

}  // namespace sis::desktop
