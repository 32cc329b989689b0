// Every multi-step ext4 operation is all or nothing (issue 24): a failure at any step --
// no space at any allocation, an I/O error at any read, the disk dying at any write --
// leaves the file system either exactly as before the operation or exactly as after it,
// and the real e2fsck -fn finds nothing wrong. The sweeps inject the failure at each point
// in turn (a counting hook in the allocator, a FaultyDevice under the cache).
#include <map>
#include <sstream>
#include <functional>

#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::StrView;
using sis::fs::WriteMode;

namespace {

const std::string kLong(250, 'L');  // three 250-byte names fill a 1 KiB directory block

// The whole tree through our VFS: paths, types, sizes, contents (no times).
std::string signature(sis::fs::Vfs& v, const std::string& dir = "/") {
  std::vector<std::string> names = list_names(v, dir);
  std::ostringstream out;
  for (const auto& n : names) {
    std::string p = (dir == "/" ? "" : dir) + "/" + n;
    auto st = v.lstat(StrView(p.c_str()));
    if (!st.ok()) {
      out << p << " <" << sis::error_name(st.error()) << ">\n";
      continue;
    }
    out << p << " " << static_cast<int>(st.value().type()) << " " << st.value().size;
    if (st.value().type() == sis::fs::FileType::Directory) {
      out << "\n" << signature(v, p);
    } else if (st.value().type() == sis::fs::FileType::Symlink) {
      char buf[4096];
      auto r = v.readlink(StrView(p.c_str()), buf, sizeof buf);
      out << " -> " << (r.ok() ? std::string(buf, r.value()) : "<err>") << "\n";
    } else {
      std::string data = read_all(v, p);
      out << " " << std::hash<std::string>{}(data) << "\n";
    }
  }
  return out.str();
}

struct Fs {
  sis::host::FaultyDevice dev;
  sis::fs::Ext4 fs;
  sis::fs::Vfs vfs;
  Error err = Error::Invalid;
  Fs(const std::string& img, size_t cache) {
    if ((err = dev.load(img.c_str())) != Error::Ok) return;
    sis::fs::Ext4::Options o;
    o.cache_buffers = cache;
    if ((err = fs.mount(&dev, o)) != Error::Ok) return;
    err = vfs.mount("/", &fs, "test");
  }
};

Error put(sis::fs::Vfs& v, const std::string& path, const std::string& data, WriteMode mode = WriteMode::Replace,
          uint64_t off = 0) {
  auto r = v.write_file(StrView(path.c_str()), data.data(), data.size(), mode, off);
  return r.ok() ? (r.value() == data.size() ? Error::Ok : Error::NoSpace) : r.error();
}

struct Op {
  const char* name;
  std::function<Error(sis::fs::Vfs&)> run;
};

std::vector<Op> operations() {
  return {
      {"mkdir in a full directory block", [](auto& v) { return v.mkdir(StrView(("/d/" + kLong).c_str())); }},
      {"create in a full directory block", [](auto& v) { return put(v, "/d/" + kLong, ""); }},
      {"symlink (slow) in a full directory block",
       [](auto& v) { return v.symlink(StrView(("/target/" + std::string(100, 't')).c_str()), StrView(("/d/" + kLong).c_str())); }},
      {"rename a file into a full directory block", [](auto& v) { return v.rename("/x", StrView(("/d/" + kLong).c_str())); }},
      {"rename a directory into a full directory block",
       [](auto& v) { return v.rename("/sub", StrView(("/d/" + kLong).c_str())); }},
      {"rename replacing a file", [](auto& v) { return v.rename("/x", "/y"); }},
      {"write a fifth extent (extent tree grows)",
       [](auto& v) { return put(v, "/sparse", std::string(1024, 'w'), WriteMode::At, 8 * 1024); }},
      {"write 40 KiB to an empty file", [](auto& v) { return put(v, "/empty", pattern(40 * 1024, 5), WriteMode::At); }},
      {"unlink", [](auto& v) { return v.unlink("/x"); }},
      {"rmdir", [](auto& v) { return v.rmdir("/emptydir"); }},
      {"truncate", [](auto& v) { return v.truncate("/sparse", 1500); }},
  };
}

class Ext4AllOrNothing : public ::testing::Test {
 protected:
  TempDir t;
  std::string base;
  void SetUp() override {
    std::string src = t / "src";
    ASSERT_EQ(run("mkdir -p '" + src + "/d' '" + src + "/sub/inner' '" + src + "/emptydir'").code, 0);
    for (char c : {'a', 'b', 'c'}) write_host_file(src + "/d/" + std::string(250, c), "x");
    write_host_file(src + "/x", "the x file");
    write_host_file(src + "/y", "the y file");
    write_host_file(src + "/empty", "");
    write_host_file(src + "/sub/inner/f", "inner");
    // A file of four one-block extents (data at blocks 0, 2, 4, 6: holes between).
    ASSERT_EQ(run("for b in 0 2 4 6; do printf 'block%d' $b | dd of='" + src +
                  "/sparse' bs=1024 seek=$b conv=notrunc status=none; done").code, 0);
    base = make_image(t, "base.img", 8, 1024, src);
    CmdResult r = fsck(base);
    ASSERT_EQ(r.code, 0) << r.out;
    std::string ls = debugfs(base, "stat /d");
    ASSERT_NE(ls.find("Size: 1024"), std::string::npos) << "the test needs /d to be one full block:\n" << ls;
  }

  // The state before, and after an undisturbed run of op (with its counts of allocations,
  // device reads and device writes including the sync).
  struct Reference {
    std::string before, after;
    uint32_t allocs = 0;
    uint64_t reads = 0, writes = 0;
  };
  Reference reference(const Op& op, size_t cache) {
    Reference ref;
    Fs f(base, cache);
    EXPECT_EQ(f.err, Error::Ok);
    ref.before = signature(f.vfs);
    if (cache < 64) f.fs.cache().invalidate_all();  // nothing dirty yet: every block is read again
    uint32_t a0 = f.fs.alloc_calls();
    uint64_t r0 = f.dev.reads_seen(), w0 = f.dev.writes_seen();
    EXPECT_EQ(op.run(f.vfs), Error::Ok) << op.name;
    ref.allocs = f.fs.alloc_calls() - a0;
    ref.reads = f.dev.reads_seen() - r0;
    EXPECT_EQ(f.vfs.sync(), Error::Ok);
    ref.writes = f.dev.writes_seen() - w0;
    ref.after = signature(f.vfs);
    EXPECT_NE(ref.before, ref.after) << op.name;
    EXPECT_EQ(f.vfs.unmount("/"), Error::Ok);
    return ref;
  }

  // Unmounted image (in memory) -> e2fsck -fn clean, and our mount sees before or after.
  void judge(const sis::host::MemDevice& dev, const Reference& ref, const std::string& what) {
    std::string img = t / "judged.img";
    ASSERT_EQ(dev.save(img.c_str()), Error::Ok);
    {
      Fs again(img, 256);  // replays the journal if the disk died with one in it
      ASSERT_EQ(again.err, Error::Ok) << what;
      std::string now = signature(again.vfs);
      EXPECT_TRUE(now == ref.before || now == ref.after) << what << ": neither before nor after:\n"
                                                        << now << "--- before:\n" << ref.before;
      ASSERT_EQ(again.vfs.unmount("/"), Error::Ok) << what;
      ASSERT_EQ(again.dev.save(img.c_str()), Error::Ok);
    }
    CmdResult r = fsck(img);
    EXPECT_EQ(r.code, 0) << what << ": e2fsck -fn:\n" << r.out;
  }
};

TEST_F(Ext4AllOrNothing, FailedAllocationAtAnyPointLeavesNoTrace) {
  for (const Op& op : operations()) {
    Reference ref = reference(op, 256);
    printf("  %-50s %u allocation points\n", op.name, ref.allocs);
    for (Error injected : {Error::NoSpace, Error::Io}) {
      for (uint32_t k = 1; k <= ref.allocs; ++k) {
        std::string what = std::string(op.name) + ", allocation " + std::to_string(k) + "/" +
                           std::to_string(ref.allocs) + " fails with " + sis::error_name(injected);
        Fs f(base, 256);
        ASSERT_EQ(f.err, Error::Ok);
        f.fs.inject_alloc_failure(k, injected);
        Error e = op.run(f.vfs);
        f.fs.inject_alloc_failure(0);
        EXPECT_NE(e, Error::Ok) << what;
        // Still usable, and the operation can be done now that space is back.
        EXPECT_EQ(signature(f.vfs), ref.before) << what;
        EXPECT_EQ(f.vfs.sync(), Error::Ok) << what;
        ASSERT_EQ(f.vfs.unmount("/"), Error::Ok) << what;
        judge(f.dev, ref, what);
        if (HasFailure()) return;
      }
    }
  }
}

TEST_F(Ext4AllOrNothing, ReadErrorAtAnyPointLeavesNoTrace) {
  for (const Op& op : operations()) {
    Reference ref = reference(op, 16);  // a small cache: the operation reads from the device
    printf("  %-50s %llu device reads\n", op.name, static_cast<unsigned long long>(ref.reads));
    for (uint64_t k = 1; k <= ref.reads; ++k) {
      std::string what = std::string(op.name) + ", device read " + std::to_string(k) + "/" + std::to_string(ref.reads) +
                         " fails";
      Fs f(base, 16);
      ASSERT_EQ(f.err, Error::Ok);
      f.fs.cache().invalidate_all();
      f.dev.fail_read(k);
      Error e = op.run(f.vfs);
      f.dev.heal();
      std::string now = signature(f.vfs);
      if (e == Error::Ok) EXPECT_EQ(now, ref.after) << what;
      else EXPECT_EQ(now, ref.before) << what << " (" << sis::error_name(e) << ")";
      EXPECT_EQ(f.vfs.sync(), Error::Ok) << what;
      ASSERT_EQ(f.vfs.unmount("/"), Error::Ok) << what;
      judge(f.dev, ref, what);
      if (HasFailure()) return;
    }
  }
}

TEST_F(Ext4AllOrNothing, DiskDyingAtAnyWriteLeavesBeforeOrAfterAfterReplay) {
  for (const Op& op : operations()) {
    Reference ref = reference(op, 256);
    printf("  %-50s %llu device writes (operation + sync)\n", op.name, static_cast<unsigned long long>(ref.writes));
    for (uint64_t k = 1; k <= ref.writes; ++k) {
      std::string what = std::string(op.name) + ", disk dies at write " + std::to_string(k) + "/" +
                         std::to_string(ref.writes);
      Fs f(base, 256);
      ASSERT_EQ(f.err, Error::Ok);
      f.dev.fail_writes_from(k);
      (void)op.run(f.vfs);
      (void)f.vfs.sync();
      // Power off: what reached the disk is all there is.
      sis::host::MemDevice copy;
      ASSERT_EQ(copy.create(f.dev.size()), Error::Ok);
      memcpy(copy.data(), f.dev.data(), f.dev.size());
      judge(copy, ref, what);
      if (HasFailure()) return;
    }
  }
}

// The reported case: a 16 MiB disk almost full of one file, a few small files until no
// block is left, then mkdir fails with "no space left" -- and must leave nothing behind.
TEST(Ext4FullDisk, MkdirThatRunsOutOfSpaceLeavesNoEntryAndACleanDisk) {
  TempDir t;
  std::string src = t / "src";
  ASSERT_EQ(run("mkdir -p '" + src + "' && head -c 13000000 /dev/zero > '" + src + "/big'").code, 0);
  std::string img = make_image(t, "full.img", 16, 4096, src);
  {
    Mounted m(img);
    ASSERT_EQ(m.err, Error::Ok);
    Error e = Error::Ok;
    for (int i = 0; i < 10000 && e == Error::Ok; ++i) e = put(m.vfs, "/small" + std::to_string(i), std::string(4096, 's'));
    ASSERT_EQ(e, Error::NoSpace);
    EXPECT_EQ(m.vfs.mkdir("/newdir"), Error::NoSpace);
    EXPECT_EQ(m.vfs.lstat("/newdir").error(), Error::NoEntry);
    EXPECT_EQ(m.vfs.sync(), Error::Ok);
    ASSERT_EQ(m.unmount(), Error::Ok);
  }
  CmdResult r = fsck(img);
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(debugfs(img, "ls /").find("newdir"), std::string::npos);
}

}  // namespace
