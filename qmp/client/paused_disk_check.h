// e2fsck without powering off: QMP `stop` (QEMU drains and flushes the disk's I/O), copy the
// disk image, `cont`, then `e2fsck -fn` on the copy. The VM is paused only for the copy.
// The copy is what the guest had written when it was paused: a file system that is mounted
// read-write in the guest carries needs_recovery, which e2fsck -n reports and skips; the
// verdict is e2fsck's exit status (0: clean).
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>

class QProcess;

namespace sis::host {

class QmpClient;

// Where the disk image is, when not on this machine (sisctl --host: the VM's disk is on the
// remote host). The copy is made there, beside the image, and e2fsck runs there; both block
// (the VM is paused only for the copy, as here). Unset functions: this machine.
struct DiskCheckHost {
  std::function<bool(const QString& image, const QString& copy, QString* error)> copy;
  // e2fsck -fn on `copy` there: its exit status, or -1 with *error when it could not run.
  std::function<int(const QString& copy, QString* output, QString* error)> fsck;
  std::function<void(const QString& copy)> remove;
};
// For the whole process (sisctl drives one VM per invocation).
void set_disk_check_host(DiskCheckHost host);

class PausedDiskCheck : public QObject {
  Q_OBJECT
 public:
  explicit PausedDiskCheck(QObject* parent = nullptr);
  ~PausedDiskCheck() override;

  // Starts the check of `image` (the VM's disk) through `qmp`; the copy goes to `copy_path`
  // (overwritten, removed when the check ends). finished() comes exactly once.
  void start(QmpClient* qmp, const QString& image, const QString& copy_path);
  bool running() const { return running_; }
  // How long the VM was stopped: from QMP stop's reply to cont's (-1 before that).
  qint64 paused_ms() const { return paused_ms_; }

 signals:
  // exit_code: e2fsck's (-1 when it could not run; error says why); output: its text.
  void finished(int exit_code, const QString& output, const QString& error);

 private:
  void copy_and_continue();
  void run_fsck();
  void done(int code, const QString& output, const QString& error);

  QmpClient* qmp_ = nullptr;
  QString image_, copy_;
  QProcess* fsck_ = nullptr;
  bool running_ = false;
  qint64 paused_ms_ = -1;
  QElapsedTimer paused_;
};

// e2fsck's path (PATH, then /usr/sbin and /sbin), empty when missing.
QString find_e2fsck();

}  // namespace sis::host
