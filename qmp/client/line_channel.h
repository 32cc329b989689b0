// Newline-delimited text over a byte stream (QLocalSocket, QTcpSocket, any QIODevice), shared
// by the QMP client and the control-port client. Reassembles lines split across reads and
// separates lines merged into one read; a trailing '\r' is dropped and empty lines skipped.
// Input is capped: a line longer than max_line bytes is discarded up to the next '\n' and
// reported once through line_too_long, so memory stays bounded whatever the peer sends.
#pragma once
#include <QByteArray>
#include <QObject>
#include <QIODevice>
#include <QPointer>


namespace sis::host {

class LineChannel : public QObject {
  Q_OBJECT
 public:
  explicit LineChannel(qsizetype max_line, QObject* parent = nullptr);

  // Reads from `device` from now on (not owned); nullptr detaches. Clears buffered input.
  void attach(QIODevice* device);
  QIODevice* device() const { return device_; }

  // Writes `line` plus '\n'. False when detached or the device refused the bytes.
  bool write_line(const QByteArray& line);

  void set_max_line(qsizetype bytes) { max_line_ = bytes; }
  qsizetype max_line() const { return max_line_; }

 signals:
  void line_received(const QByteArray& line);
  // A line exceeded max_line; `seen` is how many of its bytes had arrived when it was refused.
  void line_too_long(qsizetype seen);

 private:
  void on_ready_read();

  QPointer<QIODevice> device_;
  QByteArray buffer_;       // the incomplete line so far (never longer than max_line_)
  bool discarding_ = false;  // inside an over-long line, skipping to its '\n'
  qsizetype max_line_;
};

}  // namespace sis::host
