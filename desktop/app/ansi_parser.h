// Turns the UART's byte stream into terminal operations for ConsoleWidget: text runs with
// their SGR style (ANSI colours 0-7 and bright 8-15, bold, underline, inverse), carriage
// return, newline, backspace, cursor left/right (ESC[nD, ESC[nC), erase to end of line
// (ESC[K) and clear screen (ESC[2J). UTF-8 sequences and escape sequences split across
// reads are kept until they are complete. Unknown escape sequences are dropped.
#pragma once
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringDecoder>

namespace sis::desktop {

struct TextStyle {
  int fg = -1;  // -1 default, 0..15 ANSI colour
  int bg = -1;
  bool bold = false;
  bool underline = false;
  bool inverse = false;
  bool operator==(const TextStyle&) const = default;
};

struct TermOp {
  enum Kind { Text, CarriageReturn, NewLine, Backspace, CursorLeft, CursorRight, EraseToEnd, ClearScreen, Bell };
  Kind kind = Text;
  QString text;   // Text only
  TextStyle style;
  int count = 1;  // CursorLeft/Right
};

class AnsiParser {
 public:
  QList<TermOp> feed(const QByteArray& bytes);
  const TextStyle& style() const { return style_; }
  void reset();

 private:
  void apply_sgr(const QString& params);
  void flush_text(QList<TermOp>& ops);

  enum class Mode { Normal, Escape, Csi };
  Mode mode_ = Mode::Normal;
  QString csi_;
  QString text_;
  TextStyle style_;
  QStringDecoder decoder_{QStringDecoder::Utf8};
};

}  // namespace sis::desktop
