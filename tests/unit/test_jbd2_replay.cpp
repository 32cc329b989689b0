// Journal replay of journals written by another implementation (e2fsprogs' debugfs, which
// shares its journal code with Linux), and of our own journal by e2fsck.
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;

namespace {

class Jbd2Replay : public ::testing::TestWithParam<bool> {};  // checksums v3 or none

TEST_P(Jbd2Replay, ReplaysAJournalWrittenByE2fsprogs) {
  TempDir t;
  std::string src = t / "src";
  run("mkdir -p '" + src + "'");
  write_host_file(src + "/victim", std::string(4096, 'o'));
  std::string img = make_image(t, "j.img", 16, 1024, src);
  // Find the data blocks of /victim and log new contents for two of them, then a revoke
  // for the third in a later transaction (so it must not be replayed).
  std::string blocks = debugfs(img, "blocks /victim");
  unsigned b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  ASSERT_EQ(sscanf(blocks.c_str(), "%u %u %u %u", &b0, &b1, &b2, &b3), 4) << blocks;
  write_host_file(t / "new.bin", std::string(1024, 'N') + std::string(1024, 'M') + std::string(1024, 'R'));
  std::string cmds = std::string("jo") + (GetParam() ? " -c" : "") + "\njw -b " + std::to_string(b0) + "," +
                     std::to_string(b1) + "," + std::to_string(b2) + " " + (t / "new.bin") + "\njw -r " +
                     std::to_string(b2) + "\njc\n";
  write_host_file(t / "cmds", cmds);
  CmdResult r = run("debugfs -w -f '" + (t / "cmds") + "' '" + img + "'");
  ASSERT_NE(debugfs(img, "logdump").find("commit block"), std::string::npos) << r.out;
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok) << sis::error_name(m.err);
    EXPECT_TRUE(m.fs.info().journal_replayed);
    const sis::fs::JournalStats* js = m.fs.journal_stats();
    ASSERT_NE(js, nullptr);
    EXPECT_EQ(js->replayed_transactions, 2u);
    EXPECT_EQ(js->replayed_blocks, 2u);
    EXPECT_EQ(js->revoked_blocks, 1u);
    std::string want = std::string(1024, 'N') + std::string(1024, 'M') + std::string(2048, 'o');
    EXPECT_EQ(read_all(m.vfs, "/victim"), want);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  CmdResult f = fsck(img);
  EXPECT_EQ(f.code, 0) << f.out;
}

INSTANTIATE_TEST_SUITE_P(Checksums, Jbd2Replay, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "csum_v3" : "plain"; });

TEST(Jbd2Replay, OurJournalIsReadableByE2fsprogs) {
  TempDir t;
  std::string img = make_image(t, "o.img", 16, 4096);
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    ASSERT_TRUE(m.vfs.write_file("/a", "hello", 5, sis::fs::WriteMode::Replace).ok());
    ASSERT_EQ(m.vfs.sync(), Error::Ok);
    // No unmount: the journal still names the last transaction and needs_recovery is set.
    m.dev.close();
  }
  std::string dump = debugfs(img, "logdump");
  EXPECT_NE(dump.find("commit block"), std::string::npos) << dump;
  std::string hdr = run("dumpe2fs -h '" + img + "'").out;
  EXPECT_NE(hdr.find("journal_checksum_v3"), std::string::npos) << hdr;
  EXPECT_NE(hdr.find("needs_recovery"), std::string::npos);
  CmdResult fix = fsck_fix(img);
  EXPECT_EQ(fix.out.find("? yes"), std::string::npos) << fix.out;
  EXPECT_EQ(fsck(img).code, 0);
  EXPECT_EQ(debugfs_cat(t, img, "/a"), "hello");
}

}  // namespace
