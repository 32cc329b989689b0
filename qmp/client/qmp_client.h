// An asynchronous QMP client (QEMU Machine Protocol). Connects to QEMU's -qmp socket, reads
// the greeting, negotiates with qmp_capabilities, then sends commands with numeric ids and
// matches replies to them; each command has its own timeout. Events become signals.
//
// Robustness: every reply arrives as a value (Reply) exactly once per command - success,
// QEMU's error (class + desc), Timeout, Disconnected or NotConnected. Input lines are capped
// (default 8 MiB; query-qmp-schema is ~200 KiB); malformed JSON, unknown ids and unexpected
// objects are reported through protocol_error and skipped. Connection loss (and a handshake
// that does not finish in time) ends the connection with disconnected(reason).
// Not thread-safe: use it from the thread that owns it.
#pragma once
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "client/reply.h"

namespace sis::host {

class LineChannel;
class PendingRequests;
class StreamSocket;

class QmpClient : public QObject {
  Q_OBJECT
 public:
  enum class State { Disconnected, Connecting, Greeting, Negotiating, Ready };

  explicit QmpClient(QObject* parent = nullptr);
  ~QmpClient() override;

  // Starts connecting (closing any previous connection); ready() or disconnected() follows.
  void connect_to_server(const QString& socket_path);
  void connect_to_host(const QString& host, quint16 port);
  // Closes the connection; outstanding commands fail with Disconnected. No signal.
  void close();

  // Sends a command. Before ready() it is queued and sent after negotiation. The handler
  // runs exactly once, later (never inside this call). timeout_ms <= 0: the default
  // command timeout. Returns the command's id.
  quint64 execute(const QString& command, const QJsonObject& arguments, ReplyHandler handler, int timeout_ms = 0);
  quint64 execute(const QString& command, ReplyHandler handler, int timeout_ms = 0) {
    return execute(command, QJsonObject(), std::move(handler), timeout_ms);
  }

  State state() const { return state_; }
  bool is_ready() const { return state_ == State::Ready; }
  // The "QMP" member of QEMU's greeting ({"version":{...},"capabilities":[...]}).
  QJsonObject greeting() const { return greeting_; }
  // "7.2.22" from the greeting, or empty.
  QString qemu_version() const;

  void set_command_timeout(int ms) { command_timeout_ms_ = ms; }
  // Connecting + greeting + negotiation must finish within this (default 5000 ms).
  void set_handshake_timeout(int ms) { handshake_timeout_ms_ = ms; }
  void set_max_line(qsizetype bytes);

 signals:
  void ready();
  // An asynchronous QMP event; timestamp_us is QEMU's host wall-clock time (microseconds
  // since the Unix epoch), or -1 when the event had none.
  void event_received(const QString& name, const QJsonObject& data, qint64 timestamp_us);
  // The connection ended (refused, lost, handshake failed). Emitted once per connection.
  void disconnected(const QString& reason);
  // Something unexpected arrived and was skipped; the connection goes on.
  void protocol_error(const QString& message);

 private:
  void start_connect();
  void on_connected();
  void on_line(const QByteArray& line);
  void on_line_too_long(qsizetype seen);
  void on_closed(const QString& reason);
  void handle_greeting(const QJsonObject& obj);
  void handle_reply(const QJsonObject& obj);
  void fail_connection(const QString& reason);
  void send_queued();
  void set_state(State s) { state_ = s; }

  StreamSocket* socket_;
  LineChannel* channel_;
  PendingRequests* pending_;
  QTimer handshake_timer_;
  State state_ = State::Disconnected;
  QJsonObject greeting_;
  quint64 next_id_ = 1;
  quint64 caps_id_ = 0;
  QList<QPair<quint64, QByteArray>> queued_;  // commands made before Ready
  int command_timeout_ms_ = 10000;
  int handshake_timeout_ms_ = 5000;
};

}  // namespace sis::host
