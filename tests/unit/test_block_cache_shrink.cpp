// BlockCache shrinker: it gives back exactly the memory it says (whole chunks of the pool),
// never a pinned, journaled or unwritten buffer, keeps its floor, and the cache
// still reads and writes correctly while shrunk and after regrow().
#include <gtest/gtest.h>

#include "fs/block_cache.h"
#include "host/image_device.h"
#include "lib/env.h"

using sis::Error;
using sis::u64;
using sis::fs::BlockCache;
using sis::fs::Buf;

namespace {

constexpr u64 kBlock = 1024;

// Fills every buffer of the cache with a block (read from the device).
void fill(BlockCache& c, u64 n) {
  for (u64 b = 0; b < n; ++b) c.put(c.get(b * 3).value());  // not sequential: no read-ahead
}

TEST(BlockCacheShrink, FreesWholeChunksAndSaysHowMuch) {
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.create(8 << 20), Error::Ok);
  BlockCache c;
  const u64 nbufs = BlockCache::kShrinkFloor + 256;
  ASSERT_EQ(c.init(&dev, kBlock, nbufs), Error::Ok);
  fill(c, nbufs);
  EXPECT_EQ(c.stats().cached, nbufs);
  u64 pool = c.pool_bytes();
  EXPECT_EQ(pool, nbufs * kBlock);
  u64 freed = c.shrink(40 * kBlock);  // rounded up to whole chunks of 16 buffers
  EXPECT_EQ(freed, 48 * kBlock);
  EXPECT_EQ(c.pool_bytes(), pool - freed);
  EXPECT_EQ(c.stats().buffers, nbufs - 48);
  EXPECT_EQ(c.stats().shrunk, 48u);
  EXPECT_EQ(c.stats().cached, nbufs - 48);
  // Asking for everything stops at the floor.
  freed += c.shrink(1ull << 40);
  EXPECT_EQ(c.stats().buffers, BlockCache::kShrinkFloor);
  EXPECT_EQ(freed, 256 * kBlock);
  EXPECT_EQ(c.shrink(1ull << 40), 0u);
}

TEST(BlockCacheShrink, KeepsPinnedAndJournaledBuffersAndWritesDirtyOnesFirst) {
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.create(8 << 20), Error::Ok);
  BlockCache c;
  const u64 nbufs = BlockCache::kShrinkFloor + 48;  // three chunks above the floor
  ASSERT_EQ(c.init(&dev, kBlock, nbufs), Error::Ok);
  fill(c, nbufs);
  // Free slots are taken from the LRU tail, the pool's last buffer first: the k-th block
  // filled sits in the newest chunk for k < 16, in the one before for k < 32, and so on.
  // The newest chunk gets a pinned buffer, the next a journaled one, the third a dirty one.
  Buf* pinned = c.get(0).value();
  Buf* journaled = c.get(3 * 16).value();
  journaled->dirty = journaled->journaled = true;
  c.put(journaled);
  Buf* dirty = c.get(3 * 32).value();
  dirty->data[0] = 0x5A;
  c.mark_dirty(dirty);
  c.put(dirty);
  u64 writes = dev.writes;
  // Three chunks may go: the two busy ones stay, so the dirty one and two older ones go.
  EXPECT_EQ(c.shrink(1ull << 40), 48 * kBlock);
  EXPECT_GT(dev.writes, writes);  // the dirty buffer was written home before its memory went
  EXPECT_EQ(dev.data()[3 * 32 * kBlock], 0x5A);
  EXPECT_EQ(pinned->data, c.get(0).value()->data);  // the pinned buffer kept its memory
  c.put(pinned);
  c.put(pinned);
  EXPECT_EQ(journaled->data, c.get(3 * 16).value()->data);
  c.put(journaled);
  EXPECT_TRUE(journaled->journaled);
  EXPECT_EQ(c.stats().buffers, BlockCache::kShrinkFloor);
}

TEST(BlockCacheShrink, WorksWhileShrunkAndAfterRegrow) {
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.create(8 << 20), Error::Ok);
  for (u64 i = 0; i < dev.size(); i += kBlock) dev.data()[i] = static_cast<sis::u8>(i / kBlock * 7);
  BlockCache c;
  const u64 nbufs = BlockCache::kShrinkFloor + 64;
  ASSERT_EQ(c.init(&dev, kBlock, nbufs), Error::Ok);
  fill(c, nbufs);
  ASSERT_EQ(c.shrink(64 * kBlock), 64 * kBlock);
  // More blocks than the shrunk pool holds: recycling works within the floor.
  for (u64 b = 0; b < 2 * nbufs; ++b) {
    Buf* buf = c.get(b * 5).value();
    EXPECT_EQ(buf->data[0], static_cast<sis::u8>(b * 5 * 7));
    c.put(buf);
  }
  EXPECT_EQ(c.regrow(), 64 * kBlock);
  EXPECT_EQ(c.stats().buffers, nbufs);
  EXPECT_EQ(c.pool_bytes(), nbufs * kBlock);
  Buf* w = c.get_new(4000).value();
  w->data[0] = 0x77;
  c.mark_dirty(w);
  c.put(w);
  ASSERT_EQ(c.sync(), Error::Ok);
  EXPECT_EQ(dev.data()[4000 * kBlock], 0x77);
  c.destroy();
}

TEST(BlockCacheShrink, TotalsCoverEveryLiveCache) {
  sis::host::MemDevice d1, d2;
  ASSERT_EQ(d1.create(4 << 20), Error::Ok);
  ASSERT_EQ(d2.create(4 << 20), Error::Ok);
  auto before = sis::fs::block_cache_totals();
  {
    BlockCache a, b;
    ASSERT_EQ(a.init(&d1, kBlock, BlockCache::kShrinkFloor + 32), Error::Ok);
    ASSERT_EQ(b.init(&d2, kBlock, BlockCache::kShrinkFloor + 32), Error::Ok);
    fill(a, 10);
    auto t = sis::fs::block_cache_totals();
    EXPECT_EQ(t.caches, before.caches + 2);
    EXPECT_EQ(t.pool_bytes - before.pool_bytes, 2 * (BlockCache::kShrinkFloor + 32) * kBlock);
    EXPECT_EQ(t.cached_bytes - before.cached_bytes, 10 * kBlock);
    EXPECT_EQ(t.misses - before.misses, 10u);
    EXPECT_EQ(sis::fs::block_cache_shrink_all(1ull << 40), 64 * kBlock);
    EXPECT_EQ(sis::fs::block_cache_regrow_all(), 64 * kBlock);
  }
  EXPECT_EQ(sis::fs::block_cache_totals().caches, before.caches);  // destroyed: unregistered
}

}  // namespace
