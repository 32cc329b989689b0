// Durability and device faults below ext4, on a recording in-memory device:
//  - an fsync's jbd2 commit orders its writes with flushes as ordered mode requires: data and
//    log blocks, flush, commit block, flush, checkpoint writes, flush;
//  - a device that times out: the error reaches the caller of fsync/read unchanged, and the
//    block cache never recycles a buffer the device may still write into.
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::u32;
using sis::u64;
using sis::u8;
using sis::usize;

namespace {

struct Op {
  char kind;  // 'r', 'w', 'f'
  u64 sector;
  u32 count;
  bool commit_block;  // a jbd2 commit block (magic C03B3998, type 2)
  const void* buf;
};

class RecordingDevice final : public sis::host::MemDevice {
 public:
  std::vector<Op> ops;
  bool time_out_reads = false, time_out_writes = false;

  Error read(u64 sector, u32 n, void* buf) override {
    ops.push_back({'r', sector, n, false, buf});
    if (time_out_reads) return Error::TimedOut;
    return MemDevice::read(sector, n, buf);
  }
  Error write(u64 sector, u32 n, const void* buf) override {
    const u8* b = static_cast<const u8*>(buf);
    bool commit = b[0] == 0xC0 && b[1] == 0x3B && b[2] == 0x39 && b[3] == 0x98 && b[4] == 0 && b[5] == 0 &&
                  b[6] == 0 && b[7] == 2;
    ops.push_back({'w', sector, n, commit, buf});
    if (time_out_writes) return Error::TimedOut;
    return MemDevice::write(sector, n, buf);
  }
  Error flush() override {
    ops.push_back({'f', 0, 0, false, nullptr});
    return MemDevice::flush();
  }
};

struct Fixture {
  TempDir t;
  RecordingDevice dev;
  sis::fs::Ext4 fs;
  sis::fs::Vfs v;
  explicit Fixture(unsigned bs) {
    std::string img = make_image(t, "d.img", 8, bs);
    EXPECT_EQ(dev.load(img.c_str()), Error::Ok);
    sis::fs::Ext4::Options opt;
    opt.cache_buffers = 256;
    EXPECT_EQ(fs.mount(&dev, opt), Error::Ok);
    EXPECT_EQ(v.mount("/", &fs, "d"), Error::Ok);
  }
  Error write_and_fsync(const char* path, const std::string& data) {
    int fd = v.open(path, sis::fs::kOpenWrite | sis::fs::kOpenCreate).value_or(-1);
    if (fd < 0) return Error::Invalid;
    auto w = v.write(fd, data.data(), data.size());
    Error e = w.ok() ? v.fsync(fd) : w.error();
    v.close(fd);
    return e;
  }
};

void check_commit_order(unsigned bs) {
  Fixture f(bs);
  f.dev.ops.clear();
  ASSERT_EQ(f.write_and_fsync("/file", pattern(3 * bs + 100, 7)), Error::Ok);
  const auto& ops = f.dev.ops;
  usize commit = ops.size();
  for (usize i = 0; i < ops.size(); ++i)
    if (ops[i].kind == 'w' && ops[i].commit_block) {
      ASSERT_EQ(commit, ops.size()) << "one commit block per fsync";
      commit = i;
    }
  ASSERT_LT(commit, ops.size()) << "fsync wrote no commit block";
  // Data and log blocks before the commit block, then a flush between them and it.
  usize writes_before = 0, flush_before = ops.size();
  for (usize i = 0; i < commit; ++i) {
    if (ops[i].kind == 'w') {
      ++writes_before;
      flush_before = ops.size();  // a flush must come after this write
    } else if (ops[i].kind == 'f') {
      flush_before = i;
    }
  }
  EXPECT_GE(writes_before, 4u) << "file data, descriptor and logged metadata precede the commit block";
  EXPECT_LT(flush_before, commit) << "no flush between the log writes and the commit block";
  // The commit block is flushed before anything goes home (checkpoint).
  usize flush_after = ops.size(), first_home_write = ops.size();
  for (usize i = commit + 1; i < ops.size(); ++i) {
    if (ops[i].kind == 'f' && flush_after == ops.size()) flush_after = i;
    if (ops[i].kind == 'w' && first_home_write == ops.size()) first_home_write = i;
  }
  ASSERT_LT(flush_after, ops.size()) << "commit block never flushed";
  EXPECT_LT(flush_after, first_home_write) << "checkpoint write before the commit block was durable";
  EXPECT_LT(first_home_write, ops.size()) << "no checkpoint writes";
  // The checkpoint is flushed before fsync returns.
  ASSERT_FALSE(ops.empty());
  EXPECT_EQ(ops.back().kind, 'f') << "fsync returned with unflushed checkpoint writes";
  usize flushes = 0;
  for (const Op& o : ops) flushes += o.kind == 'f';
  EXPECT_EQ(flushes, 3u);
}

}  // namespace

TEST(BlkDurability, FsyncCommitFlushesLogThenCommitBlockThenCheckpoint1KiB) { check_commit_order(1024); }
TEST(BlkDurability, FsyncCommitFlushesLogThenCommitBlockThenCheckpoint4KiB) { check_commit_order(4096); }

TEST(BlkDurability, FsyncOnATimedOutDeviceReportsTimedOut) {
  Fixture f(1024);
  f.dev.time_out_writes = true;
  EXPECT_EQ(f.write_and_fsync("/file", "data that never reaches the disk\n"), Error::TimedOut);
  EXPECT_TRUE(f.fs.cache().device_timed_out());
}

TEST(BlkDurability, TimedOutReadBufferIsNeverRecycled) {
  Fixture f(1024);
  sis::fs::BlockCache& c = f.fs.cache();
  f.dev.time_out_reads = true;
  f.dev.ops.clear();
  u64 probe = c.block_count() - 1;  // not cached yet: the last block of the disk
  auto r = c.get(probe);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::TimedOut);
  ASSERT_FALSE(f.dev.ops.empty());
  const void* held = f.dev.ops.back().buf;  // the device may still write here
  f.dev.time_out_reads = false;
  // Cycle far more blocks than the cache holds through it: the held buffer never comes back.
  for (u64 b = 0; b < 3 * c.capacity(); ++b) {
    auto n = c.get_new(1000 + (b % (c.block_count() - 2000)));
    ASSERT_TRUE(n.ok());
    ASSERT_NE(static_cast<const void*>(n.value()->data), held) << "recycled the buffer of a timed-out read";
    c.put(n.value());
  }
}
