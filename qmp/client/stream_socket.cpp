#include "client/stream_socket.h"

#include <QLocalSocket>
#include <QTcpSocket>
#include <QTimer>

namespace sis::host {

StreamSocket::StreamSocket(QObject* parent) : QObject(parent) {}

StreamSocket::~StreamSocket() { close(); }

QIODevice* StreamSocket::device() const {
  if (local_) return local_;
  return tcp_;
}

void StreamSocket::reset() {
  // Signals from the old socket must not reach us any more; delete it later because this
  // may run inside one of its own signal emissions.
  if (local_) {
    local_->disconnect(this);
    local_->abort();
    local_->deleteLater();
    local_ = nullptr;
  }
  if (tcp_) {
    tcp_->disconnect(this);
    tcp_->abort();
    tcp_->deleteLater();
    tcp_ = nullptr;
  }
  connected_ = false;
  reported_ = false;
  ++generation_;
}

void StreamSocket::close() { reset(); }

void StreamSocket::on_closed(const QString& reason) {
  if (reported_) return;
  reported_ = true;
  connected_ = false;
  // Always asynchronous: QLocalSocket reports a missing server inside connectToServer(),
  // and callers must never see closed() inside their own connect call. A later connect or
  // close() makes the pending report stale.
  const quint64 generation = generation_;
  QTimer::singleShot(0, this, [this, generation, reason] {
    if (generation == generation_) emit closed(reason);
  });
}

void StreamSocket::connect_unix(const QString& path) {
  reset();
  peer_ = path;
  local_ = new QLocalSocket(this);
  connect(local_, &QLocalSocket::connected, this, [this] {
    connected_ = true;
    emit connected();
  });
  connect(local_, &QLocalSocket::disconnected, this,
          [this] { on_closed(connected_ ? tr("connection to %1 closed by the peer").arg(peer_) : tr("could not connect to %1").arg(peer_)); });
  connect(local_, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError e) {
    if (e == QLocalSocket::PeerClosedError) {
      on_closed(tr("connection to %1 closed by the peer").arg(peer_));
    } else {
      const QString what = connected_ ? tr("connection to %1 failed") : tr("could not connect to %1");
      on_closed(what.arg(peer_) + ": " + (local_ ? local_->errorString() : QString()));
    }
  });
  local_->connectToServer(path);
}

void StreamSocket::connect_tcp(const QString& host, quint16 port) {
  reset();
  peer_ = QStringLiteral("%1:%2").arg(host).arg(port);
  tcp_ = new QTcpSocket(this);
  connect(tcp_, &QTcpSocket::connected, this, [this] {
    connected_ = true;
    emit connected();
  });
  connect(tcp_, &QTcpSocket::disconnected, this,
          [this] { on_closed(tr("connection to %1 closed by the peer").arg(peer_)); });
  connect(tcp_, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
    if (e == QAbstractSocket::RemoteHostClosedError) {
      on_closed(tr("connection to %1 closed by the peer").arg(peer_));
    } else {
      const QString what = connected_ ? tr("connection to %1 failed") : tr("could not connect to %1");
      on_closed(what.arg(peer_) + ": " + (tcp_ ? tcp_->errorString() : QString()));
    }
  });
  tcp_->connectToHost(host, port);
}

}  // namespace sis::host
