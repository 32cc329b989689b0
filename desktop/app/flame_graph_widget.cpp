#include "flame_graph_widget.h"

#include <QFileInfo>
#include <QHelpEvent>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>

#include <cmath>

#include "palette.h"
#include "retranslate_hook.h"

namespace sis::desktop {

using sis::flame::CallTree;
using sis::flame::FrameBox;
using sis::flame::NodeId;

namespace {

constexpr int kPad = 4;
constexpr double kMinFramePx = 0.5;  // narrower frames are not drawn (nor their subtrees)

QColor qcolor(sis::flame::Rgb c) { return QColor(c.r, c.g, c.b); }

QString pct(std::uint64_t part, std::uint64_t whole) {
  return whole ? QString::number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 'f', 2) + "%" : QStringLiteral("0%");
}

}  // namespace

FlameGraphWidget::FlameGraphWidget(QWidget* parent) : QWidget(parent) {
  setObjectName("flame_graph");
  setMouseTracking(true);
  // Tab reaches it: Escape resets the zoom; the functions table below names the frames.
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  keep_translated(this, [this] {
    setAccessibleName(tr("Flame graph"));
    setAccessibleDescription(tr("Each frame is as wide as its share of the samples; Escape shows all frames again. "
                                "The Functions table lists the same frames."));
    update();  // the empty graph's message is drawn in the current language
  });
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

void FlameGraphWidget::set_profile(const sis::flame::FoldedProfile& profile) {
  tree_ = CallTree::from_profile(profile);
  zoom_ = CallTree::kRoot;
  max_abs_delta_ = 0.0;
  normalized_ = false;
  set_search(search_);
  relayout();
  emit zoom_changed(zoom_);
}

void FlameGraphWidget::set_differential(const sis::flame::FoldedProfile& before, const sis::flame::FoldedProfile& after,
                                        bool normalized) {
  tree_ = CallTree::differential(before, after);
  zoom_ = CallTree::kRoot;
  normalized_ = normalized;
  max_abs_delta_ = tree_.max_abs_delta(normalized);
  set_search(search_);
  relayout();
  emit zoom_changed(zoom_);
}

void FlameGraphWidget::clear() { set_profile({}); }

void FlameGraphWidget::zoom_to(NodeId node) {
  if (node >= tree_.size()) return;
  zoom_ = node;
  relayout();
  emit zoom_changed(zoom_);
}

void FlameGraphWidget::set_search(const QString& text) {
  search_ = text;
  const std::string needle = text.toStdString();
  matches_.assign(tree_.size(), false);
  for (NodeId id = 1; id < tree_.size(); ++id) matches_[id] = tree_.name_matches(id, needle, false);
  matched_ = tree_.matched_samples(needle, false);
  update();
  emit search_changed(matched_, tree_.total());
}

double FlameGraphWidget::matched_fraction() const {
  return tree_.total() ? static_cast<double>(matched_) / static_cast<double>(tree_.total()) : 0.0;
}

bool FlameGraphWidget::is_match(NodeId node) const { return node < matches_.size() && matches_[node]; }

void FlameGraphWidget::relayout() {
  const double w = std::max(1, width() - 2 * kPad);
  boxes_ = sis::flame::layout(tree_, zoom_, kMinFramePx / w);
  hovered_ = -1;
  updateGeometry();
  update();
}

int FlameGraphWidget::graph_height() const { return (static_cast<int>(tree_.max_depth()) + 1) * kFrameHeight + 2 * kPad; }

QSize FlameGraphWidget::sizeHint() const { return {800, std::max(200, graph_height())}; }
QSize FlameGraphWidget::minimumSizeHint() const { return {200, graph_height()}; }

QRectF FlameGraphWidget::box_rect(const FrameBox& b, QSize size) const {
  const double w = size.width() - 2 * kPad;
  // Root row at the bottom of the picture.
  const double y = size.height() - kPad - (static_cast<double>(b.level) + 1) * kFrameHeight;
  return {kPad + b.x * w, y, b.width * w, kFrameHeight - 1.0};
}

QRectF FlameGraphWidget::frame_rect(NodeId node) const {
  for (const FrameBox& b : boxes_)
    if (b.node == node) return box_rect(b, size());
  return {};
}

qint64 FlameGraphWidget::node_at(const QPoint& pos) const {
  for (const FrameBox& b : boxes_)
    if (box_rect(b, size()).contains(pos)) return b.node;
  return -1;
}

qint64 FlameGraphWidget::find_path(const QString& path) const {
  const std::string want = path.toStdString();
  for (NodeId id = 1; id < tree_.size(); ++id)
    if (tree_.path_text(id) == want) return id;
  return -1;
}

QString FlameGraphWidget::describe(NodeId id) const {
  const sis::flame::CallNode& n = tree_.node(id);
  const QString name = QString::fromStdString(n.name);
  QString s;
  if (!tree_.differential()) {
    s = tr("%1\n%2 samples (%3 of all)").arg(name).arg(n.total).arg(pct(n.total, tree_.total()));
    if (zoom_ != CallTree::kRoot && id != zoom_ && n.depth > tree_.node(zoom_).depth)
      s += tr(", %1 of the zoomed frame").arg(pct(n.total, tree_.node(zoom_).total));
    if (n.self) s += tr("\nself: %1 samples (%2)").arg(n.self).arg(pct(n.self, tree_.total()));
  } else {
    const std::int64_t d = tree_.sample_delta(id);
    const double points = 100.0 * tree_.share_delta(id);
    QString change = (d >= 0 ? "+" : "") + QString::number(d) + tr(" samples");
    if (n.base_total) change += QString(" (%1%2%)").arg(d >= 0 ? "+" : "").arg(100.0 * static_cast<double>(d) / static_cast<double>(n.base_total), 0, 'f', 1);
    change += tr(", share %1%2 points").arg(points >= 0 ? "+" : "").arg(points, 0, 'f', 2);
    s = tr("%1\nbefore: %2 samples (%3)\nafter: %4 samples (%5)\nchange: %6")
            .arg(name)
            .arg(n.base_total)
            .arg(pct(n.base_total, tree_.base_total()))
            .arg(n.total)
            .arg(pct(n.total, tree_.total()))
            .arg(change);
  }
  if (is_match(id)) s += tr("\n(matches the search)");
  return s;
}

QColor FlameGraphWidget::frame_color(NodeId node) const {
  if (is_match(node)) return qcolor(sis::flame::kMatchColor);
  if (tree_.differential()) return qcolor(sis::flame::diff_color(tree_.delta(node, normalized_), max_abs_delta_));
  return qcolor(sis::flame::frame_color(tree_.node(node).name));
}

void FlameGraphWidget::paint(QPainter& p, QSize size, bool hover) const {
  p.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
  if (!has_profile()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("No profile yet: load a folded file or profile the VM."));
    return;
  }
  const QFontMetricsF fm(p.font());
  for (const FrameBox& b : boxes_) {
    const QRectF r = box_rect(b, size);
    QColor fill = frame_color(b.node);
    // The zoomed frame's ancestors are context (click one to zoom out): paler.
    if (b.ancestor) fill = QColor((fill.red() + 255) / 2, (fill.green() + 255) / 2, (fill.blue() + 255) / 2);
    p.fillRect(r, fill);
    // An edge a shade darker keeps neighbours apart where their colours are alike (the
    // white of unchanged frames in a differential graph); the hovered frame's is black.
    if ((hover && b.node == hovered_) || r.width() >= 3) {
      p.setPen(QPen(hover && b.node == hovered_ ? QColor(Qt::black) : fill.darker(125), 1));
      p.setBrush(Qt::NoBrush);
      p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
    }
    if (r.width() < 3 * fm.averageCharWidth() + 6) continue;
    QString label = QString::fromStdString(tree_.node(b.node).name);
    if (b.ancestor) label = QStringLiteral("\u2190 ") + label;  // click to zoom back out
    const QString text = fm.elidedText(label, Qt::ElideRight, r.width() - 6);
    const double luma = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue();
    p.setPen(luma < 120 ? Qt::white : Qt::black);
    p.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
  }
}

void FlameGraphWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  paint(p, size(), true);
}

QImage FlameGraphWidget::render_image(QSize size) const {
  QImage img(size, QImage::Format_ARGB32_Premultiplied);
  QPainter p(&img);
  p.setFont(font());
  paint(p, size, false);
  return img;
}

bool FlameGraphWidget::save_image(const QString& path, QString* error, QSize size) const {
  if (!size.isValid() || size.isEmpty()) size = QSize(std::max(width(), 800), graph_height());
  // The boxes are laid out for the widget's width; x and widths are fractions, so drawing
  // at another size scales them (only the narrow-frame cut-off stays the widget's).
  const QString suffix = QFileInfo(path).suffix().toLower();
  bool ok = false;
  if (suffix == "png") {
    ok = render_image(size).save(path, "PNG");
  } else if (suffix == "svg") {
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(size);
    gen.setViewBox(QRect(QPoint(0, 0), size));
    gen.setResolution(96);  // CSS pixels: browsers show the picture at `size`
    gen.setTitle(tr("SIS flame graph"));
    gen.setDescription(tr("%1 samples").arg(tree_.total()));
    QPainter p;
    ok = p.begin(&gen);
    if (ok) {
      p.setFont(font());
      paint(p, size, false);
      ok = p.end();
    }
  } else {
    *error = tr("unknown image format '%1' (use .png or .svg)").arg(suffix);
    return false;
  }
  if (!ok || QFileInfo(path).size() == 0) {
    *error = tr("could not write %1").arg(path);
    return false;
  }
  return true;
}

void FlameGraphWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::RightButton) {
    reset_zoom();
    return;
  }
  if (event->button() != Qt::LeftButton) return;
  const qint64 n = node_at(event->position().toPoint());
  if (n >= 0) zoom_to(static_cast<NodeId>(n));
}

void FlameGraphWidget::mouseMoveEvent(QMouseEvent* event) {
  const qint64 n = node_at(event->position().toPoint());
  if (n != hovered_) {
    hovered_ = n;
    update();
  }
}

void FlameGraphWidget::leaveEvent(QEvent*) {
  hovered_ = -1;
  update();
}

void FlameGraphWidget::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape) reset_zoom();
  else QWidget::keyPressEvent(event);
}

void FlameGraphWidget::resizeEvent(QResizeEvent*) { relayout(); }

bool FlameGraphWidget::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const qint64 n = node_at(help->pos());
    if (n >= 0) QToolTip::showText(help->globalPos(), describe(static_cast<NodeId>(n)), this, frame_rect(static_cast<NodeId>(n)).toRect());
    else QToolTip::hideText();
    return true;
  }
  return QWidget::event(e);
}

}  // namespace sis::desktop
