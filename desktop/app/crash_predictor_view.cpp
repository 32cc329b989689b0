#include "crash_predictor_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "client/control_client.h"
#include "crash_risk_plot.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

namespace {
constexpr int kPollMs = 250;
constexpr double kTteAxisS = 10.0;  // time to exhaustion is plotted up to 10 s
}  // namespace

CrashPredictorView::CrashPredictorView(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), poll_(new QTimer(this)) {
  setObjectName("crash_predictor");
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  plot_ = new CrashRiskPlot(this);
  plot_->setObjectName("crash_predictor_plot");
  v->addWidget(plot_, 1);
  auto* grid = new QGridLayout;
  detector_ = new QLabel(this);
  detector_->setObjectName("crash_predictor_detector");
  reading_ = new QLabel(this);
  reading_->setObjectName("crash_predictor_reading");
  last_alarm_ = new QLabel(this);
  last_alarm_->setObjectName("crash_predictor_last_alarm");
  grid->addWidget(detector_, 0, 0, 1, 2);
  grid->addWidget(reading_, 1, 0);
  grid->addWidget(last_alarm_, 1, 1);
  v->addLayout(grid);
  auto* row = new QHBoxLayout;
  mode_label_ = new QLabel(this);
  mode_ = new QComboBox(this);
  mode_->setObjectName("crash_predictor_mode");
  for (const char* m : {"off", "on", "ask"}) mode_->addItem(QString(), QString::fromLatin1(m));
  mode_label_->setBuddy(mode_);
  connect(mode_, &QComboBox::activated, this, [this](int i) { set_mode(mode_->itemData(i).toString()); });
  proposal_ = new QLabel(this);
  proposal_->setObjectName("crash_predictor_proposal");
  confirm_ = new QPushButton(this);
  confirm_->setObjectName("crash_predictor_confirm");
  confirm_->setEnabled(false);
  connect(confirm_, &QPushButton::clicked, this, &CrashPredictorView::confirm);
  row->addWidget(mode_label_);
  row->addWidget(mode_);
  row->addWidget(proposal_, 1);
  row->addWidget(confirm_);
  v->addLayout(row);
  keep_translated(this, [this] { retranslate(); });

  poll_->setInterval(kPollMs);
  connect(poll_, &QTimer::timeout, this, &CrashPredictorView::poll);
  poll_->start();
}

void CrashPredictorView::retranslate() {
  mode_label_->setText(tr("&Autonomy:"));
  mode_->setItemText(0, tr("Off: alarms only"));
  mode_->setItemText(1, tr("On: act by itself"));
  mode_->setItemText(2, tr("Ask: propose, act on confirmation"));
  mode_->setAccessibleName(tr("Autonomous mode"));
  confirm_->setText(tr("Confirm and run"));
  confirm_->setToolTip(tr("Runs the step the kernel proposes (ai.confirm); in ask mode nothing runs without this"));
  plot_->setAccessibleName(tr("Crash detector reading and its alarm threshold"));
  show_status(status_);
}

void CrashPredictorView::poll() {
  auto* c = session_->control();
  if (in_flight_ || !isVisible() || !c || !c->is_ready() || !c->has_capability("ai")) return;
  in_flight_ = true;
  c->request("ai.status", {}, [this](const Reply& r) {
    in_flight_ = false;
    if (!r.ok()) return;
    status_ = r.object();
    show_status(status_);
    emit status_updated();
  });
}

void CrashPredictorView::show_status(const QJsonObject& s) {
  if (s.isEmpty()) {
    detector_->setText(tr("Crash predictor: waiting for the kernel (ai.status)"));
    reading_->clear();
    last_alarm_->clear();
    proposal_->clear();
    confirm_->setEnabled(false);
    return;
  }
  const QString det = s.value("detector").toString();
  const bool alarm = s.value("in_alarm").toBool();
  if (det == "tte") {
    double thr = s.value("tte_threshold_ms").toDouble() / 1000.0;
    double tte = s.value("tte_ms").toDouble() / 1000.0;
    plot_->set_scale(tr("s"), kTteAxisS, thr, false);
    plot_->add(qMin(tte, kTteAxisS), alarm);
    detector_->setText(tr("Detector: time to exhaustion (alarm when memory would run out within %1 ms at the last "
                          "second's rate)")
                           .arg(s.value("tte_threshold_ms").toInt()));
    reading_->setText(tte >= 60 ? tr("Now: memory is not falling") : tr("Now: %1 s to exhaustion").arg(tte, 0, 'f', 1));
  } else {
    double thr = s.value("crash_threshold").toDouble(), risk = s.value("crash_risk").toDouble();
    plot_->set_scale(QString(), 1.0, thr, true);
    plot_->add(risk, alarm);
    detector_->setText(det == "model" ? tr("Detector: the model (alarm at risk %1 or more)").arg(thr, 0, 'f', 2)
                                      : tr("Detector: %1 (the plot shows the model's risk)").arg(det));
    reading_->setText(tr("Now: risk %1").arg(risk, 0, 'f', 3));
  }
  if (alarm) reading_->setText(reading_->text() + ' ' + tr("(ALARM)"));
  last_alarm_->setText(last_alarm_text(s.value("alarms").toInteger(), s.value("last_alarm_lead_ms").toInteger(-1), alarm));
  const QString mode = s.value("autonomy_mode").toString();
  int idx = mode_->findData(mode);
  if (idx >= 0 && idx != mode_->currentIndex()) mode_->setCurrentIndex(idx);
  const QString prop = s.value("proposal").toString();
  const bool confirmed = s.value("proposal_confirmed").toBool();
  if (mode != "ask") proposal_->setText(tr("Ask mode shows each step here before it runs"));
  else if (prop.isEmpty()) proposal_->setText(tr("Nothing proposed"));
  else if (confirmed || confirming_) proposal_->setText(tr("Confirmed: %1 (runs at the next sample)").arg(prop));
  else proposal_->setText(tr("Proposed: %1").arg(prop));
  confirm_->setEnabled(mode == "ask" && !prop.isEmpty() && !confirmed && !confirming_);
}

void CrashPredictorView::set_mode(const QString& mode) {
  auto* c = session_->control();
  if (!c || !c->is_ready()) return;
  c->request("ai.autonomy", {{"mode", mode}}, [this](const Reply&) { poll(); });
}

void CrashPredictorView::confirm() {
  auto* c = session_->control();
  if (!c || !c->is_ready()) return;
  confirm_->setEnabled(false);  // one click, one step: the next proposal enables it again
  confirming_ = true;
  c->request("ai.confirm", {}, [this](const Reply& r) {
    confirming_ = false;
    if (r.ok()) emit confirmed(r.object().value("action").toString(), {});
    else emit confirmed({}, r.error->message);
  });
}

QString CrashPredictorView::last_alarm_text(qint64 alarms, qint64 lead_ms, bool in_alarm) {
  if (alarms == 0) return tr("No alarm yet");
  if (lead_ms >= 0) return tr("Last alarm: %1 ms before the first allocation failure").arg(lead_ms);
  if (in_alarm) return tr("Alarm now: no allocation failure so far");
  return tr("Last alarm: no allocation failure followed it");
}

}  // namespace sis::desktop
