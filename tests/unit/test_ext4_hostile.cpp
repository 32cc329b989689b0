// Corrupt and hostile images: refused or read safely with a clear error, never a crash or
// a hang. Images are made by mkfs.ext4 and then damaged on purpose (debugfs or raw bytes).
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;

namespace {

struct Hostile : ::testing::Test {
  TempDir t;
  std::string img;
  void make(const std::string& extra = "") {
    std::string src = t / "src";
    run("mkdir -p '" + src + "/d/sub' && echo data > '" + src + "/d/sub/f' && head -c 20000 /dev/urandom > '" + src + "/blob'");
    img = make_image(t, "h.img", 8, 1024, src, extra);
  }
  void poke(long off, const std::string& bytes) {
    FILE* f = fopen(img.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    fseek(f, off, SEEK_SET);
    fwrite(bytes.data(), 1, bytes.size(), f);
    fclose(f);
  }
  Error mount_err() {
    Mounted m(img, true);
    return m.err;
  }
};

TEST_F(Hostile, BadMagicIsNotExt4) {
  make();
  poke(1024 + 0x38, std::string("\x00\x00", 2));
  EXPECT_EQ(mount_err(), Error::BadFormat);
}

TEST_F(Hostile, BadSuperblockChecksumIsCorrupt) {
  make();
  poke(1024 + 0x78, "evil");  // volume name, checksum not updated
  EXPECT_EQ(mount_err(), Error::Corrupt);
}

TEST_F(Hostile, BadGroupDescriptorChecksumIsCorrupt) {
  make();
  poke(2048 + 0x0C, std::string("\x01\x02", 2));  // group 0 free blocks count
  EXPECT_EQ(mount_err(), Error::Corrupt);
}

TEST_F(Hostile, ExtentPointingOutsideTheDiskIsAnError) {
  make();
  run("debugfs -w -R 'sif /blob block[5] 4000000000' '" + img + "'");  // ee_start_lo
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  char buf[100];
  auto r = m.vfs.read_file("/blob", 0, buf, sizeof buf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::Corrupt);
}

TEST_F(Hostile, DamagedInodeChecksumIsCorrupt) {
  make();
  run("debugfs -w -R 'sif /blob uid 77' '" + img + "'");
  // debugfs keeps checksums right; break one by hand: find the inode and flip a byte.
  std::string out = debugfs(img, "imap /blob");
  unsigned block = 0, off = 0;
  ASSERT_EQ(sscanf(out.c_str() + out.find("at block "), "at block %u, offset 0x%x", &block, &off), 2) << out;
  poke(static_cast<long>(block) * 1024 + off + 0x2, "\x55");  // uid low byte
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(m.vfs.stat("/blob").error(), Error::Corrupt);
  EXPECT_TRUE(m.vfs.stat("/d/sub/f").ok());  // the rest of the tree stays readable
}

TEST_F(Hostile, ImpossibleDirentLengthIsCorrupt) {
  make("-O ^metadata_csum");  // no checksum to catch it first: the structure check must
  std::string out = debugfs(img, "blocks /d");
  unsigned block = static_cast<unsigned>(atoi(out.c_str()));
  ASSERT_GT(block, 0u) << out;
  poke(static_cast<long>(block) * 1024 + 4, std::string("\x03\x00", 2));  // rec_len of "." = 3
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(m.vfs.stat("/d/sub").error(), Error::Corrupt);
  std::vector<std::string> names = list_names(m.vfs, "/d");
  EXPECT_EQ(names, std::vector<std::string>{"<corrupt data>"});
}

TEST_F(Hostile, DirectoryLoopsAndSymlinkLoopsEnd) {
  make();
  // A second link to a directory inside itself: the tree now has a cycle.
  run("debugfs -w -R 'ln /d /d/sub/up' '" + img + "'");
  run("debugfs -w -R 'symlink /loopa /loopb' '" + img + "'");
  run("debugfs -w -R 'symlink /loopb /loopa' '" + img + "'");
  Mounted m(img);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(read_all(m.vfs, "/d/sub/up/sub/up/sub/up/sub/f"), "data\n");  // bounded by the path
  EXPECT_EQ(m.vfs.stat("/loopa").error(), Error::Loop);
  EXPECT_EQ(m.vfs.rename("/d", "/d/sub/inside"), Error::Invalid);
}

TEST_F(Hostile, TruncatedImageIsRefused) {
  make();
  run("truncate -s 300k '" + img + "'");
  EXPECT_NE(mount_err(), Error::Ok);
}

}  // namespace
