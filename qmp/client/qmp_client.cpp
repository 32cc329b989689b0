#include "client/qmp_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "client/line_channel.h"
#include "client/pending_requests.h"
#include "client/stream_socket.h"

namespace sis::host {

namespace {
constexpr qsizetype kDefaultMaxLine = 8 * 1024 * 1024;

QString excerpt(const QByteArray& line) {
  QByteArray e = line.left(80);
  return QString::fromUtf8(e).replace('\n', ' ') + (line.size() > 80 ? "..." : "");
}
}  // namespace

QmpClient::QmpClient(QObject* parent)
    : QObject(parent),
      socket_(new StreamSocket(this)),
      channel_(new LineChannel(kDefaultMaxLine, this)),
      pending_(new PendingRequests(this)) {
  connect(socket_, &StreamSocket::connected, this, &QmpClient::on_connected);
  connect(socket_, &StreamSocket::closed, this, &QmpClient::on_closed);
  connect(channel_, &LineChannel::line_received, this, &QmpClient::on_line);
  connect(channel_, &LineChannel::line_too_long, this, &QmpClient::on_line_too_long);
  handshake_timer_.setSingleShot(true);
  connect(&handshake_timer_, &QTimer::timeout, this, [this] {
    const char* stage = state_ == State::Connecting  ? "connecting"
                        : state_ == State::Greeting ? "waiting for the QMP greeting"
                                                    : "negotiating capabilities";
    fail_connection(tr("QMP handshake timed out after %1 ms (%2)").arg(handshake_timeout_ms_).arg(stage));
  });
}

QmpClient::~QmpClient() {
  // Handlers may reference objects being destroyed with us: drop them uncalled.
  pending_->clear();
  channel_->attach(nullptr);
  socket_->close();
}

void QmpClient::set_max_line(qsizetype bytes) { channel_->set_max_line(bytes); }

QString QmpClient::qemu_version() const {
  QJsonObject q = greeting_.value("version").toObject().value("qemu").toObject();
  if (q.isEmpty()) return {};
  return QStringLiteral("%1.%2.%3").arg(q.value("major").toInt()).arg(q.value("minor").toInt()).arg(q.value("micro").toInt());
}

void QmpClient::close() {
  handshake_timer_.stop();
  channel_->attach(nullptr);
  socket_->close();
  set_state(State::Disconnected);
  queued_.clear();
  pending_->fail_all(error_class::kDisconnected, tr("connection closed by the client"));
}

void QmpClient::start_connect() {
  greeting_ = {};
  caps_id_ = 0;
  set_state(State::Connecting);
  handshake_timer_.start(handshake_timeout_ms_);
}

void QmpClient::connect_to_server(const QString& socket_path) {
  close();
  start_connect();
  socket_->connect_unix(socket_path);
}

void QmpClient::connect_to_host(const QString& host, quint16 port) {
  close();
  start_connect();
  socket_->connect_tcp(host, port);
}

void QmpClient::on_connected() {
  set_state(State::Greeting);
  channel_->attach(socket_->device());
}

void QmpClient::on_closed(const QString& reason) { fail_connection(reason); }

void QmpClient::fail_connection(const QString& reason) {
  if (state_ == State::Disconnected) return;
  handshake_timer_.stop();
  channel_->attach(nullptr);
  socket_->close();
  set_state(State::Disconnected);
  queued_.clear();
  pending_->fail_all(error_class::kDisconnected, reason);
  emit disconnected(reason);
}

quint64 QmpClient::execute(const QString& command, const QJsonObject& arguments, ReplyHandler handler, int timeout_ms) {
  const quint64 id = next_id_++;
  const int timeout = timeout_ms > 0 ? timeout_ms : command_timeout_ms_;
  if (state_ == State::Disconnected) {
    pending_->add(id, command, 0, std::move(handler));
    QTimer::singleShot(0, pending_, [p = pending_, id, command] {
      p->complete(id, Reply::failure(error_class::kNotConnected, command + ": not connected to QEMU"));
    });
    return id;
  }
  QJsonObject msg{{"execute", command}, {"id", static_cast<qint64>(id)}};
  if (!arguments.isEmpty()) msg.insert("arguments", arguments);
  QByteArray line = QJsonDocument(msg).toJson(QJsonDocument::Compact);
  pending_->add(id, command, timeout, std::move(handler));
  if (state_ == State::Ready) {
    channel_->write_line(line);
  } else {
    queued_.append({id, line});
  }
  return id;
}

void QmpClient::send_queued() {
  auto queued = std::move(queued_);
  queued_.clear();
  for (const auto& [id, line] : queued)
    if (pending_->contains(id)) channel_->write_line(line);  // not timed out meanwhile
}

void QmpClient::on_line_too_long(qsizetype seen) {
  emit protocol_error(tr("skipped a line from QEMU longer than %1 bytes (%2 bytes seen)").arg(channel_->max_line()).arg(seen));
}

void QmpClient::on_line(const QByteArray& line) {
  QJsonParseError err{};
  QJsonDocument doc = QJsonDocument::fromJson(line, &err);
  if (err.error != QJsonParseError::NoError || !doc.isObject()) {
    emit protocol_error(err.error != QJsonParseError::NoError
                            ? tr("malformed JSON from QEMU (%1 at offset %2): %3").arg(err.errorString()).arg(err.offset).arg(excerpt(line))
                            : tr("QMP message is not a JSON object: %1").arg(excerpt(line)));
    return;
  }
  const QJsonObject obj = doc.object();
  if (state_ == State::Greeting) {
    handle_greeting(obj);
    return;
  }
  if (obj.contains("event")) {
    const QJsonValue name = obj.value("event");
    if (!name.isString()) {
      emit protocol_error(tr("QMP event without a name: %1").arg(excerpt(line)));
      return;
    }
    qint64 ts = -1;
    const QJsonObject t = obj.value("timestamp").toObject();
    if (t.contains("seconds")) ts = t.value("seconds").toInteger() * 1000000 + t.value("microseconds").toInteger();
    emit event_received(name.toString(), obj.value("data").toObject(), ts);
    return;
  }
  if (obj.contains("return") || obj.contains("error")) {
    handle_reply(obj);
    return;
  }
  emit protocol_error(tr("unexpected QMP message: %1").arg(excerpt(line)));
}

void QmpClient::handle_greeting(const QJsonObject& obj) {
  const QJsonValue qmp = obj.value("QMP");
  if (!qmp.isObject()) {
    emit protocol_error(tr("expected the QMP greeting, got: %1").arg(excerpt(QJsonDocument(obj).toJson(QJsonDocument::Compact))));
    return;
  }
  greeting_ = qmp.toObject();
  set_state(State::Negotiating);
  caps_id_ = next_id_++;
  pending_->add(caps_id_, QStringLiteral("qmp_capabilities"), 0, [this](const Reply& r) {
    if (!r.ok()) {
      fail_connection(tr("QMP capability negotiation failed: %1").arg(r.error->to_string()));
      return;
    }
    handshake_timer_.stop();
    set_state(State::Ready);
    send_queued();
    emit ready();
  });
  QJsonObject msg{{"execute", "qmp_capabilities"}, {"id", static_cast<qint64>(caps_id_)}};
  channel_->write_line(QJsonDocument(msg).toJson(QJsonDocument::Compact));
}

void QmpClient::handle_reply(const QJsonObject& obj) {
  const QJsonValue idv = obj.value("id");
  if (idv.isUndefined()) {
    // QEMU answers a line it could not parse with an error without id.
    const QJsonObject e = obj.value("error").toObject();
    emit protocol_error(tr("QMP error without id: %1: %2").arg(e.value("class").toString(), e.value("desc").toString()));
    return;
  }
  const double d = idv.toDouble(-1);
  const quint64 id = (idv.isDouble() && d >= 1 && d == static_cast<double>(static_cast<quint64>(d))) ? static_cast<quint64>(d) : 0;
  Reply reply;
  if (obj.contains("error")) {
    const QJsonObject e = obj.value("error").toObject();
    QString cls = e.value("class").toString();
    reply = Reply::failure(cls.isEmpty() ? QStringLiteral("GenericError") : cls, e.value("desc").toString());
  } else {
    reply = Reply::success(obj.value("return"));
  }
  if (id == 0 || !pending_->complete(id, reply)) {
    if (id != 0 && pending_->timed_out_recently(id)) return;  // the late answer to a timed-out command
    emit protocol_error(tr("QMP reply for unknown id %1").arg(QString::fromUtf8(QJsonDocument(QJsonArray{idv}).toJson(QJsonDocument::Compact))));
  }
}

}  // namespace sis::host
