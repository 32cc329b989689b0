// One client connection, to a Unix socket (QLocalSocket: QEMU's -qmp unix:, -chardev socket)
// or to TCP (QTcpSocket: tests, forwarded ports). Reports "connected" once and "closed"
// once with a readable reason, whichever way the connection ends (refused, peer closed,
// error), always from the event loop, never inside connect_*(). close() reports nothing.
#pragma once
#include <QObject>
#include <QString>

class QIODevice;
class QLocalSocket;
class QTcpSocket;

namespace sis::host {

class StreamSocket : public QObject {
  Q_OBJECT
 public:
  explicit StreamSocket(QObject* parent = nullptr);
  ~StreamSocket() override;

  void connect_unix(const QString& path);
  void connect_tcp(const QString& host, quint16 port);
  // Closes without emitting closed().
  void close();

  QIODevice* device() const;
  bool is_connected() const { return connected_; }
  QString peer() const { return peer_; }

 signals:
  void connected();
  void closed(const QString& reason);

 private:
  void reset();
  void on_closed(const QString& reason);

  QLocalSocket* local_ = nullptr;
  QTcpSocket* tcp_ = nullptr;
  QString peer_;
  bool connected_ = false;
  bool reported_ = false;
  quint64 generation_ = 0;  // bumped by every connect/close; stale reports are dropped
};

}  // namespace sis::host
