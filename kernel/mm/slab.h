// SlabCache: fixed-size objects carved from slabs of 2^order pages taken from the
// PageAllocator. The kmalloc size classes and named caches (tasks, inodes, files) are all
// SlabCaches. Each slab starts with a header: a LIFO free list threaded through the free
// objects (the last freed object is the next one handed out, while it is still warm in the
// cache) and a bitmap of allocated objects, which makes double-free and foreign-pointer
// detection O(1). The slab order is the smallest (<= 3) whose header + tail waste is at most
// 1/16 of the slab.
//
// Invariants (check() verifies them): a slab is on exactly one of the partial, full and
// empty lists according to in_use; in_use == bits set == capacity - free list length; every
// page of a slab carries this cache's owner tag in the buddy allocator. A slab created with
// poisoning on keeps every free object's bytes [8, size) equal to kPoison, checked on alloc.
#pragma once
#include "lib/spinlock.h"
#include "mm/page_allocator.h"

namespace sis::mm {

struct SlabCacheStats {
  const char* name = "";
  usize object_size = 0;
  usize stride = 0;
  unsigned slab_order = 0;
  usize objects_per_slab = 0;
  u64 in_use = 0;         // objects handed out
  u64 slabs = 0;          // slabs held (partial + full + empty)
  u64 empty_slabs = 0;
  u64 hits = 0;           // allocations served without taking pages from the buddy allocator
  u64 misses = 0;         // allocations that had to grow the cache by a slab
  u64 allocs = 0;
  u64 frees = 0;
  u64 slab_bytes = 0;     // bytes of slab memory held
  u64 metadata_bytes = 0; // headers + tail waste: slab memory that can never hold an object
};

class SlabCache {
 public:
  static constexpr u8 kPoison = 0x6b;
  static constexpr usize kMaxObject = 8192;
  static constexpr usize kKeepEmpty = 1;  // empty slabs kept for reuse; compact releases them

  // `id` (1..255) is the owner tag written on the cache's pages.
  Error init(const char* name, usize object_size, usize align, PageAllocator* pages, u8 id);
  bool active() const { return pages_ != nullptr; }

  Result<void*> alloc();
  // Frees an object; reports a fault (and changes nothing) for a double free or a pointer
  // that is not an object of this cache.
  bool free(void* p);

  // Gives every empty slab back to the buddy allocator; returns the bytes released.
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
    u16 in_use;
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
  enum : u8 { kPartial, kFull, kEmpty };
  static constexpr u32 kMagic = 0x51ab51ab;

  Slab* grow();
  void release(Slab* s);
  void move(Slab* s, u8 to);
  SlabList& list(u8 which) { return which == kPartial ? partial_ : which == kFull ? full_ : empty_; }
  static bool test(const Slab* s, usize i) { return s->bitmap[i >> 6] >> (i & 63) & 1; }

  char name_[24] = {};
  usize size_ = 0;
  usize stride_ = 0;
  usize header_ = 0;  // bytes before the first object
  usize capacity_ = 0;
  unsigned order_ = 0;
  u8 id_ = 0;
  bool poison_new_slabs_ = false;
  PageAllocator* pages_ = nullptr;
  SlabList partial_, full_, empty_;
  u64 in_use_ = 0, hits_ = 0, misses_ = 0, allocs_ = 0, frees_ = 0;
  mutable SpinLock lock_;
};

}  // namespace sis::mm
