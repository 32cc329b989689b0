// VM snapshots (qmp/vm/snapshot_job.h) against real QEMU and the real kernel with a copy of
// the default disk: a file is written, a snapshot taken, the file changed and the kernel
// crashed (panic), the snapshot restored. The restored VM has the pre-crash file content
// (read by the kernel over the control port, and by debugfs from the raw image after QEMU
// exits) and its uptime continues from the snapshot: not from 0 as after a reboot, not from
// the crash. Also: the files a snapshot leaves, its listing and deletion, and clear errors
// for a name in use, an unknown snapshot and a snapshot of another disk.
// Needs SIS_KERNEL, SIS_DISK_IMAGE, qemu-system-aarch64 and debugfs (all installed by the
// README): a missing one fails the test.
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <QElapsedTimer>
#include <cstdio>

#include <gtest/gtest.h>

#include "client/control_client.h"
#include "client/qmp_client.h"
#include "launch/locate.h"
#include "scripted_peer.h"
#include "vm/snapshot_job.h"
#include "vm/vm_launcher.h"

using namespace sis::host;
using sis::test::spin_until;

namespace {

qint64 allocated_kib(const QString& path) {
  struct stat st;
  return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<qint64>(st.st_blocks) / 2 : -1;
}

class SnapshotVmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.isValid());
    qputenv("SIS_RUNTIME_DIR", tmp_.filePath("run").toLocal8Bit());
    qputenv("SIS_SNAPSHOT_DIR", tmp_.filePath("snapshots").toLocal8Bit());
    config_.qemu = locate_qemu();
    config_.kernel = qEnvironmentVariable("SIS_KERNEL").toStdString();
    ASSERT_FALSE(config_.qemu.empty()) << "qemu-system-aarch64 not found";
    ASSERT_TRUE(is_readable_file(config_.kernel)) << "SIS_KERNEL must name the kernel Image";
    disk_ = tmp_.filePath("disk.img");
    ASSERT_TRUE(QFile::copy(qEnvironmentVariable("SIS_DISK_IMAGE"), disk_)) << "SIS_DISK_IMAGE must name the default disk";
    QFile::setPermissions(disk_, QFile::ReadOwner | QFile::WriteOwner);
    config_.disk = disk_.toStdString();
    config_.pvpanic = true;
    launcher_ = std::make_unique<VmLauncher>("snap");
    bool started = false;
    QString failure;
    QObject::connect(launcher_.get(), &VmLauncher::started, [&] { started = true; });
    QObject::connect(launcher_.get(), &VmLauncher::start_failed, [&](const QString& m) { failure = m; });
    QString error;
    ASSERT_TRUE(launcher_->start(config_, &error)) << error.toStdString();
    ASSERT_TRUE(spin_until([&] { return started || !failure.isEmpty(); }, 15000));
    ASSERT_TRUE(started) << failure.toStdString();
    QObject::connect(&qmp_, &QmpClient::event_received,
                     [this](const QString& name, const QJsonObject&, qint64) { events_.append(name); });
    qmp_.connect_to_server(launcher_->runtime_dir().qmp_socket());
    ASSERT_TRUE(spin_until([this] { return qmp_.is_ready(); }, 5000)) << "QMP not ready";
    connect_control();
  }

  void TearDown() override {
    control_.close();
    qmp_.close();
    launcher_.reset();
    qunsetenv("SIS_RUNTIME_DIR");
    qunsetenv("SIS_SNAPSHOT_DIR");
  }

  void connect_control() {
    control_.close();
    control_.set_handshake_timeout(60000);
    control_.connect_to_server(launcher_->runtime_dir().control_socket());
    ASSERT_TRUE(spin_until([this] { return control_.is_ready(); }, 60000)) << "the kernel's control port did not greet";
  }

  Reply qmp(const QString& cmd, const QJsonObject& args = {}) {
    std::optional<Reply> r;
    qmp_.execute(cmd, args, [&](const Reply& x) { r = x; }, 10000);
    EXPECT_TRUE(spin_until([&] { return r.has_value(); }, 11000)) << cmd.toStdString();
    return r ? *r : Reply::failure("Test", "no reply");
  }

  Reply request(const QString& method, const QJsonObject& params = {}) {
    std::optional<Reply> r;
    control_.request(method, params, [&](const Reply& x) { r = x; }, 20000);
    EXPECT_TRUE(spin_until([&] { return r.has_value(); }, 21000)) << method.toStdString();
    return r ? *r : Reply::failure("Test", "no reply");
  }

  qint64 uptime_ns() {
    Reply r = request("sys.info");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error->to_string().toStdString());
    return r.object().value("uptime_ns").toInteger(-1);
  }

  void write_file(const QString& path, const QByteArray& content) {
    Reply r = request("fs.write", {{"path", path}, {"data", QString::fromLatin1(content.toBase64())}, {"sync", true}});
    ASSERT_TRUE(r.ok()) << r.error->to_string().toStdString();
  }

  QByteArray read_file(const QString& path) {
    Reply r = request("fs.read", {{"path", path}, {"length", 4096}});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error->to_string().toStdString());
    return QByteArray::fromBase64(r.object().value("data").toString().toLatin1());
  }

  // Runs a save or load to completion.
  std::pair<bool, QString> run(VmSnapshotter& s, bool save, const QString& name, qint64 uptime = -1) {
    std::optional<std::pair<bool, QString>> result;
    auto done = [&](bool ok, const QString& e) { result = {ok, e}; };
    if (save) s.save(name, uptime, done); else s.load(name, done);
    EXPECT_TRUE(spin_until([&] { return result.has_value(); }, 120000)) << "snapshot operation did not finish";
    return result.value_or(std::pair<bool, QString>{false, "timeout"});
  }

  SnapshotVm vm() const {
    return SnapshotVm{"snap", disk_, config_.memory_mib, config_.cpus, QString::fromStdString(config_.kernel)};
  }

  QTemporaryDir tmp_;
  QString disk_;
  VmConfig config_;
  std::unique_ptr<VmLauncher> launcher_;
  QmpClient qmp_;
  ControlClient control_;
  QStringList events_;
};

}  // namespace

TEST_F(SnapshotVmTest, RestoreBringsBackPreCrashFileAndUptime) {
  ASSERT_TRUE(control_.has_capability("fs")) << "the kernel did not mount the default disk";
  write_file("/snapshot-demo.txt", "before the crash\n");
  VmSnapshotter snapshots(&qmp_, vm());
  const qint64 at_snapshot = uptime_ns();
  ASSERT_GT(at_snapshot, 0);
  QElapsedTimer clock;
  clock.start();
  auto [saved, save_error] = run(snapshots, true, "before-crash", at_snapshot);
  const qint64 save_ms = clock.elapsed();
  ASSERT_TRUE(saved) << save_error.toStdString();
  EXPECT_EQ(qmp("query-status").object().value("status").toString(), "running") << "the VM was not resumed after the save";
  const QString dir = snapshots.store().dir("before-crash");
  EXPECT_GT(QFileInfo(dir + "/state.qcow2").size(), 1 << 20) << "no RAM state was saved";
  EXPECT_EQ(QFileInfo(dir + "/disk.img").size(), QFileInfo(disk_).size());
  ASSERT_EQ(snapshots.store().list().size(), 1);
  EXPECT_EQ(snapshots.store().list().first().uptime_ns, at_snapshot);

  // Change the file, let the guest clock run well past the snapshot, then crash the kernel.
  write_file("/snapshot-demo.txt", "after the snapshot, then a crash\n");
  qint64 before_crash = 0;
  ASSERT_TRUE(spin_until([&] { return (before_crash = uptime_ns()) >= at_snapshot + 5'000'000'000; }, 60000));
  ASSERT_TRUE(request("crash.inject", {{"kind", "panic"}}).ok() || true);  // the reply may not arrive
  ASSERT_TRUE(spin_until([&] { return events_.contains("GUEST_PANICKED"); }, 15000)) << events_.join(",").toStdString();

  clock.restart();
  auto [loaded, load_error] = run(snapshots, false, "before-crash");
  const qint64 load_ms = clock.elapsed();
  ASSERT_TRUE(loaded) << load_error.toStdString();
  EXPECT_EQ(qmp("query-status").object().value("status").toString(), "running");
  connect_control();  // a new session: the restored kernel greets again
  const qint64 restored = uptime_ns();
  EXPECT_GE(restored, at_snapshot) << "uptime went back before the snapshot (a reboot?)";
  EXPECT_LT(restored, before_crash) << "uptime did not continue from the snapshot";
  EXPECT_EQ(read_file("/snapshot-demo.txt"), QByteArray("before the crash\n"));
  std::printf("save %lld ms (state.qcow2 %lld KiB, disk copy %lld KiB allocated), load %lld ms; uptime at snapshot "
              "%.3f s, before the crash %.3f s, after the restore %.3f s\n",
              static_cast<long long>(save_ms), static_cast<long long>(QFileInfo(dir + "/state.qcow2").size() >> 10),
              static_cast<long long>(allocated_kib(dir + "/disk.img")), static_cast<long long>(load_ms), at_snapshot / 1e9,
              before_crash / 1e9, restored / 1e9);
  // The kernel keeps working on the restored disk.
  write_file("/after-restore.txt", "written after the restore\n");

  // The raw image holds the snapshot's file too (debugfs reads it after QEMU exits).
  ASSERT_TRUE(qmp("quit").ok() || true);
  ASSERT_TRUE(launcher_->wait_for_finished(15000));
  const QString debugfs = QStandardPaths::findExecutable("debugfs", {"/usr/sbin", "/sbin", "/usr/bin"});
  ASSERT_FALSE(debugfs.isEmpty()) << "debugfs not found (e2fsprogs)";
  QProcess p;
  p.start(debugfs, {"-R", "cat /snapshot-demo.txt", disk_});
  ASSERT_TRUE(p.waitForFinished(20000));
  EXPECT_EQ(p.readAllStandardOutput(), QByteArray("before the crash\n")) << p.readAllStandardError().toStdString();
  p.start(debugfs, {"-R", "cat /after-restore.txt", disk_});
  ASSERT_TRUE(p.waitForFinished(20000));
  EXPECT_EQ(p.readAllStandardOutput(), QByteArray("written after the restore\n"));
}

TEST_F(SnapshotVmTest, ErrorsAreClearAndDeleteRemovesTheSnapshot) {
  VmSnapshotter snapshots(&qmp_, vm());
  auto [ok, error] = run(snapshots, false, "never-taken");
  EXPECT_FALSE(ok);
  EXPECT_TRUE(error.contains("no snapshot 'never-taken'")) << error.toStdString();
  std::tie(ok, error) = run(snapshots, true, "bad/name");
  EXPECT_FALSE(ok);
  EXPECT_TRUE(error.contains("invalid snapshot name")) << error.toStdString();
  std::tie(ok, error) = run(snapshots, true, "one");
  ASSERT_TRUE(ok) << error.toStdString();
  std::tie(ok, error) = run(snapshots, true, "one");
  EXPECT_FALSE(ok);
  EXPECT_TRUE(error.contains("exists already")) << error.toStdString();
  EXPECT_EQ(qmp("query-status").object().value("status").toString(), "running");

  SnapshotVm other = vm();
  other.disk = tmp_.filePath("other.img");
  VmSnapshotter elsewhere(&qmp_, other);
  std::tie(ok, error) = run(elsewhere, false, "one");
  EXPECT_FALSE(ok);
  EXPECT_TRUE(error.contains("was taken with disk")) << error.toStdString();

  QString rm_error;
  EXPECT_TRUE(snapshots.store().remove("one", &rm_error)) << rm_error.toStdString();
  EXPECT_TRUE(snapshots.store().list().isEmpty());
  EXPECT_FALSE(QFileInfo::exists(snapshots.store().dir("one")));
  EXPECT_FALSE(snapshots.store().remove("one", &rm_error));
  EXPECT_TRUE(rm_error.contains("no snapshot 'one'")) << rm_error.toStdString();
}
