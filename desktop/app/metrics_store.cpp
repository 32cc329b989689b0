#include "metrics_store.h"

#include <cmath>
#include <limits>

namespace sis::desktop {

MetricsStore::MetricsStore() { clock_.start(); }

double MetricsStore::now() const { return clock_.nsecsElapsed() / 1e9; }

void MetricsStore::clear() {
  clock_.restart();  // time 0 = the start of this VM
  series_.clear();
  texts_.clear();
  last_counter_.clear();
  groups_.clear();
  last_ts_ns_ = last_seq_ = -1;
  last_host_s_ = -1;
}

void MetricsStore::add_sample(const QJsonObject& data, qint64 ts_ns) { add_sample_at(now(), data, ts_ns); }

void MetricsStore::push(const QString& key, double t, double v) { series_[key].push_back(Point{t, v}); }

// Numeric members, flattened: {"ai":{"crash_predictor":{"mean_ns":5}}} -> "ai.crash_predictor.mean_ns".
void MetricsStore::add_members(const QString& prefix, const QJsonObject& obj, double t, int depth) {
  for (auto m = obj.begin(); m != obj.end(); ++m) {
    if (m.value().isDouble())
      push(prefix + '.' + m.key(), t, m.value().toDouble());
    else if (m.value().isBool())
      push(prefix + '.' + m.key(), t, m.value().toBool() ? 1 : 0);
    else if (m.value().isString()) {
      QList<TextChange>& changes = texts_[prefix + '.' + m.key()];
      if (changes.isEmpty() || changes.back().value != m.value().toString()) changes.append({t, m.value().toString()});
    } else if (m.value().isObject() && depth < 3)
      add_members(prefix + '.' + m.key(), m.value().toObject(), t, depth + 1);
  }
}

void MetricsStore::derive_rate(const QString& key, const QString& counter, double t, double dt,
                               const QJsonObject& group, const QString& prev_key) {
  if (!group.contains(counter)) return;
  const double v = group.value(counter).toDouble();
  auto it = last_counter_.find(prev_key);
  if (it != last_counter_.end() && dt > 0 && v >= it.value()) push(key, t, (v - it.value()) / dt);
  last_counter_[prev_key] = v;
}

void MetricsStore::add_sample_at(double t, const QJsonObject& data, qint64 ts_ns) {
  ++samples_;
  const qint64 seq = data.value("seq").toInteger(-1);
  if (last_seq_ >= 0 && seq > last_seq_ + 1) dropped_ += seq - last_seq_ - 1;
  // A kernel clock that went backwards is a reboot (or a new subscription): counters restart.
  if (ts_ns < last_ts_ns_ || (seq >= 0 && seq <= last_seq_)) last_counter_.clear();
  const double dt = last_ts_ns_ >= 0 && ts_ns > last_ts_ns_ ? (ts_ns - last_ts_ns_) / 1e9 : 0;
  last_ts_ns_ = ts_ns;
  last_seq_ = seq;
  last_host_s_ = t;

  groups_.clear();
  for (auto g = data.begin(); g != data.end(); ++g) {
    if (!g.value().isObject()) continue;
    groups_.insert(g.key());
    add_members(g.key(), g.value().toObject(), t, 0);
  }
  const QJsonObject sched = data.value("sched").toObject();
  const QJsonObject blk = data.value("blk").toObject();
  derive_rate("sched.switches_per_s", "context_switches", t, dt, sched, "sched.context_switches");
  derive_rate("blk.read_bytes_per_s", "bytes_read", t, dt, blk, "blk.bytes_read");
  derive_rate("blk.write_bytes_per_s", "bytes_written", t, dt, blk, "blk.bytes_written");
  derive_rate("blk.read_iops", "reads", t, dt, blk, "blk.reads");
  derive_rate("blk.write_iops", "writes", t, dt, blk, "blk.writes");
  const QJsonObject net = data.value("net").toObject();
  derive_rate("net.rx_bytes_per_s", "rx_bytes", t, dt, net, "net.rx_bytes");
  derive_rate("net.tx_bytes_per_s", "tx_bytes", t, dt, net, "net.tx_bytes");
  prune(t);
}

void MetricsStore::add_value_at(double t, const QString& key, double v) {
  push(key, t, v);
  prune(t);
}

void MetricsStore::prune(double now_s) {
  const double cutoff = now_s - window_s_;
  for (auto it = series_.begin(); it != series_.end();) {
    auto& d = it.value();
    while (!d.empty() && d.front().t < cutoff) d.pop_front();
    if (d.empty())
      it = series_.erase(it);
    else
      ++it;
  }
  for (QList<TextChange>& changes : texts_)  // keep the change still in force at the cutoff
    while (changes.size() > 1 && changes[1].t < cutoff) changes.removeFirst();
}

QList<MetricsStore::TextChange> MetricsStore::text_changes(const QString& key, double from_s) const {
  QList<TextChange> out;
  for (const TextChange& c : texts_.value(key))
    if (c.t >= from_s) out.append(c);
  return out;
}

QString MetricsStore::last_text(const QString& key) const {
  auto it = texts_.find(key);
  return it == texts_.end() || it->isEmpty() ? QString() : it->back().value;
}

bool MetricsStore::has_series(const QString& key) const { return series_.contains(key); }

QStringList MetricsStore::series_in_group(const QString& group) const {
  QStringList out;
  for (auto it = series_.begin(); it != series_.end(); ++it)
    if (it.key().startsWith(group + '.')) out.append(it.key());
  out.sort();
  return out;
}

double MetricsStore::last_value(const QString& key, double fallback) const {
  auto it = series_.find(key);
  return it == series_.end() || it->empty() ? fallback : it->back().v;
}

qsizetype MetricsStore::raw_size(const QString& key) const {
  auto it = series_.find(key);
  return it == series_.end() ? 0 : static_cast<qsizetype>(it->size());
}

QList<QPointF> MetricsStore::decimated(const QString& key, double from_s, int max_points) const {
  QList<QPointF> out;
  auto it = series_.find(key);
  if (it == series_.end()) return out;
  const auto& d = *it;
  // First point inside the range (binary search: times are increasing).
  auto first = std::lower_bound(d.begin(), d.end(), from_s, [](const Point& p, double t) { return p.t < t; });
  const qsizetype n = d.end() - first;
  if (n <= 0) return out;
  if (max_points < 4 || n <= max_points) {
    out.reserve(n);
    for (auto p = first; p != d.end(); ++p) out.append(QPointF(p->t, p->v));
    return out;
  }
  // Buckets of equal sample count; each gives its min and its max, in time order.
  const qsizetype buckets = max_points / 2;
  out.reserve(buckets * 2);
  for (qsizetype b = 0; b < buckets; ++b) {
    auto lo = first + (n * b) / buckets;
    auto hi = first + (n * (b + 1)) / buckets;
    if (lo == hi) continue;
    auto mn = lo, mx = lo;
    for (auto p = lo; p != hi; ++p) {
      if (p->v < mn->v) mn = p;
      if (p->v > mx->v) mx = p;
    }
    if (mn->t <= mx->t) {
      out.append(QPointF(mn->t, mn->v));
      if (mx != mn) out.append(QPointF(mx->t, mx->v));
    } else {
      out.append(QPointF(mx->t, mx->v));
      out.append(QPointF(mn->t, mn->v));
    }
  }
  return out;
}

}  // namespace sis::desktop
