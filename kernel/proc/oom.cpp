// Out-of-memory kills: see oom.h.
#include "proc/oom.h"

#include "core/klog.h"
#include "proc/signal.h"

namespace sis::proc {
namespace {
u64 kills = 0;
}

void oom_kill_for(Process* faulting) {
  Process* victim = nullptr;
  u64 victim_rss = 0;
  {
    SpinLockGuard g(process_table_lock);
    for (usize i = 0; i < kMaxProcesses; ++i) {
      Process* p = process_at(i);
      if (!p || p->state != ProcState::Running || p->oom_killed || !p->as) continue;
      u64 rss = p->as->stats().resident_pages;
      if (!victim || rss > victim_rss) {
        victim = p;
        victim_rss = rss;
      }
    }
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
