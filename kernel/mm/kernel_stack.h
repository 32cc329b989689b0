// Guarded kernel stacks (kernel only). Each stack lives in its own slot of a dedicated
// virtual region above all RAM and devices: the lowest page of the slot is a guard page
// (never mapped), the stack pages above it are mapped read-write, never executable, to
// physically contiguous pages from the buddy allocator. Running off the bottom of a stack
// therefore faults at the guard page instead of corrupting a neighbour. The boot stack has
// the same protection through the linker script (__boot_stack_guard).
#pragma once
#include "lib/result.h"

namespace sis::mm {

struct KernelStack {
  u64 guard = 0;   // virtual address of the guard page
  u64 bottom = 0;  // lowest usable address (guard + 4 KiB)
  u64 top = 0;     // initial stack pointer (exclusive end, 16-byte aligned)
  void* pages = nullptr;  // the backing block (identity-mapped view)
  u32 slot = 0;
};

constexpr u64 kStackRegionBase = 0x0000700000000000ull;
constexpr u64 kStackSlotBytes = 128 * 1024;  // guard + up to 124 KiB of stack
constexpr u32 kMaxKernelStacks = 1024;

// `bytes` is rounded up to a power-of-two number of pages (at most 64 KiB).
Result<KernelStack> alloc_kernel_stack(u64 bytes);
Error free_kernel_stack(const KernelStack& stack);
u32 kernel_stacks_in_use();

}  // namespace sis::mm
