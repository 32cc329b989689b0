// Slab caches and the kmalloc front-end: randomized sequences with invariants checked,
// no overlapping objects, LIFO reuse, statistics (metadata overhead, hit rate), named
// caches, and detection of double free, foreign pointers and use after free.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "mm/fault.h"
#include "mm/heap.h"

namespace {

using namespace sis::mm;

std::string last_fault;
int fault_count = 0;
void record_fault(const char* msg) {
  last_fault = msg;
  ++fault_count;
}

struct HeapFixture : ::testing::Test {
  static constexpr size_t kArena = 32u << 20;
  void SetUp() override {
    mem = static_cast<uint8_t*>(std::aligned_alloc(4u << 20, kArena));
    meta.resize(BuddyAllocator::metadata_bytes(kArena));
    ASSERT_EQ(zone.init(mem, 0x40000000, kArena, meta.data(), meta.size()), sis::Error::Ok);
    zone.add_free_range(0x40000000, kArena);
    ASSERT_EQ(pages.add_zone(&zone), sis::Error::Ok);
    ASSERT_EQ(heap.init(&pages, true), sis::Error::Ok);
    set_fault_hook(record_fault);
    last_fault.clear();
    fault_count = 0;
    start_free = zone.stats().free_pages;
  }
  void TearDown() override {
    set_fault_hook(nullptr);
    std::free(mem);
  }
  std::string check() {
    char why[256];
    return heap.check(why, sizeof why) ? "" : why;
  }
  uint8_t* mem = nullptr;
  std::vector<uint8_t> meta;
  BuddyAllocator zone;
  PageAllocator pages;
  Heap heap;
  uint64_t start_free = 0;
};

TEST_F(HeapFixture, SizeClassesRoundUpToPowersOfTwo) {
  EXPECT_EQ(Heap::class_index(1), 0u);
  EXPECT_EQ(Heap::class_index(16), 0u);
  EXPECT_EQ(Heap::class_index(17), 1u);
  EXPECT_EQ(Heap::class_index(2048), 7u);
  void* p = heap.alloc(100);
  EXPECT_EQ(heap.usable_size(p), 128u);
  void* big = heap.alloc(5000);
  EXPECT_EQ(heap.usable_size(big), 8192u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big) % 4096, 0u);
  heap.free(p);
  heap.free(big);
  EXPECT_EQ(fault_count, 0);
}

TEST_F(HeapFixture, LifoReuseHandsBackTheLastFreedObject) {
  for (size_t size = 16; size <= 2048; size *= 2) {
    void* a = heap.alloc(size);
    void* b = heap.alloc(size);
    heap.free(a);
    EXPECT_EQ(heap.alloc(size), a) << "size " << size;
    heap.free(a);
    heap.free(b);
  }
  EXPECT_EQ(fault_count, 0);
}

TEST_F(HeapFixture, DetectsDoubleFree) {
  void* p = heap.alloc(64);
  void* keep = heap.alloc(64);
  heap.free(p);
  heap.free(p);
  EXPECT_NE(last_fault.find("double free"), std::string::npos) << last_fault;
  void* big = heap.alloc(20000);
  heap.free(big);
  last_fault.clear();
  heap.free(big);
  EXPECT_NE(last_fault.find("double free"), std::string::npos) << last_fault;
  heap.free(keep);
  EXPECT_EQ(check(), "");
}

TEST_F(HeapFixture, DetectsDoubleFreeAfterTheMagazineFlushedTheObject) {
  std::vector<void*> v;
  for (int i = 0; i < 200; ++i) v.push_back(heap.alloc(32));
  for (void* p : v) heap.free(p);  // the first ones went back to their slab
  EXPECT_EQ(fault_count, 0);
  heap.free(v[0]);
  EXPECT_NE(last_fault.find("double free"), std::string::npos) << last_fault;
  last_fault.clear();
  heap.free(v[199]);  // still in the per-CPU magazine
  EXPECT_NE(last_fault.find("double free"), std::string::npos) << last_fault;
  EXPECT_EQ(check(), "");
}

TEST_F(HeapFixture, TagWordCatchesUseAfterFreeWithoutPoisoning) {
  heap.set_poisoning(false);
  heap.compact();
  auto* p = static_cast<uint64_t*>(heap.alloc(64));
  heap.free(p);
  p[0] = 42;  // a dangling write over the free tag
  EXPECT_EQ(heap.alloc(64), nullptr);
  EXPECT_NE(last_fault.find("use after free"), std::string::npos) << last_fault;
}

TEST_F(HeapFixture, DetectsForeignAndInteriorPointers) {
  int on_stack = 0;
  heap.free(&on_stack);
  EXPECT_NE(last_fault.find("foreign"), std::string::npos) << last_fault;
  auto* p = static_cast<uint8_t*>(heap.alloc(256));
  heap.free(p + 8);
  EXPECT_NE(last_fault.find("not the start of an object"), std::string::npos) << last_fault;
  auto* big = static_cast<uint8_t*>(heap.alloc(3 * 4096));
  heap.free(big + 4096);
  EXPECT_NE(last_fault.find("middle"), std::string::npos) << last_fault;
  heap.free(p);
  heap.free(big);
  EXPECT_EQ(check(), "");
}

TEST_F(HeapFixture, PoisoningCatchesUseAfterFree) {
  auto* p = static_cast<uint8_t*>(heap.alloc(128));
  heap.free(p);
  p[40] = 0x11;  // a write through a dangling pointer
  void* again = heap.alloc(128);
  EXPECT_EQ(again, nullptr);
  EXPECT_NE(last_fault.find("use after free"), std::string::npos) << last_fault;
  EXPECT_NE(last_fault.find("offset 40"), std::string::npos) << last_fault;
}

TEST_F(HeapFixture, MetadataOverheadBelowTenPercentPerClass) {
  for (size_t c = 0; c < Heap::kClassCount; ++c) {
    size_t size = Heap::kMinSmall << c;
    std::vector<void*> v;
    for (int i = 0; i < 200; ++i) v.push_back(heap.alloc(size));
    SlabCacheStats st = heap.size_class(c).stats();
    EXPECT_LT(st.metadata_bytes * 100, st.slab_bytes * 10)
        << st.name << ": " << st.metadata_bytes << " of " << st.slab_bytes << " bytes";
    for (void* p : v) heap.free(p);
  }
}

TEST_F(HeapFixture, HitRateAboveEightyPercentForARealisticMix) {
  std::mt19937 rng(3);
  std::vector<void*> live;
  const size_t sizes[] = {24, 32, 48, 64, 64, 96, 128, 200, 256, 512};
  for (int step = 0; step < 200000; ++step) {
    if (live.size() < 2000 && (live.empty() || rng() % 2)) {
      live.push_back(heap.alloc(sizes[rng() % std::size(sizes)]));
    } else {
      size_t i = rng() % live.size();
      heap.free(live[i]);
      live[i] = live.back();
      live.pop_back();
    }
  }
  uint64_t hits = 0, misses = 0;
  for (size_t c = 0; c < Heap::kClassCount; ++c) {
    hits += heap.size_class(c).stats().hits;
    misses += heap.size_class(c).stats().misses;
  }
  EXPECT_GT(hits * 100, (hits + misses) * 80) << hits << " hits, " << misses << " misses";
  for (void* p : live) heap.free(p);
}

TEST_F(HeapFixture, NamedCachesShareTheMechanism) {
  auto c = heap.create_cache("task", 344, 16);
  ASSERT_TRUE(c.ok());
  SlabCache* cache = c.value();
  auto o = cache->alloc();
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(o.value()) % 16, 0u);
  EXPECT_EQ(heap.usable_size(o.value()), 344u);
  EXPECT_EQ(heap.destroy_cache(cache), sis::Error::Busy);
  heap.free(o.value());  // kfree finds the named cache through the page owner tag
  EXPECT_EQ(fault_count, 0);
  EXPECT_EQ(heap.destroy_cache(cache), sis::Error::Ok);
  EXPECT_EQ(heap.compact(), heap.compact());  // idempotent once empty
  EXPECT_EQ(check(), "");
}

TEST_F(HeapFixture, CompactReturnsEverySlabToTheBuddyAllocator) {
  std::vector<void*> v;
  for (int i = 0; i < 10000; ++i) v.push_back(heap.alloc(16u << (i % 8)));
  EXPECT_LT(zone.stats().free_pages, start_free);
  for (void* p : v) heap.free(p);
  uint64_t released = heap.compact();
  EXPECT_GT(released, 0u);
  EXPECT_EQ(zone.stats().free_pages, start_free);
  EXPECT_EQ(zone.stats().free_blocks[BuddyAllocator::kMaxOrder], kArena >> 22) << "did not coalesce fully";
  EXPECT_EQ(check(), "");
}

// Millions of mixed kmalloc/kfree with shadow interval tracking (no overlap) and the full
// invariant check every few thousand steps; at the end everything coalesces back.
TEST_F(HeapFixture, RandomizedMixedSizesKeepInvariants) {
  heap.set_poisoning(false);  // speed; poisoning has its own test
  std::mt19937_64 rng(2024);
  struct Live {
    uint8_t* p;
    size_t size;
    uint64_t tag;
  };
  std::vector<Live> live;
  std::map<uintptr_t, uintptr_t> intervals;  // start -> end
  uint64_t tag = 1;
  for (size_t step = 0; step < 2000000; ++step) {
    bool grow = live.empty() || rng() % 100 < ((step / 20000) % 2 ? 40u : 60u);
    if (grow) {
      size_t size = rng() % 16 == 0 ? 2049 + rng() % 40000 : 1 + rng() % 2048;
      auto* p = static_cast<uint8_t*>(heap.alloc(size));
      if (!p) continue;
      auto s = reinterpret_cast<uintptr_t>(p);
      auto next = intervals.lower_bound(s);
      ASSERT_TRUE(next == intervals.end() || next->first >= s + size) << "overlap at step " << step;
      ASSERT_TRUE(next == intervals.begin() || std::prev(next)->second <= s) << "overlap at step " << step;
      intervals[s] = s + size;
      std::memcpy(p, &tag, std::min<size_t>(size, 8));
      if (size >= 16) std::memcpy(p + size - 8, &tag, 8);
      live.push_back({p, size, tag++});
    } else {
      size_t i = rng() % live.size();
      Live l = live[i];
      live[i] = live.back();
      live.pop_back();
      size_t n = std::min<size_t>(l.size, 8);
      ASSERT_EQ(std::memcmp(l.p, &l.tag, n), 0) << "object overwritten at step " << step;
      if (l.size >= 16) {
        ASSERT_EQ(std::memcmp(l.p + l.size - 8, &l.tag, 8), 0) << "object overwritten at step " << step;
      }
      intervals.erase(reinterpret_cast<uintptr_t>(l.p));
      heap.free(l.p);
    }
    if (step % 4096 == 0) {
      ASSERT_EQ(check(), "") << "after step " << step;
    }
  }
  for (auto& l : live) heap.free(l.p);
  EXPECT_EQ(fault_count, 0) << last_fault;
  heap.compact();
  EXPECT_EQ(check(), "");
  EXPECT_EQ(zone.stats().free_pages, start_free);
  EXPECT_EQ(zone.stats().free_blocks[BuddyAllocator::kMaxOrder], kArena >> 22);
}

}  // namespace

namespace {

constexpr size_t kBlockBytes = sis::mm::kPageSize << BuddyAllocator::kMaxOrder;

TEST_F(HeapFixture, AllocationsAboveOneBlockTakeARunAndGiveItAllBack) {
  std::memset(mem, 0xa5, kArena);
  uint8_t* p = static_cast<uint8_t*>(heap.alloc_zeroed(10u << 20));  // three 4 MiB blocks
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(heap.usable_size(p), 3 * kBlockBytes);
  for (size_t i = 0; i < 3 * kBlockBytes; i += 4096) ASSERT_EQ(p[i], 0) << i;
  // Zeroing stops at the run's end: the block after it is untouched.
  uint8_t* after = p + 3 * kBlockBytes;
  if (after < mem + kArena) {
    EXPECT_EQ(*after, 0xa5);
  }
  EXPECT_EQ(heap.large_stats().pages_in_use, 3 * kBlockBytes / 4096);
  EXPECT_EQ(check(), "");
  heap.free(p);
  EXPECT_EQ(fault_count, 0) << last_fault;
  EXPECT_EQ(zone.stats().free_pages, start_free);
  EXPECT_EQ(heap.large_stats().pages_in_use, 0u);
  EXPECT_EQ(check(), "");
}

TEST_F(HeapFixture, PointersInsideARunAreInteriorFaultsAndFreeNothing) {
  uint8_t* p = static_cast<uint8_t*>(heap.alloc(9u << 20));
  ASSERT_NE(p, nullptr);
  uint64_t used = zone.stats().free_pages;
  heap.free(p + kBlockBytes);  // the second block's start
  EXPECT_EQ(fault_count, 1);
  EXPECT_NE(last_fault.find("middle"), std::string::npos) << last_fault;
  heap.free(p + 4096);
  EXPECT_EQ(fault_count, 2);
  EXPECT_EQ(zone.stats().free_pages, used);
  EXPECT_EQ(heap.usable_size(p + kBlockBytes), 0u);
  heap.free(p);
  EXPECT_EQ(fault_count, 2);
  EXPECT_EQ(zone.stats().free_pages, start_free);
}

TEST_F(HeapFixture, AdjacentRunsStayApartAndOversizedOrFragmentedRequestsFail) {
  uint8_t* a = static_cast<uint8_t*>(heap.alloc(8u << 20));
  uint8_t* b = static_cast<uint8_t*>(heap.alloc(8u << 20));
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(heap.usable_size(a), 2 * kBlockBytes);
  heap.free(a);  // frees a's two blocks, not b's
  EXPECT_EQ(heap.usable_size(b), 2 * kBlockBytes);
  EXPECT_EQ(zone.stats().free_pages, start_free - 2 * kBlockBytes / 4096);
  heap.free(b);
  EXPECT_EQ(fault_count, 0) << last_fault;
  EXPECT_EQ(heap.alloc(Heap::kMaxAlloc + 1), nullptr);
  EXPECT_EQ(heap.alloc(kArena + 1), nullptr);  // more than the zone holds
  // Every other block taken: no two adjacent free blocks remain.
  std::vector<void*> blocks;
  for (size_t i = 0; i < kArena / kBlockBytes; ++i) blocks.push_back(heap.alloc(kBlockBytes));
  for (size_t i = 0; i < blocks.size(); ++i)
    if (i % 2) heap.free(blocks[i]);
  uint64_t failures = heap.large_stats().failures;
  EXPECT_EQ(heap.alloc(kBlockBytes + 1), nullptr);
  EXPECT_EQ(heap.large_stats().failures, failures + 1);
  for (size_t i = 0; i < blocks.size(); i += 2) heap.free(blocks[i]);
  EXPECT_EQ(fault_count, 0) << last_fault;
  EXPECT_EQ(check(), "");
}

}  // namespace
