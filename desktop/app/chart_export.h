// Saving and copying a chart, the same way for every chart (QtCharts views, the QCustomPlot
// power graph): "Save image..." writes PNG, JPEG, PDF or SVG (the format follows the suffix)
// and "Copy" puts the chart on the clipboard as a bitmap and as SVG. The chart draws itself
// through a ChartPaint function, so vector formats stay vectors.
#pragma once
#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>

#include <functional>

class QChartView;
class QCustomPlot;
class QHBoxLayout;
class QPaintDevice;
class QToolButton;
class QWidget;

namespace sis::desktop {

// Paints the chart onto `device`, filling `size` (logical pixels, or points for PDF).
using ChartPaint = std::function<bool(QPaintDevice* device, QSize size)>;
ChartPaint paint_chart_view(QChartView* view);
ChartPaint paint_custom_plot(QCustomPlot* plot);

class ChartExport : public QObject {
  Q_OBJECT
 public:
  // `chart`: the widget whose size is the default picture size (and the dialogs' parent);
  // `file_stem`: the suggested file name ("sis-memory"); `title`: SVG/PDF title.
  ChartExport(QWidget* chart, const QString& file_stem, const QString& title, ChartPaint paint);

  // Writes the chart to `path` (png, jpg/jpeg, pdf or svg); `size` empty = the chart's size
  // (at least 640 x 360). False with a reason on failure.
  bool save(const QString& path, QString* error, QSize size = {}) const;
  QImage image(QSize size = {}, qreal device_pixel_ratio = 1) const;
  QByteArray svg(QSize size = {}) const;
  // Bitmap (at the screen's pixel ratio) and image/svg+xml on the clipboard.
  void copy() const;
  void save_dialog();
  // "Save image..." and "Copy" buttons (object names <prefix>_save and <prefix>_copy).
  QHBoxLayout* make_buttons(QWidget* parent, const QString& object_prefix);
  QToolButton* save_button() const { return save_button_; }
  QToolButton* copy_button() const { return copy_button_; }
  QString file_stem() const { return file_stem_; }
  // The chart's title in the current language (the buttons' accessible names use it).
  void set_title(const QString& title);

 private:
  QSize picture_size(QSize size) const;
  void apply_texts();

  QWidget* chart_;
  QString file_stem_;
  QString title_;
  ChartPaint paint_;
  QToolButton* save_button_ = nullptr;
  QToolButton* copy_button_ = nullptr;
};

}  // namespace sis::desktop
