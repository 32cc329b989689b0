// Buddy allocator implementation: see buddy.h for the layer and its invariants.
// Search: `nonempty_` has bit k set iff free list k has a block, so the smallest order that
// can satisfy a request is one count-trailing-zeros away (no walk over lists). Free lists are
// doubly linked through per-page index arrays (LIFO: last freed, first reused).
#include "mm/buddy.h"

#include "lib/format.h"
#include "lib/string.h"

namespace sis::mm {
namespace {

usize bitmap_words(usize npages, unsigned order) { return ((npages >> order) + 63) / 64 + 1; }

// Word-at-a-time helpers for boot-time range setup (n is a power of two, p aligned to n or 8).
bool bytes_equal(const u8* p, usize n, u8 v) {
  if (n < 8) {
    for (usize i = 0; i < n; ++i)
      if (p[i] != v) return false;
    return true;
  }
  u64 pattern = 0x0101010101010101ull * v;
  for (usize i = 0; i < n; i += 8)
    if (*reinterpret_cast<const u64*>(p + i) != pattern) return false;
  return true;
}
void clear_bytes(u8* p, usize n) {
  usize i = 0;
  if ((reinterpret_cast<uptr>(p) & 7) == 0)
    for (; i + 8 <= n; i += 8) *reinterpret_cast<u64*>(p + i) = 0;
  for (; i < n; ++i) p[i] = 0;
}
void fill_bytes(u8* p, usize n, u8 v) {
  if (n < 8) {
    for (usize i = 0; i < n; ++i) p[i] = v;
    return;
  }
  u64 pattern = 0x0101010101010101ull * v;
  for (usize i = 0; i < n; i += 8) *reinterpret_cast<u64*>(p + i) = pattern;
}

}  // namespace

const char* free_fault_name(FreeFault f) {
  switch (f) {
    case FreeFault::None: return "none";
    case FreeFault::OutOfRange: return "foreign pointer outside every allocator range";
    case FreeFault::Misaligned: return "pointer is not the start of a block or object";
    case FreeFault::DoubleFree: return "double free";
    case FreeFault::Interior: return "pointer into the middle of an allocated block";
    case FreeFault::Reserved: return "foreign pointer into reserved memory (kernel image, device tree, metadata)";
    case FreeFault::Corrupt: return "allocator metadata is corrupt (use after free?)";
  }
  return "?";
}

usize BuddyAllocator::metadata_bytes(u64 size) {
  usize n = size >> kPageShift;
  usize bytes = align_up(2 * n, 8) + 8 * n;  // state + owner, next + prev
  for (unsigned k = 0; k < kOrders; ++k) bytes += 8 * bitmap_words(n, k);
  return bytes;
}

Error BuddyAllocator::init(void* virt_base, u64 phys_base, u64 size, void* metadata, usize metadata_size) {
  if ((reinterpret_cast<uptr>(virt_base) | phys_base) & (kPageSize - 1)) return Error::Invalid;
  if (size < kPageSize || !metadata || metadata_size < metadata_bytes(size)) return Error::Invalid;
  base_ = static_cast<u8*>(virt_base);
  phys_ = phys_base;
  npages_ = size >> kPageShift;
  auto* m = static_cast<u8*>(metadata);
  state_ = m;
  owner_ = m + npages_;
  clear_bytes(m, 2 * npages_);  // every page reserved, no owner
  next_ = reinterpret_cast<u32*>(m + align_up(2 * npages_, 8));
  prev_ = next_ + npages_;
  auto* words = reinterpret_cast<u64*>(prev_ + npages_);
  for (unsigned k = 0; k < kOrders; ++k) {
    bitmap_[k] = words;
    usize w = bitmap_words(npages_, k);
    clear_bytes(reinterpret_cast<u8*>(words), 8 * w);
    words += w;
    lists_[k] = kNil;
  }
  nonempty_ = 0;
  stats_ = BuddyStats{};
  return Error::Ok;
}

void BuddyAllocator::push_free(usize idx, unsigned order) {
  u32 i = static_cast<u32>(idx);
  prev_[i] = kNil;
  next_[i] = lists_[order];
  if (next_[i] != kNil) prev_[next_[i]] = i;
  lists_[order] = i;
  nonempty_ |= 1u << order;
  set_bit(order, idx >> order);
  state_[idx] = kFreeHead | order;
  ++stats_.free_blocks[order];
}

void BuddyAllocator::remove_free(usize idx, unsigned order) {
  u32 i = static_cast<u32>(idx);
  if (prev_[i] != kNil) next_[prev_[i]] = next_[i];
  else lists_[order] = next_[i];
  if (next_[i] != kNil) prev_[next_[i]] = prev_[i];
  if (lists_[order] == kNil) nonempty_ &= ~(1u << order);
  clear_bit(order, idx >> order);
  --stats_.free_blocks[order];
}

u64 BuddyAllocator::add_free_range(u64 phys, u64 size) {
  if (!npages_ || size == 0) return 0;
  u64 lo = max(align_up(phys, kPageSize), phys_);
  u64 hi = min(align_down(phys + size, kPageSize), phys_ + (u64{npages_} << kPageShift));
  if (hi <= lo) return 0;
  usize idx = (lo - phys_) >> kPageShift;
  usize end = (hi - phys_) >> kPageShift;
  u64 added = 0;
  while (idx < end) {
    if (state_[idx] != kReserved) {  // already managed: never hand a page out twice
      ++idx;
      continue;
    }
    unsigned order = 0;
    while (order < kMaxOrder && (idx & ((usize{2} << order) - 1)) == 0 && idx + (usize{2} << order) <= end) ++order;
    if (!bytes_equal(state_ + idx, usize{1} << order, kReserved)) order = 0;
    // Enter the block as allocated, then free it: the normal path coalesces it with neighbours.
    fill_bytes(state_ + idx, usize{1} << order, kTail);
    state_[idx] = kAllocHead | order;
    stats_.managed_pages += u64{1} << order;
    free(page_ptr(idx));
    --stats_.frees[order];  // bookkeeping, not a real free
    added += u64{1} << order;
    idx += usize{1} << order;
  }
  return added;
}

Result<void*> BuddyAllocator::alloc(unsigned order) {
  if (order > kMaxOrder) return Error::Invalid;
  u32 candidates = nonempty_ & (~0u << order);
  if (!candidates) {
    ++stats_.failures;
    return Error::NoMemory;
  }
  unsigned k = static_cast<unsigned>(__builtin_ctz(candidates));
  usize idx = lists_[k];
  if (idx >= npages_ || prev_[idx] != kNil || state_[idx] != (kFreeHead | k)) return Error::Corrupt;
  remove_free(idx, k);
  while (k > order) {  // split, keeping the lower half
    --k;
    push_free(idx + (usize{1} << k), k);
    ++stats_.splits;
  }
  state_[idx] = kAllocHead | order;
  owner_[idx] = 0;
  stats_.free_pages -= u64{1} << order;
  ++stats_.allocs[order];
  return static_cast<void*>(page_ptr(idx));
}

Result<void*> BuddyAllocator::alloc_run(usize blocks) {
  if (blocks == 0) return Error::Invalid;
  if (blocks == 1) return alloc(kMaxOrder);
  constexpr usize kBlockPages = usize{1} << kMaxOrder;
  constexpr u8 kFreeBlock = kFreeHead | kMaxOrder;
  // Every run starts at a free max-order block, so walking that one list finds them all
  // (fully coalesced: a free, aligned 4 MiB range is always one free max-order block).
  for (u32 i = lists_[kMaxOrder]; i != kNil; i = next_[i]) {
    if (i >= npages_ || state_[i] != kFreeBlock) return Error::Corrupt;
    usize got = 1;
    while (got < blocks) {
      usize idx = i + got * kBlockPages;
      if (idx + kBlockPages > npages_ || state_[idx] != kFreeBlock) break;
      ++got;
    }
    if (got < blocks) continue;
    for (usize j = 0; j < blocks; ++j) {
      usize idx = i + j * kBlockPages;
      remove_free(idx, kMaxOrder);
      state_[idx] = kAllocHead | kMaxOrder;
      owner_[idx] = 0;
    }
    stats_.free_pages -= u64{blocks} << kMaxOrder;
    stats_.allocs[kMaxOrder] += blocks;
    return static_cast<void*>(page_ptr(i));
  }
  ++stats_.failures;
  return Error::NoMemory;
}

FreeFault BuddyAllocator::free(void* block) {
  if (!contains(block)) return FreeFault::OutOfRange;
  if (reinterpret_cast<uptr>(block) & (kPageSize - 1)) return FreeFault::Misaligned;
  usize idx = page_index(block);
  if ((state_[idx] & kKindMask) != kAllocHead) return diagnose(block);
  unsigned order = state_[idx] & 0x3f;
  stats_.free_pages += u64{1} << order;
  ++stats_.frees[order];
  while (order < kMaxOrder) {
    usize buddy = idx ^ (usize{1} << order);
    if (buddy + (usize{1} << order) > npages_ || state_[buddy] != (kFreeHead | order)) break;
    remove_free(buddy, order);
    state_[max(idx, buddy)] = kTail;  // the upper head is absorbed
    idx = min(idx, buddy);
    ++order;
    ++stats_.merges;
  }
  push_free(idx, order);
  return FreeFault::None;
}

int BuddyAllocator::allocated_order(const void* block) const {
  if (!contains(block) || (reinterpret_cast<uptr>(block) & (kPageSize - 1))) return -1;
  u8 s = state_[page_index(block)];
  return (s & kKindMask) == kAllocHead ? s & 0x3f : -1;
}

FreeFault BuddyAllocator::diagnose(const void* block) const {
  if (!contains(block)) return FreeFault::OutOfRange;
  usize idx = page_index(block);
  u8 s = state_[idx];
  if (s == kReserved) return FreeFault::Reserved;
  if (reinterpret_cast<uptr>(block) & (kPageSize - 1)) return FreeFault::Misaligned;
  if ((s & kKindMask) == kFreeHead) return FreeFault::DoubleFree;
  if ((s & kKindMask) == kAllocHead) return FreeFault::None;
  // A tail page: find the head of the block that contains it.
  for (unsigned k = 1; k <= kMaxOrder; ++k) {
    usize head = idx & ~((usize{1} << k) - 1);
    u8 h = state_[head];
    if ((h & kKindMask) == kTail || h == kReserved) continue;
    if ((h & 0x3f) < k) return FreeFault::Corrupt;
    return (h & kKindMask) == kFreeHead ? FreeFault::DoubleFree : FreeFault::Interior;
  }
  return FreeFault::Corrupt;
}

void BuddyAllocator::set_owner(const void* block, unsigned order, u8 owner) {
  usize idx = page_index(block);
  for (usize i = 0; i < (usize{1} << order); ++i) owner_[idx + i] = owner;
}

bool BuddyAllocator::check_invariants(char* why, usize cap) const {
#define SIS_FAIL(...)                \
  do {                               \
    format(why, cap, __VA_ARGS__);   \
    return false;                    \
  } while (0)
  u64 free_pages = 0, managed = 0;
  for (unsigned k = 0; k < kOrders; ++k) {
    u64 count = 0;
    u32 prev = kNil;
    for (u32 idx = lists_[k]; idx != kNil; idx = next_[idx]) {
      if (idx >= npages_) SIS_FAIL("order %u list holds page %u outside the range", k, idx);
      if (idx & ((usize{1} << k) - 1)) SIS_FAIL("order %u block at page %u is misaligned", k, idx);
      if (state_[idx] != (kFreeHead | k)) SIS_FAIL("order %u block at page %u has state 0x%x", k, idx, state_[idx]);
      if (!bit(k, idx >> k)) SIS_FAIL("order %u block at page %u is listed but its bitmap bit is clear", k, idx);
      if (prev_[idx] != prev) SIS_FAIL("order %u list back-link broken at page %u", k, idx);
      prev = idx;
      if (++count > npages_) SIS_FAIL("order %u list has a cycle", k);
    }
    u64 bits = 0;
    for (usize w = 0; w < bitmap_words(npages_, k); ++w) bits += static_cast<u64>(__builtin_popcountll(bitmap_[k][w]));
    if (bits != count) SIS_FAIL("order %u: %llu bitmap bits but %llu listed blocks", k, (unsigned long long)bits, (unsigned long long)count);
    if (count != stats_.free_blocks[k]) SIS_FAIL("order %u: counter says %llu free blocks, list has %llu", k, (unsigned long long)stats_.free_blocks[k], (unsigned long long)count);
    if (((nonempty_ >> k) & 1) != (count != 0)) SIS_FAIL("order %u: non-empty mask disagrees with list", k);
    free_pages += count << k;
  }
  for (usize idx = 0; idx < npages_;) {
    u8 s = state_[idx];
    if (s == kReserved) {
      ++idx;
      continue;
    }
    if ((s & kKindMask) == kTail) SIS_FAIL("page %zu is a tail page where a block should start", idx);
    unsigned k = s & 0x3f;
    if (k > kMaxOrder || (idx & ((usize{1} << k) - 1)) || idx + (usize{1} << k) > npages_)
      SIS_FAIL("block at page %zu has impossible order %u", idx, k);
    for (usize i = idx + 1; i < idx + (usize{1} << k); ++i)
      if (state_[i] != kTail) SIS_FAIL("block at page %zu order %u overlaps page %zu (state 0x%x)", idx, k, i, state_[i]);
    if ((s & kKindMask) == kFreeHead) {
      if (!bit(k, idx >> k)) SIS_FAIL("free block at page %zu order %u missing from bitmap", idx, k);
      usize buddy = idx ^ (usize{1} << k);
      if (k < kMaxOrder && buddy + (usize{1} << k) <= npages_ && state_[buddy] == (kFreeHead | k))
        SIS_FAIL("free blocks at pages %zu and %zu (order %u) were not coalesced", idx, buddy, k);
    }
    managed += usize{1} << k;
    idx += usize{1} << k;
  }
  if (free_pages != stats_.free_pages) SIS_FAIL("free page counter %llu but lists hold %llu", (unsigned long long)stats_.free_pages, (unsigned long long)free_pages);
  if (managed != stats_.managed_pages) SIS_FAIL("managed page counter %llu but blocks cover %llu", (unsigned long long)stats_.managed_pages, (unsigned long long)managed);
  return true;
#undef SIS_FAIL
}

}  // namespace sis::mm
