#include "llm_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
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
  auto* bottom = new QHBoxLayout;
  stats_ = new QLabel(content);
  bottom->addWidget(stats_, 1);
  copy_ = new QPushButton(tr("Copy answer"), content);
  copy_->setEnabled(false);
  connect(copy_, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text_); });
  bottom->addWidget(copy_);
  v->addLayout(bottom);
  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  connect(session_, &VmSession::control_ready_changed, this, &LlmPanel::update_state);
  connect(session_, &VmSession::state_changed, this, &LlmPanel::update_state);
  connect(session_, &VmSession::kernel_event, this,
          [this](const QString& n, const QJsonObject& d, qint64) { on_event(n, d); });
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
  copy_->setEnabled(!text_.isEmpty());
  stream_ = -1;
  awaiting_ = false;
  stats_->setText(tr("%1 tokens (%2), first token after %3 ms, %4 tokens/s in the kernel")
                      .arg(d.value("generated").toInt())
                      .arg(d.value("stop").toString())
                      .arg(d.value("ttft_ns").toDouble() / 1e6, 0, 'f', 1)
                      .arg(d.value("tokens_per_s").toDouble(), 0, 'f', 1));
}

void LlmPanel::submit(const QString& prompt) {
  if (prompt.trimmed().isEmpty() || !session_->control_ready()) return;
  text_.clear();
  tokens_ = 0;
  answer_->clear();
  copy_->setEnabled(false);
  clock_.start();
  send_->setEnabled(false);
  stats_->setText(tr("thinking..."));
  stream_ = -1;
  awaiting_ = true;
  session_->control()->request("llm.infer", {{"prompt", prompt}, {"max_tokens", 96}}, [this](const Reply& r) {
    awaiting_ = false;
    if (!r.ok()) {
      send_->setEnabled(true);
      stats_->setText(tr("llm.infer failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      return;
    }
    stream_ = r.object().value("stream").toInteger(-1);
    if (r.object().value("prompt_truncated").toBool())
      stats_->setText(tr("the prompt was longer than the model's context: only its end was used"));
  }, 30000);
}

}  // namespace sis::desktop
