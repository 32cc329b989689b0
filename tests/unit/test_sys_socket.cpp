// The socket system calls (kernel/proc/sys_socket.cpp) as the dispatcher calls them, over a
// fake user memory and a stack whose link the test plays: Linux's errno values, sockaddr
// in/out rules, blocking reads woken by arriving data or interrupted by a signal, poll
// readiness, and TCP through the calls to our own address.
#include "test_file_hooks.h"  // first: see there
#include "fake_user_memory.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "net/stack.h"
#include "net_frames.h"
#include "proc/sys_socket.h"

using namespace sis;
using namespace sis::proc;
using namespace sis::proc::test;

namespace {

constexpr u32 kSocket = 198, kBind = 200, kListen = 201, kConnect = 203, kGetsockname = 204, kGetpeername = 205,
              kSendto = 206, kRecvfrom = 207, kSetsockopt = 208, kGetsockopt = 209, kShutdown = 210, kAccept4 = 242;
constexpr int kAfInet = 2, kStream = 1, kDgram = 2, kRaw = 3;
constexpr u64 kNonblock = kO_NONBLOCK;

u64 fake_clock() { return 5'000'000'000ull; }

struct SysSocketTest : ::testing::Test {
  FakeUserMemory mem;
  FileTable* files = nullptr;
  SyscallContext c;
  std::unique_ptr<net::Stack> st;
  std::vector<std::vector<u8>> sent;

  void SetUp() override {
    hooks().reset();
    files = new FileTable;
    c = {&mem, files, nullptr};
    st = std::make_unique<net::Stack>();
    st->configure(net::slirp_config(net::test::kOurMac), [](void* v, const u8* f, usize n) {
      static_cast<std::vector<std::vector<u8>>*>(v)->emplace_back(f, f + n);
      return true;
    }, &sent);
    set_socket_backend(st.get(), fake_clock);
    // The peer 10.0.2.2 is known: no ARP in the way.
    auto a = net::test::eth(net::test::kBcast, net::test::kPeerMac, net::kEtherArp,
                            net::test::arp(1, net::test::kPeerMac, net::test::kPeerIp, net::test::kBcast, net::test::kOurIp));
    st->receive(a.data(), a.size(), 0);
    sent.clear();
  }
  void TearDown() override {
    delete files;
    EXPECT_EQ(File::live_count(), 0u) << "a File leaked";
    EXPECT_EQ(st->socket_count(), 0u) << "a socket leaked";
    set_socket_backend(nullptr, fake_clock);
  }
  i64 call(u32 n, u64 a0 = 0, u64 a1 = 0, u64 a2 = 0, u64 a3 = 0, u64 a4 = 0, u64 a5 = 0) {
    SyscallGroup g = socket_syscalls();
    for (usize i = 0; i < g.count; ++i)
      if (g.entries[i].nr == n) {
        SyscallArgs a{{a0, a1, a2, a3, a4, a5}};
        return g.entries[i].fn(c, a);
      }
    ADD_FAILURE() << "no handler for " << n;
    return -9999;
  }
  u64 sockaddr(net::Ip4 ip, u16 port, u16 family = kAfInet) {
    u64 a = mem.alloc(16);
    u8* p = mem.at(a);
    memset(p, 0, 16);
    memcpy(p, &family, 2);
    net::store16(p + 2, port);
    net::store32(p + 4, ip);
    return a;
  }
  void peer_udp(u16 sport, u16 dport, const std::string& data) {
    auto f = net::test::eth(net::test::kOurMac, net::test::kPeerMac, net::kEtherIpv4,
                            net::test::ipv4(net::test::kPeerIp, net::test::kOurIp, net::kProtoUdp,
                                            net::test::udp(net::test::kPeerIp, net::test::kOurIp, sport, dport,
                                                           std::vector<u8>(data.begin(), data.end()))));
    st->receive(f.data(), f.size(), 0);
    if (st->take_changed()) socket_state_changed();
  }
};

TEST_F(SysSocketTest, UdpBindSendToOurselvesAndReceiveWithTheSendersAddress) {
  i64 fd = call(kSocket, kAfInet, kDgram, 0);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(call(kBind, fd, sockaddr(0, 5000), 16), 0);
  u64 name = mem.alloc(16), len = mem.alloc(4);
  u32 cap = 64;
  memcpy(mem.at(len), &cap, 4);
  ASSERT_EQ(call(kGetsockname, fd, name, len), 0);
  u32 got_len;
  memcpy(&got_len, mem.at(len), 4);
  EXPECT_EQ(got_len, 16u);
  EXPECT_EQ(net::load16(mem.at(name) + 2), 5000);
  ASSERT_EQ(call(kSendto, fd, mem.bytes("hello"), 5, 0, sockaddr(net::test::kOurIp, 5000), 16), 5);
  u64 buf = mem.alloc(64), from = mem.alloc(16), flen = mem.alloc(4);
  u32 small = 8;  // shorter than a sockaddr_in: truncated, the full length reported
  memcpy(mem.at(flen), &small, 4);
  ASSERT_EQ(call(kRecvfrom, fd, buf, 64, 0, from, flen), 5);
  EXPECT_EQ(mem.read(buf, 5), "hello");
  memcpy(&got_len, mem.at(flen), 4);
  EXPECT_EQ(got_len, 16u);
  EXPECT_EQ(net::load32(mem.at(from) + 4), net::test::kOurIp);
  EXPECT_EQ(files->close(static_cast<int>(fd)), Error::Ok);
}

TEST_F(SysSocketTest, ErrorsMatchLinux) {
  EXPECT_EQ(call(kSocket, 10 /* AF_INET6 */, kDgram, 0), -97);   // EAFNOSUPPORT
  EXPECT_EQ(call(kSocket, kAfInet, 5 /* SOCK_SEQPACKET */, 0), -94);  // ESOCKTNOSUPPORT
  EXPECT_EQ(call(kSocket, kAfInet, kRaw, 6), -93);                // EPROTONOSUPPORT
  EXPECT_EQ(call(kSocket, kAfInet, kDgram | 0x100, 0), -kEINVAL);  // unknown flag bits
  i64 fd = call(kSocket, kAfInet, kDgram | kNonblock, 0);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(call(kBind, 99, sockaddr(0, 1), 16), -kEBADF);
  EXPECT_EQ(call(kBind, fd, sockaddr(0, 1), 8), -kEINVAL);
  EXPECT_EQ(call(kBind, fd, FakeUserMemory::kHole, 16), -kEFAULT);
  EXPECT_EQ(call(kBind, fd, sockaddr(0, 1, 10), 16), -97);
  EXPECT_EQ(call(kBind, fd, sockaddr(net::ip4(10, 9, 9, 9), 1), 16), -99);  // EADDRNOTAVAIL
  EXPECT_EQ(call(kSendto, fd, mem.bytes("x"), 1, 0, 0, 0), -89);            // EDESTADDRREQ
  EXPECT_EQ(call(kRecvfrom, fd, mem.alloc(8), 8, 0, 0, 0), -kEAGAIN);
  EXPECT_EQ(call(kListen, fd, 1), -kEOPNOTSUPP);
  EXPECT_EQ(call(kGetpeername, fd, mem.alloc(16), mem.alloc(4)), -107);      // ENOTCONN
  EXPECT_EQ(call(kSendto, fd, mem.alloc(2000), 2000, 0, sockaddr(net::test::kPeerIp, 9), 16), -90);  // EMSGSIZE
  EXPECT_EQ(call(kGetsockopt, fd, 1, 99, mem.alloc(4), mem.alloc(4)), -92);   // ENOPROTOOPT
  // A descriptor that is not a socket.
  auto pipe = make_pipe(0);
  ASSERT_TRUE(pipe.ok());
  auto pfd = files->install(pipe.value().read, false);
  pipe.value().write->unref();
  ASSERT_TRUE(pfd.ok());
  EXPECT_EQ(call(kBind, pfd.value(), sockaddr(0, 1), 16), -88);  // ENOTSOCK
  files->close(pfd.value());
  files->close(static_cast<int>(fd));
}

TEST_F(SysSocketTest, BlockedRecvfromWakesWhenADatagramArrives) {
  i64 fd = call(kSocket, kAfInet, kDgram, 0);
  ASSERT_EQ(call(kBind, fd, sockaddr(0, 7000), 16), 0);
  hooks().on_block.push_back([&] { peer_udp(40000, 7000, "late"); });
  u64 buf = mem.alloc(16);
  ASSERT_EQ(call(kRecvfrom, fd, buf, 16, 0, 0, 0), 4);
  EXPECT_EQ(mem.read(buf, 4), "late");
  EXPECT_EQ(hooks().blocks, 1u);
  hooks().signal_pending = true;  // nothing arrives: a signal ends the wait
  EXPECT_EQ(call(kRecvfrom, fd, buf, 16, 0, 0, 0), -kEINTR);
  files->close(static_cast<int>(fd));
}

TEST_F(SysSocketTest, PollReportsDatagramsAndRcvtimeoTimesOut) {
  i64 fd = call(kSocket, kAfInet, kDgram, 0);
  ASSERT_EQ(call(kBind, fd, sockaddr(0, 7001), 16), 0);
  File* f = files->get(static_cast<int>(fd)).value();
  EXPECT_FALSE(f->poll().readable);
  EXPECT_TRUE(f->poll().writable);
  peer_udp(1, 7001, "x");
  EXPECT_TRUE(f->poll().readable);
  struct {
    i64 sec, usec;
  } tv{0, 1000};
  u64 t = mem.alloc(16);
  memcpy(mem.at(t), &tv, 16);
  ASSERT_EQ(call(kSetsockopt, fd, 1, 20 /* SO_RCVTIMEO */, t, 16), 0);
  u64 buf = mem.alloc(8);
  EXPECT_EQ(call(kRecvfrom, fd, buf, 8, 0, 0, 0), 1);
  EXPECT_EQ(call(kRecvfrom, fd, buf, 8, 0, 0, 0), -kEAGAIN);  // the timed wait ran out
  files->close(static_cast<int>(fd));
}

TEST_F(SysSocketTest, TcpToOurOwnAddressThroughTheCalls) {
  i64 l = call(kSocket, kAfInet, kStream, 0);
  ASSERT_GE(l, 0);
  ASSERT_EQ(call(kBind, l, sockaddr(0, 8080), 16), 0);
  ASSERT_EQ(call(kListen, l, 4), 0);
  EXPECT_EQ(call(kAccept4, l, 0, 0, 0x1), -kEINVAL);  // unknown accept4 flag
  File* lf = files->get(static_cast<int>(l)).value();
  lf->set_status_flags(lf->status_flags() | kO_NONBLOCK);
  EXPECT_EQ(call(kAccept4, l, 0, 0, 0), -kEAGAIN);  // a non-blocking listener
  i64 cfd = call(kSocket, kAfInet, kStream, 0);
  ASSERT_EQ(call(kConnect, cfd, sockaddr(net::test::kOurIp, 8080), 16), 0);  // loopback: done at once
  EXPECT_EQ(call(kConnect, cfd, sockaddr(net::test::kOurIp, 8080), 16), -106);  // EISCONN
  u64 peer = mem.alloc(16), plen = mem.alloc(4);
  u32 cap = 16;
  memcpy(mem.at(plen), &cap, 4);
  i64 sfd = call(kAccept4, l, peer, plen, kNonblock);
  ASSERT_GE(sfd, 0);
  EXPECT_EQ(net::load32(mem.at(peer) + 4), net::test::kOurIp);
  std::string msg(100000, 'q');
  for (usize i = 0; i < msg.size(); ++i) msg[i] = static_cast<char>('a' + i % 26);
  File* cf = files->get(static_cast<int>(cfd)).value();
  File* sf = files->get(static_cast<int>(sfd)).value();
  EXPECT_TRUE(sf->nonblocking());  // SOCK_NONBLOCK from accept4
  cf->set_status_flags(cf->status_flags() | kO_NONBLOCK);
  std::string got;
  usize sent_bytes = 0;
  u64 src = mem.bytes(msg), buf = mem.alloc(8192);
  for (int i = 0; i < 1000 && got.size() < msg.size(); ++i) {
    if (sent_bytes < msg.size()) {
      i64 r = call(kSendto, cfd, src + sent_bytes, msg.size() - sent_bytes, 0, 0, 0);
      if (r > 0) sent_bytes += static_cast<usize>(r);
      else EXPECT_EQ(r, -kEAGAIN);
    }
    i64 r = call(kRecvfrom, sfd, buf, 8192, 0, 0, 0);
    if (r > 0) got += mem.read(buf, static_cast<usize>(r));
  }
  EXPECT_EQ(got, msg);
  ASSERT_EQ(call(kShutdown, cfd, 1 /* SHUT_WR */), 0);
  EXPECT_EQ(call(kRecvfrom, sfd, buf, 8192, 0, 0, 0), 0);  // end of stream
  EXPECT_TRUE(sf->poll().readable);
  u64 opt = mem.alloc(4), olen = mem.alloc(4);
  u32 four = 4;
  memcpy(mem.at(olen), &four, 4);
  ASSERT_EQ(call(kGetsockopt, sfd, 1, 3 /* SO_TYPE */, opt, olen), 0);
  i32 type;
  memcpy(&type, mem.at(opt), 4);
  EXPECT_EQ(type, kStream);
  EXPECT_EQ(call(kGetpeername, cfd, mem.alloc(16), plen), 0);
  files->close(static_cast<int>(sfd));
  files->close(static_cast<int>(cfd));
  files->close(static_cast<int>(l));
  for (int i = 0; i < 10; ++i) st->tick(fake_clock() + static_cast<u64>(i) * 1'000'000'000);  // TIME_WAIT ends
}

TEST_F(SysSocketTest, AfterAResetReadSaysEconnresetOnceAndSendsRaiseSigpipe) {
  i64 l = call(kSocket, kAfInet, kStream, 0);
  ASSERT_EQ(call(kBind, l, sockaddr(0, 8081), 16), 0);
  ASSERT_EQ(call(kListen, l, 4), 0);
  i64 cfd = call(kSocket, kAfInet, kStream, 0);
  ASSERT_EQ(call(kConnect, cfd, sockaddr(net::test::kOurIp, 8081), 16), 0);
  i64 sfd = call(kAccept4, l, 0, 0, kNonblock);
  ASSERT_GE(sfd, 0);
  u64 src = mem.bytes("never read");
  ASSERT_EQ(call(kSendto, cfd, src, 10, 0, 0, 0), 10);
  files->close(static_cast<int>(sfd));  // closed with unread data: the client is reset
  File* cf = files->get(static_cast<int>(cfd)).value();
  char buf[16];
  auto r = cf->read(buf, sizeof buf, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::ConnectionReset) << "read(2) says ECONNRESET (it said EIO)";
  r = cf->read(buf, sizeof buf, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 0u) << "then end of file, as on Linux";
  EXPECT_EQ(call(kSendto, cfd, src, 10, 0, 0, 0), -32) << "EPIPE";
  EXPECT_TRUE(socket_send_raises_sigpipe(kSendto, 0, 0)) << "send raises SIGPIPE";
  EXPECT_FALSE(socket_send_raises_sigpipe(kSendto, 0, 0x4000)) << "... unless MSG_NOSIGNAL";
  EXPECT_TRUE(socket_send_raises_sigpipe(211 /* sendmsg */, 0, 0));
  EXPECT_FALSE(socket_send_raises_sigpipe(211, 0x4000, 0));
  EXPECT_FALSE(socket_send_raises_sigpipe(64 /* write: the dispatcher's own rule */, 0, 0));
  files->close(static_cast<int>(cfd));
  files->close(static_cast<int>(l));
  for (int i = 0; i < 10; ++i) st->tick(fake_clock() + static_cast<u64>(i) * 1'000'000'000);
}

TEST_F(SysSocketTest, TcpOver127001NamesBothEndsWithLoopbackAddresses) {
  constexpr net::Ip4 kLo = net::ip4(127, 0, 0, 1);
  i64 l = call(kSocket, kAfInet, kStream, 0);
  ASSERT_EQ(call(kBind, l, sockaddr(0, 8082), 16), 0);  // INADDR_ANY
  ASSERT_EQ(call(kListen, l, 4), 0);
  i64 cfd = call(kSocket, kAfInet, kStream, 0);
  ASSERT_EQ(call(kConnect, cfd, sockaddr(kLo, 8082), 16), 0) << "loopback: done at once";
  u64 name = mem.alloc(16), len = mem.alloc(4);
  auto get = [&](u32 nr, i64 fd) {
    u32 cap = 16;
    memcpy(mem.at(len), &cap, 4);
    memset(mem.at(name), 0xee, 16);
    EXPECT_EQ(call(nr, fd, name, len), 0);
    return std::make_pair(net::load32(mem.at(name) + 4), net::load16(mem.at(name) + 2));
  };
  auto [caddr, cport] = get(kGetsockname, cfd);
  EXPECT_EQ(caddr, kLo) << "getsockname of the connecting end";
  EXPECT_GE(cport, net::Stack::kEphemeralFirst);
  EXPECT_EQ(get(kGetpeername, cfd), std::make_pair(kLo, u16{8082}));
  u64 peer = mem.alloc(16), plen = mem.alloc(4);
  u32 cap = 16;
  memcpy(mem.at(plen), &cap, 4);
  i64 sfd = call(kAccept4, l, peer, plen, 0);
  ASSERT_GE(sfd, 0);
  EXPECT_EQ(net::load32(mem.at(peer) + 4), kLo) << "accept's peer address";
  EXPECT_EQ(net::load16(mem.at(peer) + 2), cport);
  EXPECT_EQ(get(kGetsockname, sfd), std::make_pair(kLo, u16{8082}));
  EXPECT_EQ(get(kGetsockname, l), std::make_pair(net::Ip4{0}, u16{8082})) << "the listener stays INADDR_ANY";
  ASSERT_EQ(call(kSendto, cfd, mem.bytes("ping"), 4, 0, 0, 0), 4);
  u64 buf = mem.alloc(16);
  EXPECT_EQ(call(kRecvfrom, sfd, buf, 16, 0, 0, 0), 4);
  EXPECT_EQ(mem.read(buf, 4), "ping");
  // A UDP socket bound to 127.0.0.1 keeps it, and cannot reach the wire.
  i64 u = call(kSocket, kAfInet, kDgram, 0);
  ASSERT_EQ(call(kBind, u, sockaddr(kLo, 0), 16), 0);
  EXPECT_EQ(get(kGetsockname, u).first, kLo);
  EXPECT_EQ(call(kSendto, u, mem.bytes("x"), 1, 0, sockaddr(net::test::kPeerIp, 53), 16), -kEINVAL);
  EXPECT_TRUE(sent.empty()) << "loopback traffic reached the NIC";
  files->close(static_cast<int>(u));
  files->close(static_cast<int>(sfd));
  files->close(static_cast<int>(cfd));
  files->close(static_cast<int>(l));
  for (int i = 0; i < 10; ++i) st->tick(fake_clock() + static_cast<u64>(i) * 1'000'000'000);
}

TEST_F(SysSocketTest, ConnectToAClosedPortIsRefused) {
  i64 fd = call(kSocket, kAfInet, kStream, 0);
  EXPECT_EQ(call(kConnect, fd, sockaddr(net::test::kOurIp, 9), 16), -111);  // ECONNREFUSED
  files->close(static_cast<int>(fd));
}

}  // namespace
