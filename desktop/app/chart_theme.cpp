#include "chart_theme.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <qcustomplot.h>

#include <functional>

namespace sis::desktop {

namespace {

QColor mix(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                          a.blueF() + (b.blueF() - a.blueF()) * t);
}

struct Colours {
  QColor background, text, axis, grid;
  explicit Colours(const QPalette& p)
      : background(p.color(QPalette::Base)),
        text(p.color(QPalette::Text)),
        axis(mix(p.color(QPalette::Base), p.color(QPalette::Text), 0.55)),
        grid(mix(p.color(QPalette::Base), p.color(QPalette::Text), 0.18)) {}
};

// Calls `apply` when the watched widget's palette (or the application's) changes.
class PaletteWatcher : public QObject {
 public:
  PaletteWatcher(QWidget* widget, std::function<void()> apply) : QObject(widget), apply_(std::move(apply)) {
    widget->installEventFilter(this);
    apply_();
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) apply_();
    return QObject::eventFilter(watched, event);
  }

 private:
  std::function<void()> apply_;
};

void apply(QChartView* view) {
  QChart* chart = view->chart();
  if (!chart) return;
  const Colours c(view->palette());
  chart->setBackgroundBrush(c.background);
  chart->setBackgroundPen(Qt::NoPen);
  chart->setPlotAreaBackgroundVisible(false);
  chart->setTitleBrush(c.text);
  chart->legend()->setLabelColor(c.text);
  chart->legend()->setBrush(Qt::NoBrush);
  for (QAbstractAxis* axis : chart->axes()) {
    axis->setLabelsColor(c.text);
    axis->setTitleBrush(c.text);
    axis->setLinePenColor(c.axis);
    axis->setGridLineColor(c.grid);
    axis->setMinorGridLineColor(c.grid);
  }
  view->setBackgroundBrush(c.background);
}

void apply(QCustomPlot* plot) {
  const Colours c(plot->palette());
  plot->setBackground(c.background);
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setBasePen(QPen(c.axis));
    axis->setTickPen(QPen(c.axis));
    axis->setSubTickPen(QPen(c.axis));
    axis->setTickLabelColor(c.text);
    axis->setLabelColor(c.text);
    axis->grid()->setPen(QPen(c.grid, 0, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(c.axis));
  }
  plot->legend->setBrush(c.background);
  plot->legend->setTextColor(c.text);
  // The title row; other text elements (notes) keep their own signal colours.
  for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
    if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)); t && t->font().bold())
      t->setTextColor(c.text);
  plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace

void follow_palette(QChartView* view) {
  new PaletteWatcher(view, [view] { apply(view); });
}

void follow_palette(QCustomPlot* plot) {
  new PaletteWatcher(plot, [plot] { apply(plot); });
}

}  // namespace sis::desktop
