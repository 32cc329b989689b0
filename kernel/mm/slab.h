// SlabCache: fixed-size objects carved from slabs of 2^order pages taken from the
// PageAllocator. The kmalloc size classes and named caches (tasks, inodes, files) are all
// SlabCaches.
//
// Two tiers. (1) A per-CPU magazine: a LIFO stack of up to kMagazineSize free objects that
// alloc and free reach with interrupts masked and no lock or atomic (the last freed object
// is the next handed out, while it is still warm in the CPU cache). (2) The slabs, under the
// cache lock: each slab starts with a header holding a free list threaded through its free
// objects and a bitmap of objects not on that list. Magazines refill from and flush to the
// slabs kMagazineBatch objects at a time, so the lock is taken once per batch.
//
// Misuse detection: free validates that the pointer is an object start inside a slab of
// this cache (header magic + owner tag + offset); a freed object carries a tag word
// (address ^ kFreeTag) in its first 8 bytes, so freeing it again is caught (confirmed
// against the magazines and the bitmap, as glibc's tcache does with its key). With
// poisoning, bytes [8, size) of a free object hold kPoison and are checked on allocation.
// A tag word that changed while the object was free is reported as use after free.
//
// Invariants (check() verifies them): a slab is on exactly one of the partial, full and
// empty lists according to in_use; in_use == bits set == capacity - free list length;
// every magazine object has its bit set and carries the free tag; every page of a slab
// carries this cache's owner tag. The slab order is the smallest (<= 3) whose header + tail
// waste is at most 1/16 of the slab.
#pragma once
#include "core/spinlock.h"
#include "mm/page_allocator.h"

namespace sis::mm {

struct SlabCacheStats {
  const char* name = "";
  usize object_size = 0;
  usize stride = 0;
  unsigned slab_order = 0;
  usize objects_per_slab = 0;
  u64 in_use = 0;         // objects handed out to callers
  u64 cached = 0;         // free objects parked in per-CPU magazines
  u64 slabs = 0;          // slabs held (partial + full + empty)
  u64 empty_slabs = 0;
  u64 hits = 0;           // allocations served without taking pages from the buddy allocator
  u64 misses = 0;         // allocations that had to grow the cache by a slab
  u64 allocs = 0;
  u64 frees = 0;
  u64 slab_bytes = 0;     // bytes of slab memory held
  u64 metadata_bytes = 0; // headers + tail waste: slab memory that can never hold an object
};

// Which CPU is running (index < SlabCache::kMaxCpus). One CPU until SMP bring-up installs
// its own function.
void set_cpu_index_fn(u32 (*fn)());

class SlabCache {
 public:
  static constexpr u8 kPoison = 0x6b;
  static constexpr usize kMaxObject = 8192;
  static constexpr usize kKeepEmpty = 1;  // empty slabs kept for reuse; compact releases them
  static constexpr usize kMaxCpus = 4;
  static constexpr usize kMagazineSize = 32;
  static constexpr usize kMagazineBatch = 16;  // objects moved per refill / flush

  // `id` (1..255) is the owner tag written on the cache's pages.
  Error init(const char* name, usize object_size, usize align, PageAllocator* pages, u8 id);
  bool active() const { return pages_ != nullptr; }

  Result<void*> alloc();
  // Frees an object; reports a fault (and changes nothing) for a double free or a pointer
  // that is not an object of this cache.
  bool free(void* p);

  // Flushes the magazines, then gives every empty slab back to the buddy allocator;
  // returns the bytes released. FIXME(SMP): flushes other CPUs' magazines directly.
  u64 release_empty();
  // Releases everything; fails with Busy while objects are in use.
  Error destroy();

  void set_poisoning(bool on) { poison_new_slabs_ = on; }
  SlabCacheStats stats() const;
  usize object_size() const { return size_; }
  u8 id() const { return id_; }
  bool check(char* why, usize cap) const;

 private:
  struct Slab {
    u32 magic;
    u16 in_use;  // objects not on this slab's free list (handed out or in a magazine)
    u16 capacity;
    SlabCache* cache;
    Slab* prev;
    Slab* next;
    void* free_head;
    u8* objects;
    u8 poisoned;
    u8 list;  // which SlabList holds it
    u64 bitmap[1];  // capacity bits (the header is sized for all of them)
  };
  struct SlabList {
    Slab* head = nullptr;
    u64 count = 0;
    void push(Slab* s);
    void remove(Slab* s);
  };
  struct Magazine {
    usize count = 0;
    u64 allocs = 0, frees = 0;
    void* objs[kMagazineSize];
  };
  enum : u8 { kPartial, kFull, kEmpty };
  static constexpr u32 kMagic = 0x51ab51ab;
  static constexpr u64 kFreeTag = 0xf4eef4eef4eef4eeull;
  static constexpr u64 kPoisonedTag = 0x9015019015019015ull;

  static u64 tag(const void* p, bool poisoned) {
    return reinterpret_cast<uptr>(p) ^ (poisoned ? kPoisonedTag : kFreeTag);
  }
  Slab* slab_of(const void* p) const;
  // Index of object p in slab s, or -1 when p is not an object start.
  long object_index(const Slab* s, const void* p) const;
  // The slab tier: these expect lock_ held (the compiler checks callers; the three that
  // move objects between tiers also check it at run time).
  Slab* grow() SIS_REQUIRES(lock_);
  void release(Slab* s);
  void move(Slab* s, u8 to) SIS_REQUIRES(lock_);
  void refill(Magazine& m) SIS_REQUIRES(lock_);
  void flush(Magazine& m, usize count) SIS_REQUIRES(lock_);
  void return_to_slab(void* obj) SIS_REQUIRES(lock_);
  bool in_magazine(const void* p) const;
  SlabList& list(u8 which) SIS_REQUIRES(lock_) { return which == kPartial ? partial_ : which == kFull ? full_ : empty_; }
  static bool test(const Slab* s, usize i) {
    return __atomic_load_n(&s->bitmap[i >> 6], __ATOMIC_RELAXED) >> (i & 63) & 1;
  }

  char name_[24] = {};
  usize size_ = 0;
  usize stride_ = 0;
  u64 recip_ = 0;     // ceil(2^32 / stride_): offset -> index without a division
  usize header_ = 0;  // bytes before the first object
  usize capacity_ = 0;
  unsigned order_ = 0;
  u8 id_ = 0;
  bool poison_new_slabs_ = false;
  PageAllocator* pages_ = nullptr;
  mutable SpinLock lock_;
  SlabList partial_ SIS_GUARDED_BY(lock_), full_ SIS_GUARDED_BY(lock_), empty_ SIS_GUARDED_BY(lock_);
  u64 misses_ SIS_GUARDED_BY(lock_) = 0;
  // Per CPU, reached with interrupts masked and no lock (flushed under lock_ as well).
  Magazine mags_[kMaxCpus];
};

}  // namespace sis::mm
