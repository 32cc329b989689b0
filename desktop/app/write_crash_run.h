// "Write and crash...": one run of the file-manager crash demo against the running VM.
// Reads the file as it is (fs.read), sends crash.inject write-crash with the user's content
// and crash point, waits for QEMU's GUEST_PANICKED, reboots (QMP system_reset), waits for the
// kernel's greeting, asks what its mount's journal replay did (fs.journal), reads the file
// again, and has e2fsck -fn judge a copy of the disk taken while the VM was paused
// (PausedDiskCheck). The result holds everything the result view shows side by side.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>

#include "client/reply.h"
#include "client/write_crash.h"

class QTimer;

namespace sis::host {
class PausedDiskCheck;
}

namespace sis::desktop {

class VmSession;

struct WriteCrashRequest {
  QString path;        // absolute guest path of the file to write (replaced)
  QByteArray data;     // 1..32768 bytes
  QString point;       // mid-data, before-commit, after-commit, during-checkpoint
  QString source;      // where the content came from: "typed" or the host file's path
};

struct WriteCrashResult {
  WriteCrashRequest request;
  QString error;  // the run stopped before a result: why (the fields below may be partial)
  bool existed_before = false;
  QByteArray before;
  QString panic_message;
  bool exists_after = false;
  QByteArray after;
  QJsonObject journal;  // fs.journal's result
  int fsck_code = -1;
  QString fsck_output, fsck_error;
  qint64 paused_ms = -1;  // how long the VM was stopped for the copy
  sis::host::CrashOutcome outcome = sis::host::CrashOutcome::Other;
  sis::host::CrashOutcome expected = sis::host::CrashOutcome::Other;
  bool correct() const { return error.isEmpty() && outcome == expected && fsck_code == 0; }
};

class WriteCrashRun : public QObject {
  Q_OBJECT
 public:
  WriteCrashRun(VmSession* session, const WriteCrashRequest& request, QObject* parent = nullptr);
  void start();
  const WriteCrashResult& result() const { return result_; }

 signals:
  void progress(const QString& step);
  void finished(const sis::desktop::WriteCrashResult& result);

 private:
  // A control request, retried while the kernel answers Busy.
  void request(const QString& method, const QJsonObject& params, std::function<void(const sis::host::Reply&)> done,
               int attempt = 0);
  void read_file(const QString& path, std::function<void(bool exists, const QByteArray&, const QString& error)> done,
                 QByteArray sofar = {});
  void inject();
  void after_reboot();
  void check_disk();
  void finish(const QString& error = {});

  VmSession* session_;
  WriteCrashResult result_;
  QTimer* deadline_;
  sis::host::PausedDiskCheck* check_ = nullptr;
  enum class Stage { Idle, Before, Injected, Rebooting, After, Checking, Done } stage_ = Stage::Idle;
};

}  // namespace sis::desktop
