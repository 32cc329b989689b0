// Slab classes as a QtCharts bar chart: bytes held and bytes in use per slab cache
// (kmalloc-16 ... kmalloc-2048), from the kernel's `memctl stats --json` run through
// shell.exec (the metrics sample only has the slab total). Polled every 2 s while visible;
// without the `shell` capability or that command it says so. "Save image..." and "Copy"
// below the chart (ChartExport).
#pragma once
#include "availability_stack.h"

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QValueAxis;
class QTimer;

namespace sis::desktop {

class ChartExport;
class VmSession;

class SlabChart : public AvailabilityStack {
  Q_OBJECT
 public:
  explicit SlabChart(VmSession* session, QWidget* parent = nullptr);
  void poll();
  int classes_shown() const { return classes_; }
  ChartExport* exporter() const { return export_; }
  QValueAxis* y_axis() const { return y_; }

 private:
  void show_stats(const QJsonObject& stats);

  VmSession* session_;
  QChart* chart_;
  QBarSet* held_;
  QBarSet* used_;
  QBarCategoryAxis* x_;
  QValueAxis* y_;
  QTimer* timer_;
  ChartExport* export_;
  bool in_flight_ = false;
  int classes_ = 0;
};

}  // namespace sis::desktop
