// Out-of-memory kills: see oom.h.
#include "proc/oom.h"

#include "core/klog.h"
#include "lib/string.h"
#include "proc/image_cache.h"
#include "proc/signal.h"

namespace sis::proc {
namespace {
u64 kills = 0;

// The live process with the largest resident set that is not already being killed.
Process* largest_locked(u64* rss_pages) SIS_REQUIRES(process_table_lock) {
  Process* best = nullptr;
  *rss_pages = 0;
  for (usize i = 0; i < kMaxProcesses; ++i) {
    Process* p = process_at(i);
    if (!p || p->state != ProcState::Running || p->oom_killed || !p->as) continue;
    u64 rss = p->as->stats().resident_pages;
    if (!best || rss > *rss_pages) {
      best = p;
      *rss_pages = rss;
    }
  }
  return best;
}

}  // namespace

bool largest_process(LargestProcess* out) {
  SpinLockGuard g(process_table_lock);
  Process* p = largest_locked(&out->rss_pages);
  if (!p) return false;
  out->pid = p->pid;
  memcpy(out->name, p->name, sizeof(out->name));
  return true;
}

void oom_kill_for(Process* faulting) {
  // Cached program pages go first: dropping them kills nobody (the fault then retries).
  if (u64 pages = image_cache_release(); pages > 0) {
    SIS_KLOG(Warn, "proc", "out of memory: dropped the program image cache (%llu KiB) for pid %u",
             static_cast<unsigned long long>(pages * 4), faulting->pid);
    return;
  }
  Process* victim = nullptr;
  u64 victim_rss = 0;
  {
    SpinLockGuard g(process_table_lock);
    victim = largest_locked(&victim_rss);
    if (!victim) {
      victim = faulting;  // everyone else is already on the way out
      victim_rss = faulting->as ? faulting->as->stats().resident_pages : 0;
    }
    victim->oom_killed = true;
  }
  ++kills;
  SIS_KLOG(Error, "proc", "out of memory: killed pid %u (%s, RSS %llu KiB) for pid %u", victim->pid, victim->name,
           static_cast<unsigned long long>(victim_rss * 4), faulting->pid);
  send_signal(victim, linux::SIGKILL);
}

u64 oom_kills() { return kills; }

}  // namespace sis::proc
