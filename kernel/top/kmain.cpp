// kmain: brings the machine up in dependency order, each step driven by the device tree,
// then hands the CPU to the UART shell. Any step that fails says which and why.
#include "arch/arch.h"
#include "control/control_port.h"
#include "proc/console_tty.h"
#include "proc/syscall.h"
#include "sched/background.h"
#include "core/boot_info.h"
#include "core/console.h"
#include "core/klog.h"
#include "core/memory_map.h"
#include "core/panic.h"
#include "core/version.h"
#include "drivers/devices.h"
#include "drivers/pl011.h"
#include "fs/fs_boot.h"
#include "mm/kernel_memory.h"
#include "net/net_kernel.h"
#include "sched/scheduler.h"
#include "ai/ai_sched.h"
#include "top/background_jobs.h"
#include "shell/cancel.h"
#include "shell/uart_shell.h"

namespace sis {
namespace {

Pl011 uart;

void uart_write(void* ctx, const char* s, usize n) { static_cast<Pl011*>(ctx)->write(s, n); }
void uart_write_polled(void* ctx, const char* s, usize n) { static_cast<Pl011*>(ctx)->write_polled(s, n); }
bool uart_read(void* ctx, char* c) { return static_cast<Pl011*>(ctx)->read(c); }

// 1 kHz: the scheduler's slices (0.75-6 ms) and sleeps are measured in ticks.
constexpr u32 kTickHz = 1000;

void check(Error e, const char* step) {
  if (e != Error::Ok) panic("boot: %s failed: %s", step, error_name(e));
}

}  // namespace
}  // namespace sis

extern "C" void (*__init_array_start[])();
extern "C" void (*__init_array_end[])();

extern "C" [[noreturn]] void kmain(const sis::u8* dtb) {
  using namespace sis;
  boot_info::set_entry_counter(arch::counter());
  for (auto* f = __init_array_start; f != __init_array_end; ++f) (*f)();
  arch::set_fatal_exception_handler(panic_fatal_exception);
  top::register_background_jobs();

  // Without a valid device tree there is no way to find a console: park quietly.
  auto fdt = Fdt::open(dtb, 2u << 20);
  if (!fdt.ok()) arch::halt();
  boot_info::set_fdt(fdt.value());

  if (uart.init(fdt.value()) != Error::Ok) arch::halt();
  console::attach({uart_write, uart_write_polled, uart_read, &uart});

  check(memory_map::init(fdt.value(), reinterpret_cast<u64>(dtb)), "memory discovery");
  for (usize i = 0; i < memory_map::bank_count(); ++i) {
    auto b = memory_map::bank(i);
    check(arch::map_normal(b.base, b.size), "mapping RAM");
  }
  check(mm::init_kernel_memory(), "memory allocator init");
  check(arch::interrupts_init(fdt.value()), "GICv3 init");
  check(arch::timer_init(fdt.value(), kTickHz, sched::timer_tick), "timer init");
  check(uart.enable_interrupts(fdt.value()), "UART interrupts");
  uart.set_rx_notify(shell::console_input_ready);
  uart.set_rx_filter(shell::console_interrupt_filter);  // Ctrl-C reaches a running command
  shell::set_cancel_clock([] { return arch::counter_to_ns(arch::counter()); });
  Error psci = arch::psci_init(fdt.value());
  kprintf("\nSIS %s (%s) on %s\n", SIS_VERSION, SIS_GIT, boot_info::machine_model());
  kprintf("RAM %llu MiB, GICv3, timer %u Hz, PSCI %s\n",
          static_cast<unsigned long long>(memory_map::total_ram() >> 20), arch::timer_hz(),
          psci == Error::Ok ? arch::psci_conduit() : "unavailable");
  arch::irq_enable();  // drivers wait for their devices' interrupts from here on
  devices::init(fdt.value());
  // The control port runs over virtio-console, found by the PCI probe above.
  Error ctl = control::init();
  if (ctl == Error::Ok) SIS_KLOG(Info, "control", "virtio-console port org.sis.control ready");
  else if (ctl != Error::NoEntry) SIS_KLOG(Error, "control", "%s", error_name(ctl));
  Error net = net::init();  // the first virtio-net device, if the launcher added one
  if (net != Error::Ok && net != Error::NoEntry) SIS_KLOG(Error, "net", "%s", error_name(net));

  // From here on the boot context is the shell thread, preempted by the tick like any other.
  check(sched::start(), "scheduler start");
  ai::register_transformer_policy();  // every policy exists before the first command
  check(proc::proc_init(), "user processes init");
  check(proc::console_tty_init(), "console tty init");

  fs::mount_root();  // the first disk as ext4 on / (journal replayed if needed), else ramfs
  // Background jobs and the control port start once / is there, so a host never sees a
  // kernel without its file system.
  background::start();
  control::start();  // the control port's own threads (a long command never starves it)
  if (net == Error::Ok) check(net::start(), "network thread");
  shell::run_uart_shell();
}
