// The kernel's UART shell in a terminal widget: output from VmSession::console_output goes
// through AnsiParser onto a QPlainTextEdit with a terminal cursor (overwrite at the cursor,
// carriage return, backspace, erase to end of line), colours from the ANSI palette. Keys go
// to the UART as a terminal sends them: the kernel's own line editor echoes, edits and keeps
// the history (Up/Down). Copy: select and Ctrl+Shift+C (or Ctrl+C with a selection, or the
// context menu); paste: Ctrl+Shift+V / Ctrl+V or the context menu sends the clipboard text.
#pragma once
#include <QPlainTextEdit>
#include <QTextCursor>

#include "ansi_parser.h"

namespace sis::desktop {

class VmSession;

class ConsoleWidget : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit ConsoleWidget(VmSession* session, QWidget* parent = nullptr);

  // Feeds raw UART bytes (public for tests).
  void append_output(const QByteArray& bytes);
  // The text on screen, for tests and the crash lab.
  QString screen_text() const { return toPlainText(); }
  void clear_screen();
  void paste_clipboard();

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void inputMethodEvent(QInputMethodEvent* event) override;

 private:
  void apply(const TermOp& op);
  QTextCharFormat format_for(const TextStyle& s) const;
  void send(const QByteArray& bytes);

  VmSession* session_;
  AnsiParser parser_;
  QTextCursor out_;  // the terminal's cursor (independent of the user's selection)
};

}  // namespace sis::desktop
