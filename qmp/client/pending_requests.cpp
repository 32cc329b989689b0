#include "client/pending_requests.h"

#include <QTimer>

#include <algorithm>

namespace sis::host {

namespace {
constexpr size_t kRememberTimedOut = 64;
}

PendingRequests::PendingRequests(QObject* parent) : QObject(parent) {}

PendingRequests::~PendingRequests() { clear(); }

void PendingRequests::add(quint64 id, const QString& what, int timeout_ms, ReplyHandler handler) {
  Entry e{what, std::move(handler), nullptr};
  if (timeout_ms > 0) {
    e.timer = new QTimer(this);
    e.timer->setSingleShot(true);
    connect(e.timer, &QTimer::timeout, this, [this, id] { on_timeout(id); });
    e.timer->start(timeout_ms);
  }
  entries_.insert(id, std::move(e));
}

bool PendingRequests::complete(quint64 id, const Reply& reply) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  Entry e = std::move(it.value());
  entries_.erase(it);
  if (e.timer) e.timer->deleteLater();
  if (e.handler) e.handler(reply);
  return true;
}

void PendingRequests::fail_all(const QString& cls, const QString& message) {
  // Handlers may add new requests; only the ones outstanding now are failed.
  const auto ids = entries_.keys();
  for (quint64 id : ids) {
    auto it = entries_.find(id);
    if (it == entries_.end()) continue;
    QString what = it->what;
    complete(id, Reply::failure(cls, what + ": " + message));
  }
}

void PendingRequests::clear() {
  for (auto& e : entries_)
    if (e.timer) e.timer->deleteLater();
  entries_.clear();
}

bool PendingRequests::timed_out_recently(quint64 id) const {
  return std::find(timed_out_.begin(), timed_out_.end(), id) != timed_out_.end();
}

void PendingRequests::on_timeout(quint64 id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  const int ms = it->timer ? it->timer->interval() : 0;
  const QString what = it->what;
  timed_out_.push_back(id);
  if (timed_out_.size() > kRememberTimedOut) timed_out_.pop_front();
  complete(id, Reply::failure(error_class::kTimeout, QStringLiteral("%1: no reply within %2 ms").arg(what).arg(ms)));
}

}  // namespace sis::host
