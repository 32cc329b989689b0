// Event-loop wait for the benchmark: runs Qt events until a condition holds or ms pass.
#pragma once
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace bench {

inline bool wait_until(const std::function<bool()>& done, int ms) {
  QDeadlineTimer deadline(ms);
  QTimer wake;
  wake.start(1);
  while (!done()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
  }
  return true;
}

}  // namespace bench
