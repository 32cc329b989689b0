// One QtCharts line chart of MetricsStore series against time (seconds, the host's clock),
// inside an AvailabilityStack: when none of its series exists while samples arrive, it says
// "not available in this kernel" instead of drawing an empty or made-up line. refresh() is
// called by the dashboard's redraw timer, not per sample; each series gets decimated points.
#pragma once
#include <QList>
#include <QString>

#include "availability_stack.h"

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace sis::desktop {

class MetricsStore;

class TimeChart : public AvailabilityStack {
  Q_OBJECT
 public:
  struct Line {
    QString key;    // MetricsStore key, e.g. "mem.used_bytes"
    QString label;  // legend
  };
  // `scale` divides values (e.g. 1048576 for MiB); `unit` is the y axis title.
  TimeChart(const QString& title, const QString& unit, double scale, QList<Line> lines, QWidget* parent = nullptr);
  // A chart of every series of metrics group `group` (for groups a later issue defines,
  // e.g. "ai"): its lines follow what the samples carry.
  static TimeChart* for_group(const QString& title, const QString& unit, const QString& group, QWidget* parent = nullptr);

  // Redraws from `store` for times [from_s, to_s]; `have_samples`: samples are arriving
  // (else the chart says why it is empty).
  void refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points);
  // Points currently drawn by line `i` (tests, the CPU measurement).
  qsizetype drawn_points(int i) const;
  QString title() const { return title_; }
  QChartView* view() const { return view_; }

 private:
  QLineSeries* add_series(const QString& label);

  QString title_;
  QString group_;
  double scale_;
  QList<Line> lines_;
  QList<QLineSeries*> series_;
  QChart* chart_;
  QChartView* view_;
  QValueAxis* x_;
  QValueAxis* y_;
};

}  // namespace sis::desktop
