#include "llm_panel.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "availability_stack.h"
#include "client/control_client.h"
#include "remote_fs.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

LlmPanel::LlmPanel(VmSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  setObjectName("llm");
  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  prompt_ = new QPlainTextEdit(content);
  prompt_->setPlaceholderText(tr("Ask the kernel's language model..."));
  prompt_->setMaximumHeight(90);
  send_ = new QPushButton(tr("Send"), content);
  connect(send_, &QPushButton::clicked, this, [this] { submit(prompt_->toPlainText()); });
  auto* row = new QHBoxLayout;
  row->addWidget(prompt_, 1);
  row->addWidget(send_);
  v->addLayout(row);
  answer_ = new QTextBrowser(content);
  v->addWidget(answer_, 1);
  commands_ = new QHBoxLayout;
  commands_->addStretch();
  v->addLayout(commands_);
  stats_ = new QLabel(content);
  v->addWidget(stats_);
  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  connect(session_, &VmSession::control_ready_changed, this, &LlmPanel::update_state);
  connect(session_, &VmSession::state_changed, this, &LlmPanel::update_state);
  connect(session_, &VmSession::kernel_event, this, [this](const QString& n, const QJsonObject& d, qint64) {
    if (n != "llm.token" || static_cast<quint64>(d.value("request").toInteger()) != request_) return;
    text_ += d.value("token").toString();
    ++tokens_;
    answer_->setPlainText(text_);
    const double s = clock_.elapsed() / 1000.0;
    stats_->setText(tr("%1 tokens, %2 tokens/s").arg(tokens_).arg(s > 0 ? tokens_ / s : 0, 0, 'f', 1));
  });
  update_state();
}

bool LlmPanel::available() const { return stack_->content_shown(); }
QString LlmPanel::availability_message() const { return stack_->message(); }

void LlmPanel::update_state() {
  if (!session_->is_running())
    stack_->show_message(tr("Language model"), tr("Start the VM to talk to the kernel's language model."));
  else if (!session_->control_ready())
    stack_->show_message(tr("Language model"), tr("Waiting for the kernel's control port..."));
  else if (!session_->control()->has_capability("llm"))
    stack_->show_message(tr("Language model: not available in this kernel"),
                         tr("The kernel did not announce the \"llm\" capability (llm.infer and llm.token events). "
                            "Its capabilities: %1.")
                             .arg(session_->control()->capabilities().join(", ")));
  else
    stack_->show_content();
}

void LlmPanel::set_commands(const QStringList& commands) {
  qDeleteAll(command_buttons_);
  command_buttons_.clear();
  for (const QString& cmd : commands) {
    auto* b = new QPushButton(tr("Run: %1").arg(cmd), this);
    connect(b, &QPushButton::clicked, this, [this, cmd] {
      if (QMessageBox::question(this, tr("Run in the kernel shell"),
                                tr("This exact command will be typed into the kernel shell:\n\n%1").arg(cmd)) ==
          QMessageBox::Yes)
        emit run_in_shell(cmd);
    });
    commands_->insertWidget(commands_->count() - 1, b);
    command_buttons_.append(b);
  }
}

void LlmPanel::submit(const QString& prompt) {
  if (prompt.trimmed().isEmpty() || !session_->control_ready()) return;
  text_.clear();
  tokens_ = 0;
  answer_->clear();
  set_commands({});
  clock_.start();
  send_->setEnabled(false);
  stats_->setText(tr("thinking..."));
  request_ = session_->control()->request("llm.infer", {{"prompt", prompt}}, [this](const Reply& r) {
    send_->setEnabled(true);
    if (!r.ok()) {
      stats_->setText(tr("llm.infer failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      return;
    }
    const QJsonObject res = r.object();
    if (text_.isEmpty()) text_ = res.value("text").toString();
    answer_->setPlainText(text_);
    QStringList cmds;
    for (const QJsonValue& c : res.value("commands").toArray()) cmds << c.toString();
    for (const QString& line : text_.split('\n'))
      if (line.trimmed().startsWith("$ ")) cmds << line.trimmed().mid(2);
    cmds.removeDuplicates();
    set_commands(cmds);
    const double s = clock_.elapsed() / 1000.0;
    const int n = tokens_ ? tokens_ : res.value("tokens").toInt();
    stats_->setText(tr("%1 tokens in %2 s, %3 tokens/s").arg(n).arg(s, 0, 'f', 2).arg(s > 0 ? n / s : 0, 0, 'f', 1));
  }, 120000);
}

}  // namespace sis::desktop
