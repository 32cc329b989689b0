#include "crash_risk_plot.h"

#include <QPainter>
#include <QPainterPath>

namespace sis::desktop {

CrashRiskPlot::CrashRiskPlot(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(120);
  setFocusPolicy(Qt::TabFocus);  // reachable by keyboard (its accessible name says what it shows)
}

void CrashRiskPlot::set_scale(const QString& unit, double y_max, double threshold, bool alarm_above) {
  if (unit == unit_ && y_max == y_max_ && threshold == threshold_ && alarm_above == alarm_above_) return;
  unit_ = unit;
  y_max_ = y_max > 0 ? y_max : 1.0;
  threshold_ = threshold;
  alarm_above_ = alarm_above;
  clear();
}

void CrashRiskPlot::add(double value, bool alarm) {
  values_.append(qBound(0.0, value, y_max_));
  alarms_.append(alarm);
  if (values_.size() > kCap) {
    values_.removeFirst();
    alarms_.removeFirst();
  }
  update();
}

void CrashRiskPlot::clear() {
  values_.clear();
  alarms_.clear();
  update();
}

void CrashRiskPlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  p.fillRect(rect(), pal.base());
  QFontMetrics fm(font());
  const int left = fm.horizontalAdvance(QStringLiteral("00.0 ") + unit_) + 6, right = 8, top = 8,
            bottom = fm.height() + 6;
  QRectF area(left, top, width() - left - right, height() - top - bottom);
  if (area.width() < 10 || area.height() < 10) return;
  auto y_of = [&](double v) { return area.bottom() - v / y_max_ * area.height(); };
  // Axis, three labels.
  p.setPen(pal.color(QPalette::Mid));
  p.drawRect(area);
  p.setPen(pal.color(QPalette::Text));
  for (double f : {0.0, 0.5, 1.0}) {
    double v = f * y_max_;
    p.drawText(QRectF(0, y_of(v) - fm.height() / 2.0, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
               QString::number(v, 'f', y_max_ >= 10 ? 0 : 1) + ' ' + unit_);
  }
  p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), fm.height()), Qt::AlignRight,
             tr("last minute"));
  // The threshold: the line the reading must cross to alarm.
  QColor alarm_colour(0xd0, 0x30, 0x30);
  QPen dashed(alarm_colour, 1.5, Qt::DashLine);
  p.setPen(dashed);
  double ty = y_of(qBound(0.0, threshold_, y_max_));
  p.drawLine(QPointF(area.left(), ty), QPointF(area.right(), ty));
  if (values_.isEmpty()) return;
  // The reading, newest at the right edge.
  double dx = area.width() / (kCap - 1);
  double x0 = area.right() - (values_.size() - 1) * dx;
  QPainterPath path;
  for (int i = 0; i < values_.size(); ++i) {
    QPointF pt(x0 + i * dx, y_of(values_[i]));
    if (i == 0) path.moveTo(pt);
    else path.lineTo(pt);
  }
  p.setPen(QPen(pal.color(QPalette::Highlight), 2));
  p.drawPath(path);
  p.setPen(Qt::NoPen);
  p.setBrush(alarm_colour);
  for (int i = 0; i < values_.size(); ++i)
    if (alarms_[i]) p.drawEllipse(QPointF(x0 + i * dx, y_of(values_[i])), 2.5, 2.5);
}

}  // namespace sis::desktop
