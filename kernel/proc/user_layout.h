// Where things live in a process's address space. The kernel shares the lower half with
// user space: its identity map (devices from 0x0800'0000, RAM from 0x4000'0000, PCI windows)
// fills level-0 slot 0 and slot 1, its guarded stacks slot 224 (mm/kernel_stack.h). Those
// pages are global and EL1-only, so EL0 can never reach them; user mappings go around them:
//
//   [kExecLow, kExecHigh)        non-PIE executables (ET_EXEC, linked at 0x40'0000) and their
//                                brk heap; the first 64 KiB stay unmapped (NULL is a fault)
//   [kPieBase, ...)              static-pie executables (ET_DYN) are loaded at kPieBase, and
//                                their brk heap follows the image
//   [kMmapLow, kMmapHigh)        mmap(2) without MAP_FIXED, handed out top-down
//   [kStackTop - kStackMax, kStackTop)  the main thread's stack, grown on demand, a guard
//                                page below its limit
#pragma once
#include "lib/types.h"

namespace sis::proc {

constexpr u64 kUserPage = 4096;
constexpr u64 kExecLow = 0x10000;                    // 64 KiB
constexpr u64 kExecHigh = 0x0800'0000;               // 128 MiB: the first device window
constexpr u64 kPieBase = 0x0000'0100'0000'0000;      // 1 TiB (level-0 slot 2)
constexpr u64 kPieHigh = 0x0000'0200'0000'0000;      // image + brk of a static-pie end here
constexpr u64 kMmapLow = 0x0000'0200'0000'0000;
constexpr u64 kMmapHigh = 0x0000'6f00'0000'0000;     // below the kernel stacks (slot 224)
constexpr u64 kStackTop = 0x0000'7fff'ffff'0000;     // slot 255
constexpr u64 kStackMax = 8ull << 20;                // RLIMIT_STACK's usual 8 MiB
constexpr u64 kUserTop = 0x0000'8000'0000'0000;

// Whether [va, va + len) is a range user mappings may use (not the kernel's slots).
constexpr bool user_range_ok(u64 va, u64 len) {
  if (len == 0 || va + len < va) return false;
  u64 end = va + len;
  if (va >= kExecLow && end <= kExecHigh) return true;
  if (va >= kPieBase && end <= kMmapHigh) return true;
  if (va >= kStackTop - kStackMax - kUserPage && end <= kStackTop) return true;
  return false;
}

}  // namespace sis::proc
