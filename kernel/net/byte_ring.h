// A byte ring of fixed capacity (a TCP connection's send and receive buffers): bytes are
// appended at the tail, read or dropped at the head, and peeked at any offset (a
// retransmission reads the unacknowledged bytes again without removing them).
#pragma once
#include "lib/string.h"
#include "lib/types.h"

namespace sis::net {

class ByteRing {
 public:
  void attach(u8* mem, usize cap) {
    buf_ = mem;
    cap_ = cap;
    head_ = len_ = 0;
  }
  usize size() const { return len_; }
  usize capacity() const { return cap_; }
  usize space() const { return cap_ - len_; }
  // Appends up to n bytes; returns how many fit.
  usize push(const u8* src, usize n) {
    n = n < space() ? n : space();
    for (usize done = 0; done < n;) {
      usize at = (head_ + len_) % cap_;
      usize run = cap_ - at < n - done ? cap_ - at : n - done;
      memcpy(buf_ + at, src + done, run);
      len_ += run;
      done += run;
    }
    return n;
  }
  // Copies up to n bytes starting `off` bytes after the head; returns how many.
  usize peek(usize off, u8* dst, usize n) const {
    if (off >= len_) return 0;
    n = n < len_ - off ? n : len_ - off;
    for (usize done = 0; done < n;) {
      usize at = (head_ + off + done) % cap_;
      usize run = cap_ - at < n - done ? cap_ - at : n - done;
      memcpy(dst + done, buf_ + at, run);
      done += run;
    }
    return n;
  }
  void drop(usize n) {
    n = n < len_ ? n : len_;
    head_ = (head_ + n) % cap_;
    len_ -= n;
    if (len_ == 0) head_ = 0;
  }

 private:
  u8* buf_ = nullptr;
  usize cap_ = 0, head_ = 0, len_ = 0;
};

}  // namespace sis::net
