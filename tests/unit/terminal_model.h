// A minimal model of the terminal the line editor talks to: one line of cells and a cursor,
// understanding exactly the output the editor may produce (printable bytes, CR, LF, BS, BEL,
// ESC[K, ESC[nC, ESC[nD). Anything else is counted as unexpected. Tests compare what the user
// would see with what the editor will submit. Header-only; the fuzz target uses it too.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sis::test {

class TerminalModel {
 public:
  void feed(const char* s, size_t n) {
    for (size_t i = 0; i < n; ++i) byte(static_cast<unsigned char>(s[i]));
  }

  // The current line without trailing blanks (erased cells read as blanks).
  std::string row() const { return rtrim(row_); }
  size_t col() const { return col_; }
  const std::vector<std::string>& finished_rows() const { return finished_; }
  int bells() const { return bells_; }
  int unexpected() const { return unexpected_; }

  static std::string rtrim(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  }

 private:
  void byte(unsigned char c) {
    if (esc_ == 1) {
      if (c == '[') {
        esc_ = 2;
        param_ = 0;
        have_param_ = false;
      } else {
        esc_ = 0;
        ++unexpected_;
      }
      return;
    }
    if (esc_ == 2) {
      if (c >= '0' && c <= '9') {
        param_ = param_ * 10 + (c - '0');
        have_param_ = true;
        return;
      }
      esc_ = 0;
      size_t n = have_param_ ? param_ : 1;
      switch (c) {
        case 'K': if (row_.size() > col_) row_.resize(col_); break;
        case 'C': col_ += n; break;
        case 'D': col_ = n > col_ ? 0 : col_ - n; break;
        default: ++unexpected_;
      }
      return;
    }
    switch (c) {
      case 0x1b: esc_ = 1; return;
      case '\r': col_ = 0; return;
      case '\n':
        finished_.push_back(rtrim(row_));
        row_.clear();
        col_ = 0;
        return;
      case '\b': if (col_ > 0) --col_; return;
      case '\a': ++bells_; return;
      default:
        if (c < 0x20 || c == 0x7f) {
          ++unexpected_;
          return;
        }
        if (col_ >= row_.size()) row_.resize(col_, ' ');
        if (col_ == row_.size()) row_.push_back(static_cast<char>(c));
        else row_[col_] = static_cast<char>(c);
        ++col_;
    }
  }

  std::string row_;
  size_t col_ = 0;
  std::vector<std::string> finished_;
  int bells_ = 0;
  int unexpected_ = 0;
  int esc_ = 0;
  size_t param_ = 0;
  bool have_param_ = false;
};

}  // namespace sis::test
