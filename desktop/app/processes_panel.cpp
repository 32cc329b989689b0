#include "processes_panel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

#include "availability_stack.h"
#include "client/control_client.h"
#include "client/proc_run.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::ClientError;
using sis::host::ProcRun;
using sis::host::Reply;

namespace {

enum UserColumn { kPid, kPpid, kState, kRss, kCpu, kCommand, kUserColumns };

QTableView* make_table(QStandardItemModel* model, QWidget* parent) {
  auto* t = new QTableView(parent);
  t->setModel(model);
  t->setSortingEnabled(true);
  t->verticalHeader()->hide();
  t->horizontalHeader()->setStretchLastSection(true);
  return t;
}

QStandardItem* number_item(double v) {  // sorts as a number
  auto* it = new QStandardItem;
  it->setData(v, Qt::DisplayRole);
  it->setEditable(false);
  return it;
}

}  // namespace

ProcessesPanel::ProcessesPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), user_model_(new QStandardItemModel(this)),
      model_(new QStandardItemModel(this)), timer_(new QTimer(this)) {
  setObjectName("processes");
  auto* content = new QSplitter(Qt::Vertical);

  // User processes: the list with Kill.
  auto* user_box = new QGroupBox;
  auto* user_content = new QWidget;
  auto* uv = new QVBoxLayout(user_content);
  uv->setContentsMargins(0, 0, 0, 0);
  user_summary_ = new QLabel(user_content);
  uv->addWidget(user_summary_);
  user_table_ = make_table(user_model_, user_content);
  user_table_->setObjectName("user_processes");
  user_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  user_table_->setSelectionMode(QAbstractItemView::SingleSelection);
  uv->addWidget(user_table_, 1);
  auto* kill_row = new QHBoxLayout;
  kill_status_ = new QLabel(user_content);
  kill_row->addWidget(kill_status_, 1);
  auto* signal_label = new QLabel(user_content);
  kill_row->addWidget(signal_label);
  signal_box_ = new QComboBox(user_content);
  signal_box_->addItems({"TERM", "INT", "KILL", "HUP"});
  signal_label->setBuddy(signal_box_);
  kill_row->addWidget(signal_box_);
  kill_button_ = new QPushButton(user_content);
  kill_button_->setObjectName("kill_process");
  kill_row->addWidget(kill_button_);
  uv->addLayout(kill_row);

  // Run a command line: output below, streamed.
  auto* run_row = new QHBoxLayout;
  command_ = new QLineEdit(user_content);
  command_->setObjectName("run_command");
  run_button_ = new QPushButton(user_content);
  run_button_->setObjectName("run_program");
  run_row->addWidget(command_, 1);
  run_row->addWidget(run_button_);
  uv->addLayout(run_row);
  output_ = new QPlainTextEdit(user_content);
  output_->setObjectName("run_output");
  output_->setReadOnly(true);
  output_->setMaximumBlockCount(20000);
  output_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  uv->addWidget(output_, 1);
  run_status_ = new QLabel(user_content);
  uv->addWidget(run_status_);
  user_stack_ = new AvailabilityStack(user_content, user_box);
  auto* ub = new QVBoxLayout(user_box);
  ub->addWidget(user_stack_);
  content->addWidget(user_box);

  // Kernel threads.
  auto* threads_box = new QGroupBox;
  auto* threads_content = new QWidget;
  auto* v = new QVBoxLayout(threads_content);
  v->setContentsMargins(0, 0, 0, 0);
  summary_ = new QLabel(threads_content);
  v->addWidget(summary_);
  table_ = make_table(model_, threads_content);
  table_->setMinimumHeight(120);
  v->addWidget(table_, 1);
  threads_stack_ = new AvailabilityStack(threads_content, threads_box);
  auto* tb = new QVBoxLayout(threads_box);
  tb->addWidget(threads_stack_);
  content->addWidget(threads_box);
  content->setStretchFactor(0, 2);
  content->setStretchFactor(1, 1);

  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  timer_->setInterval(2000);
  connect(timer_, &QTimer::timeout, this, &ProcessesPanel::refresh);
  timer_->start();
  connect(session_, &VmSession::control_ready_changed, this, [this] {
    refresh();
    update_buttons();
  });
  connect(run_button_, &QPushButton::clicked, this, &ProcessesPanel::on_run_clicked);
  connect(command_, &QLineEdit::returnPressed, this, &ProcessesPanel::on_run_clicked);
  connect(kill_button_, &QPushButton::clicked, this, &ProcessesPanel::on_kill_clicked);
  connect(user_table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ProcessesPanel::update_buttons);
  update_buttons();
  keep_translated(this, [=, this] {
    user_box->setTitle(tr("User processes"));
    user_model_->setHorizontalHeaderLabels({tr("PID"), tr("PPID"), tr("State"), tr("RSS (KiB)"), tr("CPU (s)"), tr("Command line")});
    user_table_->setAccessibleName(tr("User processes"));
    signal_label->setText(tr("&Signal:"));
    kill_button_->setText(tr("Kill"));
    kill_button_->setToolTip(tr("Send the signal to the selected process (proc.kill)"));
    command_->setPlaceholderText(tr("ls -l /etc    or    /bin/busybox sh -c 'echo hi | wc -c'   (no shell unless you run sh; "
                                    "a first word without / runs /bin/WORD)"));
    command_->setAccessibleName(tr("Command line to run"));
    run_button_->setText(tr("Run"));
    output_->setPlaceholderText(tr("The program's stdout and stderr (red) appear here while it runs, then its exit status."));
    output_->setAccessibleName(tr("Program output"));
    threads_box->setTitle(tr("Kernel threads"));
    table_->setAccessibleName(tr("Kernel threads"));
    refresh();  // the messages shown while there is no data
  });
}

int ProcessesPanel::rows() const { return model_->rowCount(); }
int ProcessesPanel::user_rows() const { return user_model_->rowCount(); }
bool ProcessesPanel::available() const { return stack_->content_shown(); }
QString ProcessesPanel::availability_message() const { return stack_->message(); }
bool ProcessesPanel::user_processes_available() const { return available() && user_stack_->content_shown(); }
QString ProcessesPanel::user_processes_message() const { return user_stack_->message(); }
bool ProcessesPanel::running() const { return run_ && !run_->done(); }
QString ProcessesPanel::run_output() const { return output_->toPlainText(); }

qint64 ProcessesPanel::pid_of(const QString& cmdline) const {
  for (int r = 0; r < user_model_->rowCount(); ++r)
    if (user_model_->item(r, kCommand)->text() == cmdline) return user_model_->item(r, kPid)->data(Qt::DisplayRole).toLongLong();
  return -1;
}

void ProcessesPanel::update_buttons() {
  const bool can = session_->control_ready() && session_->control()->has_capability("proc");
  run_button_->setEnabled(can && !running());
  kill_button_->setEnabled(can && user_table_->selectionModel()->hasSelection());
}

void ProcessesPanel::refresh() {
  if (!session_->control_ready()) {
    stack_->show_message(tr("Processes"), tr("Start the VM to see its processes and the kernel's threads."));
    return;
  }
  stack_->show_content();
  if (!isVisible()) return;
  refresh_user_processes();
  refresh_threads();
}

void ProcessesPanel::refresh_user_processes() {
  if (!session_->control()->has_capability("proc")) {
    user_stack_->show_message(tr("User processes: not available in this kernel"),
                              tr("No proc.* methods (capability \"proc\")."));
    return;
  }
  if (user_in_flight_) return;
  user_in_flight_ = true;
  session_->control()->request("proc.list", {}, [this](const Reply& r) {
    user_in_flight_ = false;
    if (!r.ok()) {
      user_stack_->show_message(tr("User processes"), tr("proc.list failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      return;
    }
    show_user_processes(r.object());
  }, 5000);
}

void ProcessesPanel::show_user_processes(const QJsonObject& list) {
  // Keep the selection (by pid) and the sort across refreshes.
  qint64 selected = -1;
  const QModelIndexList sel = user_table_->selectionModel()->selectedRows(kPid);
  if (!sel.isEmpty()) selected = sel.first().data(Qt::DisplayRole).toLongLong();
  const int sort_col = user_table_->horizontalHeader()->sortIndicatorSection();
  const Qt::SortOrder order = user_table_->horizontalHeader()->sortIndicatorOrder();
  user_model_->removeRows(0, user_model_->rowCount());
  const QJsonArray procs = list.value("processes").toArray();
  int select_row = -1;
  for (const QJsonValue& v : procs) {
    const QJsonObject p = v.toObject();
    const qint64 pid = p.value("pid").toInteger();
    const double cpu_s = p.value("cpu_ns").toDouble() / 1e9;
    QString cmd = p.value("cmdline").toString();
    if (cmd.isEmpty()) cmd = p.value("name").toString();
    auto* cmd_item = new QStandardItem(cmd);
    cmd_item->setEditable(false);
    auto* state = new QStandardItem(p.value("state").toString());
    state->setEditable(false);
    user_model_->appendRow({number_item(pid), number_item(p.value("ppid").toDouble()), state,
                            number_item(p.value("rss_kib").toDouble()), number_item(QString::number(cpu_s, 'f', 3).toDouble()),
                            cmd_item});
    if (pid == selected) select_row = user_model_->rowCount() - 1;
  }
  if (sort_col >= 0 && sort_col < kUserColumns) user_model_->sort(sort_col, order);
  if (select_row >= 0) {
    for (int r = 0; r < user_model_->rowCount(); ++r)
      if (user_model_->item(r, kPid)->data(Qt::DisplayRole).toLongLong() == selected) user_table_->selectRow(r);
  }
  user_summary_->setText(tr("%n process(es)", "", static_cast<int>(procs.size())) +
                         tr("  ·  user pages in use: %1 (%2 shared copy-on-write)")
                             .arg(list.value("user_pages").toInteger())
                             .arg(list.value("shared_pages").toInteger()));
  user_stack_->show_content();
  update_buttons();
}

void ProcessesPanel::refresh_threads() {
  if (in_flight_) return;
  if (!session_->control()->has_capability("shell")) {
    threads_stack_->show_message(tr("Kernel threads: not available in this kernel"), tr("No shell.exec (capability \"shell\")."));
    return;
  }
  in_flight_ = true;
  session_->control()->request("shell.exec", {{"command", "ps --json"}}, [this](const Reply& r) {
    in_flight_ = false;
    if (!r.ok()) {
      threads_stack_->show_message(tr("Kernel threads"), tr("ps --json failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      return;
    }
    const int status = r.object().value("status").toInt();
    const QJsonDocument doc = QJsonDocument::fromJson(r.object().value("output").toString().trimmed().toUtf8());
    if (status != 0 || doc.isNull()) {
      threads_stack_->show_message(tr("Kernel threads: not available in this kernel"),
                                   status == 127 ? tr("The kernel has no `ps` command yet.")
                                                 : tr("`ps --json` gave no JSON (status %1).").arg(status));
      return;
    }
    show_threads(doc);
  }, 5000);
}

// Accepts {"threads":[{...}]} or a bare array; columns are the members of the first record.
void ProcessesPanel::show_threads(const QJsonDocument& doc) {
  QJsonArray rows = doc.isArray() ? doc.array() : QJsonArray();
  QJsonObject top = doc.object();
  if (!doc.isArray()) {
    for (const char* k : {"threads", "processes", "tasks"})
      if (top.value(k).isArray()) rows = top.value(k).toArray();
  }
  QStringList cols;
  for (const QJsonValue& v : rows)
    for (const QString& k : v.toObject().keys())
      if (!cols.contains(k) && !v.toObject().value(k).isObject() && !v.toObject().value(k).isArray()) cols << k;
  // Identity first.
  for (const char* k : {"state", "name", "tid", "pid"})
    if (cols.removeOne(k)) cols.prepend(k);
  const int sort_col = table_->horizontalHeader()->sortIndicatorSection();
  const Qt::SortOrder order = table_->horizontalHeader()->sortIndicatorOrder();
  model_->clear();
  model_->setHorizontalHeaderLabels(cols);
  for (const QJsonValue& v : rows) {
    QList<QStandardItem*> items;
    const QJsonObject o = v.toObject();
    for (const QString& c : cols) {
      auto* it = new QStandardItem;
      const QJsonValue x = o.value(c);
      if (x.isDouble()) it->setData(x.toDouble(), Qt::DisplayRole);
      else it->setText(x.isBool() ? (x.toBool() ? "yes" : "no") : x.toString());
      it->setEditable(false);
      items << it;
    }
    model_->appendRow(items);
  }
  if (sort_col >= 0 && sort_col < cols.size()) model_->sort(sort_col, order);
  QStringList summary;
  for (auto it = top.begin(); it != top.end(); ++it)
    if (!it.value().isArray() && !it.value().isObject()) summary << it.key() + ": " + it.value().toVariant().toString();
  summary_->setText(tr("%n threads", "", static_cast<int>(rows.size())) + (summary.isEmpty() ? QString() : "  ·  " + summary.join(", ")));
  threads_stack_->show_content();
}

// The word rules of sh(1) without expansions: blanks separate words, '...' is literal,
// "..." is literal but for \" \\ \$ \`, a backslash outside quotes takes the next character.
QStringList ProcessesPanel::argv_of(const QString& command_line, QString* error) {
  QStringList argv;
  QString word;
  bool in_word = false;
  const QString& s = command_line;
  for (qsizetype i = 0; i < s.size(); ++i) {
    const QChar c = s[i];
    if (c == ' ' || c == '\t') {
      if (in_word) argv << word;
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      const qsizetype end = s.indexOf('\'', i + 1);
      if (end < 0) {
        if (error) *error = QObject::tr("a ' is not closed");
        return {};
      }
      word += s.mid(i + 1, end - i - 1);
      i = end;
    } else if (c == '"') {
      qsizetype j = i + 1;
      for (; j < s.size() && s[j] != '"'; ++j) {
        if (s[j] == '\\' && j + 1 < s.size() && QStringLiteral("\"\\$`").contains(s[j + 1])) ++j;
        word += s[j];
      }
      if (j >= s.size()) {
        if (error) *error = QObject::tr("a \" is not closed");
        return {};
      }
      i = j;
    } else if (c == '\\' && i + 1 < s.size()) {
      word += s[++i];
    } else {
      word += c;
    }
  }
  if (in_word) argv << word;
  if (!argv.isEmpty() && !argv.first().startsWith('/')) argv.first().prepend("/bin/");
  return argv;
}

void ProcessesPanel::append_output(const QString& text, bool error) {
  QTextCursor c(output_->document());
  c.movePosition(QTextCursor::End);
  QTextCharFormat f;
  if (error) f.setForeground(QColor(0xcc, 0x00, 0x00));
  c.insertText(text, f);
  output_->ensureCursorVisible();
}

bool ProcessesPanel::run_command(const QString& command_line) {
  if (running() || !session_->control_ready() || !session_->control()->has_capability("proc")) return false;
  QString error;
  const QStringList argv = argv_of(command_line, &error);
  if (argv.isEmpty()) {
    if (!error.isEmpty()) run_status_->setText(tr("Not run: %1").arg(error));
    return false;
  }
  if (run_) run_->deleteLater();
  run_ = new ProcRun(session_->control(), this);
  out_decoder_ = QStringDecoder(QStringDecoder::Utf8);
  err_decoder_ = QStringDecoder(QStringDecoder::Utf8);
  last_exit_status_ = -1;
  output_->clear();
  QTextCharFormat bold;
  bold.setFontWeight(QFont::Bold);
  QTextCursor(output_->document()).insertText("$ " + argv.join(' ') + "\n", bold);
  run_status_->setText(tr("Starting %1...").arg(argv.first()));
  connect(run_, &ProcRun::started, this, [this, argv](qint64 pid) {
    run_status_->setText(tr("pid %1 running: %2").arg(pid).arg(argv.join(' ')));
    refresh_user_processes();
  });
  connect(run_, &ProcRun::output, this, [this](int stream, const QByteArray& data) {
    const bool err = stream == ProcRun::Stderr;
    append_output(err ? err_decoder_.decode(data) : out_decoder_.decode(data), err);
  });
  connect(run_, &ProcRun::lost, this, [this](int stream, qint64 bytes) {
    append_output(tr("\n[%1 bytes of %2 lost on the control port]\n").arg(bytes).arg(stream == ProcRun::Stderr ? "stderr" : "stdout"), true);
  });
  connect(run_, &ProcRun::exited, this, [this](const QJsonObject& e) {
    last_exit_status_ = ProcRun::exit_status(e);
    const QString how = e.value("status").toString() == "killed"
                            ? tr("killed by %1").arg(e.value("signal").toString())
                            : tr("exited with status %1").arg(e.value("exit_code").toInt());
    append_output(QString("\n[%1]\n").arg(how), false);
    run_status_->setText(tr("pid %1 %2 (CPU %3 s, peak RSS %4 KiB)")
                             .arg(run_->pid())
                             .arg(how)
                             .arg(e.value("cpu_ns").toDouble() / 1e9, 0, 'f', 3)
                             .arg(e.value("peak_rss_kib").toInteger()));
    update_buttons();
    refresh_user_processes();
    emit run_finished(last_exit_status_);
  });
  connect(run_, &ProcRun::failed, this, [this](const ClientError& e) {
    append_output(tr("[could not run: %1]\n").arg(describe_error(e.cls, e.message)), true);
    run_status_->setText(tr("Not run: %1").arg(describe_error(e.cls, e.message)));
    last_exit_status_ = 127;
    update_buttons();
    emit run_finished(last_exit_status_);
  });
  run_->start(argv, 20000);
  update_buttons();
  return true;
}

void ProcessesPanel::on_run_clicked() {
  if (command_->text().trimmed().isEmpty()) return;
  run_command(command_->text());
}

bool ProcessesPanel::kill_pid(qint64 pid, const QString& signal) {
  if (!session_->control_ready() || !session_->control()->has_capability("proc")) return false;
  session_->control()->request("proc.kill", {{"pid", pid}, {"signal", signal}}, [this, pid](const Reply& r) {
    kill_status_->setText(r.ok() ? tr("sent %1 to %2").arg(r.object().value("name").toString()).arg(pid)
                                : tr("kill %1: %2").arg(pid).arg(describe_error(r.error->cls, r.error->message)));
    refresh_user_processes();
  }, 5000);
  return true;
}

void ProcessesPanel::on_kill_clicked() {
  const QModelIndexList sel = user_table_->selectionModel()->selectedRows(kPid);
  if (sel.isEmpty()) return;
  kill_pid(sel.first().data(Qt::DisplayRole).toLongLong(), signal_box_->currentText());
}

}  // namespace sis::desktop
