// Host definitions of the hardware edge (see kernel_edge.h).
#include "host/kernel_edge.h"

#include <stdlib.h>

#include "arch/arch.h"
#include "control/control_port.h"
#include "sched/background.h"
#include "drivers/virtio/virtio_blk.h"
#include "mm/kernel_memory.h"
#include "sched/accounting.h"
#include "sched/sched_status.h"
#include "sched/scheduler.h"

// No model is built into a host binary: both spans are empty.
asm(".pushsection .rodata\n"
    ".globl sis_llm_builtin_model\n.globl sis_llm_builtin_model_end\n"
    ".globl sis_llm_builtin_adapter\n.globl sis_llm_builtin_adapter_end\n"
    "sis_llm_builtin_model:\nsis_llm_builtin_model_end:\n"
    "sis_llm_builtin_adapter:\nsis_llm_builtin_adapter_end:\n"
    ".popsection\n");

namespace sis {
namespace {

u64 fake_counter = 0;
int scheduled_crash = -1;
void (*jobs[8])() = {};
usize njobs = 0;

}  // namespace

namespace arch {
u64 counter() { return fake_counter += 1000000; }  // 1 ms per read, in 1 GHz ticks
u64 counter_frequency() { return 1000000000; }
u64 counter_to_ns(u64 ticks) { return ticks; }
}  // namespace arch

namespace background {
void add(void (*fn)(), bool) {
  if (njobs < 8) jobs[njobs++] = fn;
}
void run() {
  for (usize i = 0; i < njobs; ++i) jobs[i]();
}
void start() {}
void kick() {}
void lock_commands() {}
void unlock_commands() {}
}  // namespace background

namespace control {
void schedule_crash(CrashKind kind) { scheduled_crash = static_cast<int>(kind); }
}  // namespace control

namespace mm {
namespace {
struct HostKernelMemory {
  static constexpr usize kBytes = 16u << 20;
  BuddyAllocator zone;
  PageAllocator pages;
  Heap heap;
  HostKernelMemory() {
    void* mem = aligned_alloc(4u << 20, kBytes);
    usize meta_bytes = BuddyAllocator::metadata_bytes(kBytes);
    void* meta = malloc(meta_bytes);
    if (!mem || !meta) abort();
    MUST(zone.init(mem, 0x40000000, kBytes, meta, meta_bytes));
    zone.add_free_range(0x40000000, kBytes);
    MUST(pages.add_zone(&zone));
    MUST(heap.init(&pages, false));
  }
};
HostKernelMemory& host_memory() {
  static HostKernelMemory m;
  return m;
}
}  // namespace
PageAllocator& kernel_pages() { return host_memory().pages; }
Heap& heap() { return host_memory().heap; }
const BootReservations& boot_reservations() {
  static BootReservations r = [] {
    BootReservations b;
    b.total_ram = HostKernelMemory::kBytes;  // the host buffer is all the "RAM" there is
    return b;
  }();
  return r;
}
}  // namespace mm

namespace sched {
bool started() { return false; }
CpuInfo cpu_info() { return CpuInfo{}; }
LatencySummary active_wake_window(u32*) { return {0, 0, 0}; }  // no scheduler: no wake-ups
}  // namespace sched

namespace virtio {
usize blk_count() { return 0; }
Blk* blk_at(usize) { return nullptr; }
}  // namespace virtio

namespace host_edge {
int take_scheduled_crash() {
  int k = scheduled_crash;
  scheduled_crash = -1;
  return k;
}
usize background_jobs() { return njobs; }
}  // namespace host_edge

}  // namespace sis
