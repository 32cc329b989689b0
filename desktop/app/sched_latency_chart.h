// The dashboard's scheduler latency chart: the active policy's wake-up-to-run latency, p99
// and median in microseconds, from the `sched` metrics group's wake_p99_us and wake_p50_us
// (over the policy's window of its last 2048 wake-ups: docs/protocol.md section 5). The title
// and the legend name the active policy (sched.policy); each policy change inside the time
// window is a dashed vertical line labelled with the new policy's name, and then the policy
// in force before the first of them is named at the plot's left edge. A TimeChart, so it
// has the other charts' axes, nice ticks, "not available" message, Save image and Copy.
#pragma once
#include "time_chart.h"

class QGraphicsSimpleTextItem;

namespace sis::desktop {

class SchedLatencyChart : public TimeChart {
  Q_OBJECT
 public:
  explicit SchedLatencyChart(QWidget* parent = nullptr);

  // The policy named in the title and legend ("" before the first sample that has one).
  QString policy() const { return policy_; }
  // The policy changes drawn in the window (oldest first) and the name each is labelled with.
  int marker_count() const { return static_cast<int>(markers_.size()); }
  QString marker_label(int i) const;
  double marker_time(int i) const { return i >= 0 && i < markers_.size() ? markers_[i].t : -1; }
  // The policy named at the left edge (before the first marker); "" without markers.
  QString start_label() const;

 protected:
  void after_refresh(const MetricsStore& store, double from_s, double to_s) override;

 private:
  void apply_texts();
  void place_labels();

  QString policy_;
  struct Marker {
    double t;
    QLineSeries* line;
    QGraphicsSimpleTextItem* label;
  };
  QList<Marker> markers_;
  QGraphicsSimpleTextItem* start_label_;
};

}  // namespace sis::desktop
