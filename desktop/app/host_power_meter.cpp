#include "host_power_meter.h"

#include <QPointer>
#include <QTimer>

#include <cmath>

#include "client/control_client.h"
#include "power/power_meter.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::PowerMeter;
using sis::host::Reply;

HostPowerMeter::HostPowerMeter(VmSession* session, QObject* parent)
    : QObject(parent), session_(session), timer_(new QTimer(this)) {
  timer_->setInterval(kIntervalMs);
  connect(timer_, &QTimer::timeout, this, &HostPowerMeter::tick);
  connect(session_, &VmSession::state_changed, this, [this](VmSession::State s) {
    if (s == VmSession::State::Off || s == VmSession::State::Stopping)
      stop(tr("the VM is off"));
    else if (!meter_ && s != VmSession::State::Starting)
      start();
  });
}

HostPowerMeter::~HostPowerMeter() = default;

void HostPowerMeter::start() {
  const qint64 pid = session_->qemu_pid();
  if (pid <= 0) return;
  auto m = std::make_unique<PowerMeter>(static_cast<pid_t>(pid), kWattsPerCore);
  std::string err;
  if (!m->start(&err)) {
    error_ = QString::fromStdString(err);
    emit stopped(error_);
    return;
  }
  energy_kind_ = QString::fromStdString(m->energy().kind());
  why_no_energy_ = QString::fromStdString(m->energy().why_none());
  error_.clear();
  meter_ = std::move(m);
  timer_->start();
}

void HostPowerMeter::stop(const QString& why) {
  timer_->stop();
  if (!meter_) return;
  meter_.reset();
  emit stopped(why);
}

void HostPowerMeter::tick() {
  if (!meter_) return;
  PowerMeter::Reading r;
  std::string err;
  if (!meter_->read(&r, &err)) {
    error_ = QString::fromStdString(err);
    stop(error_);
    return;
  }
  ++readings_;
  emit reading(r.watts, QString::fromStdString(r.source));
  auto* c = session_->control();
  // One reading in flight at most: a kernel that is slow to answer gets fewer, not a queue.
  if (in_flight_ || !c->is_ready() || !c->has_capability("power")) return;
  in_flight_ = true;
  c->request("power.meter",
             {{"metered_mw", static_cast<qint64>(r.milliwatts)},
              {"interval_ms", static_cast<qint64>(std::llround(r.interval_s * 1000))}},
             [self = QPointer<HostPowerMeter>(this)](const Reply& rep) {
               if (!self) return;  // the app is closing
               self->in_flight_ = false;
               if (rep.ok()) ++self->sent_;
             },
             5000);
}

}  // namespace sis::desktop
