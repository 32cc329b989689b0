#include "write_crash_run.h"

#include <QDir>
#include <QPointer>
#include <QTimer>

#include "client/control_client.h"
#include "client/paused_disk_check.h"
#include "remote_fs.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

namespace {
constexpr int kDeadlineMs = 180000;  // a whole run under TCG: two boots and an e2fsck
}

WriteCrashRun::WriteCrashRun(VmSession* session, const WriteCrashRequest& request, QObject* parent)
    : QObject(parent), session_(session), deadline_(new QTimer(this)) {
  result_.request = request;
  deadline_->setSingleShot(true);
  connect(deadline_, &QTimer::timeout, this, [this] { finish(tr("no result within %1 s").arg(kDeadlineMs / 1000)); });
  connect(session_, &VmSession::qmp_event, this, [this](const QString& name, const QJsonObject&) {
    if (stage_ == Stage::Injected && name == "GUEST_PANICKED") {
      stage_ = Stage::Rebooting;
      emit progress(tr("QEMU: GUEST_PANICKED; rebooting (QMP system_reset)"));
      // Queued: the session marks itself panicked after this signal, and reset() must see
      // that to let the fresh boot run (cont).
      QTimer::singleShot(0, session_, &VmSession::reset);
    }
  });
  connect(session_, &VmSession::kernel_event, this, [this](const QString& name, const QJsonObject& d, qint64) {
    // The panic event and QMP's GUEST_PANICKED come on different sockets: either may be first.
    if (name == "panic" && (stage_ == Stage::Injected || stage_ == Stage::Rebooting))
      result_.panic_message = d.value("message").toString();
  });
  connect(session_, &VmSession::control_ready_changed, this, [this](bool ready) {
    if (ready && stage_ == Stage::Rebooting) after_reboot();
  });
  connect(session_, &VmSession::state_changed, this, [this](VmSession::State s) {
    if (s == VmSession::State::Off && stage_ != Stage::Done) finish(tr("the VM was powered off"));
  });
}

void WriteCrashRun::start() {
  const auto* point = sis::host::find_crash_point(result_.request.point);
  if (!point) return finish(tr("unknown crash point %1").arg(result_.request.point));
  if (result_.request.data.isEmpty() || result_.request.data.size() > sis::host::kWriteCrashMaxBytes)
    return finish(tr("the content must be 1 to %1 bytes").arg(sis::host::kWriteCrashMaxBytes));
  auto* c = session_->control();
  if (!session_->control_ready() || !c->has_capability("crash") || !c->has_capability("fs"))
    return finish(tr("the running kernel must offer the \"crash\" and \"fs\" capabilities"));
  deadline_->start(kDeadlineMs);
  stage_ = Stage::Before;
  emit progress(tr("reading %1 as it is now").arg(result_.request.path));
  read_file(result_.request.path, [this](bool exists, const QByteArray& data, const QString& error) {
    if (!error.isEmpty()) return finish(tr("reading %1: %2").arg(result_.request.path, error));
    result_.existed_before = exists;
    result_.before = data;
    inject();
  });
}

void WriteCrashRun::request(const QString& method, const QJsonObject& params, std::function<void(const Reply&)> done,
                            int attempt) {
  // The reply can come after this run is gone (the window closed, the session tore down and
  // failed its pending requests): a guard, not a raw this.
  QPointer<WriteCrashRun> self(this);
  session_->control()->request(method, params, [self, this, method, params, done, attempt](const Reply& r) {
    if (!self) return;
    // After a reboot every panel asks the kernel at once; it answers Busy ("retry later")
    // when its queue is full. Retry a while rather than fail the demo.
    if (!r.ok() && r.error->cls == "Busy" && attempt < 100 && stage_ != Stage::Done) {
      QTimer::singleShot(100, this, [this, method, params, done, attempt] { request(method, params, done, attempt + 1); });
      return;
    }
    done(r);
  }, 20000);
}

void WriteCrashRun::read_file(const QString& path,
                              std::function<void(bool, const QByteArray&, const QString&)> done, QByteArray sofar) {
  const QJsonObject params{{"path", path}, {"offset", sofar.size()}, {"length", 32768}};
  request("fs.read", params, [this, path, done, sofar](const Reply& r) mutable {
    if (!r.ok()) {
      if (r.error->cls == "NotFound") return done(false, {}, {});
      return done(false, {}, describe_error(r.error->cls, r.error->message));
    }
    sofar.append(QByteArray::fromBase64(r.object().value("data").toString().toLatin1()));
    if (r.object().value("eof").toBool() || r.object().value("length").toInt() == 0) return done(true, sofar, {});
    if (sofar.size() > (4 << 20)) return done(true, sofar, {});  // enough to compare; larger files are cut
    read_file(path, done, sofar);
  });
}

void WriteCrashRun::inject() {
  const WriteCrashRequest& q = result_.request;
  stage_ = Stage::Injected;
  emit progress(tr("crash.inject write-crash at %1: %2 bytes to %3").arg(q.point).arg(q.data.size()).arg(q.path));
  const QJsonObject params{{"kind", "write-crash"}, {"point", q.point}, {"path", q.path},
                           {"data", QString::fromLatin1(q.data.toBase64())}};
  request("crash.inject", params, [this](const Reply& r) {
    if (stage_ != Stage::Injected) return;  // GUEST_PANICKED may come first
    if (!r.ok()) return finish(tr("crash.inject refused: %1").arg(describe_error(r.error->cls, r.error->message)));
    emit progress(tr("kernel acknowledged: crashing now"));
  });
}

void WriteCrashRun::after_reboot() {
  stage_ = Stage::After;
  emit progress(tr("kernel back on the control port: asking what the journal did"));
  request("fs.journal", {}, [this](const Reply& r) {
    if (stage_ != Stage::After) return;
    if (r.ok()) result_.journal = r.object();
    else result_.journal = QJsonObject{{"error", describe_error(r.error->cls, r.error->message)}};
    read_file(result_.request.path, [this](bool exists, const QByteArray& data, const QString& error) {
      if (stage_ != Stage::After) return;
      if (!error.isEmpty()) return finish(tr("reading %1 after the reboot: %2").arg(result_.request.path, error));
      result_.exists_after = exists;
      result_.after = data;
      // Nothing of this boot may linger in the guest's cache when the copy is taken.
      request("fs.sync", {}, [this](const Reply&) {
        if (stage_ == Stage::After) check_disk();
      });
    });
  });
}

void WriteCrashRun::check_disk() {
  stage_ = Stage::Checking;
  emit progress(tr("e2fsck -fn on a copy of the disk (QMP stop, copy, cont)"));
  check_ = new sis::host::PausedDiskCheck(this);
  connect(check_, &sis::host::PausedDiskCheck::finished, this, [this](int code, const QString& out, const QString& err) {
    result_.fsck_code = code;
    result_.fsck_output = out;
    result_.fsck_error = err;
    result_.paused_ms = check_->paused_ms();
    finish();
  });
  check_->start(session_->qmp(), session_->disk_image(), QDir(session_->runtime_dir()).filePath("crash-check.img"));
}

void WriteCrashRun::finish(const QString& error) {
  if (stage_ == Stage::Done) return;
  stage_ = Stage::Done;
  deadline_->stop();
  result_.error = error;
  if (const auto* p = sis::host::find_crash_point(result_.request.point)) {
    result_.expected = sis::host::expected_outcome(*p, result_.existed_before);
    result_.outcome = sis::host::classify_outcome(result_.exists_after, result_.after, result_.request.data,
                                                  result_.existed_before, result_.before);
  }
  emit finished(result_);
}

}  // namespace sis::desktop
