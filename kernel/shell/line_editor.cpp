#include "shell/line_editor.h"

#include "lib/format.h"
#include "lib/string.h"

namespace sis::shell {

void LineEditor::emit(const char* s) { emit(s, strlen(s)); }

void LineEditor::show_prompt() { emit(prompt_); }

void LineEditor::redraw() {
  // Return to column 0, reprint prompt and line, clear the rest, put the cursor back.
  emit("\r");
  emit(prompt_);
  emit(buf_, len_);
  emit("\x1b[K");
  if (cursor_ < len_) {
    char seq[16];
    usize n = format(seq, sizeof(seq), "\x1b[%zuD", len_ - cursor_);
    emit(seq, n);
  }
}

void LineEditor::insert(char c) {
  if (len_ == kMaxLine) {
    emit("\a");
    return;
  }
  memmove(buf_ + cursor_ + 1, buf_ + cursor_, len_ - cursor_);
  buf_[cursor_++] = c;
  buf_[++len_] = '\0';
  if (cursor_ == len_) emit(&c, 1);  // the common case echoes just the byte
  else redraw();
}

void LineEditor::erase_before_cursor() {
  if (cursor_ == 0) return;
  memmove(buf_ + cursor_ - 1, buf_ + cursor_, len_ - cursor_);
  --cursor_;
  buf_[--len_] = '\0';
  if (cursor_ == len_) emit("\b \b");
  else redraw();
}

void LineEditor::erase_at_cursor() {
  if (cursor_ == len_) return;
  memmove(buf_ + cursor_, buf_ + cursor_ + 1, len_ - cursor_ - 1);
  buf_[--len_] = '\0';
  redraw();
}

void LineEditor::remember(const char* s, usize n) {
  if (n == 0) return;
  usize newest = (history_next_ + kHistory - 1) % kHistory;
  if (history_count_ && strlen(history_[newest]) == n && memcmp(history_[newest], s, n) == 0) return;
  memcpy(history_[history_next_], s, n);
  history_[history_next_][n] = '\0';
  history_next_ = (history_next_ + 1) % kHistory;
  if (history_count_ < kHistory) ++history_count_;
}

void LineEditor::set_from_history(usize k) {
  if (k == 0) {
    len_ = cursor_ = 0;
    buf_[0] = '\0';
  } else {
    const char* h = history_[(history_next_ + kHistory - k) % kHistory];
    len_ = cursor_ = strlen(h);
    memcpy(buf_, h, len_ + 1);
  }
  browsing_ = k;
  redraw();
}

LineEditor::Event LineEditor::feed(char c) {
  bool was_cr = last_was_cr_;
  last_was_cr_ = false;
  switch (esc_) {
    case Esc::Escape:
      esc_ = (c == '[' || c == 'O') ? Esc::Bracket : Esc::None;
      return Event::None;
    case Esc::Bracket:
      esc_ = Esc::None;
      switch (c) {
        case 'A': if (browsing_ < history_count_) set_from_history(browsing_ + 1); break;
        case 'B': if (browsing_ > 0) set_from_history(browsing_ - 1); break;
        case 'C': if (cursor_ < len_) { ++cursor_; emit("\x1b[C"); } break;
        case 'D': if (cursor_ > 0) { --cursor_; emit("\x1b[D"); } break;
        case 'H': cursor_ = 0; redraw(); break;
        case 'F': cursor_ = len_; redraw(); break;
        default:
          if (c >= '0' && c <= '9') { esc_digit_ = c; esc_ = Esc::Tilde; }
      }
      return Event::None;
    case Esc::Tilde:
      esc_ = Esc::None;
      if (c == '~') {
        if (esc_digit_ == '3') erase_at_cursor();                       // Delete
        else if (esc_digit_ == '1' || esc_digit_ == '7') { cursor_ = 0; redraw(); }     // Home
        else if (esc_digit_ == '4' || esc_digit_ == '8') { cursor_ = len_; redraw(); }  // End
      }
      return Event::None;
    case Esc::None: break;
  }
  switch (c) {
    case '\x1b': esc_ = Esc::Escape; return Event::None;
    case '\r':
    case '\n': {
      if (c == '\n' && was_cr) return Event::None;  // CR LF counts once
      last_was_cr_ = c == '\r';
      emit("\r\n");
      memcpy(submitted_, buf_, len_ + 1);
      remember(buf_, len_);
      len_ = cursor_ = 0;
      buf_[0] = '\0';
      browsing_ = 0;
      return Event::Line;
    }
    case 0x7f:
    case '\b': erase_before_cursor(); return Event::None;
    case 0x01: cursor_ = 0; redraw(); return Event::None;     // Ctrl-A
    case 0x05: cursor_ = len_; redraw(); return Event::None;  // Ctrl-E
    case 0x15:                                                // Ctrl-U
      len_ = cursor_ = 0;
      buf_[0] = '\0';
      redraw();
      return Event::None;
    case 0x03:  // Ctrl-C
      emit("^C\r\n");
      len_ = cursor_ = 0;
      buf_[0] = '\0';
      browsing_ = 0;
      return Event::Cancel;
    default:
      if (static_cast<unsigned char>(c) >= 0x20) insert(c);
      return Event::None;
  }
}

}  // namespace sis::shell
