// The app's own host power reading (docs/power.md "The host meter"): while the VM runs, a
// PowerMeter on the QEMU process is read every 500 ms, and each reading goes to the kernel as
// power.meter, so the estimate's accuracy, the budget's meter bias and calibration have a
// meter without `sisctl power meter`. The reading says what it is: "rapl" or "amd_energy"
// (QEMU's share of the host's measured energy) or "cpu-time" (QEMU's CPU time x a per-core
// figure: a model, not a measurement).
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace sis::host {
class PowerMeter;
}

namespace sis::desktop {

class VmSession;

class HostPowerMeter : public QObject {
  Q_OBJECT
 public:
  static constexpr int kIntervalMs = 500;
  static constexpr double kWattsPerCore = 10.0;  // PowerMeter's default figure

  explicit HostPowerMeter(VmSession* session, QObject* parent = nullptr);
  ~HostPowerMeter() override;

  bool running() const { return meter_ != nullptr; }
  // Where the host has energy counters: "intel-rapl" or "amd_energy"; else empty and
  // why_no_energy() says why (decided when the meter starts).
  QString energy_kind() const { return energy_kind_; }
  QString why_no_energy() const { return why_no_energy_; }
  qint64 readings() const { return readings_; }
  qint64 sent() const { return sent_; }
  QString last_error() const { return error_; }

 signals:
  // One reading: watts for the last interval and its source ("rapl", "amd_energy", "cpu-time").
  void reading(double watts, const QString& source);
  // The meter stopped (the VM is off, or /proc/<pid> cannot be read: `why`).
  void stopped(const QString& why);

 private:
  void start();
  void stop(const QString& why);
  void tick();

  VmSession* session_;
  QTimer* timer_;
  std::unique_ptr<sis::host::PowerMeter> meter_;
  QString energy_kind_, why_no_energy_, error_;
  qint64 readings_ = 0, sent_ = 0;
  bool in_flight_ = false;
};

}  // namespace sis::desktop
