// The dashboard's data: every numeric member of every metrics sample (docs/protocol.md
// section 5) as a time series "group.member", plus rates the host derives from counters
// (sched.switches_per_s, blk.read_bytes_per_s, blk.write_bytes_per_s, blk.read_iops,
// blk.write_iops). Time is the host's receive time in seconds since the store was made or cleared (the VM's
// start), so
// a guest reboot (kernel clock back to 0) does not fold the x axis; rates use the kernel's
// ts_ns and restart after a reboot. Only the last `window` seconds (default 300) are kept.
//
// String members (such as sched.policy) are kept as changes: the time each new value first
// came, so a chart can mark when the scheduling policy changed.
//
// decimated() gives a chart at most max_points points per series (min/max per bucket, so
// spikes survive), which keeps redraw cost independent of the sample rate.
#pragma once
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QStringList>

#include <deque>

namespace sis::desktop {

class MetricsStore {
 public:
  MetricsStore();

  void add_sample(const QJsonObject& data, qint64 ts_ns);
  // Adds a sample at an explicit host time (tests).
  void add_sample_at(double host_s, const QJsonObject& data, qint64 ts_ns);
  // A value the host measures itself (e.g. "host.power_w", the app's host power reading),
  // now or at an explicit host time (tests).
  void add_value(const QString& key, double v) { add_value_at(now(), key, v); }
  void add_value_at(double host_s, const QString& key, double v);
  void clear();

  double now() const;
  double window_s() const { return window_s_; }
  void set_window(double seconds) { window_s_ = seconds; }

  qint64 sample_count() const { return samples_; }      // since the store was made
  qint64 dropped() const { return dropped_; }            // seq gaps seen
  double last_sample_time() const { return last_host_s_; }
  // Groups of the last sample ("mem", "blk", ...): absent groups are "not available".
  QSet<QString> groups() const { return groups_; }
  bool has_series(const QString& key) const;
  QStringList series_in_group(const QString& group) const;
  double last_value(const QString& key, double fallback = qQNaN()) const;

  // Points of `key` with time >= from_s, at most about max_points (min/max decimation).
  QList<QPointF> decimated(const QString& key, double from_s, int max_points) const;
  qsizetype raw_size(const QString& key) const;

  // A string member's changes ("sched.policy"): the first value and each different one after,
  // with the host time it came. The latest change before the window is kept, so last_text()
  // knows the value however long ago it changed.
  struct TextChange {
    double t;
    QString value;
  };
  QList<TextChange> text_changes(const QString& key, double from_s) const;
  QString last_text(const QString& key) const;

 private:
  struct Point {
    double t;
    double v;
  };
  void push(const QString& key, double t, double v);
  void prune(double now_s);
  void add_members(const QString& prefix, const QJsonObject& obj, double t, int depth);
  void derive_rate(const QString& key, const QString& counter, double t, double dt, const QJsonObject& group,
                   const QString& prev_key);

  QElapsedTimer clock_;
  double window_s_ = 300;
  QHash<QString, std::deque<Point>> series_;
  QHash<QString, QList<TextChange>> texts_;
  QHash<QString, double> last_counter_;
  QSet<QString> groups_;
  qint64 last_ts_ns_ = -1;
  qint64 last_seq_ = -1;
  qint64 samples_ = 0;
  qint64 dropped_ = 0;
  double last_host_s_ = -1;
};

}  // namespace sis::desktop
