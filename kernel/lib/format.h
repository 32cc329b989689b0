// printf-style formatting into a caller's buffer: no allocation, always terminated, never
// writes past the end. Supports %d %i %u %o %x %X %p %s %c %% with '-', '0', width, '.prec'
// (for %s) and the length modifiers l, ll, z. No floating point: the kernel core is built
// without FP registers, so callers print fixed-point values themselves.
// Widths and precisions are clamped to kFormatMaxField (larger ones make no sense here and
// would overflow while being parsed).
#pragma once
#include "lib/types.h"

namespace sis {

constexpr int kFormatMaxField = 4096;

// Returns the length the full output would have had (like vsnprintf).
usize vformat(char* buf, usize cap, const char* fmt, va_list ap);
usize format(char* buf, usize cap, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

// A fixed buffer that accumulates formatted text; excess is dropped and flagged.
class TextBuffer {
 public:
  TextBuffer(char* storage, usize cap) : buf_(storage), cap_(cap) { clear(); }
  void clear();
  void append(StrView s);
  void appendf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
  void vappendf(const char* fmt, va_list ap);
  void push(char c);
  const char* c_str() const { return buf_; }
  usize size() const { return len_; }
  bool truncated() const { return truncated_; }
  StrView view() const { return {buf_, len_}; }

 private:
  char* buf_;
  usize cap_;
  usize len_ = 0;
  bool truncated_ = false;
};

}  // namespace sis
