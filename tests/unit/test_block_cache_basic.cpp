// BlockCache: hits, read-ahead for sequential reads, write-back with coalescing, eviction.
#include <gtest/gtest.h>

#include "fs/block_cache.h"
#include "host/image_device.h"

using sis::Error;
using sis::u64;
using sis::fs::BlockCache;
using sis::fs::Buf;

namespace {

TEST(BlockCache, HitsMissesAndReadAhead) {
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.create(4 << 20), Error::Ok);
  for (u64 i = 0; i < dev.size(); i += 4096) dev.data()[i] = static_cast<sis::u8>(i / 4096);
  BlockCache c;
  ASSERT_EQ(c.init(&dev, 4096, 64), Error::Ok);
  for (u64 b = 0; b < 40; ++b) {
    Buf* buf = c.get(b).value();
    EXPECT_EQ(buf->data[0], static_cast<sis::u8>(b));
    c.put(buf);
  }
  auto s = c.stats();
  EXPECT_GT(s.read_ahead, 20u);             // sequential misses pulled the rest in
  EXPECT_LT(dev.reads, 12u);                // in a few large requests
  Buf* again = c.get(5).value();
  c.put(again);
  EXPECT_GT(c.stats().hits, s.hits);
  EXPECT_EQ(c.get(1024).error(), Error::Range);  // past the end of the device
}

TEST(BlockCache, WriteBackCoalescesAndKeepsJournaledBuffers) {
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.create(1 << 20), Error::Ok);
  BlockCache c;
  ASSERT_EQ(c.init(&dev, 1024, 32), Error::Ok);
  for (u64 b = 10; b < 20; ++b) {
    Buf* buf = c.get_new(b).value();
    buf->data[0] = 0xAB;
    c.mark_dirty(buf);
    c.put(buf);
  }
  Buf* j = c.get_new(50).value();
  j->data[0] = 0xCD;
  j->dirty = j->journaled = true;
  u64 writes = dev.writes;
  ASSERT_EQ(c.sync(), Error::Ok);
  EXPECT_EQ(dev.writes - writes, 1u);  // ten adjacent blocks, one request
  EXPECT_EQ(dev.data()[15 * 1024], 0xAB);
  EXPECT_EQ(dev.data()[50 * 1024], 0);  // journaled: only the journal may write it home
  j->journaled = false;
  c.put(j);
  ASSERT_EQ(c.sync(), Error::Ok);
  EXPECT_EQ(dev.data()[50 * 1024], 0xCD);
}

TEST(BlockCache, EvictsCleanBuffersAndRefusesWhenAllPinned) {
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.create(1 << 20), Error::Ok);
  BlockCache c;
  ASSERT_EQ(c.init(&dev, 1024, 16), Error::Ok);
  Buf* held[16];
  for (int i = 0; i < 16; ++i) held[i] = c.get(static_cast<u64>(i * 7)).value();
  EXPECT_EQ(c.get(500).error(), Error::NoMemory);
  for (Buf* b : held) c.put(b);
  EXPECT_TRUE(c.get(500).ok());
}

}  // namespace
