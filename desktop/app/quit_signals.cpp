#include "quit_signals.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <QSocketNotifier>

namespace sis::desktop {

namespace {

constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};
int g_fds[2] = {-1, -1};  // [0] read by the notifier, [1] written by the handler

void on_signal(int signo) {
  const int saved = errno;  // the interrupted code may be looking at errno
  const unsigned char b = static_cast<unsigned char>(signo);
  (void)!::write(g_fds[1], &b, 1);  // async-signal-safe; a full pipe only drops a repeat
  errno = saved;
}

}  // namespace

QuitSignals::QuitSignals(QObject* parent) : QObject(parent) {
  if (g_fds[0] >= 0) return;  // already installed by another instance
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, g_fds) != 0) {
    qWarning("QuitSignals: socketpair failed: %s", strerror(errno));
    g_fds[0] = g_fds[1] = -1;
    return;
  }
  notifier_ = new QSocketNotifier(g_fds[0], QSocketNotifier::Read, this);
  connect(notifier_, &QSocketNotifier::activated, this, [this] {
    unsigned char b;
    while (::read(g_fds[0], &b, 1) == 1) emit received(b);
  });
  struct sigaction sa = {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int s : kSignals) {
    // SIGHUP/SIGINT ignored from the start mean "do not react" (nohup; a background job of a
    // non-interactive shell): keep ignoring them. SIGTERM is always a request to quit.
    struct sigaction old = {};
    if (s != SIGTERM && sigaction(s, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(s, &sa, nullptr);
  }
}

QuitSignals::~QuitSignals() {
  if (!notifier_) return;
  for (int s : kSignals) ::signal(s, SIG_DFL);
  delete notifier_;
  notifier_ = nullptr;
  ::close(g_fds[0]);
  ::close(g_fds[1]);
  g_fds[0] = g_fds[1] = -1;
}

const char* QuitSignals::name(int signo) {
  switch (signo) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    default: return "signal";
  }
}

}  // namespace sis::desktop
