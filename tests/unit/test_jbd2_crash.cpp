// Crash simulation: a workload of creates, appends, renames, deletes and fsyncs runs on a
// device that stops persisting writes after the Nth one (optionally also losing a random
// subset of the writes since the last flush, as a disk with a volatile cache may). For many
// N, both recoveries must give a clean file system in which every file whose fsync returned
// (and that the workload did not touch afterwards) is intact:
//   - ours: mount replays the journal, then e2fsck -fn must be clean;
//   - e2fsprogs': e2fsck -fy replays our journal, then e2fsck -fn must be clean.
#include <map>
#include <set>

#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::u32;
using sis::u64;
using sis::u8;

namespace {

class CrashDevice final : public sis::host::MemDevice {
 public:
  u64 limit = ~0ull;  // writes after this many are lost
  bool reorder = false;
  u32 seed = 1;
  u64 count = 0;
  bool crashed() const { return count >= limit; }

  Error write(u64 sector, u32 n, const void* buf) override {
    ++count;
    if (count > limit) return Error::Ok;  // the machine is gone; nobody will know
    if (reorder) {
      Undo u{sector, std::string(reinterpret_cast<char*>(data_) + sector * 512, n * 512ull)};
      undo_.push_back(std::move(u));
    }
    return MemDevice::write(sector, n, buf);
  }
  Error flush() override {
    if (!crashed()) undo_.clear();
    return MemDevice::flush();
  }
  // At the crash: writes since the last flush may not have reached the medium.
  void lose_unflushed() {
    if (!reorder) return;
    u32 x = seed * 2654435761u + 7;
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      if (x & 1) memcpy(data_ + it->sector * 512, it->old.data(), it->old.size());
    }
    undo_.clear();
  }

 private:
  struct Undo {
    u64 sector;
    std::string old;
  };
  std::vector<Undo> undo_;
};

struct Model {
  std::map<std::string, std::string> files;  // path -> content at the last completed fsync
  std::set<std::string> touched;              // paths changed after that fsync
};

// The workload. `dev->count` tells which fsyncs completed before the crash.
void workload(sis::fs::Vfs& v, CrashDevice* dev, Model* durable, unsigned bs) {
  std::map<std::string, std::string> now;
  bool synced_ok = true;
  auto touch = [&](const std::string& p) {
    if (synced_ok || true) durable->touched.insert(p);
  };
  auto fsync_all = [&](const std::string& p) {
    int fd = v.open(p.c_str(), sis::fs::kOpenRead).value_or(-1);
    if (fd < 0) return;
    Error e = v.fsync(fd);
    v.close(fd);
    if (e == Error::Ok && !dev->crashed()) {
      durable->files = now;
      durable->touched.clear();
    }
  };
  v.mkdir("/w");
  v.mkdir("/w/old");
  for (int i = 0; i < 12; ++i) {
    std::string p = "/w/f" + std::to_string(i);
    std::string data = pattern(300 + i * 977 % 9000 + (i % 3) * bs * 5, i);
    touch(p);
    // The model assumes every write took (the crash device acknowledges even lost writes).
    EXPECT_TRUE(v.write_file(p.c_str(), data.data(), data.size(), sis::fs::WriteMode::Replace).ok()) << p;
    now[p] = data;
    std::string more = pattern(100 + i * 37, 100 + i);
    EXPECT_TRUE(v.write_file(p.c_str(), more.data(), more.size(), sis::fs::WriteMode::Append).ok()) << p;
    now[p] += more;
    if (i % 3 == 2) {
      std::string q = "/w/old/r" + std::to_string(i);
      std::string prev = "/w/f" + std::to_string(i - 1);
      touch(prev);
      touch(q);
      v.rename(prev.c_str(), q.c_str());
      now[q] = now[prev];
      now.erase(prev);
    }
    if (i % 4 == 3) {
      std::string d = "/w/f" + std::to_string(i - 3);
      touch(d);
      v.unlink(d.c_str());
      now.erase(d);
    }
    if (i % 2 == 1) fsync_all(p);
  }
  fsync_all("/w");
}

struct Outcome {
  bool ours_clean = false, fsck_clean = false;
  std::string why;
};

void verify(sis::fs::Vfs& v, const Model& m, std::string* why) {
  for (auto& [path, data] : m.files) {
    if (m.touched.count(path)) continue;
    std::string got = read_all(v, path);
    if (got != data) *why += "lost or damaged after fsync: " + path + " (" + got.substr(0, 20) + ")\n";
  }
}

Outcome crash_at(const TempDir& t, const std::string& base_img, unsigned bs, u64 n, bool reorder) {
  Outcome o;
  CrashDevice dev;
  EXPECT_EQ(dev.load(base_img.c_str()), Error::Ok);
  dev.limit = n;
  dev.reorder = reorder;
  dev.seed = static_cast<u32>(n);
  Model model;
  {
    auto* fs = new sis::fs::Ext4;
    sis::fs::Vfs v;
    sis::fs::Ext4::Options opt;
    opt.cache_buffers = 256;
    if (fs->mount(&dev, opt) == Error::Ok && v.mount("/", fs, "crash") == Error::Ok) workload(v, &dev, &model, bs);
    // Power cut: the file system object is dropped without unmount (its writes would be lost).
    dev.limit = dev.count < n ? dev.count : n;
    delete fs;
  }
  dev.lose_unflushed();
  std::string img = t / ("crash-" + std::to_string(n) + ".img");
  std::string img2 = img + ".fsck";
  EXPECT_EQ(dev.save(img.c_str()), Error::Ok);
  run("cp '" + img + "' '" + img2 + "'");
  // Ours.
  {
    Mounted m(img);
    if (m.err != Error::Ok) {
      o.why += std::string("mount/replay failed: ") + sis::error_name(m.err) + "\n";
    } else {
      verify(m.vfs, model, &o.why);
      m.unmount();
      CmdResult r = fsck(img);
      o.ours_clean = r.code == 0 && o.why.empty();
      if (r.code) o.why += "e2fsck after our replay:\n" + r.out;
    }
  }
  // e2fsprogs' replay.
  CmdResult fix = fsck_fix(img2);
  CmdResult r = fsck(img2);
  bool fixed_something = fix.out.find("? yes") != std::string::npos;
  std::string why2;
  if (r.code == 0 && !fixed_something) {
    Mounted m(img2, true);
    if (m.err == Error::Ok) verify(m.vfs, model, &why2);
    else why2 = "mount after e2fsck failed";
  } else {
    why2 = "e2fsck -fy had to repair:\n" + fix.out;
  }
  o.fsck_clean = why2.empty();
  o.why += why2;
  unlink(img.c_str());
  unlink(img2.c_str());
  return o;
}

void sweep(unsigned bs, int points, bool reorder) {
  TempDir t;
  std::string base = make_image(t, "base.img", 8, bs);
  // Count the writes of an uninterrupted run.
  CrashDevice probe;
  ASSERT_EQ(probe.load(base.c_str()), Error::Ok);
  {
    sis::fs::Ext4 fs;
    sis::fs::Vfs v;
    sis::fs::Ext4::Options opt;
    opt.cache_buffers = 256;
    ASSERT_EQ(fs.mount(&probe, opt), Error::Ok);
    ASSERT_EQ(v.mount("/", &fs, "probe"), Error::Ok);
    Model m;
    workload(v, &probe, &m, bs);
    ASSERT_EQ(v.unmount("/"), Error::Ok);
  }
  u64 total = probe.count;
  ASSERT_GT(total, 50u);
  int ours = 0, theirs = 0;
  for (int i = 0; i < points; ++i) {
    u64 n = 1 + (total - 1) * i / (points - 1);
    Outcome o = crash_at(t, base, bs, n, reorder);
    ours += o.ours_clean;
    theirs += o.fsck_clean;
    EXPECT_TRUE(o.ours_clean && o.fsck_clean) << "crash after write " << n << " of " << total << ":\n" << o.why;
  }
  ::testing::Test::RecordProperty("crash_points", points);
  printf("[ crash ] %u-byte blocks%s: %d points over %llu writes; clean after our replay %d/%d, after e2fsck replay %d/%d\n",
         bs, reorder ? ", unflushed writes lost" : "", points, static_cast<unsigned long long>(total), ours, points, theirs,
         points);
}

TEST(Jbd2Crash, Sweep1KiB) { sweep(1024, 40, false); }
TEST(Jbd2Crash, Sweep4KiB) { sweep(4096, 30, false); }
TEST(Jbd2Crash, SweepLosingUnflushedWrites) { sweep(1024, getenv("SIS_CRASH_POINTS") ? atoi(getenv("SIS_CRASH_POINTS")) : 30, true); }

}  // namespace
