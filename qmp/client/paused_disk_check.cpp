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

PausedDiskCheck::PausedDiskCheck(QObject* parent) : QObject(parent) {}

PausedDiskCheck::~PausedDiskCheck() {
  if (fsck_) {
    fsck_->kill();
    fsck_->waitForFinished(2000);
  }
  if (!copy_.isEmpty()) QFile::remove(copy_);
}

void PausedDiskCheck::start(QmpClient* qmp, const QString& image, const QString& copy_path) {
  if (running_) return;
  running_ = true;
  paused_ms_ = -1;
  qmp_ = qmp;
  image_ = image;
  copy_ = copy_path;
  if (find_e2fsck().isEmpty()) return done(-1, {}, tr("e2fsck not found (install e2fsprogs)"));
  if (image_.isEmpty()) return done(-1, {}, tr("the VM has no disk image"));
  qmp_->execute("stop", [this](const Reply& r) {
    if (!r.ok()) return done(-1, {}, tr("QMP stop: %1").arg(r.error->to_string()));
    paused_.start();
    copy_and_continue();
  }, 10000);
}

void PausedDiskCheck::copy_and_continue() {
  QFile::remove(copy_);
  const bool copied = QFile::copy(image_, copy_);
  // Resume at once, whatever the copy did: the VM must not stay paused because of us.
  qmp_->execute("cont", [this, copied](const Reply& r) {
    paused_ms_ = paused_.elapsed();
    if (!copied) return done(-1, {}, tr("could not copy %1 to %2").arg(image_, copy_));
    if (!r.ok()) return done(-1, {}, tr("QMP cont: %1").arg(r.error->to_string()));
    run_fsck();
  }, 10000);
}

void PausedDiskCheck::run_fsck() {
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
  if (!copy_.isEmpty()) QFile::remove(copy_);
  running_ = false;
  emit finished(code, output, error);
}

}  // namespace sis::host
