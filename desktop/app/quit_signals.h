// SIGTERM (a logout, systemd, kill), SIGINT (Ctrl-C in the terminal that started the app) and
// SIGHUP (that terminal closed) must not kill SIS Control Center outright: its QEMU would die
// with it (PR_SET_PDEATHSIG) without the guest syncing its disk. QuitSignals turns them into
// a Qt signal on the main thread (the self-pipe pattern: the handler only write()s the signal
// number into a socketpair, a QSocketNotifier reads it), so the app can run its normal
// shutdown path: power the VM off cleanly, then quit.
#pragma once
#include <QObject>

class QSocketNotifier;

namespace sis::desktop {

class QuitSignals : public QObject {
  Q_OBJECT
 public:
  // Installs the handlers for SIGTERM, SIGINT and SIGHUP (SIGINT and SIGHUP only when they
  // are not ignored already, as under nohup). One instance per process.
  explicit QuitSignals(QObject* parent = nullptr);
  ~QuitSignals() override;  // restores the default actions

  bool installed() const { return notifier_ != nullptr; }
  static const char* name(int signo);

 signals:
  void received(int signo);

 private:
  QSocketNotifier* notifier_ = nullptr;
};

}  // namespace sis::desktop
