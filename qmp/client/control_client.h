// The host end of control protocol v1 (docs/protocol.md) over the virtio-serial port
// org.sis.control: waits for the kernel's greeting (sending hello anyway after
// greeting_grace_ms, as the protocol's recovery rule allows), answers with hello, then sends
// requests with ids and per-request timeouts and turns events into signals.
//
// Robustness as in QmpClient: every request ends exactly once with a Reply (result, the
// kernel's error class + message, Timeout, Disconnected, NotConnected, TooLarge); lines
// over the protocol limit (65536 bytes) are skipped; malformed lines, unknown ids and
// id-less error responses are reported through protocol_error and skipped. A new greeting
// in a running session (the kernel rebooted while QEMU kept the socket) fails the
// outstanding requests with SessionRestarted, answers hello again and emits ready() again.
#pragma once
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include "client/reply.h"

namespace sis::host {

class LineChannel;
class PendingRequests;
class StreamSocket;

class ControlClient : public QObject {
  Q_OBJECT
 public:
  enum class State { Disconnected, Connecting, AwaitingGreeting, Ready };
  static constexpr int kProtocolVersion = 1;
  static constexpr qsizetype kMaxLine = 65536;  // docs/protocol.md, both directions

  explicit ControlClient(QObject* parent = nullptr);
  ~ControlClient() override;

  void connect_to_server(const QString& socket_path);
  void connect_to_host(const QString& host, quint16 port);
  void close();

  // Sends a request; before ready() it is queued. The handler runs exactly once, later.
  // timeout_ms <= 0: the default request timeout. Returns the request's id.
  quint64 request(const QString& method, const QJsonObject& params, ReplyHandler handler, int timeout_ms = 0);

  State state() const { return state_; }
  bool is_ready() const { return state_ == State::Ready; }
  QJsonObject greeting() const { return greeting_; }
  int protocol_version() const { return greeting_.value("protocol").toInt(); }
  QString kernel_version() const { return greeting_.value("version").toString(); }
  QStringList capabilities() const { return capabilities_; }
  bool has_capability(const QString& name) const { return capabilities_.contains(name); }

  void set_request_timeout(int ms) { request_timeout_ms_ = ms; }
  // Connect + greeting must finish within this, else disconnected() (default 10000 ms; the
  // kernel may still be booting).
  void set_handshake_timeout(int ms) { handshake_timeout_ms_ = ms; }
  // After this long without a greeting, send hello anyway (default 1000 ms).
  void set_greeting_grace(int ms) { greeting_grace_ms_ = ms; }
  void set_max_line(qsizetype bytes);
  // Capabilities the host announces in hello (v1 defines none).
  void set_host_capabilities(const QStringList& caps) { host_capabilities_ = caps; }

 signals:
  void ready();
  // A kernel event; ts_ns is the kernel's monotonic clock (sys.info uptime_ns).
  void event_received(const QString& name, const QJsonObject& data, qint64 ts_ns);
  void disconnected(const QString& reason);
  void protocol_error(const QString& message);

 private:
  void start_connect();
  void on_connected();
  void on_line(const QByteArray& line);
  void on_line_too_long(qsizetype seen);
  void handle_greeting(const QJsonObject& obj);
  void handle_response(const QJsonObject& obj);
  void fail_connection(const QString& reason);
  void send_hello();
  void send_queued();
  // Methods the kernel answers on its reader thread at once (docs/protocol.md 2); every other
  // request takes one of the kernel's kKernelQueue queue slots until its response comes.
  static bool answered_at_once(const QString& method);

  StreamSocket* socket_;
  LineChannel* channel_;
  PendingRequests* pending_;
  QTimer handshake_timer_;
  QTimer grace_timer_;
  State state_ = State::Disconnected;
  QJsonObject greeting_;
  QStringList capabilities_;
  QStringList host_capabilities_;
  bool hello_sent_ = false;
  quint64 next_id_ = 1;
  // Requests not yet written: before the greeting, and queued-method requests beyond the
  // kernel's queue (it answers the 9th outstanding one Busy; a host never sends it).
  struct Unsent {
    quint64 id;
    QByteArray line;
    bool at_once;
  };
  QList<Unsent> queued_;
  static constexpr qsizetype kKernelQueue = 8;  // docs/protocol.md: up to 8 outstanding
  QSet<quint64> in_kernel_queue_;               // written, occupying a slot until answered
  int request_timeout_ms_ = 10000;
  int handshake_timeout_ms_ = 10000;
  int greeting_grace_ms_ = 1000;
};

}  // namespace sis::host
