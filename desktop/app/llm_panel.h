// Language model: a prompt box for the kernel's built-in language model (docs/protocol.md
// llm.infer: the response names a `stream`, then llm.token events carry its text and
// llm.done ends it with timing). Disabled with an explanation until the kernel announces
// the `llm` capability. The answer is model output: it is shown and can be copied, never
// executed (the rule: prompts and answers are data, not shell commands).
#pragma once
#include <QElapsedTimer>
#include <QWidget>

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
  void submit(const QString& prompt);
  QString answer() const { return text_; }

 private:
  void update_state();
  void on_event(const QString& name, const QJsonObject& data);

  VmSession* session_;
  AvailabilityStack* stack_;
  QPlainTextEdit* prompt_;
  QPushButton* send_;
  QTextBrowser* answer_;
  QLabel* stats_;
  QPushButton* copy_;
  qint64 stream_ = -1;    // the running generation (from llm.infer's response)
  bool awaiting_ = false; // request sent, response not yet here: its tokens are ours
  int tokens_ = 0;
  QString text_;
  QElapsedTimer clock_;
};

}  // namespace sis::desktop
