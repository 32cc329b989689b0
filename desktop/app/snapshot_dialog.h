// VM > Snapshots...: take a snapshot of the running VM (RAM, devices and disk), list the
// snapshots, restore one in one click, delete one (docs/desktop.md "Snapshots"). A
// non-modal dialog over VmSession's snapshot API; the VM keeps running while it is open.
#pragma once
#include <QDialog>

class QAction;
class QLabel;
class QLineEdit;
class QMainWindow;
class QPushButton;
class QTreeWidget;

namespace sis::desktop {

class VmSession;

class SnapshotDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SnapshotDialog(VmSession* session, QWidget* parent = nullptr);

  QTreeWidget* list() const { return list_; }
  QLineEdit* name_edit() const { return name_; }
  QPushButton* take_button() const { return take_; }
  QPushButton* restore_button() const { return restore_; }
  QPushButton* delete_button() const { return delete_; }
  QString status_text() const;

  void refresh();
  void take();
  void restore_selected();
  void delete_selected();

 private:
  void update_buttons();
  QString selected_name() const;
  void set_status(const QString& text, bool error = false);

  VmSession* session_;
  QTreeWidget* list_;
  QLineEdit* name_;
  QPushButton* take_;
  QPushButton* restore_;
  QPushButton* delete_;
  QLabel* status_;
};

// The "Snapshots..." action (object name action_snapshots) that opens the dialog (one per
// window, raised when open already).
QAction* make_snapshot_action(QMainWindow* window, VmSession* session);

}  // namespace sis::desktop
