// Language model: ask the kernel a question and get a grounded answer (docs/llm.md,
// "Grounding"; docs/protocol.md llm.ask): the answer with its cited passages (doc § section,
// click one to read the passage), the live-state snapshot the kernel took for it (df for
// disk questions, memctl stats for memory, ...), and the suggested command as a button that
// runs it in the kernel shell (Console tab) only when the person confirms. The suggested
// command comes from the shell's own grammar, so it always parses; values the question
// named may be in it ("kill process 3": `procctl kill 3`). When the question named no value
// the command needs, the answer is a form (`procctl run [--json] PATH [ARGS...]`): it is
// shown in an editable line whose Run button waits until no placeholder is left. One flow:
// "Ask".
// Disabled with an explanation until the kernel announces the `llm` capability. The
// question is data: sent as a JSON string and never run.
#pragma once
#include <QElapsedTimer>
#include <QJsonArray>
#include <QWidget>

class QHBoxLayout;
class QJsonObject;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace sis::desktop {

class AvailabilityStack;
class VmSession;

class LlmPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LlmPanel(VmSession* session, QWidget* parent = nullptr);
  bool available() const;
  QString availability_message() const;
  // Asks the kernel (llm.ask). `suggest` is kept for callers of the old two-button panel:
  // every answer now carries its command.
  void submit(const QString& question, bool suggest = false);
  QString answer() const { return text_; }          // the kernel's text form
  QString shown_answer() const;                      // what the panel shows (its plain text)
  QStringList suggested_commands() const;  // runnable lines (not a form to complete)
  QString command_form() const { return needs_value_ ? command_ : QString(); }
  QStringList citations() const;  // "doc § section" of each cited passage, best first
  QString live_state() const { return live_text_; }
  bool busy() const { return awaiting_; }
  // Opens the passage dialog for citation i (what clicking its link does); returns its text.
  QString open_passage(int i);

 signals:
  void run_in_shell(const QString& command);
  void answered();

 private:
  void update_state();
  void show_answer(const QJsonObject& r);
  void offer_command();

  VmSession* session_;
  AvailabilityStack* stack_;
  QPlainTextEdit* prompt_;
  QPushButton* send_;
  QTextBrowser* answer_;
  QLabel* live_title_;
  QPlainTextEdit* live_;
  QLabel* stats_;
  QPushButton* copy_;
  QHBoxLayout* commands_;
  QList<QWidget*> command_widgets_;
  bool awaiting_ = false;
  bool needs_value_ = false;
  QString text_, live_text_, command_, command_summary_;
  QJsonArray passages_;
  QElapsedTimer clock_;
};

}  // namespace sis::desktop
