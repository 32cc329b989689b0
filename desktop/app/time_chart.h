// One QtCharts line chart of MetricsStore series against time (seconds, the host's clock),
// inside an AvailabilityStack: when none of its series exists while samples arrive, it says
// "not available in this kernel" instead of drawing an empty or made-up line. refresh() is
// called by the dashboard's redraw timer, not per sample; each series gets decimated points.
// Axes: the whole time window with ticks on 1/2/5 x 10^n steps, the unit on the y axis.
// "Save image..." and "Copy" below the chart (ChartExport).
#pragma once
#include <QList>
#include <QString>
#include <QStringList>

#include "availability_stack.h"

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace sis::desktop {

class ChartExport;
class MetricsStore;

class TimeChart : public AvailabilityStack {
  Q_OBJECT
 public:
  struct Line {
    QString key;    // MetricsStore key, e.g. "mem.used_bytes"
    QString label;  // legend
  };
  // `scale` divides values (e.g. 1048576 for MiB); `unit` is the y axis title; `id` names
  // the widget (chart_<id>) and the suggested file (sis-<id>.png); empty: from the title.
  TimeChart(const QString& title, const QString& unit, double scale, QList<Line> lines, QWidget* parent = nullptr,
            const QString& id = {});

  // Redraws from `store` for times [from_s, to_s]; `have_samples`: samples are arriving
  // (else the chart says why it is empty).
  void refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points);
  // Points currently drawn by line `i` (tests, the CPU measurement).
  qsizetype drawn_points(int i) const;
  QString title() const { return title_; }
  // The chart's words in the current language: title, y axis unit, one legend entry per line
  // (the dashboard calls it on a language switch; the x axis and messages follow by themselves).
  void set_texts(const QString& title, const QString& unit, const QStringList& labels);
  QChartView* view() const { return view_; }
  QValueAxis* x_axis() const { return x_; }
  QValueAxis* y_axis() const { return y_; }
  ChartExport* exporter() const { return export_; }
  QChart* chart() const { return chart_; }

 protected:
  // Called at the end of refresh() when the lines were drawn (the axes are set): subclasses
  // add what is not a MetricsStore line (SchedLatencyChart: policy change markers).
  virtual void after_refresh(const MetricsStore& store, double from_s, double to_s) {
    (void)store, (void)from_s, (void)to_s;
  }

 private:
  QLineSeries* add_series(const QString& label);

  QString title_;
  double scale_;
  QList<Line> lines_;
  QList<QLineSeries*> series_;
  QChart* chart_;
  QChartView* view_;
  QValueAxis* x_;
  QValueAxis* y_;
  ChartExport* export_;
};

}  // namespace sis::desktop
