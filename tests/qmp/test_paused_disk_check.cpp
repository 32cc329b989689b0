// PausedDiskCheck (e2fsck without powering off) against a scripted QMP peer and the real
// e2fsck: the image is copied only while the VM is stopped, `cont` always follows (also when
// the copy fails: the VM must not stay paused), e2fsck -fn judges the copy, and the copy is
// removed. Also the host's judgement of a write-crash outcome (client/write_crash.h).
#include <gtest/gtest.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include "client/paused_disk_check.h"
#include "client/qmp_client.h"
#include "client/write_crash.h"
#include "scripted_peer.h"

using sis::host::PausedDiskCheck;
using sis::host::QmpClient;
using sis::test::ScriptedPeer;
using sis::test::spin_until;

namespace {

const QByteArray kGreeting = R"({"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}}, "capabilities": []}})" "\n";

void negotiate(ScriptedPeer& peer, QmpClient& client) {
  client.connect_to_server(peer.path());
  ASSERT_TRUE(peer.wait_connected());
  peer.send(kGreeting);
  auto caps = peer.next();
  ASSERT_TRUE(caps.has_value());
  peer.send_json({{"return", QJsonObject()}, {"id", caps->value("id")}});
  ASSERT_TRUE(spin_until([&] { return client.is_ready(); }));
}

struct Outcome {
  int code = -2;
  QString output, error;
};

}  // namespace

TEST(PausedDiskCheck, CopiesWhileStoppedThenContinuesAndChecksTheCopy) {
  ASSERT_FALSE(sis::host::find_e2fsck().isEmpty()) << "e2fsck missing (e2fsprogs)";
  QTemporaryDir dir;
  const QString image = dir.filePath("disk.img"), copy = dir.filePath("copy.img");
  QString mkfs = QStandardPaths::findExecutable("mkfs.ext4", {"/usr/sbin", "/sbin"});
  if (mkfs.isEmpty()) mkfs = QStandardPaths::findExecutable("mkfs.ext4");
  ASSERT_FALSE(mkfs.isEmpty());
  ASSERT_EQ(QProcess::execute(mkfs, {"-q", "-F", image, "8M"}), 0);

  ScriptedPeer peer;
  QmpClient qmp;
  negotiate(peer, qmp);
  PausedDiskCheck check;
  Outcome out;
  QObject::connect(&check, &PausedDiskCheck::finished, [&](int c, const QString& o, const QString& e) { out = {c, o, e}; });
  check.start(&qmp, image, copy);
  auto stop = peer.next();
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->value("execute").toString(), "stop");
  EXPECT_FALSE(QFile::exists(copy)) << "copied before the VM was stopped";
  peer.send_json({{"return", QJsonObject()}, {"id", stop->value("id")}});
  auto cont = peer.next();
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->value("execute").toString(), "cont");
  EXPECT_TRUE(QFile::exists(copy)) << "the copy must be taken while the VM is stopped";
  peer.send_json({{"return", QJsonObject()}, {"id", cont->value("id")}});
  ASSERT_TRUE(spin_until([&] { return out.code != -2; }, 20000));
  EXPECT_EQ(out.code, 0) << out.output.toStdString() << out.error.toStdString();
  EXPECT_TRUE(out.output.contains(copy)) << "e2fsck did not check the copy: " << out.output.toStdString();
  EXPECT_FALSE(QFile::exists(copy)) << "the copy is left behind";
  EXPECT_FALSE(check.running());
  EXPECT_GE(check.paused_ms(), 0) << "the pause was not measured";
}

TEST(PausedDiskCheck, AFailedCopyStillContinuesTheVm) {
  ASSERT_FALSE(sis::host::find_e2fsck().isEmpty()) << "e2fsck missing (e2fsprogs)";
  QTemporaryDir dir;
  ScriptedPeer peer;
  QmpClient qmp;
  negotiate(peer, qmp);
  PausedDiskCheck check;
  Outcome out;
  QObject::connect(&check, &PausedDiskCheck::finished, [&](int c, const QString& o, const QString& e) { out = {c, o, e}; });
  check.start(&qmp, dir.filePath("missing.img"), dir.filePath("copy.img"));
  auto stop = peer.next();
  ASSERT_TRUE(stop);
  peer.send_json({{"return", QJsonObject()}, {"id", stop->value("id")}});
  auto cont = peer.next();
  ASSERT_TRUE(cont) << "the VM was left paused";
  EXPECT_EQ(cont->value("execute").toString(), "cont");
  peer.send_json({{"return", QJsonObject()}, {"id", cont->value("id")}});
  ASSERT_TRUE(spin_until([&] { return out.code != -2; }));
  EXPECT_EQ(out.code, -1);
  EXPECT_TRUE(out.error.contains("could not copy")) << out.error.toStdString();
}

TEST(PausedDiskCheck, ARefusedStopCopiesNothing) {
  ASSERT_FALSE(sis::host::find_e2fsck().isEmpty()) << "e2fsck missing (e2fsprogs)";
  QTemporaryDir dir;
  ScriptedPeer peer;
  QmpClient qmp;
  negotiate(peer, qmp);
  PausedDiskCheck check;
  Outcome out;
  QObject::connect(&check, &PausedDiskCheck::finished, [&](int c, const QString& o, const QString& e) { out = {c, o, e}; });
  check.start(&qmp, dir.filePath("disk.img"), dir.filePath("copy.img"));
  auto stop = peer.next();
  ASSERT_TRUE(stop);
  peer.send_json({{"error", QJsonObject{{"class", "GenericError"}, {"desc", "no"}}}, {"id", stop->value("id")}});
  ASSERT_TRUE(spin_until([&] { return out.code != -2; }));
  EXPECT_EQ(out.code, -1);
  EXPECT_TRUE(out.error.contains("stop")) << out.error.toStdString();
  EXPECT_EQ(peer.pending_lines(), 0) << "cont after a stop that did not happen";
  EXPECT_EQ(check.paused_ms(), -1);
}

TEST(WriteCrashOutcome, JudgesOldNewMissingAndGarbage) {
  using sis::host::CrashOutcome;
  using sis::host::classify_outcome;
  EXPECT_EQ(classify_outcome(false, {}, "new", true, "old"), CrashOutcome::NoFile);
  EXPECT_EQ(classify_outcome(true, "new", "new", true, "old"), CrashOutcome::NewContent);
  EXPECT_EQ(classify_outcome(true, "old", "new", true, "old"), CrashOutcome::OldContent);
  EXPECT_EQ(classify_outcome(true, "ne\0", "new", true, "old"), CrashOutcome::Other);
  EXPECT_EQ(classify_outcome(true, "", "new", false, {}), CrashOutcome::Other);  // an empty file is not "no file"
  const auto* before = sis::host::find_crash_point("before-commit");
  const auto* after = sis::host::find_crash_point("after-commit");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(sis::host::expected_outcome(*before, true), CrashOutcome::OldContent);
  EXPECT_EQ(sis::host::expected_outcome(*before, false), CrashOutcome::NoFile);
  EXPECT_EQ(sis::host::expected_outcome(*after, false), CrashOutcome::NewContent);
  EXPECT_EQ(sis::host::crash_points().size(), 4);
  EXPECT_EQ(sis::host::find_crash_point("sideways"), nullptr);
  const QJsonObject j{{"present", true}, {"replayed_at_mount", true},
                      {"replay", QJsonObject{{"transactions", 0}, {"blocks", 0}, {"discarded_transactions", 1},
                                             {"discarded_blocks", 6}}}};
  EXPECT_EQ(sis::host::journal_summary(j).toStdString(), "replayed nothing; discarded 1 uncommitted transaction (6 blocks)");
}
