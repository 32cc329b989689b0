// The per-VM runtime directory: where a VM's sockets, pid and launch record live, so that
// separate programs (sisctl vm start, then sisctl vm stop) find the same VM by name.
//   $SIS_RUNTIME_DIR/vm-<name>/, else $XDG_RUNTIME_DIR/sis/vm-<name>/, else /tmp/sis-<uid>/vm-<name>/
// holding qmp.sock (commands), qmp-events.sock (a second monitor for event watchers),
// control.sock (docs/protocol.md), console.sock (the UART), console.log, qemu.log and
// vm.json (the launch record). Directories are created mode 0700.
#pragma once
#include <QString>
#include <QStringList>

#include <optional>

#include "launch/qemu_command.h"

namespace sis::host {

// What vm.json records about a VM started in the background.
struct VmRecord {
  qint64 pid = 0;
  QString name;
  QString kernel;
  QString disk;
  unsigned memory_mib = 0;
  unsigned cpus = 0;
  QString started;      // ISO 8601 UTC
  QStringList arguments;  // the QEMU command line
  // Who started it: "sisctl" (a background VM) or "sis-control-center" (the app's VM,
  // which dies with the app), and that program's pid.
  QString owner;
  qint64 owner_pid = 0;
  // The kernel's start time of `pid` (/proc/PID/stat field 22, clock ticks since boot):
  // a pid reused by an unrelated process after QEMU died does not look like the VM.
  qint64 start_ticks = 0;
};

class VmRuntimeDir {
 public:
  explicit VmRuntimeDir(const QString& name = QStringLiteral("default"));
  // The directory of VM `name` under another base (a remote host's, qmp/remote/remote_vm).
  VmRuntimeDir(const QString& name, const QString& base);

  static QString base_dir();
  // Names are [A-Za-z0-9_-]{1,32}: they become part of socket paths.
  static bool valid_name(const QString& name);

  QString name() const { return name_; }
  QString path() const { return path_; }
  QString qmp_socket() const { return path_ + "/qmp.sock"; }
  QString qmp_event_socket() const { return path_ + "/qmp-events.sock"; }
  QString control_socket() const { return path_ + "/control.sock"; }
  QString console_socket() const { return path_ + "/console.sock"; }
  QString console_log() const { return path_ + "/console.log"; }
  QString qemu_log() const { return path_ + "/qemu.log"; }
  QString record_file() const { return path_ + "/vm.json"; }

  // Creates the directory (and its parents) with mode 0700. False with a reason on failure.
  bool create(QString* error) const;
  // Points `config`'s sockets (both QMP monitors, control, console on a socket with a log)
  // at this directory.
  void apply(VmConfig& config) const;
  // Removes sockets and the launch record (logs stay for post-mortems until the next start).
  void remove_runtime_files() const;
  // Removes everything, logs included, and the directory.
  void remove_all() const;

  bool write_record(const VmRecord& record, QString* error) const;
  std::optional<VmRecord> read_record() const;
  // vm.json's content for `record` (its socket paths are this directory's), and back.
  QByteArray record_json(const VmRecord& record) const;
  static std::optional<VmRecord> parse_record(const QByteArray& json);
  // The record of a VM of this name that is running now (its pid alive and started when
  // the record says); nullopt when there is none or the record is stale.
  std::optional<VmRecord> live_record() const;

  // Serialises starting VMs of this name (check the name is free, start QEMU, write the
  // record) across processes: an flock on $base/vm-NAME.lock, held while the object lives.
  class StartLock {
   public:
    explicit StartLock(const VmRuntimeDir& dir);
    ~StartLock();
    StartLock(const StartLock&) = delete;
    StartLock& operator=(const StartLock&) = delete;
    bool locked() const { return fd_ >= 0; }
   private:
    int fd_ = -1;
  };

 private:
  QString name_;
  QString path_;
};

// True when process `pid` exists (and is not a zombie).
bool process_alive(qint64 pid);
// The start time of process `pid` in clock ticks since boot (/proc/PID/stat field 22), 0 if unknown.
qint64 process_start_ticks(qint64 pid);

}  // namespace sis::host
