// The baseline weighted fair policy: see fair_policy.h.
#include "sched/fair_policy.h"

namespace sis::sched {
namespace {

// Signed distance a - b between two vruntimes (they may wrap around after centuries).
inline i64 vdiff(u64 a, u64 b) { return static_cast<i64>(a - b); }

}  // namespace

void FairPolicy::insert(Thread* t) {
  // Ties go behind existing threads (the tree keeps equal keys in insertion order).
  t->run_node.owner = t;
  t->run_node.key = t->run_node.aug = t->vruntime;
  tree_.insert(&t->run_node);
  total_weight_ += t->weight;
}

Thread* FairPolicy::leftmost() const {
  TreeNode* n = tree_.first();
  return n ? n->owner : nullptr;
}

Thread* FairPolicy::take_first() {
  Thread* t = leftmost();
  if (!t) return nullptr;
  tree_.erase(&t->run_node);
  total_weight_ -= t->weight;
  return t;
}

void FairPolicy::enqueue(Thread* t, EnqueueReason why, u64) {
  switch (why) {
    case EnqueueReason::New:
    case EnqueueReason::Migrated:
      t->vruntime = min_vruntime_;
      break;
    case EnqueueReason::Wakeup: {
      u64 floor = min_vruntime_ - kLatencyNs / 2;
      if (vdiff(t->vruntime, floor) < 0) t->vruntime = floor;
      break;
    }
    case EnqueueReason::Yield:
      // Go behind every thread queued now.
      if (TreeNode* last = tree_.last(); last && vdiff(t->vruntime, last->key) < 0) t->vruntime = last->key;
      break;
    case EnqueueReason::Preempted:
      break;
  }
  insert(t);
  ++stats().enqueues;
}

void FairPolicy::dequeue(Thread* t) {
  if (!t->run_node.on) return;
  tree_.erase(&t->run_node);
  total_weight_ -= t->weight;
}

Thread* FairPolicy::pick_next(u64) {
  Thread* t = take_first();
  if (!t) return nullptr;
  update_min(t);
  ++stats().picks;
  return t;
}

Thread* FairPolicy::pop_any() { return take_first(); }

void FairPolicy::update_min(const Thread* curr) {
  u64 v = curr ? curr->vruntime : min_vruntime_;
  if (Thread* left = leftmost(); left && (!curr || vdiff(left->vruntime, v) < 0)) v = left->vruntime;
  if (vdiff(v, min_vruntime_) > 0) min_vruntime_ = v;
}

void FairPolicy::charge(Thread* curr, u64 delta_ns) {
  curr->vruntime += scale(delta_ns, curr->weight);
  update_min(curr);
}

u64 FairPolicy::slice_ns(u32 weight) const {
  u64 nr = tree_.size() + 1;
  u64 period = kLatencyNs;
  if (nr * kMinGranularityNs > period) period = nr * kMinGranularityNs;
  u64 total = total_weight_ + weight;
  u64 slice = period * weight / total;
  return slice < kMinGranularityNs ? kMinGranularityNs : slice;
}

bool FairPolicy::preempt_on_tick(const Thread* curr, u64 ran_ns) {
  if (tree_.empty()) return false;
  if (ran_ns >= slice_ns(curr->weight)) return true;
  // Far ahead of the most deserving waiter (e.g. it just had its nice lowered): yield early.
  return ran_ns >= kMinGranularityNs && vdiff(curr->vruntime, leftmost()->vruntime) > static_cast<i64>(kLatencyNs);
}

bool FairPolicy::preempt_on_wakeup(const Thread* curr, const Thread* woken) {
  return vdiff(curr->vruntime, woken->vruntime) > static_cast<i64>(scale(kWakeupGranularityNs, woken->weight));
}

void FairPolicy::adopt_running(Thread* curr) { curr->vruntime = min_vruntime_; }

}  // namespace sis::sched
