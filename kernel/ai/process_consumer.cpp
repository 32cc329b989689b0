// Autonomy's lever on user space: the consumer "user space" stands for the user process whose
// resident set grew the most over the last second, measured across every process at every
// monitor sample, and stops it with SIGKILL before memory runs out. Growth, not size: the
// process that is leaking is the one to stop, even if a larger one sits still beside it.
// The action record names the real offender ("stop pid 7 (memhog)").
// The same snapshot gives the crash predictor its user-space features (measure_processes):
// page faults since the previous sample and the fastest process's growth.
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
  u64 faults;
};

// One monitor thread samples at a time (monitor.h), so this state needs no lock.
proc::ProcessInfo infos[proc::kMaxProcesses];
Seen history[kWindow][proc::kMaxProcesses];
usize history_n[kWindow];
u64 rounds = 0;
char label[48] = "user space";
u32 chosen_pid = 0;
u64 chosen_rss = 0;

u64 best_growth_pages = 0;

const Seen* seen_then(const Seen* seen, usize n, u32 pid) {
  for (usize i = 0; i < n; ++i)
    if (seen[i].pid == pid) return &seen[i];
  return nullptr;  // it did not exist then: all of it is growth
}

u64 rss_then(const Seen* seen, usize n, u32 pid) {
  const Seen* s = seen_then(seen, n, pid);
  return s ? s->rss_pages : 0;
}

// Snapshots every process, chooses the fastest-growing one and returns the page faults
// resolved since the previous round (a process new since then: all of its faults).
u64 snapshot_round() {
  usize n = proc::process_snapshot(infos, proc::kMaxProcesses);
  usize slot = rounds % kWindow;
  usize prev = (rounds + kWindow - 1) % kWindow;
  u64 new_faults = 0;
  for (usize i = 0; i < n; ++i) {
    const Seen* s = rounds ? seen_then(history[prev], history_n[prev], infos[i].pid) : nullptr;
    u64 before = s ? s->faults : (rounds ? 0 : infos[i].faults);  // first round: no rate yet
    new_faults += infos[i].faults > before ? infos[i].faults - before : 0;
  }
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
  for (usize i = 0; i < n; ++i) history[slot][i] = {infos[i].pid, infos[i].rss_pages, infos[i].faults};
  history_n[slot] = n;
  ++rounds;
  if (!chosen_pid) copy_cstr(label, sizeof(label), "user space");
  best_growth_pages = best_growth;
  return new_faults;
}

// The growth measure_processes() found this sample, in bytes.
u64 measured_growth(void*) { return best_growth_pages * 4096; }

u64 chosen_bytes(void*) { return chosen_rss * 4096; }

void stop_chosen(void*) {
  if (chosen_pid) (void)proc::kill_processes(chosen_pid, proc::linux::SIGKILL);
}

const Consumer process_consumer = {label, chosen_bytes, stop_chosen, nullptr, measured_growth};

}  // namespace

void measure_processes(ProcessReading* out) {
  out->new_faults = snapshot_round();
  out->top_growth_pages = best_growth_pages;
}

void register_process_consumer() { register_consumer(&process_consumer); }

}  // namespace sis::ai
