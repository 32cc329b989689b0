// Traces: the kernel's AI decision records (the `trace` event and trace.list, capability
// "trace"): id, time, model, kind, action, confidence, latency, outcome; the selected record's
// full JSON below. "not available in this kernel" without the capability.
#pragma once
#include <QJsonObject>
#include <QWidget>

class QPlainTextEdit;
class QStandardItemModel;
class QTableView;

namespace sis::desktop {

class AvailabilityStack;
class VmSession;

class TracesPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kMaxRows = 2000;
  explicit TracesPanel(VmSession* session, QWidget* parent = nullptr);
  int rows() const;
  bool available() const;
  QString availability_message() const;

 private:
  void update_state();
  void add_record(const QJsonObject& r);

  VmSession* session_;
  AvailabilityStack* stack_;
  QStandardItemModel* model_;
  QTableView* table_;
  QPlainTextEdit* detail_;
  QList<QJsonObject> records_;
  qint64 newest_ = -1;
};

}  // namespace sis::desktop
