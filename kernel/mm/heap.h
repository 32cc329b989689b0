// Heap: the kernel's general-purpose allocator front-end (kmalloc/kfree, operator new).
// Requests up to kMaxSmall bytes go to the slab cache of the next power-of-two size class
// (16..2048 bytes); larger ones take 2^order whole pages from the PageAllocator, and more
// than one 4 MiB block takes a run of adjacent blocks (kMaxRun at most). kfree needs
// no size: the owner tag of the pointer's page names the slab cache, and a page without one
// must be the start of an allocated buddy block. Anything else (a pointer outside RAM, into
// the middle of a block, or freed twice) is reported through report_fault, which panics in
// the kernel. Named caches for fixed-size kernel objects live in the same registry.
#pragma once
#include "lib/new.h"
#include "mm/slab.h"

// Use-after-free poisoning is on unless the build says otherwise (it costs a fill on free
// and a check on allocation; `memctl debug off` switches it off at run time).
#ifndef SIS_MM_POISON_DEFAULT
#define SIS_MM_POISON_DEFAULT true
#endif

namespace sis::mm {

class Heap {
 public:
  static constexpr usize kMaxCaches = 32;  // size classes + named caches (owner tags 1..32)
  static constexpr usize kClassCount = 8;  // 16, 32, ..., 2048
  static constexpr usize kMinSmall = 16;
  static constexpr usize kMaxSmall = 2048;
  // The largest allocation: a run of 4 MiB blocks, 128 MiB in all (half the default 256 MiB
  // guest). In practice a run needs that many adjacent free blocks (`memctl stats`).
  static constexpr usize kMaxRunBlocks = 32;
  static constexpr usize kMaxAlloc = kMaxRunBlocks * (kPageSize << BuddyAllocator::kMaxOrder);
  // Owner tags of a run's blocks (slab caches use 1..kMaxCaches): the first block, the rest.
  static constexpr u8 kOwnerRunHead = 0xf0;
  static constexpr u8 kOwnerRunTail = 0xf1;

  Error init(PageAllocator* pages, bool poisoning);

  void* alloc(usize size);  // nullptr when out of memory or too large
  void* alloc_zeroed(usize size);
  void free(void* p);       // nullptr is ignored
  // Bytes usable at p (the size class or the block size); 0 when p is not allocated here.
  usize usable_size(const void* p) const;

  static usize class_index(usize size) {
    return size <= kMinSmall ? 0 : static_cast<usize>(64 - __builtin_clzll(size - 1)) - 4;
  }
  SlabCache& size_class(usize i) { return caches_[i]; }

  // Named caches for fixed-size objects (tasks, inodes, file handles).
  Result<SlabCache*> create_cache(const char* name, usize size, usize align = 16);
  Error destroy_cache(SlabCache* c);
  // All active caches, size classes first.
  usize cache_slots() const { return kMaxCaches; }
  const SlabCache* cache(usize i) const { return i < kMaxCaches && caches_[i].active() ? &caches_[i] : nullptr; }

  // Gives every empty slab back to the buddy allocator; returns bytes released.
  u64 compact();
  // Poisoning applies to slabs created from now on (compact drops the old empty ones).
  void set_poisoning(bool on);
  bool poisoning() const { return poisoning_; }

  struct LargeStats {
    u64 allocs = 0, frees = 0, pages_in_use = 0, failures = 0;
  };
  LargeStats large_stats() const { return large_; }
  PageAllocator* pages() const { return pages_; }
  bool check(char* why, usize cap) const;

 private:
  void* alloc_large(usize size);
  void* alloc_run(usize size);
  void free_run(BuddyAllocator* z, void* p);
  usize run_blocks(const BuddyAllocator* z, const void* p) const;
  SlabCache caches_[kMaxCaches];
  PageAllocator* pages_ = nullptr;
  bool poisoning_ = false;
  LargeStats large_;  // updated with atomics (no lock on the large path besides the buddy's)
  SpinLock registry_lock_;
};

// The heap behind kmalloc/kfree and operator new (set once at boot; tests may set their own).
void set_kernel_heap(Heap* heap);
Heap* kernel_heap();

}  // namespace sis::mm

namespace sis {
void* kmalloc(usize size);
void* kzalloc(usize size);
void kfree(void* p);

// new and delete that give nullptr when memory is short instead of stopping the kernel (the
// plain operator new panics): for everything a user program can make the kernel allocate
// (processes, address spaces, descriptor tables), so running out is an error, not a crash.
template <typename T, typename... Args>
T* try_new(Args&&... args) {
  void* p = kmalloc(sizeof(T));
  if (!p) return nullptr;
  return new (p) T(static_cast<Args&&>(args)...);
}
template <typename T>
void try_delete(T* p) {
  if (!p) return;
  p->~T();
  kfree(p);
}
}  // namespace sis
