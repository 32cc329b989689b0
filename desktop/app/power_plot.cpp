#include "power_plot.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

#include "metrics_store.h"

namespace sis::desktop {

namespace {
const QColor kColours[] = {QColor(0xd9, 0x48, 0x1c), QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
}

PowerPlot::PowerPlot(QWidget* parent) : AvailabilityStack(new QWidget, parent) {
  setObjectName("power_plot");
  QWidget* page = widget(0);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(page);
  plot_->setObjectName("power_customplot");
  plot_->setMinimumHeight(180);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot_->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  plot_->xAxis->setLabel(tr("time since start (s)"));
  plot_->yAxis->setLabel(tr("power"));
  plot_->legend->setVisible(true);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("Power"), QFont(font().family(), -1, QFont::Bold)));
  plot_->setNoAntialiasingOnDrag(true);
  // A drag or a wheel zoom leaves the live window until "Follow live".
  connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
    if (!updating_range_ && follow_) set_following(false);
  });
  layout->addWidget(plot_, 1);
  auto* buttons = new QHBoxLayout;
  follow_button_ = new QPushButton(tr("Follow live"), page);
  follow_button_->setCheckable(true);
  follow_button_->setChecked(true);
  follow_button_->setToolTip(tr("Wheel: zoom, drag: pan. Follow live returns to the moving window."));
  connect(follow_button_, &QPushButton::toggled, this, &PowerPlot::set_following);
  save_button_ = new QPushButton(tr("Save image..."), page);
  save_button_->setObjectName("power_save_image");
  connect(save_button_, &QPushButton::clicked, this, &PowerPlot::save_image_dialog);
  buttons->addWidget(follow_button_);
  buttons->addStretch();
  buttons->addWidget(save_button_);
  layout->addLayout(buttons);
  show_message(tr("Power"), tr("Start the VM to see live data."));
}

void PowerPlot::set_following(bool on) {
  follow_ = on;
  if (follow_button_->isChecked() != on) follow_button_->setChecked(on);
}

void PowerPlot::refresh(const MetricsStore& store, double from_s, double to_s, bool have_samples, int max_points) {
  const QStringList keys = store.series_in_group("power");
  if (keys.isEmpty()) {
    if (have_samples)
      show_message(tr("Power: not available in this kernel"),
                   tr("The kernel's metrics samples have no \"power\" group yet (the power estimator is a later "
                      "issue). Nothing is drawn rather than made-up numbers."));
    else
      show_message(tr("Power"), tr("Start the VM to see live data."));
    return;
  }
  show_content();
  while (plot_->graphCount() < keys.size()) {
    QCPGraph* g = plot_->addGraph();
    g->setPen(QPen(kColours[(plot_->graphCount() - 1) % 5], 1.5));
  }
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < plot_->graphCount(); ++i) {
    QCPGraph* g = plot_->graph(i);
    if (i >= keys.size()) {
      g->data()->clear();
      continue;
    }
    g->setName(keys[i].mid(6));
    const QList<QPointF> pts = store.decimated(keys[i], from_s, max_points);
    QVector<QCPGraphData> data;
    data.reserve(pts.size());
    for (const QPointF& p : pts) {
      data.append(QCPGraphData(p.x(), p.y()));
      lo = std::min(lo, p.y());
      hi = std::max(hi, p.y());
    }
    g->data()->set(data, true);
  }
  if (follow_) {
    updating_range_ = true;
    plot_->xAxis->setRange(from_s, to_s);
    if (std::isfinite(lo)) plot_->yAxis->setRange(std::min(0.0, lo), hi <= lo ? lo + 1 : hi * 1.08);
    updating_range_ = false;
  }
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool PowerPlot::save_image(const QString& path, QString* error, int width, int height) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  // The plot as shown, or its frame when there is no power data (still a real picture).
  const int w = width > 0 ? width : qMax(plot_->width(), 640);
  const int h = height > 0 ? height : qMax(plot_->height(), 360);
  bool ok = false;
  if (suffix == "png")
    ok = plot_->savePng(path, w, h);
  else if (suffix == "jpg" || suffix == "jpeg")
    ok = plot_->saveJpg(path, w, h, 1.0, 90);
  else if (suffix == "pdf")
    ok = plot_->savePdf(path, w, h);
  else if (suffix == "svg") {
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(QSize(w, h));
    gen.setViewBox(QRect(0, 0, w, h));
    gen.setTitle(tr("SIS power graph"));
    QCPPainter painter;
    ok = painter.begin(&gen);
    if (ok) {
      plot_->toPainter(&painter, w, h);
      painter.end();
    }
  } else {
    *error = tr("unknown image format '%1' (use .png, .jpg, .pdf or .svg)").arg(suffix);
    return false;
  }
  if (!ok || !QFileInfo(path).exists() || QFileInfo(path).size() == 0) {
    *error = tr("could not write %1").arg(path);
    return false;
  }
  return true;
}

void PowerPlot::save_image_dialog() {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  QString selected;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save power graph"), dir + "/sis-power.png",
      tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)"), &selected);
  if (path.isEmpty()) return;
  QString error;
  if (!save_image(path, &error)) QMessageBox::warning(this, tr("Save image"), error);
}

}  // namespace sis::desktop
