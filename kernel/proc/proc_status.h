// The one writer of process accounting as JSON (kernel only), so that `procctl list --json`,
// the control port's proc.list and the `proc` metrics group say the same things with the
// same names (docs/protocol.md, "proc.list" and section 5).
#pragma once
#include "lib/json_output.h"

namespace sis::proc {

struct ProcessInfo;

// "running", "stopped" (by a job-control signal) or "zombie".
const char* process_state_name(const ProcessInfo& p);

// Members "processes" (one object per process: pid, ppid, pgid, sid, tid, state, name,
// cmdline, rss_kib, peak_rss_kib, cpu_ns, syscalls, faults, cow_copies), "user_pages",
// "shared_pages", "cow" (shared_at_fork, copied, saved_kib) and "image_cache" (entries,
// pages: part of user_pages; hits, misses, pages_mapped), into an open object.
void write_process_list(JsonWriter& w);

// The `proc` metrics group's members: processes, zombies, user_bytes, shared_bytes,
// cow_shared_pages, cow_copied_pages, and "top": up to kTopProcesses objects (pid, name,
// rss_bytes, cpu_ns, faults, syscalls), largest resident set first.
constexpr usize kTopProcesses = 5;
void write_proc_metrics(JsonWriter& w);

}  // namespace sis::proc
