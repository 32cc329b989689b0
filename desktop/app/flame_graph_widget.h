// An interactive flame graph of a folded profile (tools/flamegraph: parser, call tree,
// layout and palette, shared with the SVG renderer so both draw the same picture). Root
// at the bottom, one row per stack depth, each frame as wide as its share of the samples.
//   click a frame         zoom: it spans the width, its ancestors stay below (click one, or
//                         "all", to zoom back out); Escape or reset_zoom() shows everything
//   set_search(text)      frames whose name contains text turn magenta; matched_samples()
//                         counts each sample once
//   hover                 tooltip: name, samples, % of all and % of the zoomed frame
//                         (differential: before, after and the change of share)
//   save_image(path)      PNG (QImage) or SVG (QSvgGenerator) of the current view
// A differential graph (set_differential) takes the after profile's widths and colours each
// frame red where it has more samples than before, blue where it has fewer (normalized: its
// share of the samples grew or shrank, for runs of different length).
#pragma once
#include <QString>
#include <QWidget>

#include <vector>

#include "call_tree.h"
#include "layout.h"

class QPainter;

namespace sis::desktop {

class FlameGraphWidget : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kFrameHeight = 18;

  explicit FlameGraphWidget(QWidget* parent = nullptr);

  void set_profile(const sis::flame::FoldedProfile& profile);
  void set_differential(const sis::flame::FoldedProfile& before, const sis::flame::FoldedProfile& after, bool normalized = false);
  bool normalized() const { return normalized_; }
  void clear();
  const sis::flame::CallTree& tree() const { return tree_; }
  bool has_profile() const { return tree_.total() > 0 || tree_.base_total() > 0; }

  void zoom_to(sis::flame::NodeId node);
  void reset_zoom() { zoom_to(sis::flame::CallTree::kRoot); }
  sis::flame::NodeId zoom_root() const { return zoom_; }

  void set_search(const QString& text);
  QString search() const { return search_; }
  std::uint64_t matched_samples() const { return matched_; }
  // matched_samples() over all samples (not only the zoomed frame's), 0..1.
  double matched_fraction() const;
  bool is_match(sis::flame::NodeId node) const;

  // The frame drawn at `pos` (widget coordinates), or -1.
  qint64 node_at(const QPoint& pos) const;
  // Where the node is drawn now (empty when it is not: outside the zoom, or too narrow).
  QRectF frame_rect(sis::flame::NodeId node) const;
  // The first node whose folded path ("[kernel] shell;sis`kernel_main;...") is `path`, or -1.
  qint64 find_path(const QString& path) const;
  // The tooltip text for a node (what hovering shows).
  QString describe(sis::flame::NodeId node) const;
  // The fill colour a node is drawn with now (search hits, differential or normal palette).
  QColor frame_color(sis::flame::NodeId node) const;

  // PNG or SVG by the path's suffix; size defaults to the widget's.
  bool save_image(const QString& path, QString* error, QSize size = {}) const;
  // The view drawn at `size` (what save_image writes as PNG).
  QImage render_image(QSize size) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  void zoom_changed(sis::flame::NodeId node);
  void search_changed(std::uint64_t matched, std::uint64_t total);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void relayout();
  void paint(QPainter& p, QSize size, bool hover) const;
  QRectF box_rect(const sis::flame::FrameBox& b, QSize size) const;
  int graph_height() const;

  sis::flame::CallTree tree_;
  sis::flame::NodeId zoom_ = sis::flame::CallTree::kRoot;
  std::vector<sis::flame::FrameBox> boxes_;  // for the widget's current width
  std::vector<bool> matches_;                // per node
  QString search_;
  std::uint64_t matched_ = 0;
  double max_abs_delta_ = 0.0;
  bool normalized_ = false;
  qint64 hovered_ = -1;
};

}  // namespace sis::desktop
