// The fuzz harness's checksum fixer (tests/fuzz/ext4_csum_fixup.h): after an edit that breaks
// checksums, it must make every one right again -- judged by e2fsck -fn (file system) and by
// our own journal replay (jbd2 tags), so that fuzz_ext4's mutations really get past them.
#include <fstream>
#include <iterator>

#include "../fuzz/ext4_csum_fixup.h"
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;

namespace {

std::vector<uint8_t> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void save(const std::string& path, const std::vector<uint8_t>& d) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(d.data()), static_cast<std::streamsize>(d.size()));
}

unsigned bmap(const std::string& img, const std::string& path, unsigned lblk) {
  return static_cast<unsigned>(strtoul(debugfs(img, "bmap " + path + " " + std::to_string(lblk)).c_str(), nullptr, 10));
}

TEST(Ext4CsumFixup, EditedMetadataPassesE2fsckAfterTheFix) {
  TempDir t;
  std::string src = t / "src";
  run("mkdir -p '" + src + "/d' && echo data > '" + src + "/d/file' && head -c 5000 /dev/urandom > '" + src + "/blob'");
  // Five data runs: an extent tree with an index block.
  for (int i = 0; i < 5; ++i)
    run("printf x | dd of='" + src + "/sparse' bs=1 seek=" + std::to_string(i * 2048) + " conv=notrunc 2>/dev/null");
  std::string img = make_image(t, "f.img", 8, 1024, src);
  ASSERT_NE(debugfs(img, "stat /sparse").find("ETB0"), std::string::npos);
  std::vector<uint8_t> d = load(img);
  // Edits that keep the file system consistent but break checksums.
  memcpy(&d[1024 + 0x78], "fuzzed", 6);  // superblock: volume name
  std::string where = debugfs(img, "imap /blob");
  unsigned iblock = 0, ioff = 0;
  ASSERT_EQ(sscanf(where.c_str() + where.find("at block "), "at block %u, offset 0x%x", &iblock, &ioff), 2);
  d[iblock * 1024 + ioff + 0x2] ^= 0x55;  // inode: uid
  unsigned dblock = bmap(img, "/d", 0);
  size_t name = std::string(d.begin() + dblock * 1024, d.begin() + dblock * 1024 + 1024).find("file");
  ASSERT_NE(name, std::string::npos);
  d[dblock * 1024 + name] = 'F';                // directory block: "file" -> "File"
  d[2048 + 0x18] ^= 0xFF;                       // group 0: block bitmap checksum
  std::string etb = debugfs(img, "stat /sparse");
  unsigned eblock = static_cast<unsigned>(strtoul(etb.c_str() + etb.find("(ETB0):") + 7, nullptr, 10));
  d[eblock * 1024 + 12 + 12 * 10] = 0x99;       // extent block: an unused slot
  save(img, d);
  ASSERT_NE(fsck(img).code, 0) << "the edits did not break any checksum";

  ext4fix::fix_checksums(d.data(), d.size());
  save(img, d);
  CmdResult r = fsck(img);
  EXPECT_EQ(r.code, 0) << r.out;
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok);
  EXPECT_EQ(read_all(m.vfs, "/d/File"), "data\n");
  EXPECT_EQ(read_all(m.vfs, "/sparse").size(), 8193u);
}

TEST(Ext4CsumFixup, JournalTagChecksumsAreRecomputed) {
  TempDir t;
  std::string img = make_image(t, "j.img", 8, 1024);
  // One committed transaction (checksum v3) that logs a copy of block 300.
  std::vector<uint8_t> d = load(img);
  write_host_file(t / "blk", std::string(reinterpret_cast<const char*>(&d[300 * 1024]), 1024));
  write_host_file(t / "cmds", "jo -c\njw -b 300 " + (t / "blk") + "\njc\n");
  run("debugfs -w -f '" + (t / "cmds") + "' '" + img + "'");
  ASSERT_NE(debugfs(img, "logdump").find("type 2 (commit block)"), std::string::npos);
  d = load(img);
  d[bmap(img, "<8>", 2) * 1024 + 100] ^= 1;  // journal block 2: the logged copy
  auto replay = [&](const std::vector<uint8_t>& image) {
    sis::host::MemDevice dev;
    EXPECT_EQ(dev.create(image.size()), Error::Ok);
    memcpy(dev.data(), image.data(), image.size());
    sis::fs::Ext4 fs;
    EXPECT_EQ(fs.mount(&dev, {}), Error::Ok);
    sis::fs::JournalStats s = fs.journal_stats() ? *fs.journal_stats() : sis::fs::JournalStats{};
    EXPECT_EQ(fs.unmount(), Error::Ok);
    return s;
  };
  sis::fs::JournalStats before = replay(d);
  EXPECT_EQ(before.replay_csum_errors, 1u);
  EXPECT_EQ(before.replayed_blocks, 0u);
  ext4fix::fix_checksums(d.data(), d.size());
  sis::fs::JournalStats after = replay(d);
  EXPECT_EQ(after.replay_csum_errors, 0u);
  EXPECT_EQ(after.replayed_blocks, 1u);
}

}  // namespace
