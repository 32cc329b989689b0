// Process accounting as JSON (proc_status.h).
#include "proc/proc_status.h"

#include "proc/address_space.h"
#include "proc/frames.h"
#include "proc/image_cache.h"
#include "proc/process.h"
#include "sched/mutex.h"

namespace sis::proc {
namespace {

// One snapshot buffer (64 entries, ~24 KiB: too big for a kernel stack), shared by the
// writers under a sleeping lock: they run in thread context (commands, the metrics job).
sched::Mutex snapshot_lock;
ProcessInfo infos[kMaxProcesses];

}  // namespace

const char* process_state_name(const ProcessInfo& p) {
  return p.state != ProcState::Running ? "zombie" : p.stopped ? "stopped" : "running";
}

void write_process_list(JsonWriter& w) {
  sched::MutexGuard g(snapshot_lock);
  usize n = process_snapshot(infos, kMaxProcesses);
  w.key("processes").begin_array();
  for (usize i = 0; i < n; ++i) {
    const ProcessInfo& p = infos[i];
    w.begin_object().kv_uint("pid", p.pid).kv_uint("ppid", p.ppid).kv_uint("pgid", p.pgid).kv_uint("sid", p.sid);
    w.kv_uint("tid", p.tid).kv("state", process_state_name(p));
    w.kv("name", StrView(p.name)).kv("cmdline", StrView(p.cmdline)).kv_uint("rss_kib", p.rss_pages * 4);
    w.kv_uint("peak_rss_kib", p.peak_rss_pages * 4).kv_uint("cpu_ns", p.cpu_ns).kv_uint("syscalls", p.syscalls);
    w.kv_uint("faults", p.faults).kv_uint("cow_copies", p.cow_copies).end_object();
  }
  w.end_array();
  FrameStats fs = frame_stats();
  CowTotals cow = cow_totals();
  w.kv_uint("user_pages", fs.in_use).kv_uint("shared_pages", fs.shared);
  w.key("cow").begin_object().kv_uint("shared_at_fork", cow.shared_at_fork).kv_uint("copied", cow.copied);
  w.kv_uint("saved_kib", cow.saved_pages() * 4).end_object();
  ImageCacheStats ic = image_cache_stats();
  w.key("image_cache").begin_object().kv_uint("entries", ic.entries).kv_uint("pages", ic.pages);
  w.kv_uint("hits", ic.hits).kv_uint("misses", ic.misses).kv_uint("pages_mapped", ic.pages_mapped).end_object();
}

void write_proc_metrics(JsonWriter& w) {
  sched::MutexGuard g(snapshot_lock);
  usize n = process_snapshot(infos, kMaxProcesses);
  usize zombies = 0;
  for (usize i = 0; i < n; ++i) zombies += infos[i].state != ProcState::Running;
  FrameStats fs = frame_stats();
  CowTotals cow = cow_totals();
  w.kv_uint("processes", n).kv_uint("zombies", zombies);
  w.kv_uint("user_bytes", fs.in_use * 4096).kv_uint("shared_bytes", fs.shared * 4096);
  w.kv_uint("cow_shared_pages", cow.shared_at_fork).kv_uint("cow_copied_pages", cow.copied);
  // The largest resident sets, by selection (n <= 64, top <= 5).
  bool taken[kMaxProcesses] = {};
  w.key("top").begin_array();
  for (usize k = 0; k < kTopProcesses; ++k) {
    usize best = n;
    for (usize i = 0; i < n; ++i)
      if (!taken[i] && infos[i].state == ProcState::Running && (best == n || infos[i].rss_pages > infos[best].rss_pages))
        best = i;
    if (best == n) break;
    taken[best] = true;
    const ProcessInfo& p = infos[best];
    w.begin_object().kv_uint("pid", p.pid).kv("name", StrView(p.name)).kv_uint("rss_bytes", p.rss_pages * 4096);
    w.kv_uint("cpu_ns", p.cpu_ns).kv_uint("faults", p.faults).kv_uint("syscalls", p.syscalls).end_object();
  }
  w.end_array();
}

}  // namespace sis::proc
