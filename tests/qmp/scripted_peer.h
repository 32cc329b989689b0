// A scripted peer for the client tests: a QLocalServer on a temporary socket that accepts
// one client, records the lines it sends and writes whatever bytes the test chooses
// (including garbage and partial lines), or drops the connection.
#pragma once
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <optional>

namespace sis::test {

// Runs the event loop until pred() is true or ms pass; returns pred().
inline bool spin_until(const std::function<bool()>& pred, int ms = 2000) {
  QDeadlineTimer deadline(ms);
  while (!pred()) {
    if (deadline.hasExpired()) return false;
    QEventLoop loop;
    QTimer::singleShot(2, &loop, &QEventLoop::quit);
    loop.exec();
  }
  return true;
}

// Runs the event loop for ms.
inline void spin_for(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

class ScriptedPeer {
 public:
  ScriptedPeer() {
    path_ = dir_.path() + "/peer.sock";
    server_.listen(path_);
    QObject::connect(&server_, &QLocalServer::newConnection, [this] {
      conn_ = server_.nextPendingConnection();
      QObject::connect(conn_, &QLocalSocket::readyRead, [this] {
        buffer_ += conn_->readAll();
        qsizetype nl;
        while ((nl = buffer_.indexOf('\n')) >= 0) {
          lines_.append(buffer_.left(nl));
          buffer_.remove(0, nl + 1);
        }
      });
    });
  }

  QString path() const { return path_; }
  bool listening() const { return server_.isListening(); }
  bool wait_connected(int ms = 2000) {
    return spin_until([this] { return conn_ != nullptr; }, ms);
  }
  void send(const QByteArray& bytes) {
    conn_->write(bytes);
    conn_->flush();
  }
  void send_json(const QJsonObject& o) { send(QJsonDocument(o).toJson(QJsonDocument::Compact) + "\n"); }
  // Next line the client sent, parsed (waits up to ms). nullopt on timeout or non-object.
  std::optional<QJsonObject> next(int ms = 2000) {
    if (!spin_until([this] { return !lines_.isEmpty(); }, ms)) return std::nullopt;
    QJsonDocument d = QJsonDocument::fromJson(lines_.takeFirst());
    if (!d.isObject()) return std::nullopt;
    return d.object();
  }
  qsizetype pending_lines() const { return lines_.size(); }
  void drop() {
    if (conn_) conn_->abort();
  }

 private:
  QTemporaryDir dir_;
  QString path_;
  QLocalServer server_;
  QPointer<QLocalSocket> conn_;
  QByteArray buffer_;
  QList<QByteArray> lines_;
};

}  // namespace sis::test
