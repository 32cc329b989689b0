// Autonomy's lever on user space: "stop the largest consumer" (monitor.h) may choose the user
// process with the largest resident set, the one the out-of-memory killer would choose
// (proc/oom.h), and stops it with SIGKILL before memory runs out. Registered once at boot
// beside the kernel workloads that register themselves, so the action record names the real
// offender ("stop pid 7 (memhog)").
#include "ai/monitor.h"
#include "lib/format.h"
#include "proc/linux_abi.h"
#include "proc/oom.h"
#include "proc/signal.h"

namespace sis::ai {
namespace {

// bytes() remembers whom it measured; the monitor calls stop() right after choosing it.
// One monitor thread samples at a time (monitor.h), so the label needs no lock.
char label[48] = "largest user process";
u32 measured_pid = 0;

u64 largest_bytes(void*) {
  proc::LargestProcess p;
  if (!proc::largest_process(&p)) {
    measured_pid = 0;
    return 0;
  }
  measured_pid = p.pid;
  format(label, sizeof(label), "pid %u (%s)", p.pid, p.name);
  return p.rss_pages * 4096;
}

void stop_largest(void*) {
  if (measured_pid) (void)proc::kill_processes(measured_pid, proc::linux::SIGKILL);
}

const Consumer process_consumer = {label, largest_bytes, stop_largest, nullptr};

}  // namespace

void register_process_consumer() { register_consumer(&process_consumer); }

}  // namespace sis::ai
