// One VM as the desktop sees it: QEMU started by VmLauncher (paused, so no console output is
// lost), QMP for the machine (stop, cont, system_reset, quit and the events that drive the
// VM state), the UART console socket, and the kernel's control port (ControlClient).
// Panels never talk to QEMU themselves: they use this object's clients and signals.
//
// State comes from QMP: query-status once connected, then the events STOP, RESUME, RESET,
// GUEST_PANICKED and SHUTDOWN; Off when QEMU has exited.
//
// The VM may also run on a remote host (start_remote, docs/remote.md "The desktop"): a
// RemoteVmHost starts QEMU there over SSH (or attaches to the app's VM still running there)
// and forwards its sockets into a local directory; the same clients then talk to them. A
// dropped SSH connection does not end the VM: link_changed(Lost) says so, the clients wait,
// and the session reconnects by itself (1, 2, 4 ... 15 s apart) and re-attaches them.
#pragma once
#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

#include "launch/qemu_command.h"
#include "remote_host_settings.h"
#include "root_fs_status.h"
#include "vm/snapshot_job.h"
#include "vm/vm_runtime_dir.h"

class QLocalSocket;
class QTimer;

namespace sis::host {
class ControlClient;
class QmpClient;
class VmLauncher;
}  // namespace sis::host

namespace sis::desktop {

class RemoteVmHost;

class VmSession : public QObject {
  Q_OBJECT
 public:
  enum class State { Off, Starting, Running, Paused, Panicked, Stopping };
  Q_ENUM(State)
  // The SSH connection of a remote VM (Local: the VM runs on this machine, or none runs).
  enum class Link { Local, Up, Lost, Reconnecting };
  Q_ENUM(Link)

  explicit VmSession(const QString& name = QStringLiteral("control-center"), QObject* parent = nullptr);
  ~VmSession() override;

  // Starts QEMU with `config`; false with a reason if it cannot even be started.
  bool start(sis::host::VmConfig config, QString* error);
  // Starts the VM on `host` over SSH, or attaches to this app's VM still running there.
  // config.kernel is the LOCAL image (copied there once per build); config.qemu a name or
  // path there; config.disk a path there, or empty for a copy of `default_disk` (local) made
  // there on first use. False with a reason if it cannot even begin; otherwise the outcome
  // comes as state changes, or remote_start_failed() (an unknown host key: ask, then call
  // again with trust_new_key).
  bool start_remote(const RemoteHostSettings& host, sis::host::VmConfig config, const QString& default_disk,
                    bool trust_new_key, QString* error);
  // Where the VM runs: empty for this machine, else "user@host[:port]".
  QString host() const { return host_; }
  bool is_remote() const { return !host_.isEmpty(); }
  Link link_state() const { return link_; }
  // After a drop: try to reconnect now (the session also retries by itself).
  void reconnect_now();
  void pause();
  void resume();
  void reset();
  // Syncs the guest's file system (fs.sync, when the kernel has it) and asks QEMU to quit.
  void power_off();
  // Kills QEMU at once (SIGKILL).
  void force_stop();

  State state() const { return state_; }
  static QString state_name(State s);
  QString qmp_status() const { return qmp_status_; }
  bool is_running() const { return state_ != State::Off; }
  // QEMU's pid on this machine; 0 when none runs here (a remote VM: remote_pid()).
  qint64 qemu_pid() const;
  qint64 remote_pid() const;
  QString disk_image() const { return QString::fromStdString(config_.disk); }
  const sis::host::VmConfig& config() const { return config_; }
  // The directory of the VM's sockets on this machine (for a remote VM: the forwarded ones).
  QString runtime_dir() const;

  sis::host::ControlClient* control() const { return control_; }
  sis::host::QmpClient* qmp() const { return qmp_; }
  bool control_ready() const;
  // What "/" is in the guest (sys.info's root_fs, asked each time the control port is ready).
  RootFsStatus root_fs() const { return root_fs_; }

  // Snapshots of this VM (docs/desktop.md "Snapshots"; qmp/vm/snapshot_job.h). Save and
  // load need a running VM; `done` runs once, later, with an error text on failure. After a
  // load the control port is reconnected (the restored kernel greets a new session). The
  // crash lab's "snapshot, then crash" is save_snapshot(name, then inject the crash in
  // `done`), its "restore" is load_snapshot(name).
  using SnapshotDone = std::function<void(bool ok, const QString& error)>;
  void save_snapshot(const QString& name, SnapshotDone done = {});
  void load_snapshot(const QString& name, SnapshotDone done = {});
  bool delete_snapshot(const QString& name, QString* error);
  QList<sis::host::SnapshotInfo> snapshots() const;
  bool snapshot_busy() const { return snapshot_busy_; }
  // Why snapshot `info` cannot be loaded into the running VM, or empty.
  QString snapshot_incompatibility(const sis::host::SnapshotInfo& info) const;

  // Bytes typed into the UART (the console widget).
  void send_console(const QByteArray& bytes);
  bool console_connected() const;

 signals:
  void state_changed(sis::desktop::VmSession::State state, const QString& qmp_status);
  void qmp_event(const QString& name, const QJsonObject& data);
  // The control port's greeting arrived (again after a reboot) or the session ended.
  void control_ready_changed(bool ready);
  void root_fs_changed(const sis::desktop::RootFsStatus& status);
  void kernel_event(const QString& name, const QJsonObject& data, qint64 ts_ns);
  void console_output(const QByteArray& bytes);
  // Something worth a line in the Log panel. level: info, warn, error.
  void log_message(const QString& level, const QString& source, const QString& text);
  void finished(const QString& description);
  // The snapshot list changed (saved, deleted); a snapshot operation's progress and end.
  void snapshots_changed();
  void snapshot_progress(const QString& step);
  void snapshot_finished(const QString& operation, const QString& name, bool ok, const QString& error);
  // Remote VMs: the host changed (empty: this machine), the SSH connection's state, and a
  // start that failed (failure: a sis::remote::ConnectFailure).
  void host_changed(const QString& host);
  void link_changed(sis::desktop::VmSession::Link link, const QString& detail);
  void remote_start_failed(const QString& message, int failure);

 private:
  void set_state(State s, const QString& qmp_status = {});
  void on_started();
  void on_qmp_ready();
  void on_qmp_event(const QString& name, const QJsonObject& data);
  void on_finished(const QString& description);
  void connect_console();
  void maybe_continue();
  void refresh_status();
  void query_root_fs();
  void set_root_fs(const RootFsStatus& s);
  void run_snapshot(bool save, const QString& name, qint64 uptime_ns, SnapshotDone done);
  sis::host::SnapshotVm snapshot_vm() const;
  sis::host::VmRuntimeDir sockets() const;
  void set_host(const QString& host);
  void set_link(Link link, const QString& detail = {});
  void on_remote_started(qint64 pid, bool attached);
  void on_link_lost(const QString& reason);
  void on_reattached();
  void schedule_reconnect();

  QString name_;
  sis::host::VmConfig config_;
  sis::host::VmLauncher* launcher_ = nullptr;
  RemoteVmHost* remote_ = nullptr;
  QString host_;
  Link link_ = Link::Local;
  QTimer* reconnect_timer_ = nullptr;
  int reconnect_delay_ms_ = 1000;
  sis::host::QmpClient* qmp_;
  sis::host::ControlClient* control_;
  QLocalSocket* console_;
  State state_ = State::Off;
  QString qmp_status_;
  RootFsStatus root_fs_;
  bool console_tried_ = false;
  bool continued_ = false;
  bool force_stopping_ = false;
  bool snapshot_busy_ = false;
};

}  // namespace sis::desktop
