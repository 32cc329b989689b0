// Guarded kernel stacks: see kernel_stack.h.
#include "mm/kernel_stack.h"

#include "arch/arch.h"
#include "core/spinlock.h"
#include "mm/kernel_memory.h"

namespace sis::mm {
namespace {

SpinLock lock;
u64 slot_bits[kMaxKernelStacks / 64] SIS_GUARDED_BY(lock);
u32 in_use SIS_GUARDED_BY(lock) = 0;

unsigned order_for(u64 bytes) {
  unsigned order = 0;
  while ((kPageSize << order) < bytes) ++order;
  return order;
}

}  // namespace

Result<KernelStack> alloc_kernel_stack(u64 bytes) {
  if (bytes == 0 || bytes > 64 * 1024) return Error::Invalid;
  unsigned order = order_for(bytes);
  u32 slot = kMaxKernelStacks;
  {
    SpinLockGuard g(lock);
    for (u32 w = 0; w < kMaxKernelStacks / 64 && slot == kMaxKernelStacks; ++w)
      if (~slot_bits[w]) {
        slot = w * 64 + static_cast<u32>(__builtin_ctzll(~slot_bits[w]));
        slot_bits[w] |= 1ull << (slot & 63);
        ++in_use;
      }
  }
  if (slot == kMaxKernelStacks) return Error::NoSpace;
  auto release_slot = [&] {
    SpinLockGuard g(lock);
    slot_bits[slot / 64] &= ~(1ull << (slot & 63));
    --in_use;
  };
  auto pages = kernel_pages().alloc(order);
  if (!pages.ok()) {
    release_slot();
    return pages.error();
  }
  KernelStack s;
  s.slot = slot;
  s.guard = kStackRegionBase + u64{slot} * kStackSlotBytes;
  s.bottom = s.guard + kPageSize;
  s.top = s.bottom + (kPageSize << order);
  s.pages = pages.value();
  arch::PageTable kt = arch::kernel_page_table();
  u64 pa = kernel_pages().zone_of(s.pages)->phys_of(s.pages);
  Error e = arch::set_guard_page(kt, s.guard);
  if (e == Error::Ok) e = arch::map_pages(kt, s.bottom, pa, kPageSize << order, arch::kMapRead | arch::kMapWrite);
  if (e != Error::Ok) {
    kernel_pages().free(s.pages);
    release_slot();
    return e;
  }
  return s;
}

Error free_kernel_stack(const KernelStack& s) {
  if (s.slot >= kMaxKernelStacks || s.guard != kStackRegionBase + u64{s.slot} * kStackSlotBytes) return Error::Invalid;
  arch::PageTable kt = arch::kernel_page_table();
  arch::unmap_pages(kt, s.bottom, s.top - s.bottom);
  kernel_pages().free(s.pages);
  SpinLockGuard g(lock);
  slot_bits[s.slot / 64] &= ~(1ull << (s.slot & 63));
  --in_use;
  return Error::Ok;
}

u32 kernel_stacks_in_use() {
  SpinLockGuard g(lock);
  return in_use;
}

}  // namespace sis::mm
