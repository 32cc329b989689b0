// Output: where a command or a benchmark writes its text (the UART console, a capture buffer
// for the control port's shell.exec, a file for `> PATH`).
#pragma once
#include "lib/string.h"
#include "lib/types.h"

namespace sis {

class Output {
 public:
  virtual void write(StrView s) = 0;
  void print(StrView s) { write(s); }
  void printf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));

 protected:
  ~Output() = default;
};

// An Output that keeps the first N bytes written to it and notes whether more came: a
// command's output captured for a reply, a file or a prompt. N is fixed so that the buffer
// can live in static storage (the sizes used are too big for a thread's stack).
template <usize N>
class BoundedOutput final : public Output {
 public:
  static constexpr usize kCapacity = N;
  void write(StrView s) override {
    usize n = s.size < N - len_ ? s.size : N - len_;
    memcpy(buf_ + len_, s.data, n);
    len_ += n;
    truncated_ |= n < s.size;
  }
  StrView view() const { return {buf_, len_}; }
  bool truncated() const { return truncated_; }
  void reset() {
    len_ = 0;
    truncated_ = false;
  }

 private:
  char buf_[N];
  usize len_ = 0;
  bool truncated_ = false;
};

}  // namespace sis
