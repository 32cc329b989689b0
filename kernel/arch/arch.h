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

// Threads (kernel/sched builds on these; implemented in arch/aarch64/context.S and thread.cpp).
// A ThreadContext holds what a voluntary call to context_switch must preserve: the
// callee-saved registers x19-x28, the frame pointer, the return address and sp. Everything
// else is either caller-saved (the compiler spilled it) or in an exception's TrapFrame.
struct ThreadContext {
  u64 x19_x28[10];
  u64 fp;  // x29
  u64 lr;  // x30: where context_switch "returns" to in this thread
  u64 sp;
};
// FP/SIMD register file: q0-q31, FPSR, FPCR (528 bytes, 16-byte aligned for stp q).
struct alignas(16) FpState {
  u64 q[64];
  u64 fpsr;
  u64 fpcr;
};
static_assert(sizeof(ThreadContext) == 13 * 8 && sizeof(FpState) == 528);

// Prepares a context that starts entry(arg) on a fresh stack (interrupts masked; the entry
// function must unmask them). entry must never return.
void context_init(ThreadContext* ctx, u64 stack_top, void (*entry)(void*), void* arg);
// Saves the caller's callee-saved state into prev and resumes next. Returns when some other
// thread switches back to prev. Call with interrupts masked.
void context_switch(ThreadContext* prev, const ThreadContext* next);
// This CPU's current thread (TPIDR_EL1), opaque to arch code.
void set_current_thread(void* t);
void* current_thread();
u32 cpu_id();  // index of this CPU (0 on a single CPU)

// FP/SIMD: save/restore the live register file, and trap (or not) the next FP/SIMD
// instruction at EL1 (CPACR_EL1.FPEN). A trapped access calls the FP trap handler (with
// interrupts masked), which must allow access before returning; the instruction then reruns.
void fp_save(FpState* s);
void fp_restore(const FpState* s);
void fp_set_access(bool allowed);
bool fp_access_allowed();
void set_fp_trap_handler(void (*handler)());
// Writes/reads a pattern in all 32 vector registers (checks that a context switch keeps them):
// fp_fill sets q_i = {seed + i, ~(seed + i)}; fp_check returns how many registers differ.
void fp_fill(u64 seed);
u32 fp_check(u64 seed);
void fp_touch(u64 v);  // one FP/SIMD instruction (a lazy-switching trap if not the owner)

// A fine-grained cycle counter for short latencies (the scheduler's pick-next time): the
// PMU cycle counter PMCCNTR_EL0 when there is a PMU (1 GHz of virtual time under QEMU TCG),
// else the generic counter. cycles_to_ns uses a rate measured against the generic counter
// since cycles_init.
void cycles_init();
u64 cycles();
u64 cycles_to_ns(u64 c);

// PMU event counting (arch/aarch64/pmu.cpp): instructions retired on event counter 0,
// extended to 64 bits in software (read it at least every few seconds). The event is used
// only if PMCEID0_EL0 says it is implemented and a test loop makes the counter move (QEMU
// TCG counts instructions only with -icount).
struct PmuInfo {
  u32 version;    // ID_AA64DFR0_EL1.PMUVer (0: no PMU)
  u32 counters;   // event counters (PMCR_EL0.N)
  u64 ceid0;      // PMCEID0_EL0: common events implemented
  bool inst_retired_implemented;
};
PmuInfo pmu_info();
bool instructions_init();      // true when instructions are counted
bool instructions_counted();
u64 instructions();            // 0 when not counted
u64 instructions_probe_raw();  // counter delta over a 10,000-iteration loop (diagnostics)

// Called on the way out of every IRQ exception, after the handler and the EOI, still with
// interrupts masked and on the interrupted thread's stack: the scheduler preempts here.
void set_irq_exit_hook(void (*hook)());

// An exception the kernel cannot handle, described for the panic report. arch decodes it (only
// arch knows ESR); the handler above it (core's panic path, installed by kmain) prints it and
// stops. Without a handler the CPU halts.
struct FatalException {
  const char* title;      // "unexpected Synchronous (EL1h) exception: data abort, same EL"
  const char* status;     // ESR decoded, and FAR: lines ending in '\n'
  const char* registers;  // SPSR, SP and x0..x30: lines ending in '\n'
  u64 elr;                // where it happened
  u64 lr;
  uptr frame_record;      // the frame record linking the exception to the interrupted code
};
void set_fatal_exception_handler(void (*handler)(const FatalException& e));
}  // namespace sis::arch

namespace sis {
class Fdt;
}

namespace sis::arch {

// Identity mappings (VA == PA) added to the kernel's page tables in 2 MiB blocks.
Error map_normal(u64 pa, u64 size);  // cacheable RAM, never executable
Error map_device(u64 pa, u64 size);  // Device-nGnRE, never executable

// Page-granular (4 KiB) mappings: guarded kernel stacks now, user address spaces later.
// The kernel image itself is mapped page by page at boot: text RX, rodata R, data/bss RW+XN.
enum MapFlags : u32 { kMapRead = 1, kMapWrite = 2, kMapExec = 4, kMapUser = 8, kMapDevice = 16 };
struct PageTable {
  u64* root = nullptr;  // level-0 table (identity-mapped, so its address is also physical)
  u16 asid = 0;         // user address spaces: their TLB tag (0 for the kernel's table)
};
struct Translation {
  u64 pa = 0;
  u32 flags = 0;       // MapFlags
  bool guard = false;  // an unmapped guard page (pa and flags are 0)
};
PageTable kernel_page_table();
// An empty table for a new address space; destroy frees its table pages (not mapped frames).
Result<PageTable> create_page_table();
void destroy_page_table(PageTable t);
// Maps [va, va+size) to [pa, pa+size); Exists (and nothing changes) if any page is mapped.
Error map_pages(PageTable t, u64 va, u64 pa, u64 size, u32 flags);
Error unmap_pages(PageTable t, u64 va, u64 size);
// Marks a page as a guard: unmapped, and refused by map_pages until cleared.
Error set_guard_page(PageTable t, u64 va);
Error clear_guard_page(PageTable t, u64 va);
// NoEntry when unmapped (a guard page is reported as Translation::guard).
Result<Translation> translate(PageTable t, u64 va);
// Where new table pages come from once the page allocator runs (a static pool before).
void set_page_table_allocator(void* (*alloc)(), void (*free)(void*));
usize page_table_pool_used();

// --- User address spaces (EL0) ---
// A user table shares the kernel's global, EL1-only mappings (so the kernel runs on any
// table) and adds the process's own pages, tagged with an ASID (8-bit: 255 user spaces).
// The kernel's level-0 slots other than slot 0 are shared by pointer; slot 0 (devices,
// RAM, and non-PIE executables at 0x40'0000) gets private level-1 and level-2 copies for
// its first GiB, taken when the table is made: kernel mappings there must all exist before
// the first process (boot maps them). destroy frees only the private tables.
Result<PageTable> create_user_page_table();
void destroy_user_page_table(PageTable t);
// Changes the permissions of a mapped page (copy-on-write); NoEntry if it is not mapped.
Error protect_page(PageTable t, u64 va, u32 flags);
// Makes t the table EL0 (and the kernel's low half) translates through on this CPU.
void activate_page_table(PageTable t);
PageTable active_page_table();

// --- User mode ---
struct TrapFrame;  // arch/aarch64/trap_frame.h: the registers an exception saved

// Why an EL0 program stopped in the kernel (other than an interrupt).
enum class UserTrap : u8 {
  Syscall,           // SVC: x8 = number, x0..x5 = arguments, x0 = result
  DataAbort,         // addr = the faulting address
  InstructionAbort,  // addr = the faulting address
  Undefined,         // an undefined or trapped instruction
  PcAlignment,
  SpAlignment,
  Breakpoint,        // BRK
  Other,
};
struct UserException {
  UserTrap trap;
  u64 addr;          // FAR for aborts, else the PC
  bool write;        // data aborts: a write
  bool permission;   // aborts: the page is mapped but the access is not allowed
  bool alignment;    // data aborts: an alignment fault
  u64 esr;
};
// Called with interrupts masked, on the thread's kernel stack, with the frame that returns
// to EL0. `trap` handles system calls and faults; `leaving` runs last before every return
// to EL0 (signal delivery). Installed once by proc.
struct UserHooks {
  void (*trap)(TrapFrame* frame, const UserException& e);
  void (*leaving)(TrapFrame* frame);
};
void set_user_hooks(const UserHooks& hooks);
// Starts (or resumes) EL0 from a frame at the top of the current kernel stack; interrupts
// masked. Never returns: the next time this thread is in the kernel is a trap.
[[noreturn]] void enter_user(TrapFrame* frame);
// A frame that enters EL0 at pc with sp (AArch64, EL0t, interrupts unmasked).
void init_user_frame(TrapFrame* frame, u64 pc, u64 sp);
// x0..x30, sp, pc of a user frame (proc reads them without knowing the layout).
u64& user_reg(TrapFrame* frame, unsigned n);
u64& user_sp(TrapFrame* frame);
u64& user_pc(TrapFrame* frame);
u64& user_pstate(TrapFrame* frame);
// EL0's thread pointer (TPIDR_EL0: glibc's TLS), switched with the thread.
u64 user_tls();
void set_user_tls(u64 v);
// Linux's AT_HWCAP / AT_HWCAP2 bits for this CPU (from the ID registers).
u64 user_hwcap();
u64 user_hwcap2();
// Sets up what EL0 may do (cache-type and DC ZVA access, the virtual counter, WFI/WFE) and
// turns PAN on when the CPU has it (ARMv8.1): the kernel then cannot touch user pages by
// their user address at all (it copies through its own mapping). Returns whether PAN is on.
bool user_mode_init();
// Makes instructions written through the kernel's mapping visible to instruction fetch
// (a loaded program's text, the sigreturn trampoline): clean D-cache, invalidate I-cache.
void sync_icache(const void* p, usize n);
bool pan_enabled();

// Page zeroing (p and bytes multiples of 64). The plain loop is portable (mm::zero_words);
// these are the arch-specific paths that `bench alloc` compares against it.
// zero_neon stores q registers with interrupts masked and restores the two v registers it
// uses, so no FP/SIMD state is ever observed to change (the kernel is otherwise built with
// -mgeneral-regs-only and never saves FP/SIMD state on interrupts).
void zero_neon(void* p, usize bytes);
void zero_dczva(void* p, usize bytes);  // DC ZVA cache-block zeroing (falls back to stores)

// Interrupt controller. Handlers run with interrupts masked, on the interrupted stack.
using IrqHandler = void (*)(void* ctx);
enum class Trigger : u8 { Level, Edge };
Error interrupts_init(const Fdt& fdt);
Error irq_register(u32 intid, Trigger trigger, IrqHandler handler, void* ctx);
// Decodes the index-th entry of a node's "interrupts" property to a GIC INTID and trigger.
Result<u32> dt_interrupt(const Fdt& fdt, u32 node_offset, usize index, Trigger* trigger);
u64 irq_count(u32 intid);

// Message-signalled interrupts through the GICv3 ITS (PCI MSI-X). msi_allocate maps
// (device id = PCI requester id, event id) to a new LPI and returns what the device must
// write where. Handlers run like any other interrupt handler.
struct MsiTarget {
  u64 address;  // doorbell (GITS_TRANSLATER)
  u32 data;     // the event id
  u32 intid;    // the LPI
};
Error msi_init(const Fdt& fdt);
bool msi_available();
Result<MsiTarget> msi_allocate(u32 device_id, u32 event_id, IrqHandler handler, void* ctx);
u64 msi_count(u32 intid);

// Periodic tick from the generic timer (virtual timer PPI from the device tree).
Error timer_init(const Fdt& fdt, u32 hz, void (*on_tick)());
u64 timer_ticks();
u32 timer_hz();

// PSCI conduit (hvc or smc) from the device tree's /psci node.
Error psci_init(const Fdt& fdt);
const char* psci_conduit();

}  // namespace sis::arch
