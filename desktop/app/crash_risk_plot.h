// CrashRiskPlot: the crash detector's reading over the last minute with its alarm threshold
// as a dashed line (Crash lab, crash_predictor_view.h). The reading is what the kernel's
// selected detector compares with its threshold: the model's risk (alarm above the line) or
// the time to exhaustion (alarm below the line, clipped at the axis top). Samples that
// raised the alarm are drawn in the alarm colour.
#pragma once
#include <QVector>
#include <QWidget>

namespace sis::desktop {

class CrashRiskPlot : public QWidget {
  Q_OBJECT
 public:
  explicit CrashRiskPlot(QWidget* parent = nullptr);

  // What the plot shows: a y range, where the threshold is, and whether readings above it
  // (model risk) or below it (time to exhaustion) alarm. Changing it clears the history.
  void set_scale(const QString& unit, double y_max, double threshold, bool alarm_above);
  void add(double value, bool alarm);
  void clear();
  int count() const { return values_.size(); }
  double last() const { return values_.isEmpty() ? -1.0 : values_.last(); }  // -1: none yet
  double threshold() const { return threshold_; }
  QSize sizeHint() const override { return {480, 160}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  static constexpr int kCap = 240;  // a minute of the view's 4 polls per second
  QVector<double> values_;
  QVector<bool> alarms_;
  QString unit_;
  double y_max_ = 1.0, threshold_ = 0.5;
  bool alarm_above_ = true;
};

}  // namespace sis::desktop
