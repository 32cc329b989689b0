// Terminal line editing for the UART shell: insert/delete at the cursor, backspace, left/right,
// Home/End, Ctrl-A/E/U/C, and up/down history. Portable and host-tested: it consumes input
// bytes and produces the bytes to echo through a callback, never touching hardware.
#pragma once
#include "lib/types.h"

namespace sis::shell {

class LineEditor {
 public:
  static constexpr usize kMaxLine = 256;
  static constexpr usize kHistory = 16;

  using EchoFn = void (*)(void* ctx, const char* bytes, usize n);

  LineEditor(const char* prompt, EchoFn echo, void* ctx) : prompt_(prompt), echo_(echo), ctx_(ctx) {}

  enum class Event { None, Line, Cancel };
  // Feeds one input byte. On Event::Line, line() holds the submitted text (NUL-terminated).
  Event feed(char c);
  const char* line() const { return submitted_; }
  void show_prompt();

  usize history_size() const { return history_count_; }

 private:
  void emit(const char* s, usize n) { echo_(ctx_, s, n); }
  void emit(const char* s);
  void redraw();
  void insert(char c);
  void erase_before_cursor();
  void erase_at_cursor();
  void set_from_history(usize index_from_newest);
  void remember(const char* s, usize n);

  const char* prompt_;
  EchoFn echo_;
  void* ctx_;
  char buf_[kMaxLine + 1] = {};
  usize len_ = 0;
  usize cursor_ = 0;
  char submitted_[kMaxLine + 1] = {};
  char history_[kHistory][kMaxLine + 1] = {};
  usize history_count_ = 0;   // entries stored (<= kHistory)
  usize history_next_ = 0;    // slot the next entry goes to
  usize browsing_ = 0;        // 0 = editing a new line, k = k-th newest entry shown
  enum class Esc { None, Escape, Bracket, Tilde } esc_ = Esc::None;
  char esc_digit_ = 0;
  bool last_was_cr_ = false;
};

}  // namespace sis::shell
