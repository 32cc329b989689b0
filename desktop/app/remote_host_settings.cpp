#include "remote_host_settings.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QPushButton>
#include <QSettings>

#include <mutex>
#include <thread>

#include "remote/ssh_target.h"

namespace sis::desktop {

RemoteHostSettings RemoteHostSettings::load(QSettings& s) {
  RemoteHostSettings r;
  r.target = s.value("remote_host").toString();
  r.identity = s.value("remote_host_identity").toString();
  r.known_hosts = s.value("remote_host_known_hosts").toString();
  r.disk = s.value("remote_host_disk").toString();
  return r;
}

RemoteHostSettings RemoteHostSettings::load_saved() {
  QSettings s;
  s.beginGroup("vm");
  return load(s);
}

void RemoteHostSettings::save_as_app_setting() const {
  QSettings s;
  s.beginGroup("vm");
  save(s);
}

void RemoteHostSettings::save(QSettings& s) const {
  s.setValue("remote_host", target.trimmed());
  s.setValue("remote_host_identity", identity);
  s.setValue("remote_host_known_hosts", known_hosts);
  s.setValue("remote_host_disk", disk.trimmed());
}

QString RemoteHostSettings::validate() const {
  if (!enabled()) return {};
  std::string why;
  if (!sis::remote::parse_ssh_target(target.trimmed().toStdString(), &why))
    return QCoreApplication::translate("RemoteHostSettings", "Remote host: %1").arg(QString::fromStdString(why));
  return {};
}

sis::remote::SshOptions RemoteHostSettings::ssh_options(bool trust_new_key) const {
  sis::remote::SshOptions o;
  std::string ignored;
  if (auto t = sis::remote::parse_ssh_target(target.trimmed().toStdString(), &ignored)) o.target = *t;
  o.identity = identity.toStdString();
  o.known_hosts = known_hosts.toStdString();
  o.policy = trust_new_key ? sis::remote::HostKeyPolicy::TrustNew : sis::remote::HostKeyPolicy::Strict;
  return o;
}

// The worker thread outlives a RemoteHostCheck destroyed mid-check: it owns this, and
// delivers its result only while the object lives (QPointer, checked on the GUI thread).
struct RemoteHostCheck::Shared {
  std::mutex m;
  std::thread worker;
};

RemoteHostCheck::RemoteHostCheck(QObject* parent) : QObject(parent), shared_(std::make_shared<Shared>()) {
  qRegisterMetaType<Result>();
}

RemoteHostCheck::~RemoteHostCheck() {
  std::lock_guard<std::mutex> g(shared_->m);
  if (shared_->worker.joinable()) shared_->worker.detach();  // it ends on its own (timeouts)
}

bool RemoteHostCheck::start(const RemoteHostSettings& settings, bool trust_new_key) {
  if (running_) return false;
  running_ = true;
  const QString invalid = settings.validate();
  QPointer<RemoteHostCheck> self(this);
  if (!settings.enabled() || !invalid.isEmpty()) {
    Result r;
    r.message = invalid.isEmpty() ? tr("No remote host is set.") : invalid;
    deliver(self, r);
    return true;
  }
  const sis::remote::SshOptions options = settings.ssh_options(trust_new_key);
  std::lock_guard<std::mutex> g(shared_->m);
  if (shared_->worker.joinable()) shared_->worker.join();
  shared_->worker = std::thread([self, options, host = settings.target.trimmed()] {
    Result r;
    std::string error;
    auto link = sis::remote::SshLink::connect(options, &error, &r.failure);
    if (!link) {
      r.message = QString::fromStdString(error);
    } else {
      const auto found = link->exec("command -v qemu-system-aarch64");
      r.ok = true;
      r.qemu = found.ran && found.exit_status == 0 ? QString::fromStdString(found.out).trimmed() : QString();
      r.message = r.qemu.isEmpty()
                      ? RemoteHostCheck::tr("Connected to %1, but it has no QEMU (Debian: apt-get install qemu-system-arm).")
                            .arg(host)
                      : RemoteHostCheck::tr("Connected to %1; QEMU: %2").arg(host, r.qemu);
    }
    deliver(self, r);
  });
  return true;
}

void RemoteHostCheck::deliver(QPointer<RemoteHostCheck> self, const Result& r) {
  // Queued to the application's (GUI) thread; dropped when the check object is gone.
  QMetaObject::invokeMethod(qApp, [self, r] {
    if (!self) return;
    self->running_ = false;
    emit self->finished(r);
  }, Qt::QueuedConnection);
}

bool ask_to_trust_host_key(QWidget* parent, const QString& host, const QString& message) {
  QMessageBox box(QMessageBox::Question, RemoteHostCheck::tr("Unknown host key"),
                  RemoteHostCheck::tr("SIS has never connected to %1 before.").arg(host), QMessageBox::NoButton, parent);
  box.setInformativeText(RemoteHostCheck::tr("Compare this key with the one the host's administrator gives you "
                                             "before trusting it:\n\n%1").arg(message));
  QPushButton* trust = box.addButton(RemoteHostCheck::tr("Trust this host"), QMessageBox::AcceptRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(QMessageBox::Cancel);
  box.exec();
  return box.clickedButton() == trust;
}

}  // namespace sis::desktop
