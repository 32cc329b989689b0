// The Traces tab's scheduler view: the learned scheduler's decision records (model
// `sched-learned`, kind `hint`: docs/traces.md), one row per prediction, in the scheduler's
// terms: the thread, its predicted latency-criticality, the slice the policy gave it and the
// predicted CPU burst (read from the record's output, action and outcome.detail), the policy
// and the inference time. Kept apart from the crash predictor's records, which it would
// otherwise crowd out (a learned policy traces every wake-up).
#pragma once
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QStandardItemModel;
class QTableView;

namespace sis::desktop {

class SchedHintsView : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMaxRows = 2000;
  enum Column { Id, Time, Policy, Thread, Critical, Slice, Burst, Latency, Columns };

  explicit SchedHintsView(QWidget* parent = nullptr);
  // True for the records this view shows (model sched-learned).
  static bool is_hint(const QJsonObject& record);
  void add_record(const QJsonObject& record);
  int rows() const;
  // The text of a cell (tests).
  QString cell(int row, Column c) const;
  QTableView* table() const { return table_; }

 signals:
  void record_selected(const QJsonObject& record);

 private:
  void fit_columns();

  QStandardItemModel* model_;
  QTableView* table_;
  QList<QJsonObject> records_;
};

}  // namespace sis::desktop
