#include "power_plot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

#include "chart_export.h"
#include "chart_theme.h"
#include "chart_ticks.h"
#include "host_power_meter.h"
#include "metrics_store.h"
#include "retranslate_hook.h"

namespace sis::desktop {

namespace {

// QCustomPlot's own ticker picks 2.5 steps too; this one keeps to 1, 2, 5 x 10^n.
class NiceTicker : public QCPAxisTicker {
 protected:
  double getTickStep(const QCPRange& range) override { return nice_step(range.size() / std::max(1, tickCount())); }
};

QString watts(double w) { return QStringLiteral("%1 W").arg(w, 0, 'f', 3); }

}  // namespace

PowerPlot::PowerPlot(QWidget* parent) : AvailabilityStack(new QWidget, parent) {
  setObjectName("power_plot");
  QWidget* page = widget(0);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  status_ = new QLabel(page);
  status_->setObjectName("power_status");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  plot_ = new QCustomPlot(page);
  plot_->setObjectName("power_customplot");
  plot_->setMinimumHeight(300);  // title, note and legend rows leave the axes the rest
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) {
    QSharedPointer<QCPAxisTicker> ticker(new NiceTicker);
    ticker->setTickCount(6);
    a->setTicker(ticker);
  }
  plot_->yAxis->setRange(0, 1);
  // The legend in a row under the axes, left to right: inside, it would hide the first seconds.
  plot_->legend->setVisible(true);
  plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot_->legend->setBorderPen(Qt::NoPen);
  plot_->plotLayout()->addElement(1, 0, plot_->legend);
  plot_->plotLayout()->setRowStretchFactor(1, 0.001);
  plot_->plotLayout()->insertRow(0);
  auto* title = new QCPTextElement(plot_, QString(), QFont(font().family(), -1, QFont::Bold));
  plot_->plotLayout()->addElement(0, 0, title);
  note_ = new QCPTextElement(plot_, QString(), QFont(font().family(), qMax(7, font().pointSize() - 1)));
  note_->setTextColor(QColor(0x8a, 0x4b, 0x08));
  plot_->plotLayout()->insertRow(1);
  plot_->plotLayout()->addElement(1, 0, note_);
  const struct {
    QColor colour;
    Qt::PenStyle style;
  } lines[] = {{QColor(0x1f, 0x77, 0xb4), Qt::SolidLine}, {QColor(0xd9, 0x48, 0x1c), Qt::SolidLine},
               {QColor(0x2c, 0xa0, 0x2c), Qt::DashLine}};
  for (const auto& l : lines) plot_->addGraph()->setPen(QPen(l.colour, 1.8, l.style));
  plot_->setNoAntialiasingOnDrag(true);
  follow_palette(plot_);  // a dark desktop gets a dark plot (chart_theme.h)
  // A drag or a wheel zoom leaves the live window until "Follow live".
  connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
    if (!updating_range_ && follow_) set_following(false);
  });
  layout->addWidget(plot_, 1);
  export_ = new ChartExport(plot_, "sis-power", tr("SIS power graph"), paint_custom_plot(plot_));
  auto* buttons = export_->make_buttons(page, "power");
  export_->save_button()->setObjectName("power_save_image");
  follow_button_ = new QPushButton(page);
  follow_button_->setCheckable(true);
  follow_button_->setChecked(true);
  connect(follow_button_, &QPushButton::toggled, this, &PowerPlot::set_following);
  buttons->insertWidget(0, follow_button_);
  layout->addLayout(buttons);
  // A plot takes Tab focus like the other charts; its name is what a screen reader says for it.
  plot_->setFocusPolicy(Qt::StrongFocus);
  keep_translated(this, [this, title] {
    plot_->xAxis->setLabel(tr("time since start (s)"));
    plot_->yAxis->setLabel(tr("power (W)"));
    title->setText(tr("Power"));
    plot_->setAccessibleName(tr("Power"));
    export_->set_title(tr("SIS power graph"));
    plot_->graph(Estimate)->setName(tr("kernel estimate (model)"));
    plot_->graph(Budget)->setName(tr("budget (off)"));
    follow_button_->setText(tr("Follow live"));
    follow_button_->setToolTip(tr("Wheel: zoom, drag: pan. Follow live returns to the moving window."));
    status_->setText(tr("Estimate: no sample yet"));  // the next refresh writes the numbers
    set_host_source(host_source_, why_no_energy_);     // the host line's name and the note
    if (!content_shown()) show_message(tr("Power"), tr("Start the VM to see live data."));
    plot_->replot();
  });
}

void PowerPlot::set_following(bool on) {
  follow_ = on;
  if (follow_button_->isChecked() != on) follow_button_->setChecked(on);
}

QString PowerPlot::status_text() const { return status_->text(); }
QString PowerPlot::note_text() const { return note_->text(); }

QString PowerPlot::host_label() const {
  if (host_source_ == "rapl" || host_source_ == "amd_energy")
    return tr("host: QEMU's share of measured energy (%1)").arg(host_source_ == "rapl" ? "RAPL" : "amd_energy");
  if (host_source_ == "cpu-time")
    return tr("host CPU-time model (%1 W per busy core)").arg(HostPowerMeter::kWattsPerCore, 0, 'f', 0);
  if (host_source_ == "kernel") return tr("host meter (as the kernel received it)");
  return tr("host reading (none yet)");
}

void PowerPlot::set_host_source(const QString& source, const QString& why_no_energy) {
  host_source_ = source;
  why_no_energy_ = why_no_energy;
  plot_->graph(Host)->setName(host_label());
  if (source == "cpu-time")
    note_->setText(tr("No energy counters on this host (RAPL, amd_energy): the host line is\nQEMU's CPU time x %1 W "
                      "per core, a model, not a measurement.")
                       .arg(HostPowerMeter::kWattsPerCore, 0, 'f', 0));
  else if (source.isEmpty())
    note_->setText(tr("No host reading yet (the app reads the host while the VM runs)."));
  else
    note_->setText(QString());
  note_->setVisible(!note_->text().isEmpty());
}

void PowerPlot::refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points) {
  if (store.series_in_group("power").isEmpty() && !store.groups().contains("power")) {
    if (have_samples)
      show_message(tr("Power: not available in this kernel"),
                   tr("The kernel's metrics samples have no \"power\" group. Nothing is drawn rather than made-up "
                      "numbers."));
    else
      show_message(tr("Power"), tr("Start the VM to see live data."));
    return;
  }
  show_content();
  // The host line: the app's own reading, else what another meter sent the kernel.
  const bool own_host = store.has_series(kHostKey);
  if (!own_host && store.has_series("power.metered_w") && host_source_.isEmpty()) set_host_source("kernel");
  if (own_host && host_source_.isEmpty()) plot_->graph(Host)->setName(tr("host reading"));
  const QString keys[] = {"power.estimated_w", own_host ? QString(kHostKey) : QStringLiteral("power.metered_w"),
                          "power.budget_w"};
  double hi = 0;
  for (int i = 0; i < 3; ++i) {
    const QList<QPointF> pts = store.decimated(keys[i], from_s, max_points);
    QVector<QCPGraphData> data;
    data.reserve(pts.size());
    for (const QPointF& p : pts) {
      data.append(QCPGraphData(p.x(), p.y()));
      hi = std::max(hi, p.y());
    }
    plot_->graph(i)->data()->set(data, true);
  }
  const bool budget = store.has_series("power.budget_w");
  plot_->graph(Budget)->setName(budget ? tr("budget") : tr("budget (off)"));
  // The status line: the latest values, or why there are none. Never 0.000 W for "nothing".
  const double est = store.last_value("power.estimated_w"), host = store.last_value(keys[Host]),
               bud = store.last_value("power.budget_w");
  QStringList parts;
  parts << (std::isnan(est) ? tr("Estimate: no sample yet") : tr("Estimate %1").arg(watts(est)));
  parts << (std::isnan(host) ? tr("host: no reading yet") : tr("host %1").arg(watts(host)));
  parts << (std::isnan(bud) ? tr("budget off") : tr("budget %1").arg(watts(bud)));
  status_->setText(parts.join(QStringLiteral(" · ")));
  if (follow_) {
    updating_range_ = true;
    plot_->xAxis->setRange(from_s, to_s);
    const NiceScale y = nice_scale(0, hi > 0 ? hi * 1.05 : 1, 5);
    plot_->yAxis->setRange(y.lo, y.hi);
    updating_range_ = false;
  }
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool PowerPlot::save_image(const QString& path, QString* error, int width, int height) {
  return export_->save(path, error, width > 0 && height > 0 ? QSize(width, height) : QSize());
}

void PowerPlot::save_image_dialog() { export_->save_dialog(); }

}  // namespace sis::desktop
