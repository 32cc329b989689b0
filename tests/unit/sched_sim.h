// A simulated CPU for the scheduler's host tests: a 1 ms tick, CPU-bound threads that
// never block, and I/O-bound threads that compute for a short burst then sleep. The
// simulation calls RunQueue exactly as the kernel does (tick, wake, schedule on
// need_resched), so what passes here is what the kernel runs.
#pragma once
#include <memory>
#include <vector>

#include "sched/run_queue.h"

namespace sis::sched {

constexpr u64 kMs = 1000000;
constexpr u64 kTick = 1 * kMs;
constexpr u64 kStep = 50000;  // simulation resolution: 50 us

struct SimThread {
  Thread t;
  bool io = false;
  u64 burst_ns = 0;      // io: CPU per burst
  u64 sleep_ns = 0;      // io: sleep after each burst
  u64 burst_left = 0;
  u64 wake_at = 0;
  u64 cpu_ns = 0;        // CPU received
  u64 max_latency = 0;   // io: longest wake-to-run delay
  std::vector<u64> latencies;  // io: every wake-to-run delay
  u64 woke_at = 0;
  bool waiting_for_cpu = false;
};

class Sim {
 public:
  explicit Sim(Policy* p) : policy_(p) {
    set_thread_name(&idle_.t, "idle");
    rq_.init(0, &idle_.t, p, 0);
    rq_.set_running(&idle_.t, 0);
  }

  SimThread* cpu(int nice = 0) { return add(false, nice, 0, 0); }
  SimThread* io(u64 burst, u64 sleep, int nice = 0) { return add(true, nice, burst, sleep); }

  void run(u64 duration) {
    u64 end = now_ + duration;
    while (now_ < end) {
      now_ += kStep;
      Thread* c = rq_.current();
      if (c != &idle_.t) {
        SimThread* s = sim_of(c);
        s->cpu_ns += kStep;
        if (s->io) {
          s->burst_left = s->burst_left > kStep ? s->burst_left - kStep : 0;
          if (s->burst_left == 0) {
            c->state = ThreadState::Blocked;  // goes to sleep
            s->wake_at = now_ + s->sleep_ns;
            switch_now();
          }
        }
      }
      for (auto& s : threads_) {
        if (s->io && s->t.state == ThreadState::Blocked && now_ >= s->wake_at) {
          rq_.wake(&s->t, now_);
          s->woke_at = now_;
          s->waiting_for_cpu = true;
          s->burst_left = s->burst_ns;
        }
      }
      if (now_ % kTick == 0) rq_.tick(now_);
      if (rq_.need_resched()) switch_now();
    }
  }

  void set_policy(Policy* p) {
    rq_.set_policy(p, now_);
    switch_now();
  }
  RunQueue& rq() { return rq_; }
  u64 now() const { return now_; }
  usize count_known_threads() {
    // Every thread must be running, queued in the policy or blocked: none lost.
    usize n = 0;
    for (auto& s : threads_)
      if (&s->t == rq_.current() || in_run_queue(&s->t) || s->t.state == ThreadState::Blocked) ++n;
    return n;
  }

 private:
  SimThread* add(bool io, int nice, u64 burst, u64 sleep) {
    threads_.push_back(std::make_unique<SimThread>());
    SimThread* s = threads_.back().get();
    s->t.tid = static_cast<u32>(threads_.size());
    s->t.nice = nice;
    s->io = io;
    s->burst_ns = s->burst_left = burst;
    s->sleep_ns = sleep;
    rq_.add(&s->t, now_);
    return s;
  }
  SimThread* sim_of(Thread* t) {
    for (auto& s : threads_)
      if (&s->t == t) return s.get();
    return nullptr;
  }
  void switch_now() {
    Thread* prev = rq_.current();
    Thread* next = rq_.schedule(now_);
    if (prev != next) prev->on_cpu = false;
    next->on_cpu = true;
    if (next != &idle_.t) {
      SimThread* s = sim_of(next);
      if (s->waiting_for_cpu) {
        s->waiting_for_cpu = false;
        if (now_ - s->woke_at > s->max_latency) s->max_latency = now_ - s->woke_at;
        s->latencies.push_back(now_ - s->woke_at);
      }
    }
  }

  Policy* policy_;
  RunQueue rq_;
  SpinLockGuard held_{rq_.lock};  // the run queue's methods check it, as in the kernel
  SimThread idle_;
  std::vector<std::unique_ptr<SimThread>> threads_;
  u64 now_ = 0;
};

}  // namespace sis::sched
