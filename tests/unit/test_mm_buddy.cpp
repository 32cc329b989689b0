// Buddy allocator: randomized alloc/free sequences with every invariant checked after each
// step (no overlap, bitmaps agree with lists, full coalescing), fault detection, reserved
// holes, and a return to the exact starting state once everything is freed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "mm/buddy.h"
#include "mm/page_allocator.h"

namespace {

using sis::mm::BuddyAllocator;
using sis::mm::BuddyStats;
using sis::mm::FreeFault;
using sis::mm::kPageSize;

// An aligned arena plus metadata, like one RAM bank.
struct Arena {
  explicit Arena(size_t bytes, size_t align = 4u << 20) : size(bytes) {
    mem = static_cast<uint8_t*>(std::aligned_alloc(align, (bytes + align - 1) / align * align));
    meta.resize(BuddyAllocator::metadata_bytes(bytes));
  }
  ~Arena() { std::free(mem); }
  uint64_t phys() const { return 0x40000000; }  // a pretend physical address
  uint8_t* mem;
  size_t size;
  std::vector<uint8_t> meta;
};

std::string invariants(const BuddyAllocator& b) {
  char why[256];
  return b.check_invariants(why, sizeof why) ? "" : why;
}

struct Block {
  uint8_t* p;
  unsigned order;
  uint64_t tag;
};

void stamp(const Block& b) {
  size_t bytes = kPageSize << b.order;
  std::memcpy(b.p + 16, &b.tag, 8);  // the first 16 bytes hold free-list links once freed
  std::memcpy(b.p + bytes - 8, &b.tag, 8);
}
bool stamped(const Block& b) {
  size_t bytes = kPageSize << b.order;
  uint64_t x, y;
  std::memcpy(&x, b.p + 16, 8);
  std::memcpy(&y, b.p + bytes - 8, 8);
  return x == b.tag && y == b.tag;
}

TEST(MmBuddy, WholeArenaStartsAsMaximalBlocks) {
  Arena a(16u << 20);
  BuddyAllocator b;
  ASSERT_EQ(b.init(a.mem, a.phys(), a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  EXPECT_EQ(b.add_free_range(a.phys(), a.size), a.size / kPageSize);
  EXPECT_EQ(b.stats().free_pages, a.size / kPageSize);
  EXPECT_EQ(b.stats().free_blocks[BuddyAllocator::kMaxOrder], 4u);  // 16 MiB = 4 x 4 MiB
  EXPECT_EQ(invariants(b), "");
}

TEST(MmBuddy, AllocationsNeverTouchReservedHoles) {
  Arena a(8u << 20);
  BuddyAllocator b;
  ASSERT_EQ(b.init(a.mem, a.phys(), a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  // Reserve [0, 12 KiB) and [1 MiB + 4 KiB, 1 MiB + 20 KiB), like a DTB and a kernel image.
  b.add_free_range(a.phys() + 12288, (1u << 20) + 4096 - 12288);
  b.add_free_range(a.phys() + (1u << 20) + 20480, a.size - (1u << 20) - 20480);
  uint64_t expect = a.size / kPageSize - 3 - 4;
  EXPECT_EQ(b.stats().free_pages, expect);
  EXPECT_EQ(invariants(b), "");
  std::vector<void*> got;
  for (;;) {
    auto r = b.alloc(0);
    if (!r.ok()) break;
    auto off = static_cast<uint8_t*>(r.value()) - a.mem;
    EXPECT_FALSE(off < 12288) << "page at offset " << off << " is reserved";
    EXPECT_FALSE(off >= (1 << 20) + 4096 && off < (1 << 20) + 20480) << "page at offset " << off << " is reserved";
    got.push_back(r.value());
  }
  EXPECT_EQ(got.size(), expect);
  EXPECT_EQ(b.stats().free_pages, 0u);
  for (void* p : got) ASSERT_EQ(b.free(p), FreeFault::None);
  EXPECT_EQ(b.stats().free_pages, expect);
  EXPECT_EQ(invariants(b), "");
}

TEST(MmBuddy, DetectsDoubleFreeInteriorAndForeignPointers) {
  Arena a(4u << 20);
  BuddyAllocator b;
  ASSERT_EQ(b.init(a.mem, a.phys(), a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  b.add_free_range(a.phys() + kPageSize, a.size - kPageSize);
  auto p = b.alloc(2);
  ASSERT_TRUE(p.ok());
  auto* q = static_cast<uint8_t*>(p.value());
  EXPECT_EQ(b.free(q + kPageSize), FreeFault::Interior);
  EXPECT_EQ(b.free(q + 8), FreeFault::Misaligned);
  int local = 0;
  EXPECT_EQ(b.free(&local), FreeFault::OutOfRange);
  EXPECT_EQ(b.free(a.mem), FreeFault::Reserved);
  EXPECT_EQ(b.free(q), FreeFault::None);
  EXPECT_EQ(b.free(q), FreeFault::DoubleFree);  // merged into a bigger free block by now
  EXPECT_EQ(invariants(b), "");
}

TEST(MmBuddy, SearchUsesTheSmallestSufficientOrder) {
  Arena a(4u << 20);
  BuddyAllocator b;
  ASSERT_EQ(b.init(a.mem, a.phys(), a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  b.add_free_range(a.phys(), a.size);
  auto p = b.alloc(0);  // splits 10 times: one free block left at each order 0..9
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(b.stats().splits, 10u);
  for (unsigned k = 0; k < BuddyAllocator::kMaxOrder; ++k) EXPECT_EQ(b.stats().free_blocks[k], 1u) << "order " << k;
  auto q = b.alloc(3);  // taken from the order-3 block without splitting
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(b.stats().splits, 10u);
  EXPECT_EQ(b.alloc(BuddyAllocator::kMaxOrder + 1).error(), sis::Error::Invalid);
  EXPECT_EQ(b.alloc(BuddyAllocator::kMaxOrder).error(), sis::Error::NoMemory);
}

// One randomized run: alloc/free with a bias that changes over time, checked every
// `check_every` steps, then everything freed and compared with the starting state.
void randomized_run(size_t arena_bytes, uint32_t seed, size_t steps, size_t check_every) {
  Arena a(arena_bytes);
  BuddyAllocator b;
  ASSERT_EQ(b.init(a.mem, a.phys(), a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  b.add_free_range(a.phys() + 3 * kPageSize, a.size - 3 * kPageSize);  // an unaligned start
  const BuddyStats start = b.stats();
  ASSERT_EQ(invariants(b), "");
  std::mt19937_64 rng(seed);
  std::vector<Block> live;
  std::vector<uint8_t> owner(a.size / kPageSize, 0);  // shadow map: page in use by a test block
  uint64_t next_tag = 1;
  for (size_t step = 0; step < steps; ++step) {
    bool do_alloc = live.empty() || (rng() % 100) < ((step / 5000) % 2 ? 35u : 65u);
    if (do_alloc) {
      unsigned order = (rng() % 4 == 0) ? static_cast<unsigned>(rng() % (BuddyAllocator::kMaxOrder + 1))
                                        : static_cast<unsigned>(rng() % 3);
      auto r = b.alloc(order);
      if (!r.ok()) {
        ASSERT_EQ(r.error(), sis::Error::NoMemory);
        continue;
      }
      Block blk{static_cast<uint8_t*>(r.value()), order, next_tag++};
      size_t first = (blk.p - a.mem) / kPageSize;
      ASSERT_EQ((blk.p - a.mem) % (kPageSize << order), 0) << "block not aligned to its order";
      for (size_t i = first; i < first + (size_t{1} << order); ++i) {
        ASSERT_EQ(owner[i], 0) << "step " << step << ": page " << i << " handed out twice";
        owner[i] = 1;
      }
      stamp(blk);
      live.push_back(blk);
    } else {
      size_t i = rng() % live.size();
      Block blk = live[i];
      live[i] = live.back();
      live.pop_back();
      ASSERT_TRUE(stamped(blk)) << "step " << step << ": block contents changed while allocated (overlap)";
      size_t first = (blk.p - a.mem) / kPageSize;
      for (size_t j = first; j < first + (size_t{1} << blk.order); ++j) owner[j] = 0;
      ASSERT_EQ(b.free(blk.p), FreeFault::None);
    }
    if (step % check_every == 0) {
      ASSERT_EQ(invariants(b), "") << "after step " << step;
    }
  }
  for (const Block& blk : live) {
    ASSERT_TRUE(stamped(blk));
    ASSERT_EQ(b.free(blk.p), FreeFault::None);
  }
  ASSERT_EQ(invariants(b), "");
  EXPECT_EQ(b.stats().free_pages, start.free_pages);
  for (unsigned k = 0; k < BuddyAllocator::kOrders; ++k)
    EXPECT_EQ(b.stats().free_blocks[k], start.free_blocks[k]) << "order " << k << " did not coalesce back";
}

TEST(MmBuddy, RandomizedSmallArenaCheckedEveryStep) { randomized_run(2u << 20, 1, 1000000, 1); }
TEST(MmBuddy, RandomizedLargeArenaManySteps) { randomized_run(64u << 20, 42, 2000000, 997); }
TEST(MmBuddy, RandomizedOtherSeeds) {
  for (uint32_t seed : {7u, 99u, 12345u}) randomized_run(8u << 20, seed, 300000, 31);
}

}  // namespace

namespace {

using sis::mm::PageAllocator;

// Two zones (two RAM banks): allocation falls through to the second when the first is
// exhausted, and frees find their zone by address.
TEST(MmPageAllocator, TwoZonesRouteAllocationsAndFrees) {
  Arena a(4u << 20), b(4u << 20);
  BuddyAllocator za, zb;
  ASSERT_EQ(za.init(a.mem, 0x40000000, a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  ASSERT_EQ(zb.init(b.mem, 0x80000000, b.size, b.meta.data(), b.meta.size()), sis::Error::Ok);
  za.add_free_range(0x40000000, a.size);
  zb.add_free_range(0x80000000, b.size);
  PageAllocator pa;
  ASSERT_EQ(pa.add_zone(&za), sis::Error::Ok);
  ASSERT_EQ(pa.add_zone(&zb), sis::Error::Ok);
  EXPECT_EQ(pa.add_zone(&za), sis::Error::Exists);
  auto first = pa.alloc(BuddyAllocator::kMaxOrder);
  auto second = pa.alloc(BuddyAllocator::kMaxOrder);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(pa.zone_of(first.value()), &za);
  EXPECT_EQ(pa.zone_of(second.value()), &zb);
  EXPECT_EQ(zb.phys_of(second.value()), 0x80000000u);
  EXPECT_EQ(pa.alloc(0).error(), sis::Error::NoMemory);
  EXPECT_EQ(pa.free(second.value()), FreeFault::None);
  auto z = pa.alloc_zeroed(3);
  ASSERT_TRUE(z.ok());
  auto* bytes = static_cast<uint8_t*>(z.value());
  for (size_t i = 0; i < (kPageSize << 3); ++i) ASSERT_EQ(bytes[i], 0) << "byte " << i;
  EXPECT_EQ(pa.free(z.value()), FreeFault::None);
  EXPECT_EQ(pa.free(first.value()), FreeFault::None);
  EXPECT_EQ(pa.stats().free_pages, 2 * (4u << 20) / kPageSize);
  char why[200];
  EXPECT_TRUE(pa.check(why, sizeof why)) << why;
}

}  // namespace

namespace {

TEST(MmBuddy, RunsTakeAdjacentMaximalBlocksOnlyAndFreeBlockByBlock) {
  constexpr size_t kBlock = kPageSize << BuddyAllocator::kMaxOrder;
  Arena a(8 * kBlock);
  BuddyAllocator b;
  ASSERT_EQ(b.init(a.mem, a.phys(), a.size, a.meta.data(), a.meta.size()), sis::Error::Ok);
  b.add_free_range(a.phys(), a.size);
  // Take all eight blocks, give back 0, 2, 3, 5: the longest free run is two blocks (2, 3).
  uint8_t* blk[8];
  for (auto& p : blk) p = static_cast<uint8_t*>(b.alloc(BuddyAllocator::kMaxOrder).value());
  for (int i : {0, 2, 3, 5}) ASSERT_EQ(b.free(a.mem + i * kBlock), FreeFault::None);
  BuddyStats before = b.stats();
  auto three = b.alloc_run(3);
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error(), sis::Error::NoMemory);
  EXPECT_EQ(b.stats().free_pages, before.free_pages);  // a refused run takes nothing
  EXPECT_EQ(b.stats().failures, before.failures + 1);
  auto two = b.alloc_run(2);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two.value(), a.mem + 2 * kBlock);
  EXPECT_EQ(b.allocated_order(a.mem + 3 * kBlock), int(BuddyAllocator::kMaxOrder));
  EXPECT_EQ(invariants(b), "");
  std::memset(two.value(), 0x5a, 2 * kBlock);  // the whole run is ours to write
  // Back block by block: everything coalesces to the starting state.
  for (int i : {2, 3}) ASSERT_EQ(b.free(a.mem + i * kBlock), FreeFault::None);
  for (int i : {1, 4, 6, 7}) ASSERT_EQ(b.free(a.mem + i * kBlock), FreeFault::None);
  EXPECT_EQ(invariants(b), "");
  auto all = b.alloc_run(8);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value(), a.mem);
  EXPECT_EQ(b.stats().free_pages, 0u);
  EXPECT_FALSE(b.alloc_run(0).ok());
}

}  // namespace
