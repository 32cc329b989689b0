// Pipes: POSIX read/write semantics (EOF, EPIPE, partial and atomic writes, O_NONBLOCK),
// blocking with scripted wake-ups and signals, and that rings and ends are freed.
#include "test_file_hooks.h"  // first: see there
#include "proc/pipe.h"

#include <gtest/gtest.h>

#include <string>

using namespace sis;
using namespace sis::proc;

namespace {

std::string err(Error e) { return std::string("<") + error_name(e) + ">"; }

struct PipeTest : ::testing::Test {
  PipeEnds p{};
  void SetUp() override {
    test::hooks().reset();
    auto r = make_pipe(0);
    ASSERT_TRUE(r.ok());
    p = r.value();
  }
  void TearDown() override {
    if (p.read) p.read->unref();
    if (p.write) p.write->unref();
    EXPECT_EQ(File::live_count(), 0u);
    EXPECT_EQ(live_pipe_count(), 0u);
    EXPECT_TRUE(test::hooks().on_block.empty()) << "a scripted action was not needed";
  }
  Result<usize> put(const std::string& s, bool block = true) { return p.write->write(s.data(), s.size(), block, s.size() <= kPipeBuf); }
  std::string get(usize n, bool block = true) {
    std::string s(n, '\0');
    auto r = p.read->read(s.data(), n, block);
    if (!r.ok()) return std::string("<") + error_name(r.error()) + ">";
    s.resize(r.value());
    return s;
  }
};

TEST_F(PipeTest, BytesComeOutInOrderAndReadsReturnWhatIsThere) {
  ASSERT_EQ(put("hello ").value(), 6u);
  ASSERT_EQ(put("world").value(), 5u);
  EXPECT_EQ(get(3), "hel");
  EXPECT_EQ(get(100), "lo world");  // a short read: only what is buffered
  EXPECT_EQ(test::hooks().blocks, 0u);
}

TEST_F(PipeTest, ReadIsEndOfFileOnceEveryWriterClosedAndTheRingIsEmpty) {
  ASSERT_TRUE(put("tail").ok());
  p.write->unref();
  p.write = nullptr;
  EXPECT_EQ(get(10), "tail");
  EXPECT_EQ(get(10), "");
  EXPECT_EQ(get(10), "");
}

TEST_F(PipeTest, WriteWithNoReaderIsBrokenPipe) {
  p.read->unref();
  p.read = nullptr;
  auto r = put("x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::BrokenPipe);
}

TEST_F(PipeTest, NonBlockingEndsSayWouldBlock) {
  EXPECT_EQ(get(1, false), err(Error::WouldBlock));
  std::string big(kPipeCapacity, 'a');
  ASSERT_EQ(put(big, false).value(), kPipeCapacity);
  auto r = put("more", false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::WouldBlock);
}

TEST_F(PipeTest, ALargeNonBlockingWriteIsPartialWhenTheRingFills) {
  std::string big(kPipeCapacity + 1000, 'b');
  auto r = p.write->write(big.data(), big.size(), false, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), kPipeCapacity);
}

TEST_F(PipeTest, AnAtomicWriteWaitsForRoomForAllOfIt) {
  std::string fill(kPipeCapacity - 100, 'f');
  ASSERT_TRUE(p.write->write(fill.data(), fill.size(), true, false).ok());
  // 200 bytes fit only after the reader drains some: the write must not go in by halves.
  test::hooks().on_block.push_back([&] {
    EXPECT_EQ(p.read->buffered(), kPipeCapacity - 100) << "nothing of the atomic write went in before it blocked";
    EXPECT_EQ(get(150).size(), 150u);
  });
  std::string small(200, 's');
  auto r = p.write->write(small.data(), small.size(), true, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 200u);
  EXPECT_EQ(test::hooks().blocks, 1u);
  EXPECT_EQ(p.read->buffered(), kPipeCapacity - 100 - 150 + 200);
}

TEST_F(PipeTest, ANonAtomicBlockingWriteGoesInPiecesAsTheReaderDrains) {
  std::string big(kPipeCapacity + 5000, 'x');
  usize drained = 0;
  test::hooks().on_block.push_back([&] { drained += get(kPipeCapacity).size(); });
  auto r = p.write->write(big.data(), big.size(), true, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), big.size());
  EXPECT_EQ(drained, kPipeCapacity);
  EXPECT_EQ(p.read->buffered(), 5000u);
}

TEST_F(PipeTest, ABlockedReadWakesWhenDataArrives) {
  test::hooks().on_block.push_back([&] { ASSERT_TRUE(put("late").ok()); });
  EXPECT_EQ(get(10), "late");
  EXPECT_EQ(test::hooks().blocks, 1u);
}

TEST_F(PipeTest, ABlockedReadSeesEndOfFileWhenTheLastWriterCloses) {
  test::hooks().on_block.push_back([&] {
    p.write->unref();
    p.write = nullptr;
  });
  EXPECT_EQ(get(10), "");
}

TEST_F(PipeTest, ABlockedReadIsInterruptedByASignal) {
  test::hooks().on_block.push_back([&] { test::hooks().signal_pending = true; });
  EXPECT_EQ(get(10), err(Error::Interrupted));
}

TEST_F(PipeTest, ABlockedWriteReturnsWhatItWroteWhenInterrupted) {
  std::string big(kPipeCapacity + 10, 'x');
  test::hooks().on_block.push_back([&] { test::hooks().signal_pending = true; });
  auto r = p.write->write(big.data(), big.size(), true, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), kPipeCapacity);
}

TEST_F(PipeTest, ABlockedWriteFailsWithBrokenPipeWhenTheReaderGoes) {
  std::string big(kPipeCapacity, 'x');
  ASSERT_EQ(put(big).value(), kPipeCapacity);
  test::hooks().on_block.push_back([&] {
    p.read->unref();
    p.read = nullptr;
  });
  auto r = put("y");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::BrokenPipe);
}

TEST_F(PipeTest, EndsRefuseTheWrongDirectionAndSeeking) {
  char c;
  EXPECT_EQ(p.write->read(&c, 1, true).error(), Error::BadFd);
  EXPECT_EQ(p.read->write("x", 1, true, true).error(), Error::BadFd);
  EXPECT_EQ(p.read->lseek(0, 0).error(), Error::NoSeek);
  EXPECT_EQ(p.read->pread(&c, 1, 0).error(), Error::NoSeek);
  EXPECT_EQ(p.read->stat().value().mode & 0170000, 0010000u);  // S_IFIFO
  EXPECT_EQ(p.read->stat().value().ino, p.write->stat().value().ino);
}

TEST_F(PipeTest, PollReportsDataRoomAndHangup) {
  EXPECT_FALSE(p.read->poll().readable);
  EXPECT_TRUE(p.write->poll().writable);
  ASSERT_TRUE(put("z").ok());
  EXPECT_TRUE(p.read->poll().readable);
  p.write->unref();
  p.write = nullptr;
  EXPECT_TRUE(p.read->poll().hangup);
}

TEST_F(PipeTest, SharedEndsStayOpenUntilTheLastReference) {
  p.write->ref();   // a dup
  p.write->unref(); // one close
  ASSERT_TRUE(put("still").ok());
  EXPECT_EQ(File::live_count(), 2u);
}

}  // namespace
