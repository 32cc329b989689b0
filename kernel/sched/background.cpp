#include "sched/background.h"

#include "lib/assert.h"

#include "sched/mutex.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"

namespace sis::background {
namespace {
void (*fns[8])() = {};
bool self_locking[8] = {};
int count = 0;
bool running = false;
sched::WaitQueue wake;
volatile bool kicked = false;
sched::Mutex commands;
constexpr u64 kPeriodNs = 10000000;  // periodic jobs (metrics at up to 50 Hz) need a 10 ms pass

void worker(void*) {
  for (;;) {
    kicked = false;
    run();
    wake.wait_until_for([] { return kicked; }, kPeriodNs);
  }
}
}  // namespace

void add(void (*fn)(), bool locks_itself) {
  SIS_ASSERT_MSG(count < 8, "more than 8 background jobs: raise the limit");
  self_locking[count] = locks_itself;
  fns[count++] = fn;
}

void run() {
  if (running) return;  // a job that runs a shell command must not recurse into the jobs
  running = true;
  for (int i = 0; i < count; ++i) {
    if (!self_locking[i]) lock_commands();
    fns[i]();
    if (!self_locking[i]) unlock_commands();
  }
  running = false;
}

void start() {
  sched::SpawnOptions opt;
  opt.detached = true;
  opt.stack_bytes = 64 * 1024;  // jobs fill metrics and trace events, run the LLM and power model
  MUST(sched::spawn("background", worker, nullptr, opt));  // at boot: nothing could run the jobs
}

void kick() {
  kicked = true;
  wake.wake_all();
}

void lock_commands() {
  if (sched::started()) commands.lock();
}

void unlock_commands() {
  if (sched::started()) commands.unlock();
}

bool try_lock_commands() { return !sched::started() || commands.try_lock(); }

bool holds_commands() { return sched::started() && commands.owner() == sched::current(); }

}  // namespace sis::background
