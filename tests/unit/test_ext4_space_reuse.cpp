// Space freed by rm is usable before any explicit sync (issue 24): an allocation that runs
// out of space commits the running transaction (whose frees then apply) and retries once,
// statfs counts the transaction's frees as free, and the commit interval (5 s, as ext4's
// default commit=) writes changes without a sync. Judged by the real e2fsck -fn.
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::StrView;
using sis::fs::WriteMode;

namespace {

Error put(sis::fs::Vfs& v, const char* path, const std::string& data) {
  auto r = v.write_file(path, data.data(), data.size(), WriteMode::Replace);
  return r.ok() ? (r.value() == data.size() ? Error::Ok : Error::NoSpace) : r.error();
}

// A 16 MiB disk filled to the last block by /big (written by us, then synced).
struct FullDisk {
  TempDir t;
  std::string img = make_image(t, "full.img", 16, 4096);
  uint64_t big_size = 0;
  void fill() {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    std::string chunk(1 << 20, 'b');
    int fd = m.vfs.open("/big", sis::fs::kOpenWrite | sis::fs::kOpenCreate).value_or(-1);
    ASSERT_GE(fd, 0);
    for (;;) {
      auto r = m.vfs.write(fd, chunk.data(), chunk.size());
      if (!r.ok()) {
        ASSERT_EQ(r.error(), Error::NoSpace);
        break;
      }
      big_size += r.value();
      if (r.value() < chunk.size()) break;
    }
    m.vfs.close(fd);
    ASSERT_EQ(m.vfs.sync(), Error::Ok);
    ASSERT_EQ(m.vfs.statfs("/").value().free_blocks, 0u);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
};

TEST(Ext4SpaceReuse, WriteAfterRmSucceedsWithoutSync) {
  FullDisk d;
  d.fill();
  ASSERT_GT(d.big_size, 8u << 20);
  std::string data = pattern(6 << 20, 7);
  {
    Mounted m(d.img);
    ASSERT_EQ(m.err, Error::Ok);
    EXPECT_EQ(put(m.vfs, "/before", "x"), Error::NoSpace);  // really full
    ASSERT_EQ(m.vfs.unlink("/big"), Error::Ok);
    // No sync: the frees are in the running transaction. Small and large writes both work.
    EXPECT_EQ(put(m.vfs, "/small", "hello"), Error::Ok);
    EXPECT_EQ(put(m.vfs, "/large", data), Error::Ok);
    EXPECT_EQ(m.vfs.mkdir("/dir"), Error::Ok);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  CmdResult r = fsck(d.img);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(debugfs_cat(d.t, d.img, "/small"), "hello");
  EXPECT_TRUE(debugfs_cat(d.t, d.img, "/large") == data);
}

TEST(Ext4SpaceReuse, StatfsCountsSpaceFreedByTheRunningTransaction) {
  FullDisk d;
  d.fill();
  Mounted m(d.img);
  ASSERT_EQ(m.err, Error::Ok);
  auto before = m.vfs.statfs("/").value();
  EXPECT_EQ(before.free_blocks, 0u);
  ASSERT_EQ(m.vfs.unlink("/big"), Error::Ok);
  auto after = m.vfs.statfs("/").value();  // no sync
  EXPECT_GE(after.free_blocks, d.big_size / 4096);
  ASSERT_EQ(m.vfs.sync(), Error::Ok);
  EXPECT_EQ(m.vfs.statfs("/").value().free_blocks, after.free_blocks);  // the commit changes nothing
  ASSERT_EQ(m.unmount(), Error::Ok);
}

TEST(Ext4CommitInterval, CommitsChangesOnceTheyHaveWaitedFiveSeconds) {
  TempDir t;
  std::string img = make_image(t, "ci.img", 16, 1024);
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.load(img.c_str()), Error::Ok);
  sis::fs::Ext4 fs;
  ASSERT_EQ(fs.mount(&dev, {}), Error::Ok);
  sis::fs::Vfs v;
  ASSERT_EQ(v.mount("/", &fs, "mem"), Error::Ok);
  const uint64_t t0 = 1000;
  // The background job ticks about once a second; a change waits from the last tick that
  // saw the file system clean.
  EXPECT_FALSE(fs.commit_if_due(t0).value());  // nothing waiting
  uint64_t commits = fs.journal_stats()->commits;
  ASSERT_EQ(put(v, "/f", "written without sync"), Error::Ok);
  EXPECT_FALSE(fs.commit_if_due(t0 + 1).value());
  EXPECT_FALSE(fs.commit_if_due(t0 + 4).value());
  EXPECT_EQ(fs.journal_stats()->commits, commits);
  EXPECT_TRUE(fs.commit_if_due(t0 + 5).value());
  EXPECT_EQ(fs.journal_stats()->commits, commits + 1);
  EXPECT_FALSE(fs.commit_if_due(t0 + 60).value());  // clean again
  // Power off now (no unmount, no sync): the file is on the disk.
  std::string crashed = t / "crashed.img";
  ASSERT_EQ(dev.save(crashed.c_str()), Error::Ok);
  {
    Mounted m(crashed);
    ASSERT_EQ(m.err, Error::Ok);
    EXPECT_EQ(read_all(m.vfs, "/f"), "written without sync");
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  CmdResult r = fsck(crashed);
  EXPECT_EQ(r.code, 0) << r.out;
  // The VFS hands the tick to every mount.
  ASSERT_EQ(v.unlink("/f"), Error::Ok);
  EXPECT_EQ(v.commit_due(t0 + 100), Error::Ok);  // the last tick (t0 + 60) saw it clean: due
  EXPECT_EQ(fs.journal_stats()->commits, commits + 2);
  EXPECT_EQ(v.commit_due(t0 + 105), Error::Ok);  // clean: nothing to do
  EXPECT_EQ(fs.journal_stats()->commits, commits + 2);
  ASSERT_EQ(v.unmount("/"), Error::Ok);
}

// A write at or past the largest file size is EFBIG; one crossing it is cut short there.
TEST(Ext4MaxFileSize, WritesBeyondTheLargestFileSizeAreFileTooBig) {
  TempDir t;
  for (unsigned bs : {1024u, 4096u}) {
    std::string img = make_image(t, "max" + std::to_string(bs) + ".img", 32, bs);
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    const uint64_t max = ((uint64_t{1} << 32) - 1) * bs;  // huge_file (mkfs default): s_maxbytes
    EXPECT_EQ(m.fs.max_file_size(), max);
    ASSERT_EQ(put(m.vfs, "/f", ""), Error::Ok);
    auto at = [&](uint64_t off, size_t len) {
      std::string data(len, 'z');
      return m.vfs.write_file("/f", data.data(), data.size(), WriteMode::At, off);
    };
    EXPECT_EQ(at(max, 1).error(), Error::FileTooBig) << bs;
    EXPECT_EQ(at(uint64_t{1} << 53, 1).error(), Error::FileTooBig) << bs;
    EXPECT_EQ(at(max - 1, 1).value_or(0), 1u) << bs;  // the last byte is fine (a sparse file)
    EXPECT_EQ(at(max - 2, 10).value_or(0), 2u) << bs;  // cut short at the limit
    EXPECT_EQ(m.vfs.stat("/f").value().size, max);
    EXPECT_EQ(m.vfs.truncate("/f", max + 1), Error::FileTooBig);
    EXPECT_EQ(m.vfs.truncate("/f", 10), Error::Ok);
    ASSERT_EQ(m.unmount(), Error::Ok);
    CmdResult r = fsck(img);
    EXPECT_EQ(r.code, 0) << r.out;
  }
}

}  // namespace
