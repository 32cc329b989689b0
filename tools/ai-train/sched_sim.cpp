// Scheduler simulation (see sched_sim.h).
#include "sched_sim.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "ai/transformer_policy.h"
#include "sched/fair_policy.h"
#include "sched/run_queue.h"

namespace aitrain {

using namespace sis;
using namespace sis::sched;

namespace {

constexpr u64 kMs = 1000000;
constexpr u64 kStep = 50000;

enum class Role { Interactive, Batch, Mixed };

struct SimThread {
  Thread t;  // first member: Thread* -> SimThread*
  Role role = Role::Interactive;
  u64 burst_lo = 0, burst_hi = 0, sleep_lo = 0, sleep_hi = 0;
  u64 burst_left = 0;
  u64 work_left = 0;  // batch
  u64 wake_at = 0;
  u64 woke_at = 0;
  bool waiting = false;
  bool done = false;
  u64 started = 0;
};

SimThread* sim_of(const Thread* t) { return reinterpret_cast<SimThread*>(const_cast<Thread*>(t)); }

double remaining_ms(const Thread* t) {
  const SimThread* s = sim_of(t);
  u64 r = s->role == Role::Batch ? s->work_left : s->burst_left;
  return std::min<double>(static_cast<double>(r) / kMs, 20.0);
}

// The teacher: knows every thread's true remaining burst (clairvoyant shortest remaining
// burst first, with aging so batch work is never starved).
class OraclePolicy final : public Policy {
 public:
  std::vector<Decision>* record = nullptr;
  const char* name() const override { return "oracle"; }
  const char* summary() const override { return "clairvoyant shortest remaining burst, with aging"; }
  void enqueue(Thread* t, EnqueueReason, u64 now) override {
    now_ = now;
    q_.push_back(t);
  }
  void dequeue(Thread* t) override { q_.remove(t); }
  static double score(const Thread* t, u64 now) {
    double wait = t->state == ThreadState::Runnable && now > t->state_since_ns ? double(now - t->state_since_ns) / kMs : 0;
    return -remaining_ms(t) + 0.05 * wait;
  }
  Thread* pick_next(u64 now) override {
    now_ = now;
    if (q_.empty()) return nullptr;
    Thread* cand[ai::SchedModel::kMaxTokens];
    usize n = 0;
    for (Thread* t = q_.front(); t && n < ai::SchedModel::kMaxTokens; t = decltype(q_)::next(t)) cand[n++] = t;
    usize best = 0;
    for (usize i = 1; i < n; ++i)
      if (score(cand[i], now) > score(cand[best], now)) best = i;
    if (record && n >= 2) {
      Decision d;
      for (usize i = 0; i < n; ++i) d.x.push_back(ai::sched_features(ai::TransformerPolicy::facts_of(cand[i], now)));
      d.target = static_cast<int>(best);
      record->push_back(std::move(d));
    }
    q_.remove(cand[best]);
    return cand[best];
  }
  Thread* pop_any() override { return q_.pop_front(); }
  usize queued() const override { return q_.size(); }
  void charge(Thread*, u64) override {}
  bool preempt_on_tick(const Thread*, u64 ran) override { return !q_.empty() && ran >= 4 * kMs; }
  bool preempt_on_wakeup(const Thread* curr, const Thread* woken) override {
    bool p = remaining_ms(woken) < remaining_ms(curr);
    if (record) {
      Decision d;
      d.x.push_back(ai::sched_features(ai::TransformerPolicy::facts_of(curr, now_)));
      d.x.push_back(ai::sched_features(ai::TransformerPolicy::facts_of(woken, now_)));
      d.target = p ? 1 : 0;
      record->push_back(std::move(d));
    }
    return p;
  }

 private:
  ThreadList<&Thread::run_link> q_;
  u64 now_ = 0;
};

u64 rnd(std::mt19937_64& g, u64 lo, u64 hi) { return hi <= lo ? lo : lo + g() % (hi - lo + 1); }

}  // namespace

SimStats simulate(uint64_t seed, PolicyKind kind, const std::vector<uint8_t>* model, int duration_ms,
                  std::vector<Decision>* record) {
  std::mt19937_64 g(seed * 7919 + 17);
  FairPolicy fair;
  static ai::TransformerPolicy transformer;  // large work buffers: keep off the stack
  transformer = ai::TransformerPolicy();
  OraclePolicy oracle;
  oracle.record = record;
  Policy* policy = kind == PolicyKind::Fair ? static_cast<Policy*>(&fair)
                   : kind == PolicyKind::Oracle ? static_cast<Policy*>(&oracle)
                                                : static_cast<Policy*>(&transformer);
  if (kind == PolicyKind::Transformer && model) {
    const char* why = "";
    (void)transformer.model().load(model->data(), model->size(), &why);
  }
  SimThread idle;
  RunQueue rq;
  SpinLockGuard held(rq.lock);  // the run queue's methods check it, as in the kernel
  rq.init(0, &idle.t, policy, 0);
  rq.set_running(&idle.t, 0);
  std::vector<std::unique_ptr<SimThread>> threads;
  auto add = [&](Role role) {
    threads.push_back(std::make_unique<SimThread>());
    SimThread* s = threads.back().get();
    s->t.tid = static_cast<u32>(threads.size() + 1);
    s->role = role;
    if (role == Role::Interactive) {
      s->burst_lo = 100000;
      s->burst_hi = rnd(g, 300000, 2000000);
      s->sleep_lo = rnd(g, 1, 5) * kMs;
      s->sleep_hi = s->sleep_lo + rnd(g, 5, 30) * kMs;
    } else if (role == Role::Mixed) {
      s->burst_lo = 2 * kMs;
      s->burst_hi = rnd(g, 3, 10) * kMs;
      s->sleep_lo = 1 * kMs;
      s->sleep_hi = rnd(g, 2, 8) * kMs;
    } else {
      s->work_left = rnd(g, 100, 500) * kMs;
    }
    s->burst_left = role == Role::Batch ? s->work_left : rnd(g, s->burst_lo, s->burst_hi);
    rq.add(&s->t, 0);
  };
  int ni = static_cast<int>(rnd(g, 2, 6)), nb = static_cast<int>(rnd(g, 1, 4)), nm = static_cast<int>(rnd(g, 0, 2));
  for (int i = 0; i < ni; ++i) add(Role::Interactive);
  for (int i = 0; i < nb; ++i) add(Role::Batch);
  for (int i = 0; i < nm; ++i) add(Role::Mixed);

  SimStats st;
  u64 now = 0;
  auto switch_now = [&]() {
    Thread* prev = rq.current();
    auto t0 = std::chrono::steady_clock::now();
    Thread* next = rq.schedule(now);
    auto t1 = std::chrono::steady_clock::now();
    st.pick_ns_total += std::chrono::duration<double, std::nano>(t1 - t0).count();
    ++st.picks;
    if (prev != next) prev->on_cpu = false;
    next->on_cpu = true;
    if (next != &idle.t) {
      SimThread* s = sim_of(next);
      if (s->waiting) {
        s->waiting = false;
        if (s->role == Role::Interactive) st.latency_ms.push_back(double(now - s->woke_at) / kMs);
      }
    }
  };
  u64 end = static_cast<u64>(duration_ms) * kMs;
  while (now < end) {
    now += kStep;
    Thread* c = rq.current();
    if (c != &idle.t) {
      SimThread* s = sim_of(c);
      s->burst_left = s->burst_left > kStep ? s->burst_left - kStep : 0;
      if (s->role == Role::Batch) {
        s->work_left = s->burst_left;
        if (s->work_left == 0) {
          s->done = true;
          st.completion_ms.push_back(double(now - s->started) / kMs);
          c->state = ThreadState::Zombie;
          switch_now();
        }
      } else if (s->burst_left == 0) {
        c->state = ThreadState::Blocked;
        s->wake_at = now + rnd(g, s->sleep_lo, s->sleep_hi);
        switch_now();
      }
    }
    for (auto& s : threads) {
      if (s->role != Role::Batch && s->t.state == ThreadState::Blocked && now >= s->wake_at) {
        s->burst_left = rnd(g, s->burst_lo, s->burst_hi);
        rq.wake(&s->t, now);
        s->woke_at = now;
        s->waiting = true;
      }
    }
    if (now % kMs == 0) rq.tick(now);
    if (rq.need_resched()) switch_now();
  }
  for (auto& s : threads)
    if (s->role == Role::Batch && !s->done) ++st.unfinished_batch;
  return st;
}

}  // namespace aitrain
