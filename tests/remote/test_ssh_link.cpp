// SshLink (qmp/remote) against a real OpenSSH server on loopback (ssh_server.h): host-key
// verification, authentication, commands, forwarded Unix sockets, SFTP with resume, a peer
// that talks nonsense or nothing, and a connection that drops.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "remote/remote_vm.h"
#include "remote/ssh_link.h"
#include "ssh_server.h"

namespace sis::remote {
namespace {

using test::shell_out;
using test::SshServer;

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << data;
}

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 2654435761u) >> 13);
  return s;
}

TEST(SshLink, RunsACommandWithInputAndReturnsItsOutputAndStatus) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  std::string error;
  auto link = SshLink::connect(server.options(), &error);
  ASSERT_TRUE(link) << error;
  ExecResult r = link->exec("tr a-z A-Z; echo to-err >&2; exit 7", "hello over ssh\n");
  ASSERT_TRUE(r.ran) << r.error;
  EXPECT_EQ(r.exit_status, 7);
  EXPECT_EQ(r.out, "HELLO OVER SSH\n");
  EXPECT_EQ(r.err, "to-err\n");
  // Several on the one session.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(link->exec("echo " + std::to_string(i)).out, std::to_string(i) + "\n");
}

TEST(SshLink, RefusesAHostNotInKnownHostsAndShowsItsFingerprint) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  SshOptions o = server.options();
  o.known_hosts = server.dir() + "/empty_known_hosts";
  write_file(o.known_hosts, "");
  std::string error;
  EXPECT_FALSE(SshLink::connect(o, &error));
  EXPECT_NE(error.find("is not in"), std::string::npos) << error;
  const std::string fp = shell_out("ssh-keygen -lf " + server.dir() + "/host_key.pub | cut -d' ' -f2");
  ASSERT_EQ(fp.rfind("SHA256:", 0), 0u);
  EXPECT_NE(error.find(fp), std::string::npos) << error << " should show " << fp;
  EXPECT_EQ(read_file(o.known_hosts), "");  // nothing trusted behind the user's back
}

TEST(SshLink, TrustingANewHostAddsItsKeyAndLaterConnectionsCheckIt) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  SshOptions o = server.options();
  o.known_hosts = server.dir() + "/new_known_hosts";
  o.policy = HostKeyPolicy::TrustNew;
  std::string error;
  ASSERT_TRUE(SshLink::connect(o, &error)) << error;
  const std::string key = shell_out("cut -d' ' -f2 " + server.dir() + "/host_key.pub");
  EXPECT_NE(read_file(o.known_hosts).find(key), std::string::npos);
  o.policy = HostKeyPolicy::Strict;
  EXPECT_TRUE(SshLink::connect(o, &error)) << error;
}

TEST(SshLink, RefusesAChangedHostKeyEvenWhenTrustingNewHosts) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  SshOptions o = server.options();
  // known_hosts holds another key for this host:port.
  shell_out("ssh-keygen -q -t ed25519 -N '' -f " + server.dir() + "/other_key");
  o.known_hosts = server.dir() + "/changed_known_hosts";
  write_file(o.known_hosts, "[127.0.0.1]:" + std::to_string(server.port()) + " " +
                                shell_out("cut -d' ' -f1,2 " + server.dir() + "/other_key.pub") + "\n");
  const std::string before = read_file(o.known_hosts);
  for (HostKeyPolicy policy : {HostKeyPolicy::Strict, HostKeyPolicy::TrustNew}) {
    o.policy = policy;
    std::string error;
    EXPECT_FALSE(SshLink::connect(o, &error));
    EXPECT_NE(error.find("CHANGED"), std::string::npos) << error;
    EXPECT_NE(error.find("SHA256:"), std::string::npos) << error;
  }
  EXPECT_EQ(read_file(o.known_hosts), before);
}

TEST(SshLink, AKeyTheServerDoesNotKnowFailsAuthenticationClearly) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  SshOptions o = server.options();
  shell_out("ssh-keygen -q -t ed25519 -N '' -f " + server.dir() + "/stranger");
  o.identity = server.dir() + "/stranger";
  std::string error;
  EXPECT_FALSE(SshLink::connect(o, &error));
  EXPECT_NE(error.find("authentication"), std::string::npos) << error;
}

// A TCP peer on loopback that sends `greeting` (maybe nothing) to whoever connects and then
// keeps the connection open without a word.
class BadPeer {
 public:
  explicit BadPeer(std::string greeting) : greeting_(std::move(greeting)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    ::listen(fd_, 4);
    thread_ = std::thread([this] {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      if (!greeting_.empty()) (void)!::write(c, greeting_.data(), greeting_.size());
      std::unique_lock<std::mutex> lock(m_);
      cv_.wait(lock, [this] { return done_; });
      ::close(c);
    });
  }
  ~BadPeer() {
    {
      std::lock_guard<std::mutex> g(m_);
      done_ = true;
    }
    cv_.notify_all();
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  std::string greeting_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
  std::mutex m_;
  std::condition_variable cv_;
  bool done_ = false;
};

SshOptions options_for(int port) {
  SshOptions o;
  o.target.host = "127.0.0.1";
  o.target.port = port;
  o.known_hosts = "/dev/null";
  o.timeout_ms = 2000;
  return o;
}

TEST(SshLink, APeerThatIsNoSshServerGivesAnErrorNotAHang) {
  BadPeer peer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  std::string error;
  EXPECT_FALSE(SshLink::connect(options_for(peer.port()), &error));
  EXPECT_NE(error.find("cannot connect to 127.0.0.1:" + std::to_string(peer.port())), std::string::npos) << error;
}

TEST(SshLink, APeerThatSaysNothingTimesOut) {
  BadPeer peer("");
  std::string error;
  EXPECT_FALSE(SshLink::connect(options_for(peer.port()), &error));
  EXPECT_FALSE(error.empty());
}

TEST(SshLink, APeerThatStopsAfterItsBannerTimesOut) {
  BadPeer peer("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
  std::string error;
  EXPECT_FALSE(SshLink::connect(options_for(peer.port()), &error));
  EXPECT_FALSE(error.empty());
}

// A Unix-socket echo server (the "remote" socket: loopback SSH reaches this machine).
class EchoServer {
 public:
  explicit EchoServer(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 4);
    thread_ = std::thread([this] {
      for (;;) {
        const int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        char buf[65536];
        ssize_t n;
        while ((n = ::read(c, buf, sizeof buf)) > 0)
          if (::write(c, buf, static_cast<size_t>(n)) != n) break;
        ::close(c);
      }
    });
  }
  ~EchoServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }

 private:
  int fd_ = -1;
  std::thread thread_;
};

int connect_unix(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST(SshLink, ForwardsAUnixSocketOverDirectStreamlocalBothWays) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  EchoServer echo(server.dir() + "/echo.sock");
  std::string error;
  auto link = SshLink::connect(server.options(), &error);
  ASSERT_TRUE(link) << error;
  ASSERT_TRUE(link->forward_unix(server.dir() + "/local.sock", server.dir() + "/echo.sock", &error)) << error;
  const std::string data = pattern(1 << 20);
  for (int round = 0; round < 2; ++round) {  // two connections: two channels, one session
    const int fd = connect_unix(server.dir() + "/local.sock");
    ASSERT_GE(fd, 0);
    std::thread writer([&] {
      EXPECT_EQ(::write(fd, data.data(), data.size()), static_cast<ssize_t>(data.size()));
      ::shutdown(fd, SHUT_WR);
    });
    std::string back;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) back.append(buf, static_cast<size_t>(n));
    writer.join();
    ::close(fd);
    EXPECT_EQ(back.size(), data.size());
    EXPECT_TRUE(back == data);
  }
  EXPECT_GE(link->forwarded_bytes(), 4u * data.size());
}

TEST(SshLink, AForwardToAMissingRemoteSocketClosesTheLocalConnection) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  std::string error;
  auto link = SshLink::connect(server.options(), &error);
  ASSERT_TRUE(link) << error;
  ASSERT_TRUE(link->forward_unix(server.dir() + "/local.sock", server.dir() + "/nobody.sock", &error)) << error;
  const int fd = connect_unix(server.dir() + "/local.sock");
  ASSERT_GE(fd, 0);
  char c;
  EXPECT_EQ(::read(fd, &c, 1), 0);  // EOF, not a connection that waits forever
  ::close(fd);
  EXPECT_EQ(link->exec("echo still-usable").out, "still-usable\n");
}

TEST(SshLink, SftpUploadResumesAPartialFileAndDownloadResumesToo) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  std::string error;
  auto link = SshLink::connect(server.options(), &error);
  ASSERT_TRUE(link) << error;
  const std::string data = pattern(3 << 20), local = server.dir() + "/disk.img", remote = server.dir() + "/remote/disk.img";
  write_file(local, data);
  ASSERT_TRUE(link->exec("mkdir -p " + server.dir() + "/remote").ran);
  write_file(remote + ".part", data.substr(0, 1 << 20));  // an interrupted upload
  std::uint64_t first = ~0ull, last = 0;
  ASSERT_TRUE(link->upload(local, remote, [&](std::uint64_t done, std::uint64_t total) {
    if (first == ~0ull) first = done;
    last = done;
    EXPECT_EQ(total, data.size());
  }, &error)) << error;
  EXPECT_EQ(first, 1u << 20);  // continued, not restarted
  EXPECT_EQ(last, data.size());
  EXPECT_TRUE(read_file(remote) == data);
  EXPECT_NE(::access((remote + ".part").c_str(), F_OK), 0);

  const std::string back = server.dir() + "/back.img";
  write_file(back + ".part", data.substr(0, 2 << 20));
  first = ~0ull;
  ASSERT_TRUE(link->download(remote, back, [&](std::uint64_t done, std::uint64_t) {
    if (first == ~0ull) first = done;
  }, &error)) << error;
  EXPECT_EQ(first, 2u << 20);
  EXPECT_TRUE(read_file(back) == data);
  EXPECT_FALSE(link->download(server.dir() + "/no-such.img", back, {}, &error));
  EXPECT_NE(error.find("no-such.img"), std::string::npos) << error;
}

TEST(SshLink, ADroppedConnectionIsReportedAndLaterRequestsFailAtOnce) {
  SshServer server;
  ASSERT_TRUE(server.ok());
  std::string error;
  auto link = SshLink::connect(server.options(), &error);
  ASSERT_TRUE(link) << error;
  std::mutex m;
  std::condition_variable cv;
  std::string lost;
  link->set_lost_handler([&](const std::string& why) {
    std::lock_guard<std::mutex> g(m);
    lost = why.empty() ? "?" : why;
    cv.notify_all();
  });
  ASSERT_EQ(link->exec("echo up").out, "up\n");
  server.kill_sessions();
  {
    std::unique_lock<std::mutex> lock(m);
    // A bound for a broken build, not a timing check: the loss is noticed on the socket's EOF.
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return !lost.empty(); }));
  }
  EXPECT_NE(lost.find("lost"), std::string::npos) << lost;
  EXPECT_FALSE(link->alive());
  ExecResult r = link->exec("echo again");
  EXPECT_FALSE(r.ran);
  EXPECT_NE(r.error.find("lost"), std::string::npos) << r.error;
  // The server still listens: a new link works (what re-attaching does).
  EXPECT_TRUE(SshLink::connect(server.options(), &error)) << error;
}

TEST(SshLink, RequestsRacingTheDropAllReturn) {
  // Requests posted while the connection dies: the I/O thread may take them, find the link
  // gone, or drop them unrun. Each must come back with an error. A dropped request whose
  // promise the caller still co-owned was never broken, so exec() waited forever: `sisctl
  // --host ... metrics` hung after a killed session (its link probe was such a request).
  constexpr int kCallers = 4;
  for (int round = 0; round < 4; ++round) {
    SshServer server;
    ASSERT_TRUE(server.ok());
    std::string error;
    auto link = SshLink::connect(server.options(), &error);
    ASSERT_TRUE(link) << error;
    std::atomic<bool> stop{false};
    std::atomic<int> finished{0};
    std::vector<std::thread> callers;
    for (int k = 0; k < kCallers; ++k)
      callers.emplace_back([&] {
        while (!stop) (void)link->exec("true", {}, 3000);
        ++finished;
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.kill_sessions();
    for (int i = 0; i < 300 && link->alive(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // calls now fail at once
    stop = true;
    // Bounded by the calls' own 3 s timeout: a caller still inside exec() after 20 s hangs.
    for (int i = 0; i < 2000 && finished < kCallers; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (finished < kCallers) {
      ADD_FAILURE() << "round " << round << ": " << kCallers - finished
                    << " request(s) posted as the link died never returned";
      for (auto& t : callers) t.detach();  // they wait forever: do not join
      (void)link.release();                // (nor free what they use)
      return;
    }
    for (auto& t : callers) t.join();
    EXPECT_FALSE(link->alive());
  }
}

TEST(SshTarget, ParsesUserHostAndPort) {
  std::string e;
  auto t = parse_ssh_target("alice@lab-7.example.org:2222", &e);
  ASSERT_TRUE(t) << e;
  EXPECT_EQ(t->user, "alice");
  EXPECT_EQ(t->host, "lab-7.example.org");
  EXPECT_EQ(t->port, 2222);
  EXPECT_EQ(t->to_string(), "alice@lab-7.example.org:2222");
  t = parse_ssh_target("box", &e);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->port, 22);
  EXPECT_EQ(t->to_string(), "box");
  t = parse_ssh_target("bob@[::1]:22", &e);
  ASSERT_TRUE(t) << e;
  EXPECT_EQ(t->host, "::1");
  EXPECT_EQ(t->to_string(), "bob@[::1]");
}

TEST(SshTarget, RejectsWhatIsNotAHost) {
  for (const char* bad : {"", "@host", "user@", "host:", "host:0", "host:65536", "host:22x", "::1", "[::1", "a b",
                          "host;rm -rf /", "u@h:1:2"}) {
    std::string e;
    EXPECT_FALSE(parse_ssh_target(bad, &e)) << bad;
    EXPECT_FALSE(e.empty()) << bad;
  }
}

TEST(ShQuote, QuotesForThePosixShell) {
  EXPECT_EQ(sh_quote("plain"), "'plain'");
  EXPECT_EQ(sh_quote("it's; rm -rf /"), "'it'\\''s; rm -rf /'");
  EXPECT_EQ(shell_out("printf %s " + sh_quote("a'b\"c $HOME `x`")), "a'b\"c $HOME `x`");
}

}  // namespace
}  // namespace sis::remote
