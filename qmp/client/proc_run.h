// One program run through the control port's proc.run (docs/protocol.md, "proc.run"):
// sends the request, then turns the kernel's proc.output and proc.exit events of that
// program into signals. The program starts before the kernel writes the response, so its
// first events may arrive before the pid is known: they are kept until the response
// says which pid is ours, then delivered in arrival order (those of other pids dropped).
// Output is base64 on the wire and bytes here; a gap in a stream's offsets (the kernel
// drops an event line the port cannot take) is reported as lost bytes, never hidden.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

#include "client/reply.h"

namespace sis::host {

class ControlClient;

class ProcRun : public QObject {
  Q_OBJECT
 public:
  enum Stream : int { Stdout = 1, Stderr = 2 };
  // Events kept while proc.run is outstanding (beyond that: counted as lost output).
  static constexpr qsizetype kMaxEarlyEvents = 4096;

  explicit ProcRun(ControlClient* client, QObject* parent = nullptr);
  // Sends proc.run with argv (argv[0]: the program's absolute path). Once per object.
  void start(const QStringList& argv, int timeout_ms = 0);

  qint64 pid() const { return pid_; }
  bool done() const { return done_; }
  QJsonObject exit_info() const { return exit_; }  // proc.exit's data once exited()
  // proc.exit's exit_status: the exit code, or 128 + the signal number (-1: none).
  static int exit_status(const QJsonObject& exit_info);

 signals:
  void started(qint64 pid);
  void output(int stream, const QByteArray& data);
  void lost(int stream, qint64 bytes);
  void exited(const QJsonObject& info);
  void failed(const sis::host::ClientError& error);  // refused, or the connection ended first

 private:
  void on_event(const QString& name, const QJsonObject& data);
  void deliver(const QString& name, const QJsonObject& data);
  void finish_failed(const ClientError& e);

  ControlClient* client_;
  qint64 pid_ = -1;
  bool started_ = false;
  bool done_ = false;
  qint64 next_offset_[2] = {0, 0};
  QList<QPair<QString, QJsonObject>> early_;
  QJsonObject exit_;
};

}  // namespace sis::host
