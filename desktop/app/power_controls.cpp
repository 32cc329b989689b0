#include "power_controls.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

#include <cmath>

#include "client/control_client.h"
#include "remote_fs.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

PowerControls::PowerControls(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), poll_(new QTimer(this)) {
  setObjectName("power_controls");
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  auto* label = new QLabel(this);
  budget_ = new QDoubleSpinBox(this);
  budget_->setObjectName("power_budget");
  budget_->setRange(0.1, 1000);
  budget_->setDecimals(2);
  budget_->setSingleStep(0.5);
  budget_->setValue(5);
  label->setBuddy(budget_);
  set_ = new QPushButton(this);
  set_->setObjectName("power_set_budget");
  connect(set_, &QPushButton::clicked, this, [this] { set_budget(budget_->value()); });
  clear_ = new QPushButton(this);
  clear_->setObjectName("power_clear_budget");
  connect(clear_, &QPushButton::clicked, this, &PowerControls::clear_budget);
  calibrate_ = new QPushButton(this);
  calibrate_->setObjectName("power_calibrate");
  connect(calibrate_, &QPushButton::clicked, this, &PowerControls::calibrate);
  status_ = new QLabel(this);
  status_->setObjectName("power_controls_status");
  status_->setWordWrap(true);
  row->addWidget(label);
  row->addWidget(budget_);
  row->addWidget(set_);
  row->addWidget(clear_);
  row->addWidget(calibrate_);
  row->addWidget(status_, 1);
  keep_translated(this, [=, this] {
    label->setText(tr("&Budget:"));
    budget_->setSuffix(tr(" W"));
    budget_->setAccessibleName(tr("Power budget in watts"));
    set_->setText(tr("Set budget"));
    set_->setToolTip(tr("The kernel keeps its power under this budget: idle injection and lower priority for the "
                        "threads that cost the most (powerctl set-budget)"));
    clear_->setText(tr("Clear budget"));
    clear_->setToolTip(tr("Normal scheduling again (powerctl set-budget off)"));
    calibrate_->setText(tr("Calibrate"));
    calibrate_->setToolTip(tr("Fits the kernel's power model to the host reading: idle, CPU, memory and half-duty "
                              "phases of %1 s each (powerctl calibrate)")
                               .arg(kCalibrationPhaseMs / 1000));
  });
  poll_->setInterval(1000);
  connect(poll_, &QTimer::timeout, this, &PowerControls::poll_calibration);
  connect(session_, &VmSession::control_ready_changed, this, [this](bool ready) {
    if (!ready) {
      calibrating_ = false;
      poll_->stop();
    }
    update_enabled();
  });
  update_enabled();
}

QString PowerControls::status_text() const { return status_->text(); }

void PowerControls::set_status(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
  emit status_changed(text);
}

void PowerControls::update_enabled() {
  auto* c = session_->control();
  const bool ok = c->is_ready() && c->has_capability("power");
  for (QWidget* w : {static_cast<QWidget*>(budget_), static_cast<QWidget*>(set_), static_cast<QWidget*>(clear_)})
    w->setEnabled(ok);
  calibrate_->setEnabled(ok && !calibrating_);
  if (c->is_ready() && !c->has_capability("power")) set_status(tr("power: not available in this kernel"));
}

void PowerControls::set_budget(double watts) {
  const qint64 mw = std::llround(watts * 1000);
  QPointer<PowerControls> self(this);
  session_->control()->request("power.set_budget", {{"budget_mw", mw}}, [self, watts](const Reply& r) {
    if (!self) return;
    if (!r.ok())
      self->set_status(tr("Set budget failed: %1").arg(describe_error(r.error->cls, r.error->message)), true);
    else
      self->set_status(tr("Budget %1 W set: the kernel injects idle time above it.").arg(watts, 0, 'f', 2));
  }, 5000);
}

void PowerControls::clear_budget() {
  QPointer<PowerControls> self(this);
  session_->control()->request("power.set_budget", {{"budget_mw", 0}}, [self](const Reply& r) {
    if (!self) return;
    if (!r.ok())
      self->set_status(tr("Clear budget failed: %1").arg(describe_error(r.error->cls, r.error->message)), true);
    else
      self->set_status(tr("Budget cleared: normal scheduling."));
  }, 5000);
}

void PowerControls::calibrate() {
  QPointer<PowerControls> self(this);
  calibrating_ = true;
  update_enabled();
  session_->control()->request("power.calibrate", {{"phase_ms", kCalibrationPhaseMs}}, [self](const Reply& r) {
    if (!self) return;
    if (!r.ok()) {
      self->calibrating_ = false;
      self->update_enabled();
      self->set_status(tr("Calibration did not start: %1").arg(describe_error(r.error->cls, r.error->message)), true);
      return;
    }
    self->set_status(tr("Calibrating: settle..."));
    self->poll_->start();
  }, 5000);
}

void PowerControls::poll_calibration() {
  if (poll_in_flight_ || !session_->control_ready()) return;
  poll_in_flight_ = true;
  QPointer<PowerControls> self(this);
  session_->control()->request("power.status", {}, [self](const Reply& r) {
    if (!self) return;
    self->poll_in_flight_ = false;
    if (!r.ok()) return;
    const QJsonObject cal = r.object().value("calibration").toObject();
    const QString phase = cal.value("phase").toString();
    if (phase == "done" || phase == "failed") {
      self->poll_->stop();
      self->calibrating_ = false;
      self->update_enabled();
      const QJsonObject model = r.object().value("model").toObject();
      if (phase == "done")
        self->set_status(tr("Calibrated: P = %1 W + %2 W x utilisation (rms %3 mW). %4")
                             .arg(model.value("idle_mw").toDouble() / 1000, 0, 'f', 3)
                             .arg(model.value("full_cpu_mw").toDouble() / 1000, 0, 'f', 3)
                             .arg(model.value("rms_mw").toInt())
                             .arg(cal.value("result").toString()));
      else
        self->set_status(tr("Calibration failed: %1").arg(cal.value("result").toString()), true);
      return;
    }
    self->set_status(tr("Calibrating: phase %1").arg(phase));
  }, 5000);
}

}  // namespace sis::desktop
