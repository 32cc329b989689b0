#include "console_widget.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QScrollBar>
#include <QTextBlock>

#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

namespace {
// The xterm palette: 8 normal + 8 bright colours.
const QColor kPalette[16] = {
    QColor(0x2e, 0x34, 0x36), QColor(0xcc, 0x00, 0x00), QColor(0x4e, 0x9a, 0x06), QColor(0xc4, 0xa0, 0x00),
    QColor(0x34, 0x65, 0xa4), QColor(0x75, 0x50, 0x7b), QColor(0x06, 0x98, 0x9a), QColor(0xd3, 0xd7, 0xcf),
    QColor(0x55, 0x57, 0x53), QColor(0xef, 0x29, 0x29), QColor(0x8a, 0xe2, 0x34), QColor(0xfc, 0xe9, 0x4f),
    QColor(0x72, 0x9f, 0xcf), QColor(0xad, 0x7f, 0xa8), QColor(0x34, 0xe2, 0xe2), QColor(0xee, 0xee, 0xec)};
const QColor kDefaultFg(0xdc, 0xdc, 0xdc);
const QColor kDefaultBg(0x1e, 0x1f, 0x22);
}  // namespace

ConsoleWidget::ConsoleWidget(VmSession* session, QWidget* parent) : QPlainTextEdit(parent), session_(session) {
  setObjectName("console");
  setReadOnly(true);  // the user's keys go to the UART, not into the document
  setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  setUndoRedoEnabled(false);
  setMaximumBlockCount(5000);
  setLineWrapMode(QPlainTextEdit::WidgetWidth);
  setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  QPalette p = palette();
  p.setColor(QPalette::Base, kDefaultBg);
  p.setColor(QPalette::Text, kDefaultFg);
  setPalette(p);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_InputMethodEnabled, true);
  out_ = QTextCursor(document());
  connect(session_, &VmSession::console_output, this, &ConsoleWidget::append_output);
  connect(session_, &VmSession::state_changed, this, [this](VmSession::State s) {
    if (s == VmSession::State::Starting) {
      clear_screen();
      parser_.reset();
    }
  });
  keep_translated(this, [this] {
    setPlaceholderText(tr("The kernel's UART shell appears here when the VM runs. Click here and type; "
                          "Up/Down recall earlier commands."));
    setAccessibleName(tr("Console"));
    setAccessibleDescription(tr("The kernel's serial console. Keys go to the kernel's shell, Tab included; "
                                "Ctrl+1 to Ctrl+9 go to the other panels."));
  });
}

QTextCharFormat ConsoleWidget::format_for(const TextStyle& s) const {
  QTextCharFormat f;
  QColor fg = s.fg < 0 ? kDefaultFg : kPalette[(s.bold && s.fg < 8) ? s.fg + 8 : s.fg];
  QColor bg = s.bg < 0 ? QColor(Qt::transparent) : kPalette[s.bg];
  if (s.inverse) std::swap(fg, bg);
  if (s.inverse && fg == QColor(Qt::transparent)) fg = kDefaultBg;
  f.setForeground(fg);
  if (bg != QColor(Qt::transparent)) f.setBackground(bg);
  if (s.bold) f.setFontWeight(QFont::Bold);
  f.setFontUnderline(s.underline);
  return f;
}

void ConsoleWidget::apply(const TermOp& op) {
  switch (op.kind) {
    case TermOp::Text: {
      // Overwrite what is under the cursor on this line, insert past its end.
      const int left = out_.block().length() - 1 - out_.positionInBlock();
      const int n = qMin(left, static_cast<int>(op.text.size()));
      if (n > 0) out_.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor, n);
      out_.insertText(op.text, format_for(op.style));
      break;
    }
    case TermOp::CarriageReturn: out_.movePosition(QTextCursor::StartOfBlock); break;
    case TermOp::NewLine:
      out_.movePosition(QTextCursor::EndOfBlock);
      if (out_.atEnd())
        out_.insertBlock();
      else
        out_.movePosition(QTextCursor::NextBlock);
      break;
    case TermOp::Backspace:
    case TermOp::CursorLeft:
      for (int i = 0; i < op.count && out_.positionInBlock() > 0; ++i) out_.movePosition(QTextCursor::PreviousCharacter);
      break;
    case TermOp::CursorRight:
      for (int i = 0; i < op.count; ++i) {
        if (out_.positionInBlock() < out_.block().length() - 1)
          out_.movePosition(QTextCursor::NextCharacter);
        else
          out_.insertText(QStringLiteral(" "));
      }
      break;
    case TermOp::EraseToEnd:
      out_.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
      out_.removeSelectedText();
      break;
    case TermOp::ClearScreen: clear_screen(); break;
    case TermOp::Bell: QApplication::beep(); break;
  }
}

void ConsoleWidget::append_output(const QByteArray& bytes) {
  QScrollBar* bar = verticalScrollBar();
  const bool at_bottom = bar->value() >= bar->maximum() - 4;
  for (const TermOp& op : parser_.feed(bytes)) apply(op);
  if (at_bottom) bar->setValue(bar->maximum());
}

void ConsoleWidget::clear_screen() {
  clear();
  out_ = QTextCursor(document());
}

void ConsoleWidget::send(const QByteArray& bytes) { session_->send_console(bytes); }

void ConsoleWidget::paste_clipboard() {
  QString text = QApplication::clipboard()->text();
  text.replace("\r\n", "\r").replace('\n', '\r');
  send(text.toUtf8());
}

void ConsoleWidget::keyPressEvent(QKeyEvent* e) {
  const auto mods = e->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::AltModifier);
  const bool ctrl = mods & Qt::ControlModifier;
  if ((ctrl && (mods & Qt::ShiftModifier) && e->key() == Qt::Key_C) ||
      (ctrl && e->key() == Qt::Key_C && textCursor().hasSelection()) || e->matches(QKeySequence::Copy)) {
    if (textCursor().hasSelection()) {
      copy();
      return;
    }
  }
  if ((ctrl && e->key() == Qt::Key_V) || (mods == Qt::ShiftModifier && e->key() == Qt::Key_Insert)) {
    paste_clipboard();
    return;
  }
  QByteArray seq;
  switch (e->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter: seq = "\r"; break;
    case Qt::Key_Backspace: seq = "\x7f"; break;
    case Qt::Key_Delete: seq = "\x1b[3~"; break;
    case Qt::Key_Up: seq = "\x1b[A"; break;
    case Qt::Key_Down: seq = "\x1b[B"; break;
    case Qt::Key_Right: seq = "\x1b[C"; break;
    case Qt::Key_Left: seq = "\x1b[D"; break;
    case Qt::Key_Home: seq = "\x1b[H"; break;
    case Qt::Key_End: seq = "\x1b[F"; break;
    case Qt::Key_Tab: seq = "\t"; break;
    case Qt::Key_Escape: seq = "\x1b"; break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: QPlainTextEdit::keyPressEvent(e); return;
    default:
      if (ctrl && e->key() >= Qt::Key_A && e->key() <= Qt::Key_Z)
        seq = QByteArray(1, static_cast<char>(e->key() - Qt::Key_A + 1));
      else
        seq = e->text().toUtf8();
  }
  if (seq.isEmpty()) {
    QPlainTextEdit::keyPressEvent(e);
    return;
  }
  send(seq);
  e->accept();
}

void ConsoleWidget::inputMethodEvent(QInputMethodEvent* e) {
  if (!e->commitString().isEmpty()) send(e->commitString().toUtf8());
  e->accept();
}

void ConsoleWidget::contextMenuEvent(QContextMenuEvent* e) {
  QMenu menu(this);
  QAction* copy_action = menu.addAction(tr("Copy"), this, &QPlainTextEdit::copy);
  copy_action->setEnabled(textCursor().hasSelection());
  menu.addAction(tr("Paste"), this, &ConsoleWidget::paste_clipboard);
  menu.addAction(tr("Select all"), this, &QPlainTextEdit::selectAll);
  menu.addSeparator();
  menu.addAction(tr("Clear"), this, &ConsoleWidget::clear_screen);
  menu.exec(e->globalPos());
}

}  // namespace sis::desktop
