// Split virtqueue ring logic against a simulated device that reads the avail ring and
// writes the used ring exactly as the virtio 1.x spec lays them out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "drivers/virtio/virtqueue.h"

using namespace sis;
using namespace sis::virtio;

namespace {

struct Device {  // the device's view of the shared memory
  u8* base;
  Layout l;
  u16 size;
  u16 last_avail = 0;
  u16 used_idx = 0;

  u16* avail_idx() { return reinterpret_cast<u16*>(base + l.avail_offset + 2); }
  u16* avail_ring() { return reinterpret_cast<u16*>(base + l.avail_offset + 4); }
  u16* used_event() { return avail_ring() + size; }
  u16* used_idx_p() { return reinterpret_cast<u16*>(base + l.used_offset + 2); }
  UsedElem* used_ring() { return reinterpret_cast<UsedElem*>(base + l.used_offset + 4); }
  u16* avail_event() { return reinterpret_cast<u16*>(base + l.used_offset + 4 + sizeof(UsedElem) * size); }
  Desc* desc() { return reinterpret_cast<Desc*>(base); }

  // Takes one available chain; returns its descriptors.
  bool take(u16* head, std::vector<Desc>* chain) {
    if (last_avail == *avail_idx()) return false;
    *head = avail_ring()[last_avail % size];
    ++last_avail;
    chain->clear();
    u16 id = *head;
    for (int guard = 0; guard <= size; ++guard) {
      chain->push_back(desc()[id]);
      if (!(desc()[id].flags & kDescNext)) break;
      id = desc()[id].next;
    }
    return true;
  }
  void complete(u16 head, u32 len) {
    used_ring()[used_idx % size] = {head, len};
    ++used_idx;
    *used_idx_p() = used_idx;
  }
};

struct Fixture {
  std::vector<u8> mem;
  SplitQueue q;
  Device dev;
  Fixture(u16 size, bool event_idx) : mem(Layout::for_size(size).total), dev{nullptr, Layout::for_size(size), size} {
    dev.base = mem.data();
    EXPECT_EQ(q.init(mem.data(), 0x40000000, size, event_idx), Error::Ok);
  }
};

}  // namespace

TEST(Virtqueue, LayoutMatchesSpecAlignment) {
  Layout l = Layout::for_size(128);
  EXPECT_EQ(l.desc_offset, 0u);
  EXPECT_EQ(l.avail_offset, 128u * 16);
  EXPECT_EQ(l.used_offset % 4, 0u);
  EXPECT_GE(l.used_offset, l.avail_offset + 6 + 2 * 128);
  EXPECT_GE(l.total, l.used_offset + 6 + 8 * 128);
  // Hand-checked: 16*128 = 2048; avail = 2048 + 4 + 256 + 2 = 2310 -> used at 2312.
  EXPECT_EQ(l.used_offset, 2312u);
}

TEST(Virtqueue, RejectsBadSizes) {
  std::vector<u8> mem(65536);
  SplitQueue q;
  EXPECT_EQ(q.init(mem.data(), 0, 0, false), Error::Invalid);
  EXPECT_EQ(q.init(mem.data(), 0, 100, false), Error::Invalid);  // not a power of two
  EXPECT_EQ(q.init(nullptr, 0, 8, false), Error::Invalid);
}

TEST(Virtqueue, ChainBuildingSetsFlagsAndLinks) {
  Fixture f(8, false);
  Buffer bufs[3] = {{0x1000, 16, false}, {0x2000, 4096, true}, {0x3000, 1, true}};
  auto head = f.q.add(bufs, 3);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(f.q.free_count(), 5);
  EXPECT_TRUE(f.q.publish());
  u16 h;
  std::vector<Desc> chain;
  ASSERT_TRUE(f.dev.take(&h, &chain));
  EXPECT_EQ(h, head.value());
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0].addr, 0x1000u);
  EXPECT_EQ(chain[0].flags, kDescNext);
  EXPECT_EQ(chain[1].flags, kDescNext | kDescWrite);
  EXPECT_EQ(chain[1].len, 4096u);
  EXPECT_EQ(chain[2].flags, kDescWrite);
  f.dev.complete(h, 4097);
  u16 done;
  u32 len;
  ASSERT_TRUE(f.q.pop_used(&done, &len));
  EXPECT_EQ(done, h);
  EXPECT_EQ(len, 4097u);
  EXPECT_EQ(f.q.free_count(), 8);
  EXPECT_FALSE(f.q.pop_used(&done, &len));
}

TEST(Virtqueue, FullRingRefusesAndRecovers) {
  Fixture f(4, false);
  Buffer two[2] = {{1, 1, false}, {2, 1, true}};
  ASSERT_TRUE(f.q.add(two, 2).ok());
  ASSERT_TRUE(f.q.add(two, 2).ok());
  EXPECT_EQ(f.q.add(two, 1).error(), Error::NoSpace);
  f.q.publish();
  u16 h;
  std::vector<Desc> chain;
  ASSERT_TRUE(f.dev.take(&h, &chain));
  f.dev.complete(h, 0);
  u16 d;
  u32 l;
  ASSERT_TRUE(f.q.pop_used(&d, &l));
  EXPECT_TRUE(f.q.add(two, 2).ok());
}

TEST(Virtqueue, IndicesWrapAroundSixteenBits) {
  Fixture f(4, false);
  Buffer one[1] = {{0x10, 8, true}};
  // 70000 round trips: both free-running u16 indices wrap past 65535 more than once.
  for (int i = 0; i < 70000; ++i) {
    auto head = f.q.add(one, 1);
    ASSERT_TRUE(head.ok()) << "at " << i;
    f.q.publish();
    u16 h;
    std::vector<Desc> chain;
    ASSERT_TRUE(f.dev.take(&h, &chain));
    ASSERT_EQ(h, head.value());
    f.dev.complete(h, static_cast<u32>(i));
    u16 d;
    u32 len;
    ASSERT_TRUE(f.q.pop_used(&d, &len));
    ASSERT_EQ(len, static_cast<u32>(i));
  }
  EXPECT_EQ(*f.dev.avail_idx(), static_cast<u16>(70000));
  EXPECT_EQ(f.q.free_count(), 4);
}

TEST(Virtqueue, NeedEventVectors) {
  // vring_need_event(event, new, old): notify iff event lies in [old, new).
  EXPECT_TRUE(need_event(0, 1, 0));
  EXPECT_FALSE(need_event(1, 1, 0));
  EXPECT_TRUE(need_event(5, 8, 4));
  EXPECT_FALSE(need_event(3, 8, 4));   // the device asked before old: already told
  EXPECT_FALSE(need_event(8, 8, 4));
  EXPECT_TRUE(need_event(65535, 2, 65534));  // across the wrap
  EXPECT_TRUE(need_event(0, 2, 65534));
  EXPECT_FALSE(need_event(2, 2, 65534));
}

TEST(Virtqueue, EventIdxSuppressesNotifications) {
  Fixture f(8, true);
  Buffer one[1] = {{0x10, 8, true}};
  // The device wants a kick when avail reaches index 0 -> first publish notifies.
  ASSERT_TRUE(f.q.add(one, 1).ok());
  EXPECT_TRUE(f.q.publish());
  // Device says: do not kick me again until avail idx passes 5.
  *f.dev.avail_event() = 5;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(f.q.add(one, 1).ok());
    EXPECT_FALSE(f.q.publish()) << i;  // avail idx 2..5: event 5 not yet crossed
  }
  ASSERT_TRUE(f.q.add(one, 1).ok());
  EXPECT_TRUE(f.q.publish());  // 5 -> 6 crosses the event index
  EXPECT_EQ(f.q.notifications(), 2u);
}

TEST(Virtqueue, UsedEventTracksConsumption) {
  Fixture f(8, true);
  Buffer one[1] = {{0x10, 8, true}};
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(f.q.add(one, 1).ok());
  f.q.publish();
  for (int i = 0; i < 3; ++i) {
    u16 h;
    std::vector<Desc> c;
    ASSERT_TRUE(f.dev.take(&h, &c));
    f.dev.complete(h, 0);
  }
  u16 d;
  u32 l;
  while (f.q.pop_used(&d, &l)) {
  }
  EXPECT_EQ(*f.dev.used_event(), 3);  // interrupt me at the next completion
  f.q.disable_interrupts();
  EXPECT_EQ(*f.dev.used_event(), 2);  // as far away as possible
  f.q.enable_interrupts();
  EXPECT_EQ(*f.dev.used_event(), 3);
}

TEST(Virtqueue, MisbehavingDeviceIdIsRefused) {
  Fixture f(8, false);
  Buffer one[1] = {{0x10, 8, true}};
  ASSERT_TRUE(f.q.add(one, 1).ok());
  f.q.publish();
  f.dev.complete(200, 0);  // an id outside the table
  u16 d;
  u32 l;
  EXPECT_FALSE(f.q.pop_used(&d, &l));
  EXPECT_EQ(f.q.free_count(), 7);
}
