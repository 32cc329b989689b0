// Autonomy's lever on user space: the consumer "user space" stands for the user process whose
// resident set grew the most over the last second, measured across every process at every
// monitor sample, and stops it with SIGKILL before memory runs out. Growth, not size: the
// process that is leaking is the one to stop, even if a larger one sits still beside it.
// The action record names the real offender ("stop pid 7 (memhog)").
#include "ai/monitor.h"
#include "lib/format.h"
#include "lib/string.h"
#include "proc/linux_abi.h"
#include "proc/process.h"
#include "proc/signal.h"

namespace sis::ai {
namespace {

constexpr usize kWindow = 1000 / kSamplePeriodMs;  // about a second of samples

struct Seen {
  u32 pid;
  u64 rss_pages;
};

// One monitor thread samples at a time (monitor.h), so this state needs no lock.
proc::ProcessInfo infos[proc::kMaxProcesses];
Seen history[kWindow][proc::kMaxProcesses];
usize history_n[kWindow];
u64 rounds = 0;
char label[48] = "user space";
u32 chosen_pid = 0;
u64 chosen_rss = 0;

u64 rss_then(const Seen* seen, usize n, u32 pid) {
  for (usize i = 0; i < n; ++i)
    if (seen[i].pid == pid) return seen[i].rss_pages;
  return 0;  // it did not exist then: all of it is growth
}

// Snapshots every process, chooses the fastest-growing one and returns its growth in bytes.
u64 measure(void*) {
  usize n = proc::process_snapshot(infos, proc::kMaxProcesses);
  usize slot = rounds % kWindow;
  usize oldest = rounds < kWindow ? 0 : slot;
  bool have_old = rounds > 0;
  u64 best_growth = 0;
  chosen_pid = 0;
  chosen_rss = 0;
  for (usize i = 0; i < n; ++i) {
    const proc::ProcessInfo& p = infos[i];
    if (p.state == proc::ProcState::Zombie || p.rss_pages == 0) continue;
    u64 then = have_old ? rss_then(history[oldest], history_n[oldest], p.pid) : p.rss_pages;
    u64 g = p.rss_pages > then ? p.rss_pages - then : 0;
    if (!chosen_pid || g > best_growth || (g == best_growth && p.rss_pages > chosen_rss)) {
      chosen_pid = p.pid;
      chosen_rss = p.rss_pages;
      best_growth = g;
      format(label, sizeof(label), "pid %u (%s)", p.pid, p.name);
    }
  }
  for (usize i = 0; i < n; ++i) history[slot][i] = {infos[i].pid, infos[i].rss_pages};
  history_n[slot] = n;
  ++rounds;
  if (!chosen_pid) copy_cstr(label, sizeof(label), "user space");
  return best_growth * 4096;
}

u64 chosen_bytes(void*) { return chosen_rss * 4096; }

void stop_chosen(void*) {
  if (chosen_pid) (void)proc::kill_processes(chosen_pid, proc::linux::SIGKILL);
}

const Consumer process_consumer = {label, chosen_bytes, stop_chosen, nullptr, measure};

}  // namespace

void register_process_consumer() { register_consumer(&process_consumer); }

}  // namespace sis::ai
