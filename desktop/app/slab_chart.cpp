#include "slab_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include "chart_export.h"
#include "chart_theme.h"
#include "chart_ticks.h"
#include "client/control_client.h"
#include "retranslate_hook.h"
#include "vm_session.h"

namespace sis::desktop {

using sis::host::Reply;

SlabChart::SlabChart(VmSession* session, QWidget* parent)
    : AvailabilityStack(new QWidget, parent), session_(session), timer_(new QTimer(this)) {
  setObjectName("slab_chart");
  QWidget* page = widget(0);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* view = new QChartView(page);
  layout->addWidget(view, 1);
  chart_ = new QChart;
  chart_->setAnimationOptions(QChart::NoAnimation);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  held_ = new QBarSet(QString());
  used_ = new QBarSet(QString());
  auto* series = new QBarSeries;
  series->append(held_);
  series->append(used_);
  chart_->addSeries(series);
  x_ = new QBarCategoryAxis;
  y_ = new QValueAxis;
  y_->setLabelFormat("%.0f");
  y_->setTickType(QValueAxis::TicksDynamic);  // ticks on 1/2/5 x 10^n (show_stats)
  y_->setTickAnchor(0);
  y_->setTickInterval(1);
  chart_->addAxis(x_, Qt::AlignBottom);
  chart_->addAxis(y_, Qt::AlignLeft);
  series->attachAxis(x_);
  series->attachAxis(y_);
  chart_->legend()->setAlignment(Qt::AlignBottom);
  view->setChart(chart_);
  follow_palette(view);  // a dark desktop gets a dark chart (chart_theme.h)
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumHeight(220);
  export_ = new ChartExport(view, "sis-slab-classes", tr("Slab classes"), paint_chart_view(view));
  layout->addLayout(export_->make_buttons(page, "chart_slab"));
  view->setFocusPolicy(Qt::StrongFocus);
  keep_translated(this, [this, view] {
    chart_->setTitle(tr("Slab classes"));
    held_->setLabel(tr("held by slabs (KiB)"));
    used_->setLabel(tr("objects in use (KiB)"));
    y_->setTitleText(tr("KiB"));
    view->setAccessibleName(tr("Slab classes"));
    export_->set_title(tr("Slab classes"));
    if (!content_shown()) show_message(tr("Slab classes"), tr("Start the VM to see live data."));
  });
  timer_->setInterval(2000);
  connect(timer_, &QTimer::timeout, this, &SlabChart::poll);
  timer_->start();
  connect(session_, &VmSession::control_ready_changed, this, [this](bool ready) {
    if (!ready) return;
    show_message(tr("Slab classes"), tr("Asking the kernel (memctl stats --json)..."));
    in_flight_ = false;
    QTimer::singleShot(500, this, [this] {
      if (!isVisible()) return;
      poll();
    });
  });
  show_message(tr("Slab classes"), tr("Start the VM to see live data."));
}

void SlabChart::poll() {
  if (!isVisible() || in_flight_) return;
  auto* c = session_->control();
  if (!session_->control_ready()) {
    show_message(tr("Slab classes"), tr("Start the VM to see live data."));
    return;
  }
  if (!c->has_capability("shell")) {
    show_message(tr("Slab classes: not available in this kernel"), tr("The kernel has no shell.exec (capability \"shell\")."));
    return;
  }
  in_flight_ = true;
  c->request("shell.exec", {{"command", "memctl stats --json"}}, [this](const Reply& r) {
    in_flight_ = false;
    if (!r.ok()) {
      show_message(tr("Slab classes"), tr("memctl stats failed: %1").arg(r.error->to_string()));
      return;
    }
    const QJsonObject res = r.object();
    const QJsonDocument doc = QJsonDocument::fromJson(res.value("output").toString().trimmed().toUtf8());
    if (res.value("status").toInt() != 0 || !doc.isObject() || !doc.object().value("slab").isObject()) {
      show_message(tr("Slab classes: not available in this kernel"),
                   tr("`memctl stats --json` gave no slab caches (status %1).").arg(res.value("status").toInt()));
      return;
    }
    show_stats(doc.object().value("slab").toObject());
  }, 5000);
}

void SlabChart::show_stats(const QJsonObject& slab) {
  const QJsonArray caches = slab.value("caches").toArray();
  QStringList names;
  QList<qreal> held, used;
  double top = 1;
  for (const QJsonValue& v : caches) {
    const QJsonObject c = v.toObject();
    names << c.value("name").toString().replace("kmalloc-", "");
    held << c.value("slab_bytes").toDouble() / 1024.0;
    used << c.value("in_use").toDouble() * c.value("object_size").toDouble() / 1024.0;
    top = std::max({top, held.back(), used.back()});
  }
  if (names != x_->categories()) {
    x_->clear();
    x_->append(names);
  }
  held_->remove(0, held_->count());
  used_->remove(0, used_->count());
  held_->append(held);
  used_->append(used);
  const NiceScale y = nice_scale(0, top, 5);
  y_->setTickInterval(y.step);
  y_->setLabelFormat(label_format(y));
  y_->setRange(y.lo, y.hi);
  x_->setTitleText(tr("kmalloc size class (bytes)"));
  classes_ = static_cast<int>(names.size());
  show_content();
}

}  // namespace sis::desktop
