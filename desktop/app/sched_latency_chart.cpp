#include "sched_latency_chart.h"

#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <limits>

#include "metrics_store.h"
#include "retranslate_hook.h"

namespace sis::desktop {

namespace {
const QString kPolicyKey = QStringLiteral("sched.policy");
const QColor kMarkerColor(0x8e, 0x24, 0xaa);  // purple: apart from the data lines' colours
}  // namespace

SchedLatencyChart::SchedLatencyChart(QWidget* parent)
    : TimeChart({}, {}, 1.0, {{"sched.wake_p99_us", {}}, {"sched.wake_p50_us", {}}}, parent, "sched_latency") {
  start_label_ = new QGraphicsSimpleTextItem(chart());
  start_label_->setBrush(kMarkerColor);
  start_label_->hide();
  connect(chart(), &QChart::plotAreaChanged, this, [this] { place_labels(); });
  keep_translated(this, [this] { apply_texts(); });
}

void SchedLatencyChart::apply_texts() {
  if (policy_.isEmpty()) {
    set_texts(tr("Scheduler: wake-up latency"), tr("µs"), {tr("p99"), tr("median")});
    return;
  }
  set_texts(tr("Scheduler: wake-up latency, policy %1").arg(policy_), tr("µs"),
            {tr("p99 (%1)").arg(policy_), tr("median (%1)").arg(policy_)});
}

QString SchedLatencyChart::start_label() const { return start_label_->isVisible() ? start_label_->text() : QString(); }

QString SchedLatencyChart::marker_label(int i) const {
  return i >= 0 && i < markers_.size() ? markers_[i].label->text() : QString();
}

void SchedLatencyChart::after_refresh(const MetricsStore& store, double from_s, double to_s) {
  const QString now = store.last_text(kPolicyKey);
  if (now != policy_) {
    policy_ = now;
    apply_texts();
  }
  // Every change after the first value seen (that one is where sampling began), in the window.
  const QList<MetricsStore::TextChange> all = store.text_changes(kPolicyKey, -std::numeric_limits<double>::infinity());
  QList<MetricsStore::TextChange> shown;
  QString before;  // the policy in force before the first change shown
  for (qsizetype i = 1; i < all.size(); ++i) {
    if (all[i].t < from_s || all[i].t > to_s) continue;
    if (shown.isEmpty()) before = all[i - 1].value;
    shown.append(all[i]);
  }
  start_label_->setText(before);
  start_label_->setVisible(!before.isEmpty());
  while (markers_.size() > shown.size()) {
    Marker m = markers_.takeLast();
    chart()->removeSeries(m.line);
    delete m.line;
    delete m.label;
  }
  while (markers_.size() < shown.size()) {
    auto* line = new QLineSeries;
    QPen pen(kMarkerColor);
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.5);
    line->setPen(pen);
    chart()->addSeries(line);
    line->attachAxis(x_axis());
    line->attachAxis(y_axis());
    for (QLegendMarker* lm : chart()->legend()->markers(line)) lm->setVisible(false);  // a marker, not a line of data
    auto* label = new QGraphicsSimpleTextItem(chart());
    label->setBrush(kMarkerColor);
    markers_.append({0, line, label});
  }
  for (qsizetype i = 0; i < shown.size(); ++i) {
    Marker& m = markers_[i];
    m.t = shown[i].t;
    m.line->replace({QPointF(m.t, y_axis()->min()), QPointF(m.t, y_axis()->max())});
    m.line->setName(tr("policy %1").arg(shown[i].value));
    m.label->setText(shown[i].value);
  }
  place_labels();
}

// Each label beside the top of its line, inside the plot area; the earlier policy's at the left.
void SchedLatencyChart::place_labels() {
  start_label_->setPos(chart()->plotArea().topLeft() + QPointF(4, 2));
  for (const Marker& m : markers_) {
    if (!m.line->count()) continue;
    const QPointF top = chart()->mapToPosition(QPointF(m.t, y_axis()->max()), m.line);
    m.label->setPos(top + QPointF(4, 2));
  }
}

}  // namespace sis::desktop
