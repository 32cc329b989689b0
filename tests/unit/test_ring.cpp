// lib/ring: the SPSC byte ring used between the UART interrupt handler and the shell.
#include "lib/ring.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>

namespace {

using sis::Ring;

TEST(Ring, StartsEmpty) {
  Ring<uint8_t, 4> r;
  EXPECT_TRUE(r.empty());
  EXPECT_FALSE(r.full());
  EXPECT_EQ(r.size(), 0u);
  using R4 = Ring<uint8_t, 4>;
  EXPECT_EQ(R4::capacity(), 4u);
  uint8_t v = 77;
  EXPECT_FALSE(r.pop(&v));
  EXPECT_EQ(v, 77) << "pop on empty must not write";
}

TEST(Ring, FillsToCapacityThenRejects) {
  Ring<uint8_t, 4> r;
  for (uint8_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(r.push(i));
    EXPECT_EQ(r.size(), i + 1u);
  }
  EXPECT_TRUE(r.full());
  EXPECT_FALSE(r.empty());
  EXPECT_FALSE(r.push(99));
  EXPECT_EQ(r.size(), 4u);
  for (uint8_t i = 0; i < 4; ++i) {
    uint8_t v = 0;
    ASSERT_TRUE(r.pop(&v));
    EXPECT_EQ(v, i) << "FIFO order";
  }
  EXPECT_TRUE(r.empty());
  uint8_t v;
  EXPECT_FALSE(r.pop(&v));
}

TEST(Ring, WrapsAroundManyTimes) {
  Ring<int, 8> r;
  std::deque<int> model;
  uint32_t x = 12345;
  int next = 0;
  for (int step = 0; step < 20000; ++step) {
    x = x * 1103515245u + 12345u;
    if ((x >> 16) % 3 != 0) {
      bool pushed = r.push(next);
      EXPECT_EQ(pushed, model.size() < 8);
      if (pushed) model.push_back(next);
      ++next;
    } else {
      int v = -1;
      bool popped = r.pop(&v);
      ASSERT_EQ(popped, !model.empty());
      if (popped) {
        EXPECT_EQ(v, model.front());
        model.pop_front();
      }
    }
    ASSERT_EQ(r.size(), model.size());
    ASSERT_EQ(r.full(), model.size() == 8);
    ASSERT_EQ(r.empty(), model.empty());
  }
}

TEST(Ring, AlternatingPushPopCrossesTheEndOfStorage) {
  Ring<char, 2> r;
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(r.push(static_cast<char>('a' + i % 26)));
    ASSERT_TRUE(r.push(static_cast<char>('A' + i % 26)));
    ASSERT_TRUE(r.full());
    char a = 0, b = 0;
    ASSERT_TRUE(r.pop(&a));
    ASSERT_TRUE(r.pop(&b));
    EXPECT_EQ(a, 'a' + i % 26);
    EXPECT_EQ(b, 'A' + i % 26);
  }
}

}  // namespace
