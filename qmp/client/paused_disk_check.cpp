#include "client/paused_disk_check.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include "client/qmp_client.h"

namespace sis::host {

QString find_e2fsck() {
  QString p = QStandardPaths::findExecutable("e2fsck");
  return p.isEmpty() ? QStandardPaths::findExecutable("e2fsck", {"/usr/sbin", "/sbin"}) : p;
}

namespace {
DiskCheckHost& disk_host() {
  static DiskCheckHost host;
  return host;
}
bool remote() { return static_cast<bool>(disk_host().copy); }
void remove_copy(const QString& copy) {
  if (copy.isEmpty()) return;
  if (remote()) {
    if (disk_host().remove) disk_host().remove(copy);
  } else {
    QFile::remove(copy);
  }
}
}  // namespace

void set_disk_check_host(DiskCheckHost host) { disk_host() = std::move(host); }

PausedDiskCheck::PausedDiskCheck(QObject* parent) : QObject(parent) {}

PausedDiskCheck::~PausedDiskCheck() {
  if (fsck_) {
    fsck_->kill();
    fsck_->waitForFinished(2000);
  }
  remove_copy(copy_);
}

void PausedDiskCheck::start(QmpClient* qmp, const QString& image, const QString& copy_path) {
  if (running_) return;
  running_ = true;
  paused_ms_ = -1;
  qmp_ = qmp;
  image_ = image;
  // On a remote host the copy lies beside the image there.
  copy_ = remote() ? image + QStringLiteral(".fsck-copy") : copy_path;
  if (!remote() && find_e2fsck().isEmpty()) return done(-1, {}, tr("e2fsck not found (install e2fsprogs)"));
  if (image_.isEmpty()) return done(-1, {}, tr("the VM has no disk image"));
  qmp_->execute("stop", [this](const Reply& r) {
    if (!r.ok()) return done(-1, {}, tr("QMP stop: %1").arg(r.error->to_string()));
    paused_.start();
    copy_and_continue();
  }, 10000);
}

void PausedDiskCheck::copy_and_continue() {
  QString copy_error;
  bool copied;
  if (remote()) {
    copied = disk_host().copy(image_, copy_, &copy_error);
  } else {
    QFile::remove(copy_);
    copied = QFile::copy(image_, copy_);
  }
  // Resume at once, whatever the copy did: the VM must not stay paused because of us.
  qmp_->execute("cont", [this, copied, copy_error](const Reply& r) {
    paused_ms_ = paused_.elapsed();
    if (!copied)
      return done(-1, {}, tr("could not copy %1 to %2").arg(image_, copy_) + (copy_error.isEmpty() ? QString() : ": " + copy_error));
    if (!r.ok()) return done(-1, {}, tr("QMP cont: %1").arg(r.error->to_string()));
    run_fsck();
  }, 10000);
}

void PausedDiskCheck::run_fsck() {
  if (remote()) {
    QString output, error;
    const int code = disk_host().fsck(copy_, &output, &error);
    return done(code, output, error);
  }
  fsck_ = new QProcess(this);
  fsck_->setProcessChannelMode(QProcess::MergedChannels);
  connect(fsck_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
    const QString out = QString::fromLocal8Bit(fsck_->readAll());
    fsck_->deleteLater();
    fsck_ = nullptr;
    done(st == QProcess::NormalExit ? code : -1, out, st == QProcess::NormalExit ? QString() : tr("e2fsck crashed"));
  });
  connect(fsck_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart || !fsck_) return;
    fsck_->deleteLater();
    fsck_ = nullptr;
    done(-1, {}, tr("e2fsck could not start"));
  });
  fsck_->start(find_e2fsck(), {"-fn", copy_});
}

void PausedDiskCheck::done(int code, const QString& output, const QString& error) {
  remove_copy(copy_);
  copy_.clear();
  running_ = false;
  emit finished(code, output, error);
}

}  // namespace sis::host
