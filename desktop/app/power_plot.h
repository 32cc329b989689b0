// The power graph: a QCustomPlot of every numeric member of the metrics group "power" (the
// power issue defines them; the plot takes whatever the kernel sends), with mouse zoom (wheel)
// and pan (drag), "Follow live" to return to the moving window, and Save image as PNG, JPG,
// PDF (QCustomPlot's own writers) or SVG (QSvgGenerator). Without a "power" group it shows
// "not available in this kernel" and draws nothing.
#pragma once
#include <QString>

#include "availability_stack.h"

class QCustomPlot;
class QLabel;
class QPushButton;

namespace sis::desktop {

class MetricsStore;

class PowerPlot : public AvailabilityStack {
  Q_OBJECT
 public:
  explicit PowerPlot(QWidget* parent = nullptr);

  void refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points);
  // Writes the plot (also its "not available" frame) to `path`; the format follows the
  // suffix: png, jpg/jpeg, pdf, svg. False with a reason on failure.
  bool save_image(const QString& path, QString* error, int width = 0, int height = 0);
  void save_image_dialog();
  QCustomPlot* plot() const { return plot_; }
  bool following() const { return follow_; }
  void set_following(bool on);

 private:
  QCustomPlot* plot_;
  QPushButton* follow_button_;
  QPushButton* save_button_;
  bool follow_ = true;
  bool updating_range_ = false;
};

}  // namespace sis::desktop
