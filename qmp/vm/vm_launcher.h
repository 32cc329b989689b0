// Starts a SIS VM in QEMU with QProcess and watches it. The command line comes from
// launch/qemu_command (the single source of it); the launcher points its sockets into a
// VmRuntimeDir, starts QEMU, reports started() once QEMU is listening on its QMP socket,
// and finished() when QEMU exits (with its status, or the signal that killed it). Sockets
// are removed when QEMU has exited; destroying the launcher kills a QEMU still running and
// removes the whole runtime directory (logs too). QEMU's stderr is kept (the last 64 KiB)
// for error messages.
//
// Lifetime: start() runs QEMU as our child with PR_SET_PDEATHSIG (launch/die_with_parent),
// so it dies with this program even when we are killed; start_detached() is for VMs that
// outlive the program (sisctl vm start): QEMU's output goes to qemu.log.
// Both write vm.json (pid, its start time, owner), which makes the name taken: starting a VM
// under the name of a running one is refused (under an flock, so two starts cannot race);
// a record whose QEMU is gone is stale and the name is free again.
#pragma once
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>

#include "launch/qemu_command.h"
#include "vm/vm_runtime_dir.h"

namespace sis::host {

class VmLauncher : public QObject {
  Q_OBJECT
 public:
  explicit VmLauncher(const QString& name = QStringLiteral("default"), QObject* parent = nullptr);
  ~VmLauncher() override;

  // Starts QEMU with `config` (kernel, disk, memory, cpus, pvpanic...; sockets are set here).
  // False (with a reason) if the configuration is invalid, the runtime directory cannot be
  // made, or a VM of this name is already running. Otherwise started() or start_failed()
  // follows within socket_timeout_ms.
  bool start(VmConfig config, QString* error);
  // Asks QEMU to exit (SIGTERM); kill() ends it at once (SIGKILL).
  void terminate();
  void kill();
  // Blocks up to `ms` for QEMU to exit (for destructors and command-line tools).
  bool wait_for_finished(int ms);

  bool is_running() const { return process_.state() != QProcess::NotRunning; }
  qint64 pid() const { return process_.processId(); }
  const VmRuntimeDir& runtime_dir() const { return dir_; }
  const VmConfig& config() const { return config_; }
  QStringList arguments() const;  // the full QEMU command line, program first
  QString stderr_tail() const { return QString::fromLocal8Bit(stderr_); }
  void set_socket_timeout(int ms) { socket_timeout_ms_ = ms; }

  // Starts QEMU detached from this process (it survives our exit); writes vm.json.
  static bool start_detached(const VmRuntimeDir& dir, VmConfig config, qint64* pid, QString* error);

 signals:
  void started();
  void start_failed(const QString& reason);
  // QEMU exited. crashed: killed by a signal (exit_code is then meaningless).
  void finished(int exit_code, bool crashed, const QString& description);

 private:
  void poll_sockets();
  void on_finished(int exit_code, QProcess::ExitStatus status);

  VmRuntimeDir dir_;
  VmConfig config_;
  QProcess process_;
  QTimer poll_timer_;
  qint64 poll_deadline_ms_ = 0;
  int socket_timeout_ms_ = 10000;
  bool announced_ = false;
  QByteArray stderr_;
};

}  // namespace sis::host
