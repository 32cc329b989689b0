// Run-queue decisions and accounting: see run_queue.h.
#include "sched/run_queue.h"

#include "lib/string.h"

namespace sis::sched {

const char* state_name(ThreadState s) {
  switch (s) {
    case ThreadState::Runnable: return "runnable";
    case ThreadState::Running: return "running";
    case ThreadState::Blocked: return "blocked";
    case ThreadState::Zombie: return "zombie";
  }
  return "?";
}

u32 nice_to_weight(int nice) {
  static const u32 table[40] = {
      /* -20 */ 88761, 71755, 56483, 46273, 36291,
      /* -15 */ 29154, 23254, 18705, 14949, 11916,
      /* -10 */ 9548,  7620,  6100,  4904,  3906,
      /*  -5 */ 3121,  2501,  1991,  1586,  1277,
      /*   0 */ 1024,  820,   655,   526,   423,
      /*   5 */ 335,   272,   215,   172,   137,
      /*  10 */ 110,   87,    70,    56,    45,
      /*  15 */ 36,    29,    23,    18,    15,
  };
  if (nice < kNiceMin) nice = kNiceMin;
  if (nice > kNiceMax) nice = kNiceMax;
  return table[nice - kNiceMin];
}

void set_thread_name(Thread* t, const char* name) { copy_cstr(t->name, sizeof(t->name), name); }

void RunQueue::init(u32 cpu, Thread* idle, Policy* policy, u64 now_ns) {
  lock.assert_held();
  cpu_ = cpu;
  idle_ = idle;
  policy_ = policy;
  clock_ns_ = now_ns;
  policy->stats().active_since_ns = now_ns;
  if (idle) {
    idle->state = ThreadState::Runnable;
    idle->state_since_ns = now_ns;
  }
}

void RunQueue::set_running(Thread* t, u64 now_ns) {
  lock.assert_held();
  curr_ = t;
  t->state = ThreadState::Running;
  t->on_cpu = true;
  t->exec_start_ns = t->slice_start_ns = t->state_since_ns = now_ns;
  if (t != idle_) policy_->adopt_running(t);
}

void RunQueue::update_curr(u64 now_ns) {
  if (now_ns > clock_ns_) clock_ns_ = now_ns;
  Thread* c = curr_;
  if (!c) return;
  if (now_ns <= c->exec_start_ns) return;
  u64 delta = now_ns - c->exec_start_ns;
  c->exec_start_ns = now_ns;
  c->stats.run_ns += delta;
  if (c == idle_) {
    idle_ns_ += delta;
    return;
  }
  c->stats.burst_ns += delta;
  policy_->stats().run_ns += delta;
  policy_->charge(c, delta);
}

void RunQueue::add(Thread* t, u64 now_ns) {
  lock.assert_held();
  update_curr(now_ns);
  t->state = ThreadState::Runnable;
  t->state_since_ns = now_ns;
  t->stats.created_ns = now_ns;
  t->weight = nice_to_weight(t->nice);
  policy_->enqueue(t, EnqueueReason::New, now_ns);
  if (curr_ == idle_) need_resched_ = true;
}

void RunQueue::check_wakeup_preempt(Thread* woken) {
  if (!curr_ || curr_ == idle_) {
    need_resched_ = true;
    return;
  }
  if (policy_->preempt_on_wakeup(curr_, woken)) {
    need_resched_ = true;
    ++policy_->stats().wakeup_preempts;
  }
}

bool RunQueue::wake(Thread* t, u64 now_ns) {
  lock.assert_held();
  if (t->state != ThreadState::Blocked) return false;
  update_curr(now_ns);
  u64 slept = now_ns > t->state_since_ns ? now_ns - t->state_since_ns : 0;
  t->stats.sleep_ns += slept;
  t->stats.last_sleep_ns = slept;
  if (t->stats.burst_count > t->hist_seen) {  // a burst ended since the last wake-up
    t->hist.observe(t->stats.burst(0), slept);
    t->hist_seen = t->stats.burst_count;
  }
  ++t->stats.wakeups;
  t->state_since_ns = now_ns;
  if (t == curr_) {
    // Woken before it got off the CPU (it was about to block): it simply keeps running.
    t->state = ThreadState::Running;
    return true;
  }
  t->state = ThreadState::Runnable;
  t->stats.wake_pending = true;
  policy_->enqueue(t, EnqueueReason::Wakeup, now_ns);
  check_wakeup_preempt(t);
  return true;
}

void RunQueue::tick(u64 now_ns) {
  lock.assert_held();
  update_curr(now_ns);
  if (!curr_) return;
  if (curr_ == idle_) {
    if (policy_->queued()) need_resched_ = true;
    return;
  }
  if (!need_resched_ && policy_->preempt_on_tick(curr_, now_ns - curr_->slice_start_ns)) {
    need_resched_ = true;
    ++policy_->stats().tick_preempts;
  }
}

Thread* RunQueue::schedule(u64 now_ns) {
  lock.assert_held();
  update_curr(now_ns);
  Thread* prev = curr_;
  bool requeued = false;
  bool yielded = prev->yielding;
  prev->yielding = false;
  if (prev != idle_ && prev->state == ThreadState::Running) {
    prev->state = ThreadState::Runnable;
    prev->state_since_ns = now_ns;
    policy_->enqueue(prev, yielded ? EnqueueReason::Yield : EnqueueReason::Preempted, now_ns);
    requeued = true;
  } else if (prev != idle_) {
    policy_->stop_running(prev);
  }
  need_resched_ = false;

  u64 t0 = pick_clock_ ? pick_clock_() : 0;
  Thread* next = policy_->pick_next(now_ns);
  if (pick_clock_) {
    u64 d = pick_clock_() - t0;
    policy_->stats().pick_total += d;
    policy_->stats().pick.add(static_cast<u32>(d > 0xffffffffu ? 0xffffffffu : d));
  }
  if (!next) next = idle_;

  if (next != prev) {
    if (prev != idle_) {
      if (requeued && !yielded) ++prev->stats.involuntary;
      else ++prev->stats.voluntary;
      if (prev->state == ThreadState::Blocked || prev->state == ThreadState::Zombie) prev->stats.end_burst();
    }
    if (prev->state == ThreadState::Running) prev->state = ThreadState::Runnable;  // idle
    if (now_ns > next->state_since_ns && next != idle_) {
      u64 waited = now_ns - next->state_since_ns;
      next->stats.wait_ns += waited;
      if (waited > next->stats.max_wait_ns) next->stats.max_wait_ns = waited;
    }
    if (next->stats.wake_pending && next != idle_) {
      u64 lat = now_ns > next->state_since_ns ? now_ns - next->state_since_ns : 0;
      next->stats.last_wake_latency_ns = lat;
      next->stats.wake_latency_total_ns += lat;
      ++next->stats.wake_latency_count;
      policy_->stats().wake.add(static_cast<u32>(lat > 0xffffffffu ? 0xffffffffu : lat));
    }
    next->stats.wake_pending = false;
    ++next->stats.switches_in;
    ++switches_;
    if (next != idle_) ++policy_->stats().switches;
  }
  next->state = ThreadState::Running;
  next->state_since_ns = now_ns;
  next->exec_start_ns = now_ns;
  next->slice_start_ns = now_ns;
  curr_ = next;
  return next;
}

void RunQueue::set_policy(Policy* p, u64 now_ns) {
  lock.assert_held();
  if (p == policy_) return;
  update_curr(now_ns);
  Policy* old = policy_;
  if (curr_ && curr_ != idle_) old->stop_running(curr_);
  policy_ = p;
  p->stats().active_since_ns = now_ns;
  while (Thread* t = old->pop_any()) p->enqueue(t, EnqueueReason::Migrated, now_ns);
  if (curr_ && curr_ != idle_) p->adopt_running(curr_);
  need_resched_ = true;
}

void RunQueue::set_nice(Thread* t, int nice, u64 now_ns) {
  lock.assert_held();
  if (nice < kNiceMin) nice = kNiceMin;
  if (nice > kNiceMax) nice = kNiceMax;
  update_curr(now_ns);
  bool queued = in_run_queue(t);
  if (queued) policy_->dequeue(t);
  t->nice = nice;
  t->weight = nice_to_weight(nice);
  if (queued) policy_->enqueue(t, EnqueueReason::Preempted, now_ns);
  else policy_->reweight(t);
  if (curr_ && curr_ != idle_) need_resched_ = true;
}

void RunQueue::remove(Thread* t) {
  lock.assert_held();
  if (in_run_queue(t)) policy_->dequeue(t);
}

}  // namespace sis::sched
