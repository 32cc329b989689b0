#include "time_chart.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

#include "metrics_store.h"

namespace sis::desktop {

TimeChart::TimeChart(const QString& title, const QString& unit, double scale, QList<Line> lines, QWidget* parent)
    : AvailabilityStack(new QChartView, parent), title_(title), scale_(scale), lines_(std::move(lines)) {
  view_ = static_cast<QChartView*>(widget(0));
  chart_ = new QChart;
  chart_->setTitle(title);
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  x_ = new QValueAxis;
  x_->setTitleText(tr("time since start (s)"));
  x_->setLabelFormat("%.0f");
  y_ = new QValueAxis;
  y_->setTitleText(unit);
  y_->setLabelFormat("%.3g");
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  for (const Line& l : lines_) series_.append(add_series(l.label));
  view_->setChart(chart_);
  view_->setRenderHint(QPainter::Antialiasing, true);
  view_->setMinimumHeight(180);
  setObjectName("chart_" + title);
  show_message(title, tr("Start the VM to see live data."));
}

QLineSeries* TimeChart::add_series(const QString& label) {
  auto* s = new QLineSeries;
  s->setName(label);
  chart_->addSeries(s);
  s->attachAxis(x_);
  s->attachAxis(y_);
  return s;
}

TimeChart* TimeChart::for_group(const QString& title, const QString& unit, const QString& group, QWidget* parent) {
  auto* c = new TimeChart(title, unit, 1.0, {}, parent);
  c->group_ = group;
  return c;
}

qsizetype TimeChart::drawn_points(int i) const { return i < series_.size() ? series_[i]->count() : 0; }

void TimeChart::refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points) {
  if (!group_.isEmpty()) {
    const QStringList keys = store.series_in_group(group_);
    for (const QString& k : keys) {
      if (std::any_of(lines_.begin(), lines_.end(), [&](const Line& l) { return l.key == k; })) continue;
      lines_.append(Line{k, k.mid(group_.size() + 1)});
      series_.append(add_series(lines_.back().label));
    }
  }
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
  x_->setRange(from_s, to_s);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (lo > 0) lo = 0;  // rates and sizes read best from zero
  if (hi <= lo) hi = lo + 1;
  const double pad = (hi - lo) * 0.08;
  y_->setRange(lo, hi + pad);
}

}  // namespace sis::desktop
