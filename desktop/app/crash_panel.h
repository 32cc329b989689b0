// Crash lab: makes the kernel crash on purpose (crash.inject panic, hang, oom, write-crash)
// and shows what happened, step by step with times: the kernel's acknowledgement, its `panic`
// event (message and report), QMP's GUEST_PANICKED (pvpanic), the hang noticed through
// sys.ping timeouts, the reboot (QMP system_reset) and the kernel back on its control port.
// After a crash during a write it shows what the kernel reports about its file system (the
// journal replay) and can check the disk image with e2fsck -fn once the VM is off.
// "Snapshot, then crash" saves the running VM (snapshot "crash-lab": RAM, devices, disk;
// VmSession's snapshot API) and then injects the chosen crash; "Restore" loads that snapshot,
// so a demo can be repeated in seconds from the same pre-crash state.
// "Crash predictor" (CrashPredictorView) shows the predictor's live reading with its alarm
// threshold, the last alarm's lead time, and the autonomous mode with its confirm button.
#pragma once
#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QProcess;
class QTreeWidget;
class QTimer;
class QPlainTextEdit;

namespace sis::desktop {

class CrashPredictorView;
class VmSession;

class CrashPanel : public QWidget {
  Q_OBJECT
 public:
  explicit CrashPanel(VmSession* session, QWidget* parent = nullptr);

  // Injects `kind`; `fresh_timeline` starts a new timeline (false: continue it, after a snapshot).
  void inject(const QString& kind, bool fresh_timeline = true);
  // Runs e2fsck -fn on the configured disk image (the VM must be off).
  void check_image();
  QStringList timeline() const;
  QString last_check_result() const { return check_result_; }
  void set_auto_reboot(bool on);
  // Saves snapshot lab_snapshot() (replacing the lab's previous one), then injects `kind`.
  void snapshot_then_crash(const QString& kind);
  // Loads lab_snapshot() into the running VM (any crash in progress ends there).
  void restore();
  static QString lab_snapshot() { return QStringLiteral("crash-lab"); }
  bool has_lab_snapshot() const;
  QPushButton* snapshot_crash_button() const { return snapshot_crash_; }
  QPushButton* restore_button() const { return restore_; }
  QComboBox* snapshot_kind() const { return snapshot_kind_; }
  CrashPredictorView* predictor() const { return predictor_; }

 signals:
  // One step of an experiment ("panicked", "rebooted", "check: clean"...).
  void step(const QString& what);

 private:
  void add(const QString& what, const QString& detail = {}, const QString& colour = {});
  void update_buttons();
  void on_qmp_event(const QString& name);
  void on_control_ready(bool ready);
  void ping();
  void after_reboot();

  VmSession* session_;
  QTreeWidget* log_;
  QPlainTextEdit* report_;
  QCheckBox* auto_reboot_;
  QList<QPushButton*> inject_buttons_;
  QPushButton* write_crash_;
  QPushButton* check_;
  QComboBox* snapshot_kind_;
  QPushButton* snapshot_crash_;
  QPushButton* restore_;
  CrashPredictorView* predictor_;
  bool restoring_ = false;
  QTimer* ping_timer_;
  QProcess* fsck_ = nullptr;
  QElapsedTimer clock_;
  QString kind_;        // the running experiment, or empty
  bool rebooting_ = false;
  bool ping_in_flight_ = false;
  int missed_pings_ = 0;
  QString check_result_;
};

}  // namespace sis::desktop
