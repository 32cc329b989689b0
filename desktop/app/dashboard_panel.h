// Dashboard: live charts of the kernel's metrics stream. Subscribes with metrics.subscribe
// (default 20 Hz) whenever the control port becomes ready (again after a reboot); samples go
// into a MetricsStore (last 5 minutes). A redraw timer (5 Hz) repaints only while the panel is
// visible and only when new samples arrived; each series is decimated to a few hundred points.
// QtCharts: memory, slab classes, scheduler, block throughput, AI, and the scheduler's
// wake-up latency with its policy switch (SchedLatencyChart, SchedPolicyBox); QCustomPlot: power, with
// its controls (budget, calibration) and the app's own host reading (HostPowerMeter) while
// the VM runs. Every chart can be saved (PNG, JPEG, PDF, SVG) and copied (ChartExport).
#pragma once
#include <QElapsedTimer>
#include <QStringList>
#include <QWidget>

#include "metrics_store.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace sis::desktop {

class HostPowerMeter;
class PowerControls;
class PowerPlot;
class SchedLatencyChart;
class SchedPolicyBox;
class SlabChart;
class TimeChart;
class VmSession;

class DashboardPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kRedrawMs = 200;
  static constexpr int kMaxPoints = 600;

  explicit DashboardPanel(VmSession* session, QWidget* parent = nullptr);

  const MetricsStore& store() const { return store_; }
  MetricsStore& store() { return store_; }
  PowerPlot* power_plot() const { return power_; }
  PowerControls* power_controls() const { return power_controls_; }
  HostPowerMeter* host_meter() const { return host_meter_; }
  QList<TimeChart*> charts() const { return charts_; }
  SlabChart* slab_chart() const { return slab_; }
  SchedLatencyChart* sched_latency_chart() const { return sched_latency_; }
  SchedPolicyBox* sched_policy_box() const { return sched_policy_; }
  QString ai_lead_text() const;
  int rate_hz() const;
  void set_rate_hz(int hz);
  qint64 redraws() const { return redraws_; }
  // Redraws now (tests, screenshots).
  void redraw();

 signals:
  void samples_changed(qint64 count);

 private:
  void subscribe();
  QString subscription_text() const;
  void on_event(const QString& name, const QJsonObject& data, qint64 ts_ns);
  void on_tick();

  VmSession* session_;
  MetricsStore store_;
  QList<TimeChart*> charts_;
  PowerPlot* power_;
  PowerControls* power_controls_;
  HostPowerMeter* host_meter_;
  SlabChart* slab_;
  SchedLatencyChart* sched_latency_;
  SchedPolicyBox* sched_policy_;
  QLabel* status_;
  QLabel* ai_lead_;  // under the AI chart: the last alarm's lead time
  QSpinBox* rate_;
  QComboBox* window_;
  QTimer* redraw_timer_;
  bool dirty_ = true;
  qint64 redraws_ = 0;
  // What the last metrics.subscribe answered (its text is made in the current language).
  struct Subscription {
    enum State { None, NotAvailable, Failed, Subscribed } state = None;
    int rate_hz = 0;
    QStringList groups;
    QString error;
  } subscription_;
  QElapsedTimer rate_clock_;
  qint64 rate_count_ = 0;
  double measured_hz_ = 0;
};

}  // namespace sis::desktop
