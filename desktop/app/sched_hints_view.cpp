#include "sched_hints_view.h"

#include <QHeaderView>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "retranslate_hook.h"

namespace sis::desktop {

SchedHintsView::SchedHintsView(QWidget* parent) : QWidget(parent), model_(new QStandardItemModel(this)) {
  setObjectName("sched_hints");
  table_ = new QTableView(this);
  table_->setObjectName("sched_hints_table");
  table_->setModel(model_);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& i) {
    if (i.row() >= 0 && i.row() < records_.size()) emit record_selected(records_[i.row()]);
  });
  keep_translated(this, [this] {
    model_->setHorizontalHeaderLabels({tr("Id"), tr("Time (s)"), tr("Policy"), tr("Thread"), tr("Latency-critical (%)"),
                                       tr("Slice (µs)"), tr("Predicted burst (µs)"), tr("Inference (µs)")});
    table_->setAccessibleName(tr("Learned scheduler decisions"));
    fit_columns();
  });
}

// The headers' words whole, and room for ids and times that grow (the first rows are short).
void SchedHintsView::fit_columns() {
  table_->resizeColumnsToContents();
  const int digits = table_->fontMetrics().horizontalAdvance(QStringLiteral("00000000")) + 12;
  for (int c : {Id, Time})
    table_->setColumnWidth(c, std::max(table_->columnWidth(c), digits));
}

bool SchedHintsView::is_hint(const QJsonObject& record) { return record.value("model").toString() == "sched-learned"; }

int SchedHintsView::rows() const { return model_->rowCount(); }

QString SchedHintsView::cell(int row, Column c) const { return model_->data(model_->index(row, c)).toString(); }

void SchedHintsView::add_record(const QJsonObject& r) {
  // action "POLICY slice tid T SLICE us", outcome.detail "predicted burst B us, latency-critical C%"
  // (kernel/ai/sched_trace.cpp, docs/traces.md).
  static const QRegularExpression action_re(QStringLiteral("^(\\S+) slice tid (\\d+) (\\d+) us$"));
  static const QRegularExpression burst_re(QStringLiteral("predicted burst (\\d+) us"));
  const QRegularExpressionMatch a = action_re.match(r.value("action").toString());
  const QRegularExpressionMatch b = burst_re.match(r.value("outcome").toObject().value("detail").toString());
  const QJsonObject output = r.value("output").toObject();
  QList<QStandardItem*> row;
  auto add = [&](const QVariant& v) {
    auto* it = new QStandardItem;
    it->setData(v, Qt::DisplayRole);
    it->setEditable(false);
    row << it;
  };
  add(r.value("id").toInteger(-1));
  add(QString::number(r.value("ts_ns").toDouble() / 1e9, 'f', 3));
  add(a.hasMatch() ? a.captured(1) : QString());
  add(output.value("tid").toInteger(-1));
  add(QString::number(output.value("probability").toDouble() * 100, 'f', 0));
  add(a.hasMatch() ? QVariant(a.captured(3).toLongLong()) : QVariant(QString()));
  add(b.hasMatch() ? QVariant(b.captured(1).toLongLong()) : QVariant(QString()));
  add(r.value("latency_ns").toDouble() / 1000.0);
  model_->appendRow(row);
  records_.append(r);
  if (model_->rowCount() == 1) fit_columns();
  if (model_->rowCount() > kMaxRows) {
    model_->removeRow(0);
    records_.removeFirst();
  }
  if (table_->isVisible()) table_->scrollToBottom();
}

}  // namespace sis::desktop
