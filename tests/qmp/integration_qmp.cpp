// QmpClient, ControlClient and VmLauncher against real QEMU and the real kernel (TCG):
// greeting and negotiation, query-status, stop/cont with their events, system_reset with a
// RESET event and the kernel booting again, errors as values, quit, QEMU killed under us.
// Needs SIS_KERNEL (the kernel Image) and qemu-system-aarch64 (or SIS_QEMU).
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "client/control_client.h"
#include "client/qmp_client.h"
#include "launch/locate.h"
#include "scripted_peer.h"
#include "vm/vm_launcher.h"

using sis::host::ControlClient;
using sis::host::QmpClient;
using sis::host::Reply;
using sis::host::VmConfig;
using sis::host::VmLauncher;
using sis::test::spin_until;

namespace {

class RealVm : public ::testing::Test {
 protected:
  void SetUp() override {
    qputenv("SIS_RUNTIME_DIR", runtime_.path().toLocal8Bit());
    config_.qemu = sis::host::locate_qemu();
    config_.kernel = qEnvironmentVariable("SIS_KERNEL").toStdString();
    if (config_.qemu.empty()) GTEST_SKIP() << "qemu-system-aarch64 not found";
    ASSERT_TRUE(sis::host::is_readable_file(config_.kernel)) << "SIS_KERNEL must name the kernel Image";
    config_.pvpanic = true;
    launcher_ = std::make_unique<VmLauncher>("itest");
    QObject::connect(launcher_.get(), &VmLauncher::started, [this] { started_ = true; });
    QObject::connect(launcher_.get(), &VmLauncher::start_failed, [this](const QString& m) { failure_ = m; });
    QObject::connect(launcher_.get(), &VmLauncher::finished, [this](int code, bool crashed, const QString& d) {
      finished_ = true;
      exit_code_ = code;
      crashed_ = crashed;
      description_ = d;
    });
    QString error;
    ASSERT_TRUE(launcher_->start(config_, &error)) << error.toStdString();
    ASSERT_TRUE(spin_until([this] { return started_ || !failure_.isEmpty(); }, 15000));
    ASSERT_TRUE(started_) << failure_.toStdString();
    QObject::connect(&qmp_, &QmpClient::event_received,
                     [this](const QString& name, const QJsonObject&, qint64) { events_.append(name); });
    QObject::connect(&qmp_, &QmpClient::disconnected, [this](const QString& r) { disconnect_reason_ = r; });
    qmp_.connect_to_server(launcher_->runtime_dir().qmp_socket());
    ASSERT_TRUE(spin_until([this] { return qmp_.is_ready() || !disconnect_reason_.isEmpty(); }, 5000))
        << "QMP not ready in 5 s";
    ASSERT_TRUE(qmp_.is_ready()) << disconnect_reason_.toStdString();
  }

  void TearDown() override {
    qmp_.close();
    launcher_.reset();  // kills QEMU if a test left it running
    qunsetenv("SIS_RUNTIME_DIR");
  }

  Reply call(const QString& cmd, const QJsonObject& args = {}) {
    std::optional<Reply> r;
    qmp_.execute(cmd, args, [&](const Reply& x) { r = x; }, 5000);
    EXPECT_TRUE(spin_until([&] { return r.has_value(); }, 6000)) << cmd.toStdString();
    if (!r) qmp_.close();
    return r ? *r : Reply::failure("Test", "no reply");
  }

  int prompts() {
    QFile f(launcher_->runtime_dir().console_log());
    return f.open(QIODevice::ReadOnly) ? static_cast<int>(f.readAll().count("sis> ")) : 0;
  }

  QTemporaryDir runtime_;
  VmConfig config_;
  std::unique_ptr<VmLauncher> launcher_;
  QmpClient qmp_;
  bool started_ = false, finished_ = false, crashed_ = false;
  int exit_code_ = -1;
  QString failure_, description_, disconnect_reason_;
  QStringList events_;
};

}  // namespace

TEST_F(RealVm, GreetingNegotiationAndQueryStatus) {
  const QJsonObject qemu = qmp_.greeting().value("version").toObject().value("qemu").toObject();
  EXPECT_GE(qemu.value("major").toInt(), 7);
  EXPECT_TRUE(qmp_.greeting().value("capabilities").isArray());
  Reply st = call("query-status");
  ASSERT_TRUE(st.ok()) << st.error->to_string().toStdString();
  EXPECT_EQ(st.object().value("status").toString(), "running");
  EXPECT_TRUE(st.object().value("running").toBool());
  Reply name = call("query-name");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name.object().value("name").toString(), "sis-itest");
}

TEST_F(RealVm, StopAndContChangeStateAndEmitEvents) {
  ASSERT_TRUE(call("stop").ok());
  ASSERT_TRUE(spin_until([this] { return events_.contains("STOP"); }, 3000)) << events_.join(",").toStdString();
  EXPECT_EQ(call("query-status").object().value("status").toString(), "paused");
  ASSERT_TRUE(call("cont").ok());
  ASSERT_TRUE(spin_until([this] { return events_.contains("RESUME"); }, 3000)) << events_.join(",").toStdString();
  EXPECT_EQ(call("query-status").object().value("status").toString(), "running");
}

TEST_F(RealVm, SystemResetEmitsResetAndTheKernelBootsAgain) {
  ASSERT_TRUE(spin_until([this] { return prompts() >= 1; }, 30000)) << "no first shell prompt";
  const int before = prompts();
  ASSERT_TRUE(call("system_reset").ok());
  ASSERT_TRUE(spin_until([this] { return events_.contains("RESET"); }, 3000)) << events_.join(",").toStdString();
  EXPECT_TRUE(spin_until([&] { return prompts() > before; }, 30000)) << "the kernel did not reach its prompt again";
  EXPECT_EQ(call("query-status").object().value("status").toString(), "running");
}

TEST_F(RealVm, QemuErrorsAreValues) {
  Reply r = call("no-such-command");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->cls, "CommandNotFound");
  r = call("human-monitor-command", QJsonObject{{"bogus-argument", 1}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->cls, "GenericError");
  EXPECT_TRUE(call("query-status").ok()) << "the connection did not survive an error";
}

TEST_F(RealVm, QuitShutsDownAndCleansTheSocketsUp) {
  const QString sock = launcher_->runtime_dir().qmp_socket();
  Reply r = call("quit");
  EXPECT_TRUE(r.ok() || r.error->cls == "Disconnected") << r.error->to_string().toStdString();
  ASSERT_TRUE(spin_until([this] { return finished_; }, 10000));
  EXPECT_FALSE(crashed_);
  EXPECT_EQ(exit_code_, 0) << description_.toStdString();
  EXPECT_TRUE(spin_until([this] { return !disconnect_reason_.isEmpty(); }, 3000));
  EXPECT_FALSE(QFile::exists(sock));
  EXPECT_TRUE(events_.contains("SHUTDOWN")) << events_.join(",").toStdString();
}

TEST_F(RealVm, QemuKilledUnderTheClientIsReported) {
  std::optional<Reply> pending;
  launcher_->kill();
  ASSERT_TRUE(spin_until([this] { return finished_; }, 5000));
  EXPECT_TRUE(crashed_);
  ASSERT_TRUE(spin_until([this] { return !disconnect_reason_.isEmpty(); }, 3000));
  qmp_.execute("query-status", [&](const Reply& r) { pending = r; });
  ASSERT_TRUE(spin_until([&] { return pending.has_value(); }, 1000));
  EXPECT_EQ(pending->error->cls, "NotConnected");
}

TEST_F(RealVm, ControlPortGreetingWhenTheKernelHasOne) {
  ControlClient control;
  QString reason;
  QObject::connect(&control, &ControlClient::disconnected, [&](const QString& r) { reason = r; });
  control.set_handshake_timeout(3000);
  control.set_greeting_grace(500);
  ASSERT_TRUE(spin_until([this] { return prompts() >= 1; }, 30000));
  control.connect_to_server(launcher_->runtime_dir().control_socket());
  spin_until([&] { return control.is_ready() || !reason.isEmpty(); }, 4000);
  if (!control.is_ready()) GTEST_SKIP() << "this kernel has no control port yet: " << reason.toStdString();
  EXPECT_EQ(control.protocol_version(), 1);
  std::optional<Reply> info;
  control.request("sys.info", {}, [&](const Reply& r) { info = r; });
  ASSERT_TRUE(spin_until([&] { return info.has_value(); }, 5000));
  ASSERT_TRUE(info->ok()) << info->error->to_string().toStdString();
  EXPECT_EQ(info->object().value("kernel").toString(), "SIS");
}
