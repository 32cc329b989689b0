// Takes and restores VM snapshots over QMP (docs/desktop.md, "Snapshots").
//
// The default disk is a raw image and QEMU's internal snapshots (savevm/snapshot-save) need
// qcow2 for every device they snapshot. So the two halves are kept apart:
//  - RAM and device state: QEMU's snapshot-save job writes it into a small qcow2 image of
//    the snapshot's own (state.qcow2), attached with blockdev-add only for the job and listed
//    as the only device; the raw disk is left out of QEMU's snapshot.
//  - the disk: a sparse copy of the raw image (snapshot_disk.h), taken while the CPUs are
//    stopped, so RAM and disk are from the same instant.
// save:  query-status, stop, copy the disk, blockdev-add + blockdev-create (qcow2),
//        snapshot-save, blockdev-del, meta.json, cont (if it was running).
// load:  stop, blockdev-add, snapshot-load (RAM, devices, guest clock), write the disk copy
//        back into the raw image in place (QEMU keeps it open; nothing of it is cached in
//        QEMU), blockdev-del, cont (if it was running when taken).
// Every step's failure is reported with the step's name; the VM is resumed if it was
// running and the temporary block nodes are removed.
#pragma once
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include "client/reply.h"
#include "vm/snapshot_store.h"

namespace sis::host {

class QmpClient;

// The VM as snapshots need to know it (from vm.json or the app's VmConfig).
struct SnapshotVm {
  QString name;      // the VM's name: the store is per name
  QString disk;      // its raw disk image; empty when it runs without a disk
  unsigned memory_mib = 0;
  unsigned cpus = 0;
  QString kernel;
};

class VmSnapshotter : public QObject {
  Q_OBJECT
 public:
  using Done = std::function<void(bool ok, const QString& error)>;

  // `qmp` must be connected (or connecting) to the VM's QMP monitor and outlive this object.
  VmSnapshotter(QmpClient* qmp, SnapshotVm vm, QObject* parent = nullptr);

  const SnapshotStore& store() const { return store_; }
  const SnapshotVm& vm() const { return vm_; }
  bool busy() const { return busy_; }

  // Takes snapshot `name` (which must not exist). uptime_ns: the guest's uptime if known
  // (recorded in meta.json), else -1. `done` runs once, later.
  void save(const QString& name, qint64 uptime_ns, Done done);
  // Restores snapshot `name` into the running VM.
  void load(const QString& name, Done done);
  // Why snapshot `info` cannot be loaded into this VM (other disk, memory, cpus), or empty.
  QString incompatibility(const SnapshotInfo& info) const;

 signals:
  void progress(const QString& step);

 private:
  using Next = std::function<void(const Reply&)>;
  void call(const QString& step, const QString& command, const QJsonObject& args, Next next, int timeout_ms = 30000);
  void wait_job(const QString& step, const QString& id, std::function<void()> next);
  void poll_job(const QString& step, const QString& id, qint64 deadline_ms, std::function<void()> next);
  void finish(bool ok, const QString& error);
  void save_state(const QString& name, qint64 uptime_ns);
  void load_state(const SnapshotInfo& info);

  QmpClient* qmp_;
  SnapshotVm vm_;
  SnapshotStore store_;
  bool busy_ = false;
  Done done_;
  bool resume_ = false;        // cont when the operation ends (also on failure)
  bool nodes_added_ = false;   // blockdev-del the state nodes when the operation ends
  QString partial_;            // a save's directory to remove on failure
};

}  // namespace sis::host
