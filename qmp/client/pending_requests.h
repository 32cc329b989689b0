// Outstanding requests of one client, keyed by id: each has its handler and its own
// timeout. Every request ends exactly once: completed by its reply, failed by its timeout,
// or failed by fail_all (connection lost). Handlers run after the entry is removed, so a
// handler may issue new requests or close the client.
#pragma once
#include <QHash>
#include <QObject>
#include <QString>

#include <deque>

#include "client/reply.h"

class QTimer;

namespace sis::host {

class PendingRequests : public QObject {
  Q_OBJECT
 public:
  explicit PendingRequests(QObject* parent = nullptr);
  ~PendingRequests() override;

  // `what` names the request in the timeout message (e.g. "query-status").
  void add(quint64 id, const QString& what, int timeout_ms, ReplyHandler handler);
  // Completes request `id`; false when no such request is outstanding.
  bool complete(quint64 id, const Reply& reply);
  // Fails every outstanding request with `cls`/`message`.
  void fail_all(const QString& cls, const QString& message);
  // Drops every handler without calling it (the owner is going away).
  void clear();

  bool contains(quint64 id) const { return entries_.contains(id); }
  qsizetype size() const { return entries_.size(); }
  // True when `id` recently timed out: a late reply for it is expected, not a protocol error.
  bool timed_out_recently(quint64 id) const;

 private:
  struct Entry {
    QString what;
    ReplyHandler handler;
    QTimer* timer = nullptr;
  };
  void on_timeout(quint64 id);

  QHash<quint64, Entry> entries_;
  std::deque<quint64> timed_out_;  // the last few ids that timed out
};

}  // namespace sis::host
