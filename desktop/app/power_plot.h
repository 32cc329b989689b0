// The power graph: a QCustomPlot of three labelled lines in watts, over the dashboard's time
// window: the kernel's estimate (metrics group "power", estimated_w), the host reading (the
// app's own HostPowerMeter, MetricsStore key "host.power_w"; else the kernel's metered_w from
// another meter such as `sisctl power meter`) and the budget (budget_w; "off" when none).
// The host line says what it is: QEMU's share of measured energy (RAPL / amd_energy) or a
// CPU-time model, with a note on the graph when the host has no energy counters. Ticks on
// 1/2/5 x 10^n; a status line above says "no sample yet" until the first estimate (never
// 0.000 W). Wheel zoom, drag pan, "Follow live"; "Save image..." (PNG, JPG, PDF, SVG) and
// "Copy" (ChartExport). Without a "power" group it says "not available in this kernel".
#pragma once
#include <QString>

#include "availability_stack.h"

class QCPTextElement;
class QCustomPlot;
class QLabel;
class QPushButton;

namespace sis::desktop {

class ChartExport;
class MetricsStore;

class PowerPlot : public AvailabilityStack {
  Q_OBJECT
 public:
  static constexpr const char* kHostKey = "host.power_w";
  enum Line { Estimate = 0, Host = 1, Budget = 2 };

  explicit PowerPlot(QWidget* parent = nullptr);

  void refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points);
  // What the host reading is: `source` "rapl", "amd_energy" or "cpu-time" (empty: no
  // reading yet); `why_no_energy`: why the host has no energy counters (cpu-time only).
  void set_host_source(const QString& source, const QString& why_no_energy = {});
  // Writes the plot (also its "not available" frame) to `path`; the format follows the
  // suffix: png, jpg/jpeg, pdf, svg. False with a reason on failure.
  bool save_image(const QString& path, QString* error, int width = 0, int height = 0);
  void save_image_dialog();
  QCustomPlot* plot() const { return plot_; }
  ChartExport* exporter() const { return export_; }
  QString status_text() const;
  QString note_text() const;
  bool following() const { return follow_; }
  void set_following(bool on);

 private:
  QString host_label() const;

  QCustomPlot* plot_;
  QCPTextElement* note_;
  QLabel* status_;
  QPushButton* follow_button_;
  ChartExport* export_;
  QString host_source_, why_no_energy_;
  bool follow_ = true;
  bool updating_range_ = false;
};

}  // namespace sis::desktop
