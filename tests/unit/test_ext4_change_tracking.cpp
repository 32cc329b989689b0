// ext4's change record (FileSystem::changed_since), which the program image cache trusts to
// know that a cached program file was not rewritten: every write, truncate and inode reuse
// must show up for that inode and only for it, and a record that has rolled over must say
// "maybe changed".
#include <gtest/gtest.h>

#include "fs/ext4.h"
#include "fs/ramfs.h"
#include "test_ext4_util.h"

using namespace sis;
using namespace sis::fs;
using fstest::Mounted;
using fstest::TempDir;

namespace {

Error put(Vfs& v, const char* path, const std::string& data, WriteMode mode = WriteMode::Replace, u64 off = 0) {
  auto r = v.write_file(StrView(path), data.data(), data.size(), mode, off);
  return r.ok() ? Error::Ok : r.error();
}

u64 ino_of(Vfs& v, const char* path) { return v.stat(StrView(path)).value().ino; }

}  // namespace

TEST(Ext4ChangeTracking, AWriteInPlaceMarksOnlyThatInode) {
  TempDir t;
  std::string img = fstest::make_image(t, "c.img", 16, 1024);
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  ASSERT_TRUE(m.fs.tracks_changes());
  ASSERT_EQ(put(m.vfs, "/prog", std::string(10000, 'a')), Error::Ok);
  ASSERT_EQ(put(m.vfs, "/other", "x"), Error::Ok);
  u64 prog = ino_of(m.vfs, "/prog"), other = ino_of(m.vfs, "/other");
  u64 seq = m.fs.change_seq();
  EXPECT_FALSE(m.fs.changed_since(prog, seq));
  // One byte in the middle, same size: what the image cache must not miss.
  ASSERT_EQ(put(m.vfs, "/prog", "J", WriteMode::At, 5000), Error::Ok);
  EXPECT_EQ(m.vfs.stat("/prog").value().size, 10000u);
  EXPECT_TRUE(m.fs.changed_since(prog, seq));
  EXPECT_FALSE(m.fs.changed_since(other, seq));
  seq = m.fs.change_seq();
  ASSERT_EQ(m.vfs.truncate("/other", 0), Error::Ok);
  EXPECT_TRUE(m.fs.changed_since(other, seq));
  EXPECT_FALSE(m.fs.changed_since(prog, seq));
  ASSERT_EQ(m.unmount(), Error::Ok);
}

TEST(Ext4ChangeTracking, AReusedInodeNumberCountsAsChanged) {
  TempDir t;
  std::string img = fstest::make_image(t, "r.img", 16, 1024);
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  ASSERT_EQ(put(m.vfs, "/prog", "old program"), Error::Ok);
  u64 ino = ino_of(m.vfs, "/prog");
  u64 seq = m.fs.change_seq();
  ASSERT_EQ(m.vfs.unlink("/prog"), Error::Ok);
  ASSERT_EQ(put(m.vfs, "/prog", "new program"), Error::Ok);
  EXPECT_TRUE(m.fs.changed_since(ino, seq));  // whether or not the number came back
  ASSERT_EQ(m.unmount(), Error::Ok);
}

TEST(Ext4ChangeTracking, ARolledOverRecordSaysMaybe) {
  TempDir t;
  std::string img = fstest::make_image(t, "o.img", 16, 1024);
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  ASSERT_EQ(put(m.vfs, "/prog", "p"), Error::Ok);
  ASSERT_EQ(put(m.vfs, "/busy", "b"), Error::Ok);
  u64 prog = ino_of(m.vfs, "/prog");
  u64 seq = m.fs.change_seq();
  for (int i = 0; i < 600; ++i) ASSERT_EQ(put(m.vfs, "/busy", "b", WriteMode::Append), Error::Ok);
  EXPECT_TRUE(m.fs.changed_since(prog, seq));  // unknown: hundreds of changes since
  EXPECT_FALSE(m.fs.changed_since(prog, m.fs.change_seq()));
  ASSERT_EQ(m.unmount(), Error::Ok);
}

TEST(Ext4ChangeTracking, FileSystemsThatDoNotTrackAlwaysSayMaybe) {
  RamFs fs;
  EXPECT_FALSE(fs.tracks_changes());
  EXPECT_TRUE(fs.changed_since(fs.root_ino(), fs.change_seq()));
}

// setattr (chmod, chown, utimensat) on ext4: one journaled operation, read back by debugfs and
// judged by e2fsck; the inode counts as changed for the image cache.
TEST(Ext4Setattr, ModeOwnerAndTimesReachTheDiskAndFsckIsClean) {
  TempDir t;
  std::string img = fstest::make_image(t, "s.img", 16, 4096);
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    ASSERT_EQ(put(m.vfs, "/f", "data"), Error::Ok);
    u64 seq = m.fs.change_seq();
    SetAttr a;
    a.mask = SetAttr::kMode | SetAttr::kUid | SetAttr::kGid | SetAttr::kAtime | SetAttr::kMtime;
    a.mode = 04751;
    a.uid = 70000;  // above 16 bits: the high half goes to i_uid_high
    a.gid = 5;
    a.atime = 1577934245;  // 2020-01-02 03:04:05
    a.mtime = 1600000000;
    a.mtime_nsec = 123456789;
    ASSERT_EQ(m.vfs.setattr("/f", true, a), Error::Ok);
    EXPECT_TRUE(m.fs.changed_since(ino_of(m.vfs, "/f"), seq));
    Stat st = m.vfs.stat("/f").value();
    EXPECT_EQ(st.mode, kModeReg | 04751u);
    EXPECT_EQ(st.uid, 70000u);
    EXPECT_EQ(st.mtime, 1600000000);
    EXPECT_EQ(st.mtime_nsec, 123456789u);
    EXPECT_EQ(m.vfs.setattr("/missing", true, a), Error::NoEntry);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  auto fsck = fstest::fsck(img);
  EXPECT_EQ(fsck.code, 0) << fsck.out;
  std::string st = fstest::debugfs(img, "stat /f");
  EXPECT_NE(st.find("Mode:  04751"), std::string::npos) << st;
  EXPECT_NE(st.find("User: 70000"), std::string::npos) << st;
  EXPECT_NE(st.find("Group:     5"), std::string::npos) << st;
  EXPECT_NE(st.find("mtime: 0x5f5e1000:1d6f3454"), std::string::npos) << st;  // nsec << 2 in the extra word
}
