#include "processes_panel.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "availability_stack.h"
#include "client/control_client.h"
#include "remote_fs.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

ProcessesPanel::ProcessesPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), model_(new QStandardItemModel(this)), timer_(new QTimer(this)) {
  setObjectName("processes");
  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  summary_ = new QLabel(content);
  v->addWidget(summary_);
  table_ = new QTableView(content);
  table_->setModel(model_);
  table_->setSortingEnabled(true);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  v->addWidget(table_, 1);
  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  stack_->show_message(tr("Processes"), tr("Start the VM to see the kernel's threads."));
  timer_->setInterval(2000);
  connect(timer_, &QTimer::timeout, this, &ProcessesPanel::refresh);
  timer_->start();
  connect(session_, &VmSession::control_ready_changed, this, [this] { refresh(); });
}

int ProcessesPanel::rows() const { return model_->rowCount(); }
bool ProcessesPanel::available() const { return stack_->content_shown(); }
QString ProcessesPanel::availability_message() const { return stack_->message(); }

void ProcessesPanel::refresh() {
  if (!session_->control_ready()) {
    stack_->show_message(tr("Processes"), tr("Start the VM to see the kernel's threads."));
    return;
  }
  if (!isVisible() || in_flight_) return;
  if (!session_->control()->has_capability("shell")) {
    stack_->show_message(tr("Processes: not available in this kernel"), tr("No shell.exec (capability \"shell\")."));
    return;
  }
  in_flight_ = true;
  session_->control()->request("shell.exec", {{"command", "ps --json"}}, [this](const Reply& r) {
    in_flight_ = false;
    if (!r.ok()) {
      stack_->show_message(tr("Processes"), tr("ps --json failed: %1").arg(describe_error(r.error->cls, r.error->message)));
      return;
    }
    const int status = r.object().value("status").toInt();
    const QJsonDocument doc = QJsonDocument::fromJson(r.object().value("output").toString().trimmed().toUtf8());
    if (status != 0 || doc.isNull()) {
      stack_->show_message(tr("Processes: not available in this kernel"),
                           status == 127 ? tr("The kernel has no `ps` command yet.")
                                         : tr("`ps --json` gave no JSON (status %1).").arg(status));
      return;
    }
    show_json(doc);
  }, 5000);
}

// Accepts {"threads":[{...}]} or a bare array; columns are the members of the first record.
void ProcessesPanel::show_json(const QJsonDocument& doc) {
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
  stack_->show_content();
}

}  // namespace sis::desktop
