#include "dashboard_panel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include "crash_predictor_view.h"
#include "client/control_client.h"
#include "host_power_meter.h"
#include "power_controls.h"
#include "power_plot.h"
#include "retranslate_hook.h"
#include "sched_latency_chart.h"
#include "sched_policy_box.h"
#include "slab_chart.h"
#include "time_chart.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

namespace {
// One grid cell: a chart above the row of controls that belongs to it.
QWidget* chart_with_controls(QWidget* parent, QWidget* chart, QWidget* controls) {
  auto* cell = new QWidget(parent);
  auto* box = new QVBoxLayout(cell);
  box->setContentsMargins(0, 0, 0, 0);
  box->addWidget(chart, 1);
  box->addWidget(controls);
  return cell;
}
}  // namespace

DashboardPanel::DashboardPanel(VmSession* session, QWidget* parent)
    : QWidget(parent), session_(session), redraw_timer_(new QTimer(this)) {
  setObjectName("dashboard");
  auto* top = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  status_ = new QLabel(this);
  status_->setObjectName("dashboard_status");
  rate_ = new QSpinBox(this);
  rate_->setRange(1, 50);
  rate_->setValue(QSettings().value("dashboard/rate_hz", 20).toInt());
  connect(rate_, &QSpinBox::valueChanged, this, [this](int hz) {
    QSettings().setValue("dashboard/rate_hz", hz);
    subscribe();
  });
  window_ = new QComboBox(this);
  for (int seconds : {30, 60, 300}) window_->addItem(QString(), seconds);
  window_->setCurrentIndex(QSettings().value("dashboard/window_index", 1).toInt());
  connect(window_, &QComboBox::currentIndexChanged, this, [this](int i) {
    QSettings().setValue("dashboard/window_index", i);
    dirty_ = true;
  });
  bar->addWidget(status_, 1);
  auto* rate_label = new QLabel(this);
  rate_label->setBuddy(rate_);
  auto* window_label = new QLabel(this);
  window_label->setBuddy(window_);
  bar->addWidget(rate_label);
  bar->addWidget(rate_);
  bar->addWidget(window_label);
  bar->addWidget(window_);
  top->addLayout(bar);

  auto* grid_host = new QWidget(this);
  auto* grid = new QGridLayout(grid_host);
  grid->setContentsMargins(0, 0, 0, 0);
  // The titles, units and legends are set in the current language below (keep_translated).
  auto* mem = new TimeChart({}, {}, 1048576.0, {{"mem.used_bytes", {}}, {"mem.slab_bytes", {}}, {"mem.heap_bytes", {}}},
                            grid_host, "memory");
  auto* sched = new TimeChart({}, {}, 1.0, {{"sched.switches_per_s", {}}, {"sched.runnable", {}}, {"sched.threads", {}}},
                              grid_host, "scheduler");
  auto* blk = new TimeChart({}, {}, 1024.0, {{"blk.read_bytes_per_s", {}}, {"blk.write_bytes_per_s", {}}}, grid_host, "block");
  // The crash predictor's risk gauge over time (probabilities, 0..1); its decisions are in
  // the Traces panel.
  auto* ai = new TimeChart({}, {}, 1.0, {{"ai.crash_risk", {}}, {"ai.crash_threshold", {}}}, grid_host, "ai");
  // What each model's inference costs (the kernel's mean and p99 over its last 1024 runs).
  auto* ai_latency = new TimeChart({}, {}, 1000.0,
                                   {{"ai.crash_predictor.mean_ns", {}}, {"ai.crash_predictor.p99_ns", {}},
                                    {"ai.sched_transformer.mean_ns", {}}, {"ai.sched_transformer.p99_ns", {}}},
                                   grid_host, "ai-latency");
  // Throughput through the NIC (rates from the net group's counters); empty without a NIC.
  auto* net = new TimeChart({}, {}, 1024.0, {{"net.rx_bytes_per_s", {}}, {"net.tx_bytes_per_s", {}}}, grid_host, "network");
  slab_ = new SlabChart(session_, grid_host);
  // The power graph with its controls; the app reads the host itself while the VM runs.
  power_ = new PowerPlot(grid_host);
  power_controls_ = new PowerControls(session_, grid_host);
  QWidget* power_cell = chart_with_controls(grid_host, power_, power_controls_);
  host_meter_ = new HostPowerMeter(session_, this);
  connect(host_meter_, &HostPowerMeter::reading, this, [this](double watts, const QString& source) {
    store_.add_value(PowerPlot::kHostKey, watts);
    power_->set_host_source(source, host_meter_->why_no_energy());
    dirty_ = true;
  });
  // The scheduler's wake-up latency under the active policy, and the switch between policies.
  sched_latency_ = new SchedLatencyChart(grid_host);
  sched_policy_ = new SchedPolicyBox(session_, grid_host);
  QWidget* sched_cell = chart_with_controls(grid_host, sched_latency_, sched_policy_);
  charts_ = {mem, sched, blk, ai, ai_latency, net, sched_latency_};
  grid->addWidget(mem, 0, 0);
  grid->addWidget(slab_, 0, 1);
  grid->addWidget(sched, 1, 0);
  grid->addWidget(blk, 1, 1);
  grid->addWidget(power_cell, 2, 0);
  // The crash predictor's risk with the lead time of its last alarm under it.
  ai_lead_ = new QLabel(grid_host);
  grid->addWidget(chart_with_controls(grid_host, ai, ai_lead_), 2, 1);
  grid->addWidget(sched_cell, 3, 0, 1, 2);
  grid->addWidget(net, 4, 0);
  grid->addWidget(ai_latency, 4, 1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(grid_host);
  top->addWidget(scroll, 1);
  keep_translated(this, [=, this] {
    if (store_.sample_count() == 0) status_->setText(tr("No samples yet."));
    rate_label->setText(tr("&Rate:"));
    rate_->setSuffix(tr(" Hz"));
    rate_->setToolTip(tr("metrics.subscribe rate (samples per second)"));
    window_label->setText(tr("S&how:"));
    window_->setItemText(0, tr("last 30 s"));
    window_->setItemText(1, tr("last minute"));
    window_->setItemText(2, tr("last 5 minutes"));
    scroll->setAccessibleName(tr("Charts"));
    mem->set_texts(tr("Memory"), tr("MiB"), {tr("used"), tr("slab"), tr("heap")});
    sched->set_texts(tr("Scheduler"), tr("per s / count"), {tr("context switches/s"), tr("run queue length"), tr("threads")});
    blk->set_texts(tr("Block device"), tr("KiB/s"), {tr("read"), tr("written")});
    ai->set_texts(tr("AI: crash predictor"), tr("probability"), {tr("risk of a crash soon"), tr("the model's alarm threshold")});
    ai_lead_->setAccessibleName(tr("Lead time of the last crash-predictor alarm"));
    ai_latency->set_texts(tr("AI: inference time per model"), tr("µs"),
                          {tr("crash predictor, mean"), tr("crash predictor, p99"), tr("transformer scheduler, mean"),
                           tr("transformer scheduler, p99")});
    net->set_texts(tr("Network"), tr("KiB/s"), {tr("received"), tr("sent")});
    dirty_ = true;  // the status line and the charts' messages are written again at the next tick
  });

  connect(session_, &VmSession::control_ready_changed, this, [this](bool ready) {
    if (ready) subscribe();
    else subscription_ = {};
    dirty_ = true;
  });
  connect(session_, &VmSession::kernel_event, this, &DashboardPanel::on_event);
  connect(session_, &VmSession::state_changed, this, [this](VmSession::State s) {
    if (s == VmSession::State::Starting) {
      store_.clear();
      power_->set_host_source({});
      measured_hz_ = 0;
      rate_count_ = 0;
      rate_clock_.restart();
    }
    dirty_ = true;
  });
  redraw_timer_->setInterval(kRedrawMs);
  connect(redraw_timer_, &QTimer::timeout, this, &DashboardPanel::on_tick);
  redraw_timer_->start();
  rate_clock_.start();
}

int DashboardPanel::rate_hz() const { return rate_->value(); }
void DashboardPanel::set_rate_hz(int hz) { rate_->setValue(hz); }

void DashboardPanel::subscribe() {
  auto* c = session_->control();
  if (!c->is_ready()) return;
  if (!c->has_capability("metrics")) {
    subscription_ = {Subscription::NotAvailable, 0, {}, {}};
    dirty_ = true;
    return;
  }
  c->request("metrics.subscribe", {{"rate_hz", rate_->value()}}, [this](const Reply& r) {
    if (!r.ok()) {
      subscription_ = {Subscription::Failed, 0, {}, r.error->to_string()};
    } else {
      QStringList groups;
      for (const QJsonValue& v : r.object().value("fields").toArray()) groups << v.toString();
      subscription_ = {Subscription::Subscribed, r.object().value("rate_hz").toInt(), groups, {}};
    }
    dirty_ = true;
  });
}

// Written at each redraw, so a language switch reaches it without a new subscription.
QString DashboardPanel::subscription_text() const {
  switch (subscription_.state) {
    case Subscription::None: return {};
    case Subscription::NotAvailable: return tr("metrics: not available in this kernel");
    case Subscription::Failed: return tr("metrics.subscribe failed: %1").arg(subscription_.error);
    case Subscription::Subscribed:
      return tr("subscribed at %1 Hz, groups: %2").arg(subscription_.rate_hz).arg(subscription_.groups.join(", "));
  }
  return {};
}

void DashboardPanel::on_event(const QString& name, const QJsonObject& data, qint64 ts_ns) {
  if (name != "metrics") return;
  store_.add_sample(data, ts_ns);
  ++rate_count_;
  dirty_ = true;
  emit samples_changed(store_.sample_count());
}

void DashboardPanel::on_tick() {
  const qint64 ms = rate_clock_.elapsed();
  if (ms >= 2000) {
    measured_hz_ = rate_count_ * 1000.0 / ms;
    rate_count_ = 0;
    rate_clock_.restart();
    dirty_ = true;
  }
  if (!dirty_ || !isVisible()) return;
  redraw();
}

QString DashboardPanel::ai_lead_text() const {
  if (!store_.has_series("ai.alarms")) return {};
  return CrashPredictorView::last_alarm_text(static_cast<qint64>(store_.last_value("ai.alarms", 0)),
                                             static_cast<qint64>(store_.last_value("ai.last_alarm_lead_ms", -1)),
                                             store_.last_value("ai.in_alarm", 0) != 0);
}

void DashboardPanel::redraw() {
  dirty_ = false;
  ++redraws_;
  const double now = store_.now();
  const double window = window_->currentData().toDouble();
  // Time since the VM started; the axis shows [0, window] until the window is full.
  const double from = std::max(0.0, now - window), to = std::max(window, now);
  const bool receiving = store_.last_sample_time() >= 0 && now - store_.last_sample_time() < 3.0;
  const bool have = store_.last_sample_time() >= 0;
  for (TimeChart* c : charts_) c->refresh(store_, from, to, have, kMaxPoints);
  sched_policy_->set_active(store_.last_text("sched.policy"));
  ai_lead_->setText(ai_lead_text());
  power_->refresh(store_, from, to, have, kMaxPoints);
  QString text;
  if (!session_->is_running())
    text = tr("VM off. Press Start to boot the kernel.");
  else if (!session_->control_ready())
    text = tr("Waiting for the kernel's control port...");
  else
    text = tr("%1 · %2 samples, %3 Hz measured, %4 dropped%5")
               .arg(subscription_text())
               .arg(store_.sample_count())
               .arg(measured_hz_ > 0 ? QString::number(measured_hz_, 'f', 1) : QStringLiteral("..."))
               .arg(store_.dropped())
               .arg(receiving || !have ? QString() : tr(" · no sample for %1 s").arg(now - store_.last_sample_time(), 0, 'f', 0));
  status_->setText(text);
}

}  // namespace sis::desktop
