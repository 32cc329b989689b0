// The Scheduler latency chart's policy switch: a combo box of the kernel's scheduling
// policies (names and summaries from `schedctl status --json`, read when the control port
// becomes ready) that runs `schedctl policy NAME` through shell.exec when the user picks one,
// and a line with the kernel's answer. The box follows the active policy of the metrics
// stream (set_active), so a switch made elsewhere (console, sisctl) shows here too. Disabled
// without a control port or without the "shell" capability.
#pragma once
#include <QWidget>

class QComboBox;
class QLabel;

namespace sis::desktop {

class VmSession;

class SchedPolicyBox : public QWidget {
  Q_OBJECT
 public:
  explicit SchedPolicyBox(VmSession* session, QWidget* parent = nullptr);

  // The active policy as the metrics samples say (selects it in the box, sends nothing).
  void set_active(const QString& policy);
  // What choosing `name` in the box does: `schedctl policy NAME` (false: not sent).
  bool switch_to(const QString& name);
  QComboBox* combo() const { return combo_; }
  QStringList policies() const;
  QString status_text() const;

 signals:
  void status_changed(const QString& text);
  void policies_loaded();

 private:
  void load_policies();
  void update_enabled();
  void set_status(const QString& text, bool error = false);

  VmSession* session_;
  QComboBox* combo_;
  QLabel* status_;
  QString active_;
  bool loading_ = false;
};

}  // namespace sis::desktop
