// The desktop's remote host check (desktop/app/remote_host_settings) against a real sshd:
// it runs off the GUI thread and classifies host keys so the app can ask to trust an unknown
// one and never a changed one.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSettings>
#include <QTemporaryDir>

#include <fstream>
#include <optional>

#include "remote_host_settings.h"
#include "ssh_server.h"

namespace sis::desktop {
namespace {

using sis::remote::ConnectFailure;

std::optional<RemoteHostCheck::Result> check(const RemoteHostSettings& s, bool trust) {
  RemoteHostCheck c;
  std::optional<RemoteHostCheck::Result> result;
  QObject::connect(&c, &RemoteHostCheck::finished, [&](const RemoteHostCheck::Result& r) { result = r; });
  EXPECT_TRUE(c.start(s, trust));
  EXPECT_FALSE(c.start(s, trust));  // one at a time
  // The GUI thread keeps running its event loop while the check connects.
  const QDeadlineTimer bound(120000);  // a broken build's bound, not a timing check
  while (!result && !bound.hasExpired()) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
  return result;
}

TEST(RemoteHostCheck, AnUnknownKeyIsOfferedForTrustAndTrustingItConnects) {
  sis::remote::test::SshServer server;
  ASSERT_TRUE(server.ok());
  RemoteHostSettings s;
  s.target = QStringLiteral("127.0.0.1:%1").arg(server.port());
  s.identity = QString::fromStdString(server.dir() + "/id_client");
  s.known_hosts = QString::fromStdString(server.dir() + "/app_known_hosts");
  std::ofstream(s.known_hosts.toStdString()).flush();
  auto r = check(s, false);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->failure, ConnectFailure::UnknownHostKey);
  EXPECT_TRUE(r->message.contains("SHA256:")) << r->message.toStdString();
  r = check(s, true);  // the user said "Trust this host"
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ok) << r->message.toStdString();
  EXPECT_EQ(r->failure, ConnectFailure::None);
  r = check(s, false);  // now known
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->ok) << r->message.toStdString();
}

TEST(RemoteHostCheck, AChangedKeyIsRefusedEvenWhenTrustIsGiven) {
  sis::remote::test::SshServer server;
  ASSERT_TRUE(server.ok());
  sis::remote::test::shell_out("ssh-keygen -q -t ed25519 -N '' -f " + server.dir() + "/other");
  RemoteHostSettings s;
  s.target = QStringLiteral("127.0.0.1:%1").arg(server.port());
  s.identity = QString::fromStdString(server.dir() + "/id_client");
  s.known_hosts = QString::fromStdString(server.dir() + "/changed");
  std::ofstream(s.known_hosts.toStdString())
      << "[127.0.0.1]:" << server.port() << " " << sis::remote::test::shell_out("cut -d' ' -f1,2 " + server.dir() + "/other.pub")
      << "\n";
  auto r = check(s, true);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->failure, ConnectFailure::ChangedHostKey);
}

TEST(RemoteHostSettings, RoundTripsThroughQSettingsAndValidatesTheHost) {
  QTemporaryDir dir;
  QSettings qs(dir.filePath("s.ini"), QSettings::IniFormat);
  RemoteHostSettings s{QStringLiteral("alice@lab1:2222"), QStringLiteral("/k"), QStringLiteral("/kh")};
  s.save(qs);
  const auto back = RemoteHostSettings::load(qs);
  EXPECT_EQ(back.target, s.target);
  EXPECT_EQ(back.identity, s.identity);
  EXPECT_EQ(back.known_hosts, s.known_hosts);
  EXPECT_TRUE(back.validate().isEmpty());
  EXPECT_EQ(back.ssh_options(false).target.port, 2222);
  s.target = QStringLiteral("alice@lab1:99999");
  EXPECT_FALSE(s.validate().isEmpty());
  s.target.clear();
  EXPECT_FALSE(s.enabled());
}

}  // namespace
}  // namespace sis::desktop

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
