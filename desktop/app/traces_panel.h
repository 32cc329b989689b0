// Traces: the kernel's AI decision records (the `trace` event and trace.list, capability
// "trace"), in two views chosen with "Show": the crash predictor's and the other models'
// records (id, time, model, kind, action, output, latency, outcome), and the learned
// scheduler's hints (SchedHintsView: thread, criticality, slice, burst), which are kept
// apart because a learned policy traces every wake-up. The selected record's full JSON
// below. "not available in this kernel" without the capability.
#pragma once
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace sis::desktop {

class AvailabilityStack;
class SchedHintsView;
class VmSession;

class TracesPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMaxRows = 2000;
  enum View { Decisions, Scheduler };
  explicit TracesPanel(VmSession* session, QWidget* parent = nullptr);
  // Rows of the decisions view (every model but sched-learned).
  int rows() const;
  SchedHintsView* scheduler_view() const { return hints_; }
  void show_view(View v);
  View view() const;
  QComboBox* view_box() const { return view_box_; }
  bool available() const;
  QString availability_message() const;

 private:
  void update_state();
  void add_record(const QJsonObject& r);

  VmSession* session_;
  AvailabilityStack* stack_;
  QStandardItemModel* model_;
  QTableView* table_;
  SchedHintsView* hints_;
  QStackedWidget* views_;
  QComboBox* view_box_;
  QPlainTextEdit* detail_;
  QList<QJsonObject> records_;
  qint64 newest_ = -1;  // of both views (trace.list and the event stream overlap)
};

}  // namespace sis::desktop
