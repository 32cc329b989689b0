// PageAllocator: zones + lock over BuddyAllocator. See page_allocator.h.
#include "mm/page_allocator.h"

#include "lib/format.h"

namespace sis::mm {

// no_builtin: the compiler must not turn this loop into a call to memset (the kernel's is
// a byte loop); it stays plain 8-byte stores, which clang pairs into `stp xzr, xzr`.
#if defined(__clang__)
#define SIS_NO_MEMSET_CALL __attribute__((no_builtin("memset")))
#else
#define SIS_NO_MEMSET_CALL
#endif
SIS_NO_MEMSET_CALL void zero_words(void* p, usize bytes) {
  auto* w = static_cast<u64*>(p);
  for (usize i = 0; i < bytes / 8; ++i) w[i] = 0;
}

Error PageAllocator::add_zone(BuddyAllocator* zone) {
  SpinLockGuard g(lock_);
  if (nzones_ == kMaxZones) return Error::NoSpace;
  for (usize i = 0; i < nzones_; ++i) {
    u8* a = zones_[i]->base();
    u8* b = zone->base();
    if (a < b + (zone->page_count() << kPageShift) && b < a + (zones_[i]->page_count() << kPageShift))
      return Error::Exists;
  }
  zones_[nzones_++] = zone;
  return Error::Ok;
}

template <typename Take>
Result<void*> PageAllocator::from_first_zone(Take take) {
  SpinLockGuard g(lock_);
  Result<void*> r = Error::NoMemory;
  for (usize i = 0; i < nzones_; ++i) {
    r = take(*zones_[i]);
    if (r.ok() || r.error() != Error::NoMemory) return r;
  }
  return r;
}

Result<void*> PageAllocator::alloc(unsigned order) {
  return from_first_zone([order](BuddyAllocator& z) { return z.alloc(order); });
}

Result<void*> PageAllocator::alloc_run(usize blocks) {
  return from_first_zone([blocks](BuddyAllocator& z) { return z.alloc_run(blocks); });
}

Result<void*> PageAllocator::alloc_zeroed(unsigned order) {
  auto r = alloc(order);
  if (r.ok()) (zero_ ? zero_ : zero_words)(r.value(), kPageSize << order);
  return r;
}

FreeFault PageAllocator::free(void* block) {
  BuddyAllocator* z = zone_of(block);
  if (!z) return FreeFault::OutOfRange;
  SpinLockGuard g(lock_);
  return z->free(block);
}

void PageAllocator::set_owner(const void* block, unsigned order, u8 owner) {
  BuddyAllocator* z = zone_of(block);
  if (!z) return;
  SpinLockGuard g(lock_);
  z->set_owner(block, order, owner);
}

BuddyStats PageAllocator::stats() const {
  SpinLockGuard g(lock_);
  BuddyStats s;
  for (usize i = 0; i < nzones_; ++i) {
    const BuddyStats& z = zones_[i]->stats();
    s.managed_pages += z.managed_pages;
    s.free_pages += z.free_pages;
    for (unsigned k = 0; k < BuddyStats::kOrders; ++k) {
      s.free_blocks[k] += z.free_blocks[k];
      s.allocs[k] += z.allocs[k];
      s.frees[k] += z.frees[k];
    }
    s.splits += z.splits;
    s.merges += z.merges;
    s.failures += z.failures;
  }
  return s;
}

bool PageAllocator::check(char* why, usize cap) const {
  SpinLockGuard g(lock_);
  for (usize i = 0; i < nzones_; ++i)
    if (!zones_[i]->check_invariants(why, cap)) return false;
  return true;
}

}  // namespace sis::mm
