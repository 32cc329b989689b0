// The desktop's VM on a remote host (docs/remote.md, "The desktop"): one SSH connection
// (qmp/remote/RemoteVm) on which QEMU is started there, or a VM of the same name already
// running there is attached, and whose four sockets (QMP, QMP events, control port, console)
// are forwarded into a private local directory. VmSession then points its ordinary QMP,
// control and console clients at that directory, as for a local VM.
//
// Every blocking step (connecting, the host-key check, uploads, starting QEMU, the liveness
// check every two seconds, reconnecting) runs on this object's worker thread, one at a time,
// so a slow or dead host never freezes the window; results come back as signals on the GUI
// thread. A dropped connection is reported (link_lost) and QEMU keeps running there;
// reconnect() makes a new connection and forwards the same local socket paths again.
#pragma once
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

#include "launch/qemu_command.h"
#include "remote_host_settings.h"
#include "vm/vm_runtime_dir.h"

namespace sis::desktop {

class RemoteVmHost : public QObject {
  Q_OBJECT
 public:
  struct StartRequest {
    RemoteHostSettings host;
    bool trust_new_key = false;
    QString name;               // the VM's name there (the app's: "control-center")
    sis::host::VmConfig config;  // kernel: a LOCAL image (uploaded once per content); qemu: a name
                                 // or path there; disk: a path there, or empty for default_disk
    QString default_disk;       // local image copied there on first use when config.disk is empty
                                 // (empty: no disk)
  };

  explicit RemoteVmHost(QObject* parent = nullptr);
  ~RemoteVmHost() override;

  // Connects, starts (or attaches) and forwards; started() or start_failed() follows.
  void start(const StartRequest& request);
  // After link_lost: a new connection to the same host and VM; reattached() or
  // reconnect_failed() follows (qemu_exited() when the VM is gone meanwhile).
  void reconnect();
  // Checks at once whether QEMU still runs there (qemu_exited() if not).
  void check_now();
  // Sends `signo` to QEMU there (9: force stop).
  void signal_qemu(int signo);
  // After QEMU exited: removes its runtime directory there and closes the connection.
  void close_and_clean();

  QString host() const { return host_; }
  qint64 pid() const { return pid_; }
  // The local directory whose sockets lead to the VM (valid after started()).
  sis::host::VmRuntimeDir local_dir() const { return local_dir_; }
  QString remote_runtime_dir() const { return remote_dir_; }
  bool link_up() const { return link_up_; }
  bool busy() const;

 signals:
  void progress(const QString& step);
  // QEMU runs there (attached: it was already running) and its sockets are forwarded.
  void started(qint64 pid, bool attached);
  // failure: a sis::remote::ConnectFailure (UnknownHostKey: ask to trust, then start again).
  void start_failed(const QString& message, int failure);
  void link_lost(const QString& reason);
  void reattached();
  void reconnect_failed(const QString& message);
  void qemu_exited(const QString& description);

 private:
  struct Worker;
  void post(std::function<void()> job);
  void deliver(std::function<void()> on_gui_thread);

  std::shared_ptr<Worker> worker_;
  QString host_;
  qint64 pid_ = 0;
  sis::host::VmRuntimeDir local_dir_;
  QString remote_dir_;
  bool link_up_ = false;
};

}  // namespace sis::desktop
