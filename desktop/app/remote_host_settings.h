// The desktop's remote host (docs/remote.md): where a VM may run instead of this machine
// ("user@host[:port]", an optional key file and known_hosts file), kept with QSettings, and
// a check of that host that runs off the GUI thread (a slow or dead host never freezes the
// window): connect over SSH, verify the host key, look for QEMU there.
//
// Host keys: an unknown key makes the check fail with RemoteHostCheck::Result::failure ==
// UnknownHostKey and its fingerprint in the message; ask_to_trust_host_key() shows it and asks
// the user, and a "yes" reruns the check trusting it (the key is then added to known_hosts).
// A CHANGED key is refused and never offered for trust.
#pragma once
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

#include "remote/ssh_link.h"

class QSettings;
class QWidget;

namespace sis::desktop {

struct RemoteHostSettings {
  QString target;       // user@host[:port]; empty: VMs run on this machine
  QString identity;     // private key file; empty: the SSH agent, then ~/.ssh/id_*
  QString known_hosts;  // empty: ~/.ssh/known_hosts
  QString disk;         // the VM's disk image THERE; empty: a copy of the default disk made there

  // The keys AppSettings already uses for the host ("remote_host"), and our own.
  static RemoteHostSettings load(QSettings& settings);
  void save(QSettings& settings) const;
  // The app's own, in QSettings group "vm" (beside AppSettings::remote_host).
  static RemoteHostSettings load_saved();
  void save_as_app_setting() const;
  bool enabled() const { return !target.trimmed().isEmpty(); }
  // Empty when valid (or empty), else a translated reason.
  QString validate() const;
  sis::remote::SshOptions ssh_options(bool trust_new_key) const;
};

class RemoteHostCheck : public QObject {
  Q_OBJECT
 public:
  struct Result {
    bool ok = false;
    sis::remote::ConnectFailure failure = sis::remote::ConnectFailure::Other;
    QString message;  // what went wrong, or what was found
    QString qemu;     // QEMU's path on the host, empty when it has none
  };

  explicit RemoteHostCheck(QObject* parent = nullptr);
  ~RemoteHostCheck() override;
  // Starts a check (one at a time; false while one runs). finished() follows on this
  // object's thread.
  bool start(const RemoteHostSettings& settings, bool trust_new_key = false);
  bool running() const { return running_; }

 signals:
  void finished(const sis::desktop::RemoteHostCheck::Result& result);

 private:
  static void deliver(QPointer<RemoteHostCheck> self, const Result& result);
  struct Shared;
  std::shared_ptr<Shared> shared_;
  bool running_ = false;
};

// Shows an unknown host's key (`message` from the check) and asks whether to trust it.
// Returns true on "Trust". Never call it for a changed key.
bool ask_to_trust_host_key(QWidget* parent, const QString& host, const QString& message);

}  // namespace sis::desktop

Q_DECLARE_METATYPE(sis::desktop::RemoteHostCheck::Result)
