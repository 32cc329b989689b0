#include "ansi_parser.h"

namespace sis::desktop {

void AnsiParser::reset() {
  mode_ = Mode::Normal;
  csi_.clear();
  text_.clear();
  style_ = TextStyle{};
  decoder_.resetState();
}

void AnsiParser::flush_text(QList<TermOp>& ops) {
  if (text_.isEmpty()) return;
  TermOp op;
  op.kind = TermOp::Text;
  op.text = text_;
  op.style = style_;
  ops.append(op);
  text_.clear();
}

void AnsiParser::apply_sgr(const QString& params) {
  const QStringList parts = params.isEmpty() ? QStringList{"0"} : params.split(';');
  for (const QString& p : parts) {
    bool ok = false;
    const int n = p.isEmpty() ? 0 : p.toInt(&ok);
    if (!p.isEmpty() && !ok) continue;
    if (n == 0) style_ = TextStyle{};
    else if (n == 1) style_.bold = true;
    else if (n == 4) style_.underline = true;
    else if (n == 7) style_.inverse = true;
    else if (n == 22) style_.bold = false;
    else if (n == 24) style_.underline = false;
    else if (n == 27) style_.inverse = false;
    else if (n >= 30 && n <= 37) style_.fg = n - 30;
    else if (n == 39) style_.fg = -1;
    else if (n >= 40 && n <= 47) style_.bg = n - 40;
    else if (n == 49) style_.bg = -1;
    else if (n >= 90 && n <= 97) style_.fg = n - 90 + 8;
    else if (n >= 100 && n <= 107) style_.bg = n - 100 + 8;
  }
}

QList<TermOp> AnsiParser::feed(const QByteArray& bytes) {
  QList<TermOp> ops;
  const QString in = decoder_.decode(bytes);
  auto simple = [&](TermOp::Kind k, int count = 1) {
    flush_text(ops);
    TermOp op;
    op.kind = k;
    op.count = count;
    op.style = style_;
    ops.append(op);
  };
  for (QChar c : in) {
    switch (mode_) {
      case Mode::Normal:
        if (c == QChar(0x1b)) {
          mode_ = Mode::Escape;
        } else if (c == '\r') {
          simple(TermOp::CarriageReturn);
        } else if (c == '\n') {
          simple(TermOp::NewLine);
        } else if (c == '\b') {
          simple(TermOp::Backspace);
        } else if (c == QChar(7)) {
          simple(TermOp::Bell);
        } else if (c == '\t') {
          text_ += QStringLiteral("    ");
        } else if (c.unicode() >= 0x20 || c.unicode() == 0) {
          if (c.unicode() != 0) text_ += c;
        }
        break;
      case Mode::Escape:
        if (c == '[') {
          mode_ = Mode::Csi;
          csi_.clear();
        } else {
          mode_ = Mode::Normal;  // two-byte escapes (ESC c, ESC 7...) are ignored
        }
        break;
      case Mode::Csi:
        if (c.unicode() >= 0x40 && c.unicode() <= 0x7e) {
          mode_ = Mode::Normal;
          const int n = qMax(1, csi_.toInt());
          switch (c.unicode()) {
            case 'm': flush_text(ops); apply_sgr(csi_); break;
            case 'D': simple(TermOp::CursorLeft, n); break;
            case 'C': simple(TermOp::CursorRight, n); break;
            case 'K': if (csi_.isEmpty() || csi_ == "0") simple(TermOp::EraseToEnd); break;
            case 'J': if (csi_ == "2") simple(TermOp::ClearScreen); break;
            default: break;
          }
        } else if (csi_.size() < 32) {
          csi_ += c;
        } else {
          mode_ = Mode::Normal;  // runaway sequence
        }
        break;
    }
  }
  flush_text(ops);
  return ops;
}

}  // namespace sis::desktop
