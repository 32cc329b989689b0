// Buddy page allocator: the bottom layer of kernel memory. It manages one contiguous range
// of pages, given as (virtual base, physical base, size), so the same code runs over RAM in
// the kernel and over a malloc'd arena in host tests. Blocks are 2^order pages (order
// 0..kMaxOrder), aligned to their size relative to the base.
//
// Invariants (check_invariants verifies all of them):
//  - Every page is exactly one of: reserved (never managed), the head of a free block, the
//    head of an allocated block, or a tail page inside a block; heads tile the managed pages.
//  - A free block of order k is on free list k, its bit in bitmap k is set, and nothing
//    else is; `nonempty_` bit k is set iff free list k is non-empty (the O(1) search).
//  - Free lists are linked through per-page index arrays in the metadata, never through the
//    free memory itself: boot does not touch (and so fault in) all of RAM, and a stray write
//    into a freed page cannot corrupt the allocator.
//  - Fully coalesced: no free block has a free buddy of the same order.
// Not thread-safe by itself: PageAllocator wraps it with a lock.
#pragma once
#include "lib/result.h"

namespace sis::mm {

constexpr u64 kPageSize = 4096;
constexpr unsigned kPageShift = 12;

struct BuddyStats {
  static constexpr unsigned kOrders = 11;
  u64 managed_pages = 0;  // pages handed to the allocator (free or allocated)
  u64 free_pages = 0;
  u64 free_blocks[kOrders] = {};
  u64 allocs[kOrders] = {};
  u64 frees[kOrders] = {};
  u64 splits = 0;
  u64 merges = 0;
  u64 failures = 0;
};

// Why a free was refused (for the heap's panic report).
enum class FreeFault : u8 { None, OutOfRange, Misaligned, DoubleFree, Interior, Reserved, Corrupt };
const char* free_fault_name(FreeFault f);

class BuddyAllocator {
 public:
  static constexpr unsigned kMaxOrder = 10;  // 4 MiB blocks
  static constexpr unsigned kOrders = kMaxOrder + 1;
  static_assert(kOrders == BuddyStats::kOrders);

  // Bytes of metadata (page states, owner tags, list links, per-order bitmaps) for `size`
  // bytes of range: about 10 bytes per 4 KiB page (0.25%).
  static usize metadata_bytes(u64 size);

  // Takes [virt_base, virt_base + size) with every page reserved; add_free_range then gives
  // pages to the allocator. virt_base and phys_base must be page-aligned; `metadata` must
  // hold metadata_bytes(size) bytes and lie outside any range later freed.
  Error init(void* virt_base, u64 phys_base, u64 size, void* metadata, usize metadata_size);
  // Gives the pages wholly inside [phys, phys + size) to the allocator; returns how many.
  u64 add_free_range(u64 phys, u64 size);

  Result<void*> alloc(unsigned order);
  // `blocks` adjacent free max-order blocks (blocks x 4 MiB, physically contiguous), for the
  // one allocation that needs more than a block (a language model's weights). Each block is
  // an ordinary allocated block afterwards (free() takes them back one at a time); the layer
  // above remembers which blocks form the run. Error::NoMemory when no such run is free.
  Result<void*> alloc_run(usize blocks);
  // Frees a block returned by alloc (its order is remembered). A refused free changes nothing.
  FreeFault free(void* block);

  bool contains(const void* p) const {
    auto a = reinterpret_cast<uptr>(p);
    return a >= reinterpret_cast<uptr>(base_) && a - reinterpret_cast<uptr>(base_) < (npages_ << kPageShift);
  }
  u64 phys_of(const void* p) const { return phys_ + (reinterpret_cast<uptr>(p) - reinterpret_cast<uptr>(base_)); }
  void* virt_of(u64 phys) const { return base_ + (phys - phys_); }
  // Order of the allocated block starting at `block`, or -1 when it is not one.
  int allocated_order(const void* block) const;
  // Start of the order-`order` aligned block containing p.
  u8* block_base(const void* p, unsigned order) const {
    uptr off = reinterpret_cast<uptr>(p) - reinterpret_cast<uptr>(base_);
    return base_ + (off & ~((uptr{kPageSize} << order) - 1));
  }

  // An 8-bit tag per page for the layer above (slab caches mark their pages; 0 = none).
  void set_owner(const void* block, unsigned order, u8 owner);
  u8 owner(const void* p) const { return owner_[page_index(p)]; }

  const BuddyStats& stats() const { return stats_; }
  u64 page_count() const { return npages_; }
  u8* base() const { return base_; }
  u64 phys_base() const { return phys_; }

  // Checks every invariant above; on failure writes a reason into `why` and returns false.
  bool check_invariants(char* why, usize cap) const;
  // Describes why `block` cannot be freed (double free, interior pointer...).
  FreeFault diagnose(const void* block) const;

 private:
  static constexpr u32 kNil = 0xffffffffu;
  enum : u8 { kReserved = 0x00, kFreeHead = 0x40, kAllocHead = 0x80, kTail = 0xc0, kKindMask = 0xc0 };

  usize page_index(const void* p) const {
    return (reinterpret_cast<uptr>(p) - reinterpret_cast<uptr>(base_)) >> kPageShift;
  }
  u8* page_ptr(usize idx) const { return base_ + (idx << kPageShift); }
  void push_free(usize idx, unsigned order);
  void remove_free(usize idx, unsigned order);
  bool bit(unsigned order, usize block) const { return bitmap_[order][block >> 6] >> (block & 63) & 1; }
  void set_bit(unsigned order, usize block) { bitmap_[order][block >> 6] |= 1ull << (block & 63); }
  void clear_bit(unsigned order, usize block) { bitmap_[order][block >> 6] &= ~(1ull << (block & 63)); }

  u8* base_ = nullptr;
  u64 phys_ = 0;
  usize npages_ = 0;
  u8* state_ = nullptr;  // per page: kind | order
  u8* owner_ = nullptr;  // per page: owner tag
  u32* next_ = nullptr;  // per page: free-list links (valid for free heads only)
  u32* prev_ = nullptr;
  u64* bitmap_[kOrders] = {};
  u32 lists_[kOrders] = {};
  u32 nonempty_ = 0;  // bit k: free list k is non-empty
  BuddyStats stats_;
};

}  // namespace sis::mm
