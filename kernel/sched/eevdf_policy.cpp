// The EEVDF policy: see eevdf_policy.h.
#include "sched/eevdf_policy.h"

namespace sis::sched {
namespace {

inline i64 vdiff(u64 a, u64 b) { return static_cast<i64>(a - b); }

// Floor division (sum may be negative).
inline i64 div_floor(i64 a, i64 b) {
  i64 q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

u64 EevdfPolicy::slice_of(const Thread* t) const {
  u64 s = honour_slice_ && t->slice_ns ? t->slice_ns : default_slice();
  if (s < kMinSliceNs) s = kMinSliceNs;
  if (s > kBaseSliceNs) s = kBaseSliceNs;
  return s;
}

u64 EevdfPolicy::lag_limit(const Thread* t) const {
  u64 s = 2 * slice_of(t);
  return scale(s > kTickNs ? s : kTickNs, t->weight);
}

u64 EevdfPolicy::avg_vruntime() const {
  i64 sum = sum_wv_;
  i64 w = static_cast<i64>(sum_w_);
  if (curr_) {
    sum += vdiff(curr_->ev_vruntime, zero_) * static_cast<i64>(curr_w_);
    w += curr_w_;
  }
  if (!w) return curr_ ? curr_->ev_vruntime : zero_;
  return zero_ + static_cast<u64>(div_floor(sum, w));
}

bool EevdfPolicy::eligible(const Thread* t) const {
  // vruntime <= V without the division: (v - zero) * W <= sum.
  i64 sum = sum_wv_;
  i64 w = static_cast<i64>(sum_w_);
  if (curr_) {
    sum += vdiff(curr_->ev_vruntime, zero_) * static_cast<i64>(curr_w_);
    w += curr_w_;
  }
  if (!w) return true;
  return vdiff(t->ev_vruntime, zero_) * w <= sum;
}

void EevdfPolicy::update_zero() {
  // The reference follows the smallest vruntime around (queued or running), so the
  // products in the sums stay small.
  u64 m = zero_;
  bool have = false;
  if (curr_) {
    m = curr_->ev_vruntime;
    have = true;
  }
  if (!tree_.empty() && (!have || vdiff(tree_.min_aug(), m) < 0)) {
    m = tree_.min_aug();
    have = true;
  }
  if (!have || vdiff(m, zero_) <= 0) return;
  sum_wv_ -= static_cast<i64>(sum_w_) * vdiff(m, zero_);
  zero_ = m;
}

void EevdfPolicy::insert(Thread* t) {
  t->run_node.owner = t;
  t->run_node.key = t->deadline;
  t->run_node.aug = t->ev_vruntime;
  tree_.insert(&t->run_node);
  sum_w_ += t->weight;
  sum_wv_ += vdiff(t->ev_vruntime, zero_) * static_cast<i64>(t->weight);
}

void EevdfPolicy::remove_from_tree(Thread* t) {
  tree_.erase(&t->run_node);
  sum_w_ -= t->weight;
  sum_wv_ -= vdiff(t->ev_vruntime, zero_) * static_cast<i64>(t->weight);
}

void EevdfPolicy::enqueue(Thread* t, EnqueueReason why, u64 now_ns) {
  if (t == curr_) {
    // The running thread goes back into the queue: it stops being counted as curr.
    curr_ = nullptr;
    deadline_passed_ = false;
  }
  switch (why) {
    case EnqueueReason::New:
    case EnqueueReason::Migrated:
      t->ev_vruntime = avg_vruntime();  // lag 0
      set_deadline(t);
      break;
    case EnqueueReason::Wakeup: {
      on_wakeup(t, now_ns);
      u64 v = avg_vruntime();
      i64 lim = static_cast<i64>(lag_limit(t));
      i64 lag = t->vlag < -lim ? -lim : t->vlag > lim ? lim : t->vlag;
      // A debt is paid off while asleep, as V moves on (Linux's delayed dequeue: the
      // sleeper stays in the competition until it is eligible, then leaves with lag 0).
      // Credit is kept. Without this a thread that runs briefly and sleeps wakes in debt
      // every time and waits a whole slice of someone else's.
      i64 slept = vdiff(v, t->v_at_block);
      if (slept < 0) slept = 0;
      // Had it stayed runnable without running, its lag would now be lag + slept: no
      // placement below ever gives it more than that, so sleeping never buys CPU share.
      i64 stayed = lag + slept;
      if (lag < 0) lag = stayed < 0 ? stayed : 0;
      // Latency weight: a latency-critical thread may take up to `credit` of that
      // (bounded by its lag limit), so its deadline comes early and it runs at once.
      i64 credit = static_cast<i64>(latency_credit(t, static_cast<u64>(lim)));
      if (credit > lim) credit = lim;
      if (credit > stayed) credit = stayed;
      if (lag < credit) lag = credit;
      t->ev_vruntime = v - static_cast<u64>(lag);
      set_deadline(t);
      break;
    }
    case EnqueueReason::Yield:
      // Gives up the rest of its request: a fresh deadline one slice later.
      t->deadline += scale(slice_of(t), t->weight);
      break;
    case EnqueueReason::Preempted:
      break;
  }
  insert(t);
  update_zero();
  ++stats().enqueues;
}

void EevdfPolicy::dequeue(Thread* t) {
  if (!t->run_node.on) return;
  remove_from_tree(t);
  i64 lim = static_cast<i64>(lag_limit(t));
  t->v_at_block = avg_vruntime();
  i64 lag = vdiff(t->v_at_block, t->ev_vruntime);
  t->vlag = lag < -lim ? -lim : lag > lim ? lim : lag;
}

Thread* EevdfPolicy::pick_next(u64) {
  if (tree_.empty()) return nullptr;
  TreeNode* n = tree_.first_with_aug_at_most(avg_vruntime());
  if (!n) n = tree_.first();  // cannot happen (the smallest vruntime is <= V); be safe
  Thread* t = n->owner;
  remove_from_tree(t);
  curr_ = t;
  curr_w_ = t->weight;
  deadline_passed_ = false;
  update_zero();
  ++stats().picks;
  return t;
}

Thread* EevdfPolicy::pop_any() {
  TreeNode* n = tree_.first();
  if (!n) return nullptr;
  Thread* t = n->owner;
  dequeue(t);
  return t;
}

void EevdfPolicy::charge(Thread* curr, u64 delta_ns) {
  curr->ev_vruntime += scale(delta_ns, curr->weight);
  if (curr == curr_ && vdiff(curr->ev_vruntime, curr->deadline) >= 0) {
    set_deadline(curr);
    deadline_passed_ = true;
  }
  update_zero();
}

bool EevdfPolicy::preempt_on_tick(const Thread*, u64) {
  if (tree_.empty() || !deadline_passed_) return false;
  deadline_passed_ = false;
  return true;
}

bool EevdfPolicy::preempt_on_wakeup(const Thread* curr, const Thread* woken) {
  if (!eligible(woken)) return false;
  // The running thread keeps the CPU only while it is eligible and has the earlier
  // deadline. The tick is the only timer that can stop it at its deadline, so a deadline
  // less than a tick before the woken one's would let the woken thread wait up to a whole
  // tick: within that granularity the woken thread goes first (curr keeps its lag and
  // deadline, so this moves latency, not CPU share).
  if (!eligible(curr)) return true;
  return vdiff(woken->deadline, curr->deadline) < static_cast<i64>(scale(kTickNs, curr->weight));
}

void EevdfPolicy::adopt_running(Thread* curr) {
  curr->ev_vruntime = avg_vruntime();
  curr_ = curr;
  curr_w_ = curr->weight;
  set_deadline(curr);
  deadline_passed_ = false;
}

void EevdfPolicy::stop_running(Thread* t) {
  if (t != curr_) return;
  i64 lim = static_cast<i64>(lag_limit(t));
  t->v_at_block = avg_vruntime();
  i64 lag = vdiff(t->v_at_block, t->ev_vruntime);
  t->vlag = lag < -lim ? -lim : lag > lim ? lim : lag;
  curr_ = nullptr;
  deadline_passed_ = false;
  update_zero();
}

void EevdfPolicy::reweight(Thread* t) {
  if (t == curr_) curr_w_ = t->weight;
}

}  // namespace sis::sched
