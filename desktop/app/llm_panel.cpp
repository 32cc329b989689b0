#include "llm_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "availability_stack.h"
#include "client/control_client.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

LlmPanel::LlmPanel(VmSession* session, QWidget* parent) : QWidget(parent), session_(session) {
  setObjectName("llm");
  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  prompt_ = new QPlainTextEdit(content);
  prompt_->setMaximumHeight(90);
  prompt_->setTabChangesFocus(true);  // Tab goes on to Send, not into the prompt
  send_ = new QPushButton(content);
  connect(send_, &QPushButton::clicked, this, [this] { submit(prompt_->toPlainText()); });
  suggest_ = new QPushButton(content);
  connect(suggest_, &QPushButton::clicked, this, [this] { submit(prompt_->toPlainText(), true); });
  auto* row = new QHBoxLayout;
  row->addWidget(prompt_, 1);
  auto* buttons = new QVBoxLayout;
  buttons->addWidget(send_);
  buttons->addWidget(suggest_);
  row->addLayout(buttons);
  v->addLayout(row);
  answer_ = new QTextBrowser(content);
  v->addWidget(answer_, 1);
  commands_ = new QHBoxLayout;
  commands_->addStretch();
  v->addLayout(commands_);
  auto* bottom = new QHBoxLayout;
  stats_ = new QLabel(content);
  bottom->addWidget(stats_, 1);
  copy_ = new QPushButton(content);
  copy_->setEnabled(false);
  connect(copy_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text_); });
  bottom->addWidget(copy_);
  v->addLayout(bottom);
  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  connect(session_, &VmSession::control_ready_changed, this, &LlmPanel::update_state);
  connect(session_, &VmSession::control_ready_changed, this, &LlmPanel::load_known_commands);
  connect(session_, &VmSession::state_changed, this, &LlmPanel::update_state);
  connect(session_, &VmSession::kernel_event, this,
          [this](const QString& n, const QJsonObject& d, qint64) { on_event(n, d); });
  keep_translated(this, [this] {
    prompt_->setPlaceholderText(tr("Ask the kernel's language model..."));
    prompt_->setAccessibleName(tr("Prompt"));
    send_->setText(tr("Send"));
    suggest_->setText(tr("Suggest a fix"));
    suggest_->setToolTip(tr("Describe an incident; the model (with its LoRA adapter) answers with one shell command"));
    answer_->setAccessibleName(tr("Answer"));
    copy_->setText(tr("Copy answer"));
    update_state();
  });
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

void LlmPanel::on_event(const QString& name, const QJsonObject& d) {
  if (name != "llm.token" && name != "llm.done") return;
  const qint64 stream = d.value("stream").toInteger(-2);
  if (stream != stream_ && !(awaiting_ && stream_ < 0)) return;  // someone else's generation
  if (name == "llm.token") {
    text_ += d.value("text").toString();
    ++tokens_;
    answer_->setPlainText(text_);
    const double s = clock_.elapsed() / 1000.0;
    stats_->setText(tr("%1 tokens, %2 tokens/s").arg(tokens_).arg(s > 0 ? tokens_ / s : 0, 0, 'f', 1));
    return;
  }
  // llm.done: the kernel's own timing (time to first token, tokens per second).
  send_->setEnabled(true);
  suggest_->setEnabled(true);
  offer_commands();
  copy_->setEnabled(!text_.isEmpty());
  stream_ = -1;
  awaiting_ = false;
  stats_->setText(tr("%1 tokens (%2), first token after %3 ms, %4 tokens/s in the kernel")
                      .arg(d.value("generated").toInt())
                      .arg(d.value("stop").toString())
                      .arg(d.value("ttft_ns").toDouble() / 1e6, 0, 'f', 1)
                      .arg(d.value("tokens_per_s").toDouble(), 0, 'f', 1));
}

void LlmPanel::load_known_commands() {
  if (!session_->control_ready() || !session_->control()->has_capability("shell")) return;
  session_->control()->request("shell.exec", {{"command", "help --json"}}, [this](const Reply& r) {
    if (!r.ok()) return;
    const QJsonObject help = QJsonDocument::fromJson(r.object().value("output").toString().toUtf8()).object();
    known_commands_.clear();
    for (const QJsonValue& c : help.value("commands").toArray()) known_commands_ << c.toObject().value("name").toString();
  });
}

QStringList LlmPanel::suggested_commands() const {
  // Lines of the answer that start with a real kernel command (a "$ " prefix is allowed);
  // anything else the model says stays text.
  QStringList cmds;
  for (QString line : text_.split('\n')) {
    line = line.trimmed();
    if (line.startsWith("$ ")) line = line.mid(2).trimmed();
    const QString first = line.section(' ', 0, 0);
    if (!first.isEmpty() && known_commands_.contains(first) && line.size() <= 200) cmds << line;
  }
  cmds.removeDuplicates();
  return cmds;
}

void LlmPanel::offer_commands() {
  qDeleteAll(command_buttons_);
  command_buttons_.clear();
  if (!suggest_mode_) return;
  for (const QString& cmd : suggested_commands()) {
    auto* b = new QPushButton(tr("Run: %1").arg(cmd), this);
    connect(b, &QPushButton::clicked, this, [this, cmd] {
      if (QMessageBox::question(this, tr("Run in the kernel shell"),
                                tr("The model suggested this command. Exactly this line will be run in the "
                                   "kernel shell (Console tab):\n\n%1").arg(cmd)) == QMessageBox::Yes)
        emit run_in_shell(cmd);
    });
    commands_->insertWidget(commands_->count() - 1, b);
    command_buttons_.append(b);
  }
}

void LlmPanel::submit(const QString& text, bool suggest) {
  if (text.trimmed().isEmpty() || !session_->control_ready()) return;
  suggest_mode_ = suggest;
  offer_commands();  // clears the previous answer's buttons
  // The prompt is data: sent as a JSON string, never interpreted here or in the kernel.
  const QString prompt = suggest ? QStringLiteral("incident: %1\ncommand:").arg(text.trimmed()) : text;
  text_.clear();
  tokens_ = 0;
  answer_->clear();
  copy_->setEnabled(false);
  clock_.start();
  send_->setEnabled(false);
  suggest_->setEnabled(false);
  stats_->setText(tr("thinking..."));
  stream_ = -1;
  awaiting_ = true;
  const int max_tokens = suggest ? 16 : 96;
  // Suggestions come from the incident -> command LoRA adapter; make sure one is loaded
  // (the request is ordered before llm.infer on the same connection).
  if (suggest) session_->control()->request("shell.exec", {{"command", "llmctl lora load builtin"}}, [](const Reply&) {});
  session_->control()->request("llm.infer", {{"prompt", prompt}, {"max_tokens", max_tokens}}, [this](const Reply& r) {
    awaiting_ = false;
    if (!r.ok()) {
      send_->setEnabled(true);
      suggest_->setEnabled(true);
      stats_->setText(tr("llm.infer failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      return;
    }
    stream_ = r.object().value("stream").toInteger(-1);
    if (r.object().value("prompt_truncated").toBool())
      stats_->setText(tr("the prompt was longer than the model's context: only its end was used"));
  }, 30000);
}

}  // namespace sis::desktop
