// ext4 reader against images made by the real mkfs.ext4 -d (1 KiB and 4 KiB blocks).
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::StrView;

namespace {

class Ext4Read : public ::testing::TestWithParam<unsigned> {};

// A source tree with the interesting cases: small and large files, a sparse file with many
// extents (an extent tree of depth > 0), fast and slow symlinks, a big directory (indexed
// with e2fsck -D into an htree), nested directories, and an empty file.
struct Tree {
  TempDir t;
  std::string src = t / "src";
  std::string big = pattern(700 * 1024 + 123, 7);
  Tree() {
    run("mkdir -p '" + src + "/etc' '" + src + "/big/dir' '" + src + "/empty'");
    write_host_file(src + "/etc/hostname", "sis\n");
    write_host_file(src + "/etc/motd", "Welcome to SIS.\n");
    write_host_file(src + "/zero", "");
    write_host_file(src + "/blob", big);
    // Sparse: 60 islands of 3 KiB separated by 64 KiB holes -> 60 extents.
    run("for i in $(seq 0 59); do dd if=/dev/urandom of='" + src + "/sparse' bs=3072 count=1 seek=$((i*23)) conv=notrunc status=none; done");
    run("ln -s etc/hostname '" + src + "/fastlink'");
    std::string longt(100, 'x');
    run("ln -s '/" + longt + "/target' '" + src + "/slowlink'");
    run("cd '" + src + "/big/dir' && for i in $(seq 1 400); do echo $i > file_with_a_longish_name_$i; done");
  }
};

TEST_P(Ext4Read, ReadsTreeMadeByMkfs) {
  Tree tree;
  std::string img = make_image(tree.t, "a.img", 24, GetParam(), tree.src);
  // Index every directory (htree) the way a long-running Linux system would have.
  run("e2fsck -fyD '" + img + "'");
  ASSERT_EQ(fsck(img).code, 0) << fsck(img).out;
  std::string flags = debugfs(img, "stat /big/dir");
  ASSERT_NE(flags.find("Flags: 0x81000"), std::string::npos) << "expected an htree directory:\n" << flags;
  std::string sstat = debugfs(img, "stat /sparse");
  ASSERT_NE(sstat.find("(ETB0)"), std::string::npos) << "expected an extent tree of depth > 0:\n" << sstat;

  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok) << sis::error_name(m.err);
  EXPECT_EQ(read_all(m.vfs, "/etc/hostname"), "sis\n");
  EXPECT_EQ(read_all(m.vfs, "/etc/motd"), "Welcome to SIS.\n");
  EXPECT_EQ(read_all(m.vfs, "/zero"), "");
  EXPECT_TRUE(read_all(m.vfs, "/blob") == tree.big) << "700 KiB file differs";
  FILE* f = fopen((tree.src + "/sparse").c_str(), "rb");
  std::string sparse;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) sparse.append(buf, n);
  fclose(f);
  EXPECT_TRUE(read_all(m.vfs, "/sparse") == sparse) << "sparse file differs";
  // Through symlinks, and the links themselves.
  EXPECT_EQ(read_all(m.vfs, "/fastlink"), "sis\n");
  char target[256];
  auto len = m.vfs.readlink("/slowlink", target, sizeof target);
  ASSERT_TRUE(len.ok());
  EXPECT_EQ(std::string(target, len.value()), "/" + std::string(100, 'x') + "/target");
  EXPECT_EQ(m.vfs.lstat("/fastlink").value().type(), sis::fs::FileType::Symlink);
  // Directory listing equals debugfs's, and every name is found through the htree.
  auto names = list_names(m.vfs, "/big/dir");
  EXPECT_EQ(names.size(), 400u);
  EXPECT_EQ(names, debugfs_names(img, "/big/dir"));
  for (int i = 1; i <= 400; ++i) {
    std::string p = "/big/dir/file_with_a_longish_name_" + std::to_string(i);
    ASSERT_EQ(read_all(m.vfs, p), std::to_string(i) + "\n") << p;
  }
  EXPECT_EQ(m.vfs.stat("/big/dir/nope").error(), Error::NoEntry);
  EXPECT_EQ(m.vfs.stat("/etc/hostname/x").error(), Error::NotDir);
  EXPECT_EQ(list_names(m.vfs, "/"),
            (std::vector<std::string>{"big", "blob", "empty", "etc", "fastlink", "lost+found", "slowlink", "sparse", "zero"}));
  auto st = m.vfs.stat("/blob");
  EXPECT_EQ(st.value().size, tree.big.size());
  EXPECT_GT(st.value().mtime, 1600000000);
  EXPECT_EQ(m.unmount(), Error::Ok);
}

INSTANTIATE_TEST_SUITE_P(BlockSizes, Ext4Read, ::testing::Values(1024u, 4096u),
                         [](const auto& info) { return std::to_string(info.param); });

TEST(Ext4Read, InlineDataFilesAndDirectories) {
  TempDir t;
  std::string src = t / "src";
  run("mkdir -p '" + src + "/d'");
  write_host_file(src + "/tiny", "inline!");
  write_host_file(src + "/d/a", "A");
  write_host_file(src + "/d/b", "BB");
  std::string img = make_image(t, "i.img", 8, 4096, src, "-O inline_data -I 256");
  Mounted m(img, true);
  ASSERT_EQ(m.err, Error::Ok) << sis::error_name(m.err);
  EXPECT_EQ(read_all(m.vfs, "/tiny"), "inline!");
  EXPECT_EQ(list_names(m.vfs, "/d"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read_all(m.vfs, "/d/b"), "BB");
}

TEST(Ext4Read, RefusesWhatItDoesNotKnow) {
  TempDir t;
  std::string img = make_image(t, "x.img", 8, 1024);
  sis::host::MemDevice dev;
  ASSERT_EQ(dev.load(img.c_str()), Error::Ok);
  sis::fs::Ext4 fs;
  // Unknown incompatible feature -> NotSupported (checksum fixed so that it is the reason).
  sis::u8* sb = dev.data() + 1024;
  sis::st32(sb + 0x60, sis::ld32(sb + 0x60) | 0x80000000u);
  EXPECT_NE(fs.mount(&dev, {}), Error::Ok);
  EXPECT_FALSE(fs.mounted());
}

}  // namespace
