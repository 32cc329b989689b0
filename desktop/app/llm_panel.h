// Language model: a prompt box for the kernel's built-in language model (docs/protocol.md
// llm.infer: the response names a `stream`, then llm.token events carry its text and
// llm.done ends it with timing). Disabled with an explanation until the kernel announces
// the `llm` capability. Prompts are data: whatever is typed goes to the model unchanged
// and is never run. "Suggest a fix" asks in the incident -> command form the LoRA adapter
// was trained on; a suggested line whose first word is a real kernel command (from
// `help --json`) becomes a button that shows the exact command and, only when the person
// confirms, runs it in the kernel shell (Console tab).
#pragma once
#include <QElapsedTimer>
#include <QWidget>

class QHBoxLayout;
class QJsonObject;
class QLabel;
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
  // suggest: wrap the text as an incident and offer the suggested command as a button.
  void submit(const QString& prompt, bool suggest = false);
  QString answer() const { return text_; }
  QStringList suggested_commands() const;
  bool busy() const { return awaiting_ || stream_ >= 0; }

 signals:
  void run_in_shell(const QString& command);

 private:
  void update_state();
  void on_event(const QString& name, const QJsonObject& data);
  void offer_commands();
  void load_known_commands();

  VmSession* session_;
  AvailabilityStack* stack_;
  QPlainTextEdit* prompt_;
  QPushButton* send_;
  QTextBrowser* answer_;
  QLabel* stats_;
  QPushButton* copy_;
  QPushButton* suggest_;
  QHBoxLayout* commands_;
  QList<QPushButton*> command_buttons_;
  QStringList known_commands_;  // from the kernel's `help --json`
  bool suggest_mode_ = false;
  qint64 stream_ = -1;    // the running generation (from llm.infer's response)
  bool awaiting_ = false; // request sent, response not yet here: its tokens are ours
  int tokens_ = 0;
  QString text_;
  QElapsedTimer clock_;
};

}  // namespace sis::desktop
