// CrashPredictorView: the crash predictor in the Crash lab (docs/ai.md, docs/desktop.md).
// While the control port is ready it polls ai.status four times a second and shows:
//   - the selected detector's reading with its alarm threshold (CrashRiskPlot): the model's
//     risk, or the time to exhaustion for the tte rule (the default detector);
//   - the last alarm's lead time: how long before the first allocation failure it fired;
//   - the autonomous mode (off, on, ask: ai.autonomy) and, in ask mode, the step the kernel
//     proposes with a button that confirms it (ai.confirm). Nothing runs without that click,
//     and one click confirms one step: the button stays off from the click until the kernel
//     proposes again (a status answered before the confirmation still names the old step;
//     one answered after it says proposal_confirmed until the step has run).
#pragma once
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTimer;

namespace sis::desktop {

class CrashRiskPlot;
class VmSession;

class CrashPredictorView : public QWidget {
  Q_OBJECT
 public:
  explicit CrashPredictorView(VmSession* session, QWidget* parent = nullptr);
  // "Last alarm: N ms before the first allocation failure" and its siblings, from the ai
  // group's alarms, last_alarm_lead_ms (-1: none followed) and in_alarm (the dashboard too).
  static QString last_alarm_text(qint64 alarms, qint64 lead_ms, bool in_alarm);

  // Sets the kernel's autonomous mode ("off", "on", "ask").
  void set_mode(const QString& mode);
  // Confirms the proposed step (ask mode).
  void confirm();
  QString proposal() const { return status_.value("proposal").toString(); }
  QJsonObject status() const { return status_; }
  QPushButton* confirm_button() const { return confirm_; }
  QComboBox* mode_box() const { return mode_; }
  CrashRiskPlot* plot() const { return plot_; }

 signals:
  // Every ai.status the view received (tests wait on it).
  void status_updated();
  // ai.confirm's answer: the step confirmed, or the kernel's error.
  void confirmed(const QString& action, const QString& error);

 private:
  void poll();
  void show_status(const QJsonObject& s);
  void retranslate();

  VmSession* session_;
  QTimer* poll_;
  CrashRiskPlot* plot_;
  QLabel* detector_;
  QLabel* reading_;
  QLabel* last_alarm_;
  QLabel* mode_label_;
  QComboBox* mode_;
  QLabel* proposal_;
  QPushButton* confirm_;
  QJsonObject status_;
  bool in_flight_ = false;
  bool confirming_ = false;  // ai.confirm sent, not answered yet
};

}  // namespace sis::desktop
