// Language model: a prompt box for the kernel's built-in language model (llm.infer, streamed
// llm.token events, tokens per second). Disabled with an explanation until the kernel
// announces the `llm` capability. Commands an answer suggests (a result member "commands",
// or lines of the answer starting with "$ ") appear as buttons; a click shows the exact
// command and, confirmed, types it into the kernel shell.
#pragma once
#include <QElapsedTimer>
#include <QWidget>

class QHBoxLayout;
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

 signals:
  void run_in_shell(const QString& command);

 private:
  void update_state();
  void set_commands(const QStringList& commands);

  VmSession* session_;
  AvailabilityStack* stack_;
  QPlainTextEdit* prompt_;
  QPushButton* send_;
  QTextBrowser* answer_;
  QLabel* stats_;
  QHBoxLayout* commands_;
  QList<QPushButton*> command_buttons_;
  quint64 request_ = 0;
  int tokens_ = 0;
  QString text_;
  QElapsedTimer clock_;
};

}  // namespace sis::desktop
