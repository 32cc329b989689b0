// The architecture interface: the only door from portable kernel code to the CPU.
// Everything behind it lives in kernel/arch/aarch64/ (system registers, barriers, PSCI).
#pragma once
#include "lib/result.h"

namespace sis::arch {

// Interrupt masking (DAIF.I). irq_save returns the previous state for irq_restore.
void irq_enable();
void irq_disable();
u64 irq_save();
void irq_restore(u64 state);
bool irqs_enabled();

// Sleeps until an interrupt is pending. Call with interrupts masked after checking for work;
// it unmasks them once awake so the handler runs (race-free idle).
void wait_for_interrupt_then_enable();

// Free-running monotonic counter (the generic timer's virtual count) and its frequency.
u64 counter();
u64 counter_frequency();
u64 counter_to_ns(u64 ticks);

// Power control through PSCI (conduit from the device tree). These return only on failure.
void power_off();
void reset();

[[noreturn]] void halt();  // masks interrupts and sleeps forever

// Executes a permanently undefined instruction (tests the exception report).
void execute_undefined_instruction();

// CPU identification for `version`.
u64 cpu_midr();

}  // namespace sis::arch

namespace sis {
class Fdt;
}

namespace sis::arch {

// Identity mappings (VA == PA) added to the kernel's page tables.
Error map_normal(u64 pa, u64 size);  // cacheable RAM
Error map_device(u64 pa, u64 size);  // Device-nGnRE, never executable

// Interrupt controller. Handlers run with interrupts masked, on the interrupted stack.
using IrqHandler = void (*)(void* ctx);
enum class Trigger : u8 { Level, Edge };
Error interrupts_init(const Fdt& fdt);
Error irq_register(u32 intid, Trigger trigger, IrqHandler handler, void* ctx);
// Decodes the index-th entry of a node's "interrupts" property to a GIC INTID and trigger.
Result<u32> dt_interrupt(const Fdt& fdt, u32 node_offset, usize index, Trigger* trigger);
u64 irq_count(u32 intid);

// Periodic tick from the generic timer (virtual timer PPI from the device tree).
Error timer_init(const Fdt& fdt, u32 hz, void (*on_tick)());
u64 timer_ticks();
u32 timer_hz();

// PSCI conduit (hvc or smc) from the device tree's /psci node.
Error psci_init(const Fdt& fdt);
const char* psci_conduit();

}  // namespace sis::arch
