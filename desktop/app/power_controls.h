// The power graph's controls: set and clear the kernel's power budget (power.set_budget) and
// run calibration (power.calibrate; the app's HostPowerMeter is the meter it fits), with the
// calibration's phase followed through power.status until it is done or failed. Enabled only
// while the control port is ready and the kernel has the "power" capability.
#pragma once
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTimer;

namespace sis::desktop {

class VmSession;

class PowerControls : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kCalibrationPhaseMs = 3000;

  explicit PowerControls(VmSession* session, QWidget* parent = nullptr);

  void set_budget(double watts);
  void clear_budget();
  void calibrate();
  QString status_text() const;
  QDoubleSpinBox* budget_box() const { return budget_; }
  QPushButton* set_button() const { return set_; }
  QPushButton* clear_button() const { return clear_; }
  QPushButton* calibrate_button() const { return calibrate_; }
  bool calibrating() const { return calibrating_; }

 signals:
  void status_changed(const QString& text);

 private:
  void update_enabled();
  void poll_calibration();
  void set_status(const QString& text, bool error = false);

  VmSession* session_;
  QDoubleSpinBox* budget_;
  QPushButton* set_;
  QPushButton* clear_;
  QPushButton* calibrate_;
  QLabel* status_;
  QTimer* poll_;
  bool calibrating_ = false;
  bool poll_in_flight_ = false;
};

}  // namespace sis::desktop
