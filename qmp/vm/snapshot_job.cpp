#include "vm/snapshot_job.h"

#include <sys/stat.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

#include "client/qmp_client.h"
#include "vm/snapshot_disk.h"

namespace sis::host {

namespace {

constexpr const char* kFileNode = "sis-snapshot-file";
constexpr const char* kStateNode = "sis-snapshot-state";
constexpr const char* kTag = "sis";  // the one internal snapshot in each state.qcow2
constexpr int kJobTimeoutMs = 300000;

// What a (sparse) file occupies on the host, not its apparent size.
qint64 allocated_bytes(const QString& path) {
  struct stat st;
  return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<qint64>(st.st_blocks) * 512 : 0;
}

}  // namespace

VmSnapshotter::VmSnapshotter(QmpClient* qmp, SnapshotVm vm, QObject* parent)
    : QObject(parent), qmp_(qmp), vm_(std::move(vm)), store_(vm_.name) {}

QString VmSnapshotter::incompatibility(const SnapshotInfo& s) const {
  if (s.disk != vm_.disk)
    return tr("snapshot '%1' was taken with disk '%2'; this VM runs '%3'")
        .arg(s.name, s.disk.isEmpty() ? tr("(none)") : s.disk, vm_.disk.isEmpty() ? tr("(none)") : vm_.disk);
  if (s.memory_mib != vm_.memory_mib)
    return tr("snapshot '%1' was taken with %2 MiB of RAM; this VM has %3 MiB").arg(s.name).arg(s.memory_mib).arg(vm_.memory_mib);
  if (vm_.cpus != 0 && s.cpus != vm_.cpus)
    return tr("snapshot '%1' was taken with %2 CPUs; this VM has %3").arg(s.name).arg(s.cpus).arg(vm_.cpus);
  return {};
}

void VmSnapshotter::call(const QString& step, const QString& command, const QJsonObject& args, Next next, int timeout_ms) {
  QPointer<VmSnapshotter> self(this);
  qmp_->execute(command, args, [self, step, next](const Reply& r) {
    if (!self) return;
    if (!r.ok()) return self->finish(false, QStringLiteral("%1: %2").arg(step, r.error->message));
    next(r);
  }, timeout_ms);
}

void VmSnapshotter::wait_job(const QString& step, const QString& id, std::function<void()> next) {
  poll_job(step, id, QDateTime::currentMSecsSinceEpoch() + kJobTimeoutMs, std::move(next));
}

// QMP jobs run in the background: query-jobs until this one has concluded, then read its
// error (if any) and dismiss it.
void VmSnapshotter::poll_job(const QString& step, const QString& id, qint64 deadline_ms, std::function<void()> next) {
  call(step, "query-jobs", {}, [this, step, id, deadline_ms, next](const Reply& r) {
    for (const QJsonValue& v : r.value.toArray()) {
      const QJsonObject job = v.toObject();
      if (job.value("id").toString() != id) continue;
      if (job.value("status").toString() != "concluded") break;
      const QString error = job.value("error").toString();
      call(step, "job-dismiss", {{"id", id}}, [this, step, error, next](const Reply&) {
        if (!error.isEmpty()) return finish(false, QStringLiteral("%1: %2").arg(step, error));
        next();
      });
      return;
    }
    if (QDateTime::currentMSecsSinceEpoch() > deadline_ms)
      return finish(false, tr("%1: the QMP job did not finish within %2 s").arg(step).arg(kJobTimeoutMs / 1000));
    QPointer<VmSnapshotter> self(this);
    QTimer::singleShot(20, this, [self, step, id, deadline_ms, next] {
      if (self) self->poll_job(step, id, deadline_ms, next);
    });
  });
}

void VmSnapshotter::finish(bool ok, const QString& error) {
  // Cleanup runs whatever happened; its own errors do not replace the first one.
  auto end = [this, ok, error] {
    if (!ok && !partial_.isEmpty()) QDir(partial_).removeRecursively();
    partial_.clear();
    auto report = [this, ok, error] {
      busy_ = false;
      Done done = std::move(done_);
      done_ = nullptr;
      if (done) done(ok, error);
    };
    if (!resume_) return report();
    resume_ = false;
    qmp_->execute("cont", [report](const Reply&) { report(); }, 10000);
  };
  if (!nodes_added_) return end();
  nodes_added_ = false;
  qmp_->execute("blockdev-del", {{"node-name", kStateNode}}, [this, end](const Reply&) {
    qmp_->execute("blockdev-del", {{"node-name", kFileNode}}, [end](const Reply&) { end(); }, 10000);
  }, 10000);
}

void VmSnapshotter::save(const QString& name, qint64 uptime_ns, Done done) {
  if (busy_) return done(false, tr("another snapshot operation is running"));
  if (!SnapshotStore::valid_name(name))
    return done(false, tr("invalid snapshot name '%1' (letters, digits, '.', '-', '_'; at most 64)").arg(name));
  if (store_.exists(name)) return done(false, tr("a snapshot '%1' of VM '%2' exists already; delete it first").arg(name, vm_.name));
  busy_ = true;
  done_ = std::move(done);
  partial_ = store_.partial_dir(name);
  QDir(partial_).removeRecursively();  // left by a save that crashed
  if (!QDir().mkpath(partial_)) return finish(false, tr("cannot create %1").arg(partial_));
  save_state(name, uptime_ns);
}

void VmSnapshotter::save_state(const QString& name, qint64 uptime_ns) {
  emit progress(tr("pausing the VM"));
  call("query-status", "query-status", {}, [this, name, uptime_ns](const Reply& st) {
    const QString status = st.object().value("status").toString();
    const bool running = st.object().value("running").toBool();
    call("stop", "stop", {}, [this, name, uptime_ns, status, running](const Reply&) {
      resume_ = running;
      SnapshotInfo info;
      info.name = name;
      info.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
      info.vm_name = vm_.name;
      info.disk = vm_.disk;
      info.memory_mib = vm_.memory_mib;
      info.cpus = vm_.cpus;
      info.kernel = vm_.kernel;
      info.status = status;
      info.uptime_ns = uptime_ns;
      if (!vm_.disk.isEmpty()) {
        emit progress(tr("copying the disk"));
        QString error;
        if (!copy_disk_image(vm_.disk, partial_ + "/disk.img", &error)) return finish(false, tr("disk copy: %1").arg(error));
      }
      const QString state = partial_ + "/state.qcow2";
      QFile f(state);
      if (!f.open(QIODevice::WriteOnly)) return finish(false, tr("cannot create %1: %2").arg(state, f.errorString()));
      f.close();
      emit progress(tr("saving RAM and device state"));
      call("blockdev-add (file)", "blockdev-add", {{"driver", "file"}, {"node-name", kFileNode}, {"filename", state}},
           [this, info, state](const Reply&) {
             nodes_added_ = true;  // blockdev-del of a node that is not there only fails quietly
             QJsonObject create{{"driver", "qcow2"}, {"file", kFileNode}, {"size", qint64(64) << 20}};
             call("blockdev-create", "blockdev-create", {{"job-id", "sis-snapshot-create"}, {"options", create}},
                  [this, info, state](const Reply&) {
                    wait_job("blockdev-create", "sis-snapshot-create", [this, info, state] {
                      call("blockdev-add (qcow2)", "blockdev-add",
                           {{"driver", "qcow2"}, {"node-name", kStateNode}, {"file", kFileNode}},
                           [this, info, state](const Reply&) {
                             QJsonObject save{{"job-id", "sis-snapshot-save"},
                                              {"tag", kTag},
                                              {"vmstate", kStateNode},
                                              {"devices", QJsonArray{kStateNode}}};
                             call("snapshot-save", "snapshot-save", save, [this, info, state](const Reply&) {
                               wait_job("snapshot-save", "sis-snapshot-save", [this, info, state] {
                                 nodes_added_ = false;
                                 call("blockdev-del", "blockdev-del", {{"node-name", kStateNode}}, [this, info, state](const Reply&) {
                                   call("blockdev-del", "blockdev-del", {{"node-name", kFileNode}}, [this, info, state](const Reply&) {
                                     SnapshotInfo done_info = info;
                                     done_info.state_bytes = QFileInfo(state).size();
                                     if (!vm_.disk.isEmpty()) done_info.disk_bytes = allocated_bytes(partial_ + "/disk.img");
                                     QString error;
                                     if (!SnapshotStore::write_meta(partial_, done_info, &error)) return finish(false, error);
                                     if (!QDir().rename(partial_, store_.dir(info.name)))
                                       return finish(false, tr("cannot rename %1 to %2").arg(partial_, store_.dir(info.name)));
                                     partial_.clear();
                                     finish(true, {});
                                   });
                                 });
                               });
                             });
                           });
                    });
                  });
           });
    });
  });
}

void VmSnapshotter::load(const QString& name, Done done) {
  if (busy_) return done(false, tr("another snapshot operation is running"));
  const auto info = store_.find(name);
  if (!info) return done(false, tr("no snapshot '%1' of VM '%2' (in %3)").arg(name, vm_.name, store_.path()));
  if (const QString why = incompatibility(*info); !why.isEmpty()) return done(false, why);
  if (!QFileInfo::exists(store_.state_file(name)) || (!info->disk.isEmpty() && !QFileInfo::exists(store_.disk_file(name))))
    return done(false, tr("snapshot '%1' is incomplete (%2)").arg(name, store_.dir(name)));
  busy_ = true;
  done_ = std::move(done);
  load_state(*info);
}

void VmSnapshotter::load_state(const SnapshotInfo& info) {
  emit progress(tr("pausing the VM"));
  call("query-status", "query-status", {}, [this, info](const Reply& st) {
  const bool running = st.object().value("running").toBool();
  call("stop", "stop", {}, [this, info, running](const Reply&) {
    resume_ = running;  // until snapshot-load starts, a failure leaves the VM as it was
    call("blockdev-add (file)", "blockdev-add",
         {{"driver", "file"}, {"node-name", kFileNode}, {"filename", store_.state_file(info.name)}},
         [this, info](const Reply&) {
           nodes_added_ = true;
           call("blockdev-add (qcow2)", "blockdev-add", {{"driver", "qcow2"}, {"node-name", kStateNode}, {"file", kFileNode}},
                [this, info](const Reply&) {
                  emit progress(tr("loading RAM and device state"));
                  QJsonObject load{{"job-id", "sis-snapshot-load"},
                                   {"tag", kTag},
                                   {"vmstate", kStateNode},
                                   {"devices", QJsonArray{kStateNode}}};
                  resume_ = false;  // a failed load leaves RAM undefined: keep the VM paused
                  call("snapshot-load", "snapshot-load", load, [this, info](const Reply&) {
                    wait_job("snapshot-load", "sis-snapshot-load", [this, info] {
                      // From here the VM's RAM is the snapshot's: resume it (if it was running
                      // when taken) even if a later step fails.
                      resume_ = info.status == "running";
                      if (!info.disk.isEmpty()) {
                        emit progress(tr("writing the disk back"));
                        QString error;
                        if (!restore_disk_image(store_.disk_file(info.name), vm_.disk, &error)) {
                          resume_ = false;  // RAM and disk disagree: do not let the guest write on
                          return finish(false, tr("disk restore: %1 (the VM stays paused; reset it or load again)").arg(error));
                        }
                      }
                      finish(true, {});
                    });
                  });
                });
         });
  });
  });
}

}  // namespace sis::host
