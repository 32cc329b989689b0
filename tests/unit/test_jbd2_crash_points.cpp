// The four crash points of crash.inject write-crash, on the host: the journal's hook copies
// the disk at the exact moment the power would fail (nothing written after it counts), then
// the copy is recovered twice -- by our mount (replay) and by e2fsck -fy (e2fsprogs' replay)
// -- and each must give the outcome the journal guarantees at that point, with e2fsck -fn
// clean afterwards:
//   mid-data, before-commit  -> the old content (or no file, for a new one)
//   after-commit, during-checkpoint -> the new content
// plus what the replay reports (replayed / discarded transactions and their blocks).
#include "test_ext4_util.h"

using namespace fstest;
using sis::Error;
using sis::u64;
using sis::fs::CrashPoint;
using sis::fs::CrashReport;

namespace {

struct Crash {
  sis::host::MemDevice* dev = nullptr;
  std::string image;  // the disk as it was when the power failed
  CrashReport report;
  int fired = 0;
};

void on_crash(void* ctx, const CrashReport& r) {
  auto* c = static_cast<Crash*>(ctx);
  ++c->fired;
  c->report = r;
  ASSERT_EQ(c->dev->save(c->image.c_str()), Error::Ok);
}

struct Case {
  CrashPoint point;
  bool existed;
  unsigned bs;
};

// (GoogleTest would print the struct's bytes, padding included.)
void PrintTo(const Case& c, std::ostream* os) {
  *os << sis::fs::crash_point_name(c.point) << (c.existed ? ", existing file, " : ", new file, ") << c.bs << "-byte blocks";
}

struct Result {
  Crash crash;
  sis::fs::JournalStats replay;
  std::string ours, theirs;  // the file after our replay / after e2fsck's
  std::string why;
};

const std::string kOld = pattern(5000, 7);
const std::string kNew = pattern(20000, 11);  // several blocks: mid-data can stop half way
const std::string kNoFile = "<no file>";

Result run_case(const TempDir& t, const Case& c) {
  Result res;
  std::string base = make_image(t, "base.img", 8, c.bs);
  sis::host::MemDevice dev;
  EXPECT_EQ(dev.load(base.c_str()), Error::Ok);
  res.crash.dev = &dev;
  res.crash.image = t / "crash.img";
  {
    sis::fs::Ext4 fs;
    sis::fs::Vfs v;
    sis::fs::Ext4::Options opt;
    opt.cache_buffers = 256;
    EXPECT_EQ(fs.mount(&dev, opt), Error::Ok);
    EXPECT_EQ(v.mount("/", &fs, "mem"), Error::Ok);
    EXPECT_EQ(v.mkdir("/docs"), Error::Ok);
    if (c.existed) {
      EXPECT_TRUE(v.write_file("/docs/note.txt", kOld.data(), kOld.size(), sis::fs::WriteMode::Replace).ok());
    }
    u64 blocks = (kNew.size() + c.bs - 1) / c.bs;
    EXPECT_EQ(fs.prepare_crash(c.point, on_crash, &res.crash, blocks / 2), Error::Ok);
    auto w = v.write_file("/docs/note.txt", kNew.data(), kNew.size(), sis::fs::WriteMode::Replace);
    if (w.ok()) (void)fs.commit();
    fs.disarm_crash();
    // The machine is gone: the file system is dropped without unmounting.
  }
  EXPECT_EQ(res.crash.fired, 1) << "the crash point was not reached";
  std::string copy = t / "crash-e2fsck.img";
  run("cp '" + res.crash.image + "' '" + copy + "'");
  {
    Mounted m(res.crash.image);
    if (m.err != Error::Ok) {
      res.why += std::string("mount/replay failed: ") + sis::error_name(m.err) + "\n";
    } else {
      res.replay = *m.fs.journal_stats();
      res.ours = m.vfs.stat("/docs/note.txt").ok() ? read_all(m.vfs, "/docs/note.txt") : kNoFile;
      EXPECT_EQ(m.unmount(), Error::Ok);
      CmdResult r = fsck(res.crash.image);
      if (r.code) res.why += "e2fsck -fn after our replay:\n" + r.out;
    }
  }
  CmdResult fix = fsck_fix(copy);
  if (fix.out.find("? yes") != std::string::npos) res.why += "e2fsck -fy had to repair:\n" + fix.out;
  CmdResult r = fsck(copy);
  if (r.code) res.why += "e2fsck -fn after e2fsck's replay:\n" + r.out;
  std::vector<std::string> names = debugfs_names(copy, "/docs");
  res.theirs = std::find(names.begin(), names.end(), "note.txt") == names.end() ? kNoFile
                                                                                : debugfs_cat(t, copy, "/docs/note.txt");
  return res;
}

std::string label(const std::string& s) {
  if (s == kOld) return "old content";
  if (s == kNew) return "new content";
  if (s == kNoFile) return s;
  return "other content (" + std::to_string(s.size()) + " bytes)";
}

class CrashPoints : public ::testing::TestWithParam<Case> {};

TEST_P(CrashPoints, RecoveryGivesTheOutcomeTheJournalGuarantees) {
  const Case c = GetParam();
  TempDir t;
  Result res = run_case(t, c);
  ASSERT_EQ(res.crash.fired, 1);
  EXPECT_EQ(res.crash.report.point, c.point);
  EXPECT_TRUE(res.why.empty()) << res.why;
  const bool survives = c.point == CrashPoint::AfterCommit || c.point == CrashPoint::DuringCheckpoint;
  const std::string want = survives ? kNew : c.existed ? kOld : kNoFile;
  EXPECT_EQ(label(res.ours), label(want)) << "after our replay";
  EXPECT_EQ(label(res.theirs), label(want)) << "after e2fsck's replay";
  const u64 logged = res.crash.report.logged;
  switch (c.point) {
    case CrashPoint::MidData:
      // Half the data reached the disk, nothing of the transaction was logged.
      EXPECT_EQ(res.crash.report.data_written, (kNew.size() + c.bs - 1) / c.bs / 2);
      EXPECT_GT(res.crash.report.data_written, 0u);
      EXPECT_EQ(res.replay.replayed_transactions, 0u);
      EXPECT_EQ(res.replay.discarded_transactions, 0u);
      break;
    case CrashPoint::BeforeCommit:
      EXPECT_GT(logged, 0u);
      EXPECT_EQ(res.replay.replayed_transactions, 0u);
      EXPECT_EQ(res.replay.discarded_transactions, 1u);
      EXPECT_EQ(res.replay.discarded_blocks, logged);
      break;
    case CrashPoint::AfterCommit:
    case CrashPoint::DuringCheckpoint:
      EXPECT_EQ(res.replay.replayed_transactions, 1u);
      EXPECT_EQ(res.replay.replayed_blocks, logged);
      EXPECT_EQ(res.replay.discarded_transactions, 0u);
      if (c.point == CrashPoint::DuringCheckpoint) {
        EXPECT_GT(res.crash.report.home_written, 0u);
        EXPECT_LT(res.crash.report.home_written, logged);
      }
      break;
    case CrashPoint::None: FAIL();
  }
}

std::string case_name(const ::testing::TestParamInfo<Case>& i) {
  std::string n = sis::fs::crash_point_name(i.param.point);
  for (char& ch : n)
    if (ch == '-') ch = '_';
  return n + (i.param.existed ? "_existing_file_" : "_new_file_") + std::to_string(i.param.bs);
}

INSTANTIATE_TEST_SUITE_P(
    WriteCrash, CrashPoints,
    ::testing::Values(Case{CrashPoint::MidData, true, 1024}, Case{CrashPoint::MidData, false, 4096},
                      Case{CrashPoint::BeforeCommit, true, 4096}, Case{CrashPoint::BeforeCommit, false, 1024},
                      Case{CrashPoint::AfterCommit, true, 1024}, Case{CrashPoint::AfterCommit, false, 4096},
                      Case{CrashPoint::DuringCheckpoint, true, 4096}, Case{CrashPoint::DuringCheckpoint, false, 1024}),
    case_name);

TEST(CrashPointNames, RoundTrip) {
  for (CrashPoint p : {CrashPoint::MidData, CrashPoint::BeforeCommit, CrashPoint::AfterCommit, CrashPoint::DuringCheckpoint})
    EXPECT_EQ(sis::fs::crash_point_from_name(sis::fs::crash_point_name(p)), p);
  EXPECT_EQ(sis::fs::crash_point_from_name("mid"), CrashPoint::None);
  EXPECT_EQ(sis::fs::crash_point_from_name(""), CrashPoint::None);
}

}  // namespace
