// Out of memory in user space: a page fault that cannot get a page kills a process instead
// of failing the kernel. The victim is the process with the largest resident set (it frees
// the most; Linux's choice too, without its adjustments); the faulting process then retries
// its fault. If every candidate is already dying, the faulting process itself is killed.
// Each kill is reported in the kernel log with both processes and the victim's RSS.
#pragma once
#include "proc/process.h"

namespace sis::proc {
void oom_kill_for(Process* faulting);
u64 oom_kills();

// The process the killer would choose now (autonomy's "stop the largest consumer" asks).
struct LargestProcess {
  u32 pid = 0;
  char name[16] = {};
  u64 rss_pages = 0;
};
bool largest_process(LargestProcess* out);
}  // namespace sis::proc
