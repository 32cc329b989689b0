#include "client/line_channel.h"

#include <QIODevice>

#include <cstring>

namespace sis::host {

LineChannel::LineChannel(qsizetype max_line, QObject* parent) : QObject(parent), max_line_(max_line) {}

void LineChannel::attach(QIODevice* device) {
  if (device_) disconnect(device_, nullptr, this, nullptr);
  device_ = device;
  buffer_.clear();
  discarding_ = false;
  if (device_) connect(device_, &QIODevice::readyRead, this, &LineChannel::on_ready_read);
}

bool LineChannel::write_line(const QByteArray& line) {
  if (!device_ || !device_->isWritable()) return false;
  QByteArray out = line;
  out.append('\n');
  return device_->write(out) == out.size();
}

void LineChannel::on_ready_read() {
  // Slots may destroy the client (and this channel) or detach the device: every emission
  // is followed by a check, and then nothing more of this chunk is touched.
  QPointer<LineChannel> self(this);
  QIODevice* const dev = device_;
  auto still_attached = [&] { return self && device_ == dev; };
  char chunk[16384];
  while (still_attached() && dev->bytesAvailable() > 0) {
    qint64 n = dev->read(chunk, sizeof(chunk));
    if (n <= 0) break;
    qsizetype pos = 0;
    while (pos < n) {
      const char* start = chunk + pos;
      const void* nl = std::memchr(start, '\n', static_cast<size_t>(n - pos));
      qsizetype len = nl ? static_cast<const char*>(nl) - start : n - pos;
      pos += len + (nl ? 1 : 0);
      if (discarding_) {
        if (nl) discarding_ = false;
      } else if (buffer_.size() + len > max_line_) {
        qsizetype seen = buffer_.size() + len;
        buffer_.clear();
        discarding_ = !nl;
        emit line_too_long(seen);
        if (!still_attached()) return;
      } else {
        buffer_.append(start, len);
        if (nl) {
          QByteArray line;
          line.swap(buffer_);
          if (line.endsWith('\r')) line.chop(1);
          if (!line.isEmpty()) {
            emit line_received(line);
            if (!still_attached()) return;
          }
        }
      }
    }
  }
}

}  // namespace sis::host
