#include "traces_panel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include "availability_stack.h"
#include "client/control_client.h"
#include "retranslate_hook.h"
#include "sched_hints_view.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

TracesPanel::TracesPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), model_(new QStandardItemModel(this)) {
  setObjectName("traces");
  auto* content = new QWidget;
  auto* content_box = new QVBoxLayout(content);
  content_box->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  auto* view_label = new QLabel(content);
  view_box_ = new QComboBox(content);
  view_box_->setObjectName("traces_view");
  view_box_->addItem(QString(), Decisions);
  view_box_->addItem(QString(), Scheduler);
  view_label->setBuddy(view_box_);
  bar->addWidget(view_label);
  bar->addWidget(view_box_);
  bar->addStretch(1);
  content_box->addLayout(bar);
  auto* split = new QSplitter(Qt::Vertical);
  content_box->addWidget(split, 1);
  views_ = new QStackedWidget(split);
  table_ = new QTableView(views_);
  table_->setModel(model_);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  hints_ = new SchedHintsView(views_);
  views_->addWidget(table_);
  views_->addWidget(hints_);
  detail_ = new QPlainTextEdit(split);
  detail_->setReadOnly(true);
  detail_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  split->addWidget(views_);
  split->addWidget(detail_);
  split->setStretchFactor(0, 3);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
    if (i.row() >= 0 && i.row() < records_.size())
      detail_->setPlainText(QString::fromUtf8(QJsonDocument(records_[i.row()]).toJson(QJsonDocument::Indented)));
  });
  connect(hints_, &SchedHintsView::record_selected, this, [this](const QJsonObject& r) {
    detail_->setPlainText(QString::fromUtf8(QJsonDocument(r).toJson(QJsonDocument::Indented)));
  });
  connect(view_box_, &QComboBox::currentIndexChanged, this, [this](int i) {
    views_->setCurrentIndex(i);
    detail_->clear();
  });
  stack_ = new AvailabilityStack(content, this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(stack_);
  connect(session_, &VmSession::control_ready_changed, this, &TracesPanel::update_state);
  connect(session_, &VmSession::state_changed, this, &TracesPanel::update_state);
  connect(session_, &VmSession::kernel_event, this, [this](const QString& n, const QJsonObject& d, qint64) {
    if (n == "trace") add_record(d);
  });
  keep_translated(this, [=, this] {
    model_->setHorizontalHeaderLabels(
        {tr("Id"), tr("Time (s)"), tr("Model"), tr("Kind"), tr("Action"), tr("Output"), tr("Latency (us)"), tr("Outcome")});
    table_->setAccessibleName(tr("Decision traces"));
    view_label->setText(tr("S&how:"));
    view_box_->setItemText(Decisions, tr("Crash predictor and other decisions"));
    view_box_->setItemText(Scheduler, tr("Scheduler: learned policy hints"));
    view_box_->setAccessibleName(tr("Which decision records to show"));
    detail_->setAccessibleName(tr("The selected trace record"));
    update_state();
  });
}

int TracesPanel::rows() const { return model_->rowCount(); }
void TracesPanel::show_view(View v) { view_box_->setCurrentIndex(v); }
TracesPanel::View TracesPanel::view() const { return static_cast<View>(view_box_->currentIndex()); }
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
  if (SchedHintsView::is_hint(r)) return hints_->add_record(r);
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
