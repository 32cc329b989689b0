#include "client/control_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "client/line_channel.h"
#include "client/pending_requests.h"
#include "client/stream_socket.h"

namespace sis::host {

namespace {

QString excerpt(const QByteArray& line) {
  return QString::fromUtf8(line.left(80)) + (line.size() > 80 ? "..." : "");
}

// Ids are integers 0..2^32-1 (docs/protocol.md 2.2); anything else is "no valid id".
bool parse_id(const QJsonValue& v, quint64* id) {
  if (!v.isDouble()) return false;
  const double d = v.toDouble();
  if (d < 0 || d > 4294967295.0 || d != static_cast<double>(static_cast<quint64>(d))) return false;
  *id = static_cast<quint64>(d);
  return true;
}

}  // namespace

ControlClient::ControlClient(QObject* parent)
    : QObject(parent),
      socket_(new StreamSocket(this)),
      channel_(new LineChannel(kMaxLine, this)),
      pending_(new PendingRequests(this)) {
  connect(socket_, &StreamSocket::connected, this, &ControlClient::on_connected);
  connect(socket_, &StreamSocket::closed, this, &ControlClient::fail_connection);
  connect(channel_, &LineChannel::line_received, this, &ControlClient::on_line);
  connect(channel_, &LineChannel::line_too_long, this, &ControlClient::on_line_too_long);
  handshake_timer_.setSingleShot(true);
  connect(&handshake_timer_, &QTimer::timeout, this, [this] {
    fail_connection(state_ == State::Connecting
                        ? tr("could not connect within %1 ms").arg(handshake_timeout_ms_)
                        : tr("no greeting from the kernel on %1 within %2 ms")
                              .arg(socket_->peer())
                              .arg(handshake_timeout_ms_));
  });
  grace_timer_.setSingleShot(true);
  connect(&grace_timer_, &QTimer::timeout, this, [this] {
    if (state_ == State::AwaitingGreeting) send_hello();  // recovery: the kernel answers with its greeting
  });
}

ControlClient::~ControlClient() {
  pending_->clear();
  channel_->attach(nullptr);
  socket_->close();
}

void ControlClient::set_max_line(qsizetype bytes) { channel_->set_max_line(bytes); }

void ControlClient::close() {
  handshake_timer_.stop();
  grace_timer_.stop();
  channel_->attach(nullptr);
  socket_->close();
  state_ = State::Disconnected;
  queued_.clear();
  in_kernel_queue_.clear();
  pending_->fail_all(error_class::kDisconnected, tr("connection closed by the client"));
}

void ControlClient::start_connect() {
  greeting_ = {};
  capabilities_.clear();
  hello_sent_ = false;
  state_ = State::Connecting;
  handshake_timer_.start(handshake_timeout_ms_);
}

void ControlClient::connect_to_server(const QString& socket_path) {
  close();
  start_connect();
  socket_->connect_unix(socket_path);
}

void ControlClient::connect_to_host(const QString& host, quint16 port) {
  close();
  start_connect();
  socket_->connect_tcp(host, port);
}

void ControlClient::on_connected() {
  state_ = State::AwaitingGreeting;
  channel_->attach(socket_->device());
  grace_timer_.start(greeting_grace_ms_);
}

void ControlClient::fail_connection(const QString& reason) {
  if (state_ == State::Disconnected) return;
  handshake_timer_.stop();
  grace_timer_.stop();
  channel_->attach(nullptr);
  socket_->close();
  state_ = State::Disconnected;
  queued_.clear();
  in_kernel_queue_.clear();
  pending_->fail_all(error_class::kDisconnected, reason);
  emit disconnected(reason);
}

void ControlClient::send_hello() {
  QJsonObject hello{{"type", "hello"}, {"capabilities", QJsonArray::fromStringList(host_capabilities_)}};
  channel_->write_line(QJsonDocument(hello).toJson(QJsonDocument::Compact));
  hello_sent_ = true;
}

quint64 ControlClient::request(const QString& method, const QJsonObject& params, ReplyHandler handler, int timeout_ms) {
  const quint64 id = next_id_;
  next_id_ = next_id_ >= 0xffffffffu ? 1 : next_id_ + 1;
  auto fail_later = [this, id, &method, &handler](const char* cls, const QString& message) {
    pending_->add(id, method, 0, std::move(handler));
    QTimer::singleShot(0, pending_, [p = pending_, id, cls, message] { p->complete(id, Reply::failure(cls, message)); });
    return id;
  };
  if (state_ == State::Disconnected) return fail_later(error_class::kNotConnected, method + tr(": not connected to the kernel"));
  QJsonObject msg{{"type", "request"}, {"id", static_cast<qint64>(id)}, {"method", method}};
  if (!params.isEmpty()) msg.insert("params", params);
  QByteArray line = QJsonDocument(msg).toJson(QJsonDocument::Compact);
  if (line.size() > channel_->max_line())
    return fail_later(error_class::kTooLarge,
                      tr("%1: request of %2 bytes exceeds the line limit of %3").arg(method).arg(line.size()).arg(channel_->max_line()));
  pending_->add(id, method, timeout_ms > 0 ? timeout_ms : request_timeout_ms_, std::move(handler));
  queued_.append({id, line, answered_at_once(method)});
  if (state_ == State::Ready) send_queued();
  return id;
}

bool ControlClient::answered_at_once(const QString& method) {
  return method == QLatin1String("sys.ping") || method == QLatin1String("sys.info") ||
         method.startsWith(QLatin1String("metrics.")) || method == QLatin1String("ai.status") ||
         method == QLatin1String("ai.autonomy") || method == QLatin1String("ai.confirm");
}

// Writes what may go now, in order: requests the kernel answers at once always; the others
// while the kernel's queue has room (a burst after a reboot, when every panel asks at once,
// got Busy for the 9th; now it waits here for a slot, within its own timeout).
void ControlClient::send_queued() {
  for (auto it = queued_.begin(); it != queued_.end();) {
    if (!pending_->contains(it->id)) {  // timed out before it could be sent
      it = queued_.erase(it);
      continue;
    }
    if (!it->at_once && in_kernel_queue_.size() >= kKernelQueue) {
      ++it;
      continue;
    }
    if (!it->at_once) in_kernel_queue_.insert(it->id);
    channel_->write_line(it->line);
    it = queued_.erase(it);
  }
}

void ControlClient::on_line_too_long(qsizetype seen) {
  emit protocol_error(tr("skipped a line from the kernel longer than %1 bytes (%2 bytes seen)").arg(channel_->max_line()).arg(seen));
}

void ControlClient::on_line(const QByteArray& line) {
  QJsonParseError err{};
  QJsonDocument doc = QJsonDocument::fromJson(line, &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject()) {
    emit protocol_error(err.error != QJsonParseError::NoError
                            ? tr("malformed JSON from the kernel (%1 at offset %2): %3").arg(err.errorString()).arg(err.offset).arg(excerpt(line))
                            : tr("message is not a JSON object: %1").arg(excerpt(line)));
    return;
  }
  const QJsonObject obj = doc.object();
  const QString type = obj.value("type").toString();
  if (type == "greeting") {
    handle_greeting(obj);
  } else if (state_ != State::Ready) {
    emit protocol_error(tr("'%1' message before the greeting skipped").arg(type));
  } else if (type == "response") {
    handle_response(obj);
  } else if (type == "event") {
    const QJsonValue name = obj.value("event");
    if (!name.isString()) {
      emit protocol_error(tr("event without a name: %1").arg(excerpt(line)));
      return;
    }
    const QJsonValue ts = obj.value("ts_ns");
    emit event_received(name.toString(), obj.value("data").toObject(), ts.isDouble() ? ts.toInteger(-1) : -1);
  } else {
    // Unknown types are ignored (docs/protocol.md 2): later versions may add some.
  }
}

void ControlClient::handle_greeting(const QJsonObject& obj) {
  const QJsonValue proto = obj.value("protocol");
  if (!proto.isDouble()) {
    emit protocol_error(tr("greeting without a protocol version skipped"));
    return;
  }
  if (proto.toInt() != kProtocolVersion) {
    fail_connection(tr("the kernel speaks control protocol %1; this host speaks %2").arg(proto.toInt()).arg(kProtocolVersion));
    return;
  }
  const bool restarted = state_ == State::Ready;
  greeting_ = obj;
  capabilities_.clear();
  for (const QJsonValue& c : obj.value("capabilities").toArray())
    if (c.isString()) capabilities_.append(c.toString());
  handshake_timer_.stop();
  grace_timer_.stop();
  if (restarted) {
    queued_.clear();
    in_kernel_queue_.clear();
    pending_->fail_all(error_class::kSessionRestarted, tr("the kernel started a new session (rebooted?)"));
  }
  // A hello sent during recovery already answered this greeting's session; a new session
  // (restart) needs a new one.
  if (!hello_sent_ || restarted) send_hello();
  state_ = State::Ready;
  send_queued();
  emit ready();
}

void ControlClient::handle_response(const QJsonObject& obj) {
  quint64 id = 0;
  const QJsonValue idv = obj.value("id");
  const QJsonValue errv = obj.value("error");
  if (!parse_id(idv, &id)) {
    const QJsonObject e = errv.toObject();
    emit protocol_error(idv.isNull() && errv.isObject()
                            ? tr("kernel error: %1: %2").arg(e.value("class").toString(), e.value("message").toString())
                            : tr("response without a valid id skipped"));
    return;
  }
  Reply reply;
  if (errv.isObject()) {
    const QJsonObject e = errv.toObject();
    const QString cls = e.value("class").toString();
    reply = Reply::failure(cls.isEmpty() ? QStringLiteral("Internal") : cls, e.value("message").toString());
  } else if (obj.value("result").isObject()) {
    reply = Reply::success(obj.value("result"));
  } else {
    reply = Reply::failure(QStringLiteral("Internal"), tr("response %1 has neither a result object nor an error").arg(id));
  }
  // The kernel's queue slot is free once it answered, whether or not we still wait for it.
  const bool freed = in_kernel_queue_.remove(id);
  if (!pending_->complete(id, reply) && !pending_->timed_out_recently(id))
    emit protocol_error(tr("response for unknown id %1 skipped").arg(id));
  if (freed && state_ == State::Ready) send_queued();
}

}  // namespace sis::host
