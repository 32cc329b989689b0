// Where VM snapshots live and what each one records (docs/desktop.md, "Snapshots").
//   $SIS_SNAPSHOT_DIR, else $XDG_DATA_HOME/sis/snapshots (~/.local/share/sis/snapshots),
//   then vm-NAME/SNAPSHOT/ for the VM called NAME:
//     state.qcow2  RAM and device state: a qcow2 image holding one internal snapshot "sis"
//                  whose vmstate QEMU wrote (snapshot-save); its virtual disk is unused
//     disk.img     a sparse copy of the VM's raw disk taken at the same paused instant
//     meta.json    name, time, the VM's configuration (disk, memory, cpus, kernel), its run
//                  state and the guest's uptime when it was taken
// Snapshots survive the VM (they are not in its runtime directory); loading one needs a VM
// with the same disk path, memory size and cpu count.
#pragma once
#include <QList>
#include <QString>

#include <optional>

namespace sis::host {

struct SnapshotInfo {
  QString name;
  QString created;  // ISO 8601 UTC
  QString vm_name;
  QString disk;     // the VM's disk image (the one disk.img is a copy of); empty: no disk
  qint64 disk_bytes = 0;  // bytes the copy occupies (sparse)
  unsigned memory_mib = 0;
  unsigned cpus = 0;
  QString kernel;
  QString status;   // QMP run state when taken: running, paused, guest-panicked...
  qint64 uptime_ns = -1;  // the guest's uptime when taken (sys.info), -1 if unknown
  qint64 state_bytes = 0; // size of state.qcow2
};

class SnapshotStore {
 public:
  explicit SnapshotStore(const QString& vm_name);
  static QString base_dir();
  // Snapshot names: [A-Za-z0-9_.-]{1,64}, not starting with '.'.
  static bool valid_name(const QString& name);

  QString vm_name() const { return vm_name_; }
  QString path() const { return path_; }
  QString dir(const QString& name) const { return path_ + "/" + name; }
  QString state_file(const QString& name) const { return dir(name) + "/state.qcow2"; }
  QString disk_file(const QString& name) const { return dir(name) + "/disk.img"; }
  // A snapshot being written: renamed to dir(name) when complete, so a crash mid-save
  // leaves no half snapshot in the list.
  QString partial_dir(const QString& name) const { return path_ + "/.partial-" + name; }

  bool exists(const QString& name) const;
  QList<SnapshotInfo> list() const;  // oldest first
  std::optional<SnapshotInfo> find(const QString& name) const;
  bool remove(const QString& name, QString* error) const;

  // Writes meta.json into `dir` (the partial directory during a save).
  static bool write_meta(const QString& dir, const SnapshotInfo& info, QString* error);
  static std::optional<SnapshotInfo> read_meta(const QString& dir);

 private:
  QString vm_name_;
  QString path_;
};

}  // namespace sis::host
