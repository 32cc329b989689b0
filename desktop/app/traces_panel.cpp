#include "traces_panel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "availability_stack.h"
#include "client/control_client.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

TracesPanel::TracesPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), model_(new QStandardItemModel(this)) {
  setObjectName("traces");
  auto* split = new QSplitter(Qt::Vertical);
  table_ = new QTableView(split);
  table_->setModel(model_);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  detail_ = new QPlainTextEdit(split);
  detail_->setReadOnly(true);
  detail_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  split->addWidget(table_);
  split->addWidget(detail_);
  split->setStretchFactor(0, 3);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
    if (i.row() >= 0 && i.row() < records_.size())
      detail_->setPlainText(QString::fromUtf8(QJsonDocument(records_[i.row()]).toJson(QJsonDocument::Indented)));
  });
  stack_ = new AvailabilityStack(split, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  connect(session_, &VmSession::control_ready_changed, this, &TracesPanel::update_state);
  connect(session_, &VmSession::state_changed, this, &TracesPanel::update_state);
  connect(session_, &VmSession::kernel_event, this, [this](const QString& n, const QJsonObject& d, qint64) {
    if (n == "trace") add_record(d);
  });
  keep_translated(this, [this] {
    model_->setHorizontalHeaderLabels(
        {tr("Id"), tr("Time (s)"), tr("Model"), tr("Kind"), tr("Action"), tr("Output"), tr("Latency (us)"), tr("Outcome")});
    table_->setAccessibleName(tr("Decision traces"));
    detail_->setAccessibleName(tr("The selected trace record"));
    update_state();
  });
}

int TracesPanel::rows() const { return model_->rowCount(); }
bool TracesPanel::available() const { return stack_->content_shown(); }
QString TracesPanel::availability_message() const { return stack_->message(); }

void TracesPanel::update_state() {
  if (!session_->is_running()) {
    stack_->show_message(tr("Traces"), tr("Start the VM to see the kernel's decision traces."));
  } else if (!session_->control_ready()) {
    stack_->show_message(tr("Traces"), tr("Waiting for the kernel's control port..."));
  } else if (!session_->control()->has_capability("trace")) {
    stack_->show_message(tr("Traces: not available in this kernel"),
                         tr("The kernel did not announce the \"trace\" capability. Its capabilities: %1.")
                             .arg(session_->control()->capabilities().join(", ")));
  } else {
    stack_->show_content();
    session_->control()->request("trace.list", {{"recent", 64}}, [this](const Reply& r) {
      if (!r.ok()) return;
      for (const QJsonValue& v : r.object().value("records").toArray()) add_record(v.toObject());
    });
  }
}

void TracesPanel::add_record(const QJsonObject& r) {
  const qint64 id = r.value("id").toInteger(-1);
  if (id >= 0 && id <= newest_) return;  // trace.list and the event stream overlap
  newest_ = std::max(newest_, id);
  const QJsonObject outcome = r.value("outcome").toObject();
  QList<QStandardItem*> row;
  auto cell = [&](const QVariant& v) {
    auto* it = new QStandardItem;
    it->setData(v, Qt::DisplayRole);
    it->setEditable(false);
    row << it;
  };
  cell(id);
  cell(QString::number(r.value("ts_ns").toDouble() / 1e9, 'f', 3));
  cell(r.value("model").toString());
  cell(r.value("kind").toString());
  cell(r.value("action").toString());
  // The model's output: a crash record's risk, a scheduler record's probability (the crash
  // records' old "confidence" only restated the risk and is gone).
  const QJsonObject output = r.value("output").toObject();
  cell(output.contains("risk") ? output.value("risk").toDouble() : output.value("probability").toDouble());
  cell(r.value("latency_ns").toDouble() / 1000.0);
  cell(outcome.value("status").toString() + (outcome.value("detail").toString().isEmpty() ? QString() : ": " + outcome.value("detail").toString()));
  model_->appendRow(row);
  records_.append(r);
  if (model_->rowCount() > kMaxRows) {
    model_->removeRow(0);
    records_.removeFirst();
  }
  if (table_->isVisible()) table_->scrollToBottom();
}

}  // namespace sis::desktop
