// Results of QMP commands and control-port requests, as values: a reply is either a value
// (QMP "return", control "result") or an error with a class and a message. Errors the
// clients produce themselves use the classes below; errors from the peer keep the peer's
// class (QMP: GenericError, CommandNotFound, ...; control: NotFound, InvalidParams, ...).
#pragma once
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <optional>

namespace sis::host {

namespace error_class {
inline constexpr const char* kTimeout = "Timeout";            // no reply within the request's timeout
inline constexpr const char* kDisconnected = "Disconnected";  // connection lost with the request outstanding
inline constexpr const char* kNotConnected = "NotConnected";  // request made while not connected
inline constexpr const char* kTooLarge = "TooLarge";          // the request line exceeds the peer's line limit
inline constexpr const char* kSessionRestarted = "SessionRestarted";  // the kernel sent a new greeting
}  // namespace error_class

struct ClientError {
  QString cls;
  QString message;
  QString to_string() const { return cls + ": " + message; }
};

struct Reply {
  QJsonValue value;                  // QMP "return" (any JSON value) or control "result" (an object)
  std::optional<ClientError> error;  // set when the command failed

  bool ok() const { return !error.has_value(); }
  QJsonObject object() const { return value.toObject(); }
  static Reply success(QJsonValue v) { return Reply{std::move(v), std::nullopt}; }
  static Reply failure(QString cls, QString message) {
    return Reply{QJsonValue(), ClientError{std::move(cls), std::move(message)}};
  }
};

using ReplyHandler = std::function<void(const Reply&)>;

}  // namespace sis::host
