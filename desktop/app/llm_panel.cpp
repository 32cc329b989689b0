#include "llm_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QUrl>
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
  prompt_->setMaximumHeight(70);
  prompt_->setTabChangesFocus(true);  // Tab goes on to Ask, not into the prompt
  send_ = new QPushButton(content);
  send_->setDefault(true);
  connect(send_, &QPushButton::clicked, this, [this] { submit(prompt_->toPlainText()); });
  auto* row = new QHBoxLayout;
  row->addWidget(prompt_, 1);
  row->addWidget(send_, 0, Qt::AlignTop);
  v->addLayout(row);
  answer_ = new QTextBrowser(content);
  answer_->setOpenLinks(false);  // a citation opens the passage here, never a browser
  connect(answer_, &QTextBrowser::anchorClicked, this, [this](const QUrl& u) {
    if (u.scheme() == "passage") open_passage(u.path().toInt());
  });
  v->addWidget(answer_, 3);
  commands_ = new QHBoxLayout;
  commands_->addStretch();
  v->addLayout(commands_);
  live_title_ = new QLabel(content);
  v->addWidget(live_title_);
  live_ = new QPlainTextEdit(content);
  live_->setReadOnly(true);
  live_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  live_->setMaximumHeight(150);
  v->addWidget(live_, 1);
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
  connect(session_, &VmSession::state_changed, this, &LlmPanel::update_state);
  keep_translated(this, [this] {
    prompt_->setPlaceholderText(tr("Ask about SIS or describe a problem, e.g. \"The disk is almost full and writes fail\""));
    prompt_->setAccessibleName(tr("Question"));
    send_->setText(tr("Ask"));
    send_->setToolTip(tr("The kernel answers from its documentation and help texts (cited), suggests a command "
                         "and shows the live state it looked at. Nothing runs unless you click and confirm."));
    answer_->setAccessibleName(tr("Answer"));
    live_title_->setText(tr("Live state the kernel looked at:"));
    live_->setAccessibleName(tr("Live state"));
    copy_->setText(tr("Copy answer"));
    update_state();
  });
}

bool LlmPanel::available() const { return stack_->content_shown(); }
QString LlmPanel::availability_message() const { return stack_->message(); }

void LlmPanel::update_state() {
  if (!session_->is_running())
    stack_->show_message(tr("Language model"), tr("Start the VM to ask the kernel."));
  else if (!session_->control_ready())
    stack_->show_message(tr("Language model"), tr("Waiting for the kernel's control port..."));
  else if (!session_->control()->has_capability("llm"))
    stack_->show_message(tr("Language model: not available in this kernel"),
                         tr("The kernel did not announce the \"llm\" capability (llm.ask). Its capabilities: %1.")
                             .arg(session_->control()->capabilities().join(", ")));
  else
    stack_->show_content();
}

QStringList LlmPanel::suggested_commands() const {
  return command_.isEmpty() || needs_value_ ? QStringList() : QStringList{command_};
}

namespace {

// True while a form still holds a placeholder (PATH, ARGS...) or a bracketed group: the
// line is not a command yet.
bool still_a_form(const QString& line) {
  static const QRegularExpression placeholder(QStringLiteral("(^|\\s)[A-Z][A-Z_0-9]*(\\.\\.\\.)?(\\s|$)"));
  return line.trimmed().isEmpty() || line.contains('[') || line.contains('(') || placeholder.match(line).hasMatch();
}

}  // namespace

QStringList LlmPanel::citations() const {
  QStringList out;
  for (const QJsonValue& p : passages_)
    out << QStringLiteral("%1 \u00a7 %2").arg(p.toObject().value("doc").toString(), p.toObject().value("section").toString());
  return out;
}

QString LlmPanel::open_passage(int i) {
  if (i < 0 || i >= passages_.size()) return {};
  const QJsonObject p = passages_.at(i).toObject();
  const QString title = QStringLiteral("%1 \u00a7 %2").arg(p.value("doc").toString(), p.value("section").toString());
  auto* d = new QDialog(this);
  d->setAttribute(Qt::WA_DeleteOnClose);
  d->setObjectName("llm_passage");
  d->setWindowTitle(title);
  auto* l = new QVBoxLayout(d);
  auto* b = new QTextBrowser(d);
  b->setOpenLinks(false);
  // Docs are Markdown; help passages are plain text. Either way only text is shown.
  if (p.value("doc").toString().endsWith(".md"))
    b->setMarkdown(QStringLiteral("### %1\n\n%2").arg(p.value("section").toString(), p.value("text").toString()));
  else
    b->setPlainText(title + "\n\n" + p.value("text").toString());
  l->addWidget(b);
  auto* box = new QDialogButtonBox(QDialogButtonBox::Close, d);
  connect(box, &QDialogButtonBox::rejected, d, &QDialog::close);
  l->addWidget(box);
  d->resize(640, 420);
  d->show();
  return p.value("text").toString();
}

void LlmPanel::offer_command() {
  qDeleteAll(command_widgets_);
  command_widgets_.clear();
  if (command_.isEmpty()) return;
  auto confirm_and_run = [this](const QString& cmd) {
    if (QMessageBox::question(this, tr("Run in the kernel shell"),
                              tr("The answer suggests this command. Exactly this line will be run in the "
                                 "kernel shell (Console tab):\n\n%1").arg(cmd)) == QMessageBox::Yes)
      emit run_in_shell(cmd);
  };
  auto add = [this](QWidget* w) {
    commands_->insertWidget(commands_->count() - 1, w, qobject_cast<QLineEdit*>(w) ? 1 : 0);
    // A layout shows a new child only from a queued event; show it now, so the button appears
    // with the answer it belongs to (gui.llm_panel saw the answer without it once).
    w->show();
    command_widgets_.append(w);
  };
  if (needs_value_) {
    // A form: the person types the values in, and Run waits until none is left to type.
    auto* line = new QLineEdit(command_, this);
    line->setObjectName("llm_command_form");
    line->setAccessibleName(tr("Command to complete"));
    line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    line->setToolTip(tr("Replace the upper-case words with your values and drop the [optional] parts you do not want."));
    auto* b = new QPushButton(tr("Run..."), this);
    b->setObjectName("llm_run_command");
    b->setEnabled(false);
    b->setToolTip(command_summary_);
    connect(line, &QLineEdit::textChanged, b, [b](const QString& t) { b->setEnabled(!still_a_form(t)); });
    connect(b, &QPushButton::clicked, this, [line, confirm_and_run] { confirm_and_run(line->text().trimmed()); });
    add(line);
    add(b);
    return;
  }
  const QString cmd = command_;
  auto* b = new QPushButton(tr("Run: %1").arg(cmd), this);
  b->setObjectName("llm_run_command");
  b->setToolTip(command_summary_);
  connect(b, &QPushButton::clicked, this, [cmd, confirm_and_run] { confirm_and_run(cmd); });
  add(b);
}

QString LlmPanel::shown_answer() const { return answer_->toPlainText(); }

void LlmPanel::show_answer(const QJsonObject& r) {
  text_ = r.value("answer").toString();
  passages_ = r.value("passages").toArray();
  const QJsonObject cmd = r.value("command").toObject();
  command_ = cmd.value("line").toString();
  needs_value_ = cmd.value("needs_value").toBool();
  command_summary_ = cmd.value("summary").toString();
  const QString like = cmd.value("like").toString();
  live_text_ = r.value("live_state").toString();
  // The answer as HTML: each cited passage's first sentence with its number, the command,
  // then the sources as links. All kernel text is escaped: it is shown, never interpreted.
  QString html;
  int i = 0;
  for (const QJsonValue& v : passages_) {
    const QJsonObject p = v.toObject();
    html += QStringLiteral("<p>%1 <a href=\"passage:%2\">[%3]</a></p>")
                .arg(p.value("summary").toString().toHtmlEscaped())
                .arg(i)
                .arg(i + 1);
    ++i;
  }
  if (passages_.isEmpty()) html += QStringLiteral("<p>%1</p>").arg(text_.toHtmlEscaped());
  if (!command_.isEmpty())
    html += QStringLiteral("<p><b>%1</b> <code>%2</code> &mdash; %3</p>")
                .arg(needs_value_ ? tr("Command to complete with your values:") : tr("Suggested command:"),
                     command_.toHtmlEscaped(), command_summary_.toHtmlEscaped());
  if (!command_.isEmpty() && !like.isEmpty())
    html += QStringLiteral("<p><i>%1</i> %2</p>").arg(tr("Chosen for reports like:"), like.toHtmlEscaped());
  if (!passages_.isEmpty()) {
    html += QStringLiteral("<p><b>%1</b></p><ol>").arg(tr("Sources (click to read):"));
    i = 0;
    for (const QJsonValue& v : passages_) {
      const QJsonObject p = v.toObject();
      html += QStringLiteral("<li><a href=\"passage:%1\">%2 &sect; %3</a></li>")
                  .arg(i++)
                  .arg(p.value("doc").toString().toHtmlEscaped(), p.value("section").toString().toHtmlEscaped());
    }
    html += "</ol>";
  }
  answer_->setHtml(html);
  live_->setPlainText(live_text_);
  offer_command();
  copy_->setEnabled(!text_.isEmpty());
}

void LlmPanel::submit(const QString& question, bool) {
  if (question.trimmed().isEmpty() || !session_->control_ready() || awaiting_) return;
  if (prompt_->toPlainText() != question) prompt_->setPlainText(question);  // asked from elsewhere: show it
  text_.clear();
  live_text_.clear();
  command_.clear();
  needs_value_ = false;
  passages_ = {};
  offer_command();  // clears the previous answer's button
  answer_->clear();
  live_->clear();
  copy_->setEnabled(false);
  clock_.start();
  send_->setEnabled(false);
  stats_->setText(tr("asking the kernel..."));
  awaiting_ = true;
  // The question is data: sent as a JSON string, never interpreted here or in the kernel.
  session_->control()->request("llm.ask", {{"question", question}}, [this](const Reply& r) {
    awaiting_ = false;
    send_->setEnabled(true);
    if (!r.ok()) {
      stats_->setText(tr("llm.ask failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      emit answered();
      return;
    }
    show_answer(r.object());
    stats_->setText(tr("answered in %1 ms from %2 cited passages").arg(clock_.elapsed()).arg(passages_.size()));
    emit answered();
  }, 30000);
}

}  // namespace sis::desktop
