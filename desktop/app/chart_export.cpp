#include "chart_export.h"

#include <QBuffer>
#include <QChart>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QChartView>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QMimeData>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QToolButton>
#include <qcustomplot.h>

#include "retranslate_hook.h"

namespace sis::desktop {

ChartPaint paint_chart_view(QChartView* view) {
  return [view](QPaintDevice* device, QSize size) {
    QPainter p;
    if (!p.begin(device)) return false;
    p.setRenderHint(QPainter::Antialiasing);
    // The chart laid out at the picture's size (not the view's pixels stretched), then put
    // back where the view has it.
    QChart* chart = view->chart();
    const QRectF shown = chart->geometry();
    chart->setGeometry(QRectF(shown.topLeft(), QSizeF(size)));
    if (chart->layout()) chart->layout()->activate();
    view->scene()->render(&p, QRectF(QPointF(0, 0), QSizeF(size)), chart->geometry(), Qt::IgnoreAspectRatio);
    chart->setGeometry(shown);
    if (chart->layout()) chart->layout()->activate();
    return p.end();
  };
}

ChartPaint paint_custom_plot(QCustomPlot* plot) {
  return [plot](QPaintDevice* device, QSize size) {
    QCPPainter p;
    if (!p.begin(device)) return false;
    plot->toPainter(&p, size.width(), size.height());
    return p.end();
  };
}

ChartExport::ChartExport(QWidget* chart, const QString& file_stem, const QString& title, ChartPaint paint)
    : QObject(chart), chart_(chart), file_stem_(file_stem), title_(title), paint_(std::move(paint)) {}

QSize ChartExport::picture_size(QSize size) const {
  if (size.isValid() && !size.isEmpty()) return size;
  // The chart as shown; a hidden or tiny one (not laid out yet) at a readable size.
  return QSize(chart_->width() >= 320 ? chart_->width() : 640, chart_->height() >= 180 ? chart_->height() : 360);
}

QImage ChartExport::image(QSize size, qreal dpr) const {
  size = picture_size(size);
  QImage img(size * dpr, QImage::Format_ARGB32_Premultiplied);
  img.setDevicePixelRatio(dpr);
  img.fill(chart_->palette().color(QPalette::Base));
  if (!paint_(&img, size)) return {};
  return img;
}

QByteArray ChartExport::svg(QSize size) const {
  size = picture_size(size);
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator gen;
  gen.setOutputDevice(&buffer);
  gen.setSize(size);
  gen.setViewBox(QRect(QPoint(0, 0), size));
  gen.setTitle(title_);
  if (!paint_(&gen, size)) return {};
  return buffer.data();
}

bool ChartExport::save(const QString& path, QString* error, QSize size) const {
  size = picture_size(size);
  const QString suffix = QFileInfo(path).suffix().toLower();
  bool ok = false;
  if (suffix == "png" || suffix == "jpg" || suffix == "jpeg") {
    const QImage img = image(size);
    ok = !img.isNull() && img.save(path, suffix == "png" ? "PNG" : "JPG", suffix == "png" ? -1 : 90);
  } else if (suffix == "pdf") {
    QPdfWriter pdf(path);
    pdf.setTitle(title_);
    pdf.setResolution(72);  // one point per logical pixel: the page is the chart's size
    pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    ok = paint_(&pdf, size);
  } else if (suffix == "svg") {
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(size);
    gen.setViewBox(QRect(QPoint(0, 0), size));
    gen.setTitle(title_);
    ok = paint_(&gen, size);
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

void ChartExport::copy() const {
  auto* mime = new QMimeData;
  mime->setImageData(image({}, chart_->devicePixelRatioF()));
  mime->setData("image/svg+xml", svg());
  QGuiApplication::clipboard()->setMimeData(mime);
}

void ChartExport::save_dialog() {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  const QString path = QFileDialog::getSaveFileName(
      chart_, tr("Save chart: %1").arg(title_), dir + "/" + file_stem_ + ".png",
      tr("PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)"));
  if (path.isEmpty()) return;
  QString error;
  if (!save(path, &error)) QMessageBox::warning(chart_, tr("Save image"), error);
}

void ChartExport::set_title(const QString& title) {
  title_ = title;
  apply_texts();
}

void ChartExport::apply_texts() {
  if (!save_button_) return;
  save_button_->setText(tr("Save image..."));
  save_button_->setToolTip(tr("Save this chart as PNG, JPEG, PDF or SVG"));
  save_button_->setAccessibleName(tr("Save %1 as an image").arg(title_));
  copy_button_->setText(tr("Copy"));
  copy_button_->setToolTip(tr("Copy this chart to the clipboard (bitmap and SVG)"));
  copy_button_->setAccessibleName(tr("Copy %1 to the clipboard").arg(title_));
}

QHBoxLayout* ChartExport::make_buttons(QWidget* parent, const QString& object_prefix) {
  auto* row = new QHBoxLayout;
  row->setContentsMargins(0, 0, 0, 0);
  save_button_ = new QToolButton(parent);
  save_button_->setObjectName(object_prefix + "_save");
  connect(save_button_, &QToolButton::clicked, this, &ChartExport::save_dialog);
  copy_button_ = new QToolButton(parent);
  copy_button_->setObjectName(object_prefix + "_copy");
  connect(copy_button_, &QToolButton::clicked, this, &ChartExport::copy);
  keep_translated(save_button_, [this] { apply_texts(); });
  row->addStretch();
  row->addWidget(save_button_);
  row->addWidget(copy_button_);
  return row;
}

}  // namespace sis::desktop
