// PageAllocator: the kernel's page-level interface over one buddy allocator per RAM bank
// (zone). It owns the lock (SMP-ready, interrupt-safe) and routes a block back to the zone
// that contains it. Slab caches and large kmalloc allocations take their pages from here.
// Invariant: zones never overlap; every call that touches a zone holds lock_.
#pragma once
#include "core/spinlock.h"
#include "mm/buddy.h"

namespace sis::mm {

class PageAllocator {
 public:
  static constexpr usize kMaxZones = 4;

  // Adds an initialised buddy allocator as a zone (the caller owns its storage).
  Error add_zone(BuddyAllocator* zone);

  Result<void*> alloc(unsigned order);
  Result<void*> alloc_zeroed(unsigned order);
  // BuddyAllocator::alloc_run in the first zone that has such a run.
  Result<void*> alloc_run(usize blocks);
  FreeFault free(void* block);

  // The zone containing p, or nullptr (a foreign pointer). Zones are fixed after boot, so
  // this needs no lock.
  BuddyAllocator* zone_of(const void* p) const {
    for (usize i = 0; i < nzones_; ++i)
      if (zones_[i]->contains(p)) return zones_[i];
    return nullptr;
  }
  u8 owner(const void* p) const {
    BuddyAllocator* z = zone_of(p);
    return z ? z->owner(p) : 0;
  }
  void set_owner(const void* block, unsigned order, u8 owner);

  // How new pages are cleared (the kernel installs the fastest arch routine).
  using ZeroFn = void (*)(void* p, usize bytes);
  void set_zero_fn(ZeroFn fn) { zero_ = fn; }

  // Statistics summed over zones (a consistent snapshot under the lock).
  BuddyStats stats() const;
  usize zone_count() const { return nzones_; }
  BuddyAllocator* zone(usize i) const { return i < nzones_ ? zones_[i] : nullptr; }
  // Runs check_invariants on every zone under the lock.
  bool check(char* why, usize cap) const;

 private:
  template <typename Take>
  Result<void*> from_first_zone(Take take);  // the first zone's result that is not NoMemory

  BuddyAllocator* zones_[kMaxZones] = {};
  usize nzones_ = 0;
  ZeroFn zero_ = nullptr;
  mutable SpinLock lock_;
};

// The portable plain zeroing loop (8-byte stores), also the host default.
void zero_words(void* p, usize bytes);

}  // namespace sis::mm
