// SIS VMs on a remote host, over one SshLink. The remote side is the same per-VM runtime
// directory a local `sisctl vm start` makes (vm/vm_runtime_dir: sockets, logs, vm.json), under
// the remote user's base ($SIS_RUNTIME_DIR, else $XDG_RUNTIME_DIR/sis, else /tmp/sis-UID),
// and QEMU runs there with the command line launch/qemu_command builds, detached (setsid), so
// it outlives the SSH connection. attach() forwards the VM's sockets (QMP, QMP events,
// control port, console) into a local runtime directory: every local client (QmpClient,
// ControlClient, sisctl's commands) then talks to the remote VM unchanged, on the same
// streams, all on the one SSH session.
#pragma once
#include <QString>

#include <memory>
#include <optional>

#include "launch/qemu_command.h"
#include "remote/ssh_link.h"
#include "vm/vm_runtime_dir.h"

namespace sis::remote {

class RemoteVm {
 public:
  // Connects and learns the remote runtime base. nullptr with a reason on failure (and in
  // *failure what kind, when given: the desktop asks to trust an unknown host key).
  static std::unique_ptr<RemoteVm> connect(const SshOptions& options, QString* error,
                                           ConnectFailure* failure = nullptr);

  SshLink& link() { return *link_; }
  QString host() const { return QString::fromStdString(link_->options().target.to_string()); }
  QString base() const { return base_; }
  host::VmRuntimeDir remote_dir(const QString& name) const { return host::VmRuntimeDir(name, base_); }

  // The remote VM's launch record; nullopt with *error empty when there is none.
  std::optional<host::VmRecord> record(const QString& name, QString* error);
  // True when the record's QEMU still runs remotely (pid alive, same start time).
  bool alive(const host::VmRecord& record, QString* error);

  // Starts QEMU remotely for `config` (kernel, disk: remote paths; qemu: a name or path on
  // the remote host). Checks first that QEMU, the kernel and the disk are there, and says
  // which one is missing. Writes the remote vm.json. False with a reason on failure.
  bool start(const QString& name, host::VmConfig config, host::VmRecord* record, QString* error);

  // Our kernel image `local` on the host: uploaded once per content into
  // BASE/images/kernel-HASH.Image (HASH: the first 16 hex digits of its SHA-256), skipped when
  // a file of that name and size is there. *remote gets its path.
  bool ensure_kernel(const QString& local, bool show_progress, QString* remote, QString* error);
  // A working copy of the build's default disk `local` on the host, BASE/disks/NAME.img,
  // uploaded on first use and then kept (the VM writes to it, as to the local working copy).
  bool ensure_disk_copy(const QString& local, const QString& name, QString* remote, QString* error);

  // Forwards VM `name`'s sockets into `local` (created) and writes its record there.
  bool attach(const QString& name, const host::VmRuntimeDir& local, host::VmRecord* record, QString* error);

  // The last `bytes` of a remote file (logs), empty when unreadable.
  QByteArray tail(const QString& path, int bytes);
  // kill -SIGNAL pid on the remote host.
  bool signal(qint64 pid, int signo);
  // Removes the remote VM's runtime directory (sockets, logs, record).
  bool remove_dir(const QString& name, QString* error);
  // Uploads `local` to `remote` (SFTP, resumable), creating its directory; progress to stderr
  // when `show_progress`.
  bool upload(const QString& local, const QString& remote, bool show_progress, QString* error);

 private:
  explicit RemoteVm(std::unique_ptr<SshLink> link) : link_(std::move(link)) {}
  std::unique_ptr<SshLink> link_;
  QString base_;
};

// `text` quoted for a POSIX shell (single quotes).
std::string sh_quote(const std::string& text);

}  // namespace sis::remote
