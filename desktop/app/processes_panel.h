// Processes: the kernel's threads from `ps --json` run through shell.exec, refreshed every
// 2 s while visible (model/view: ProcessModel is a QStandardItemModel filled from the JSON).
// A kernel without `ps --json` gets "not available in this kernel".
#pragma once
#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace sis::desktop {

class AvailabilityStack;
class VmSession;

class ProcessesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProcessesPanel(VmSession* session, QWidget* parent = nullptr);
  void refresh();
  int rows() const;
  bool available() const;
  QString availability_message() const;

 private:
  void show_json(const QJsonDocument& doc);

  VmSession* session_;
  AvailabilityStack* stack_;
  QStandardItemModel* model_;
  QTableView* table_;
  QLabel* summary_;
  QTimer* timer_;
  bool in_flight_ = false;
};

}  // namespace sis::desktop
