// The loopback interface of the IPv4 stack (kernel/net): TCP, UDP and ICMP echo to
// 127.0.0.0/8 go through the receive path and never reach the NIC; the addresses the
// sockets see are the loopback ones; a frame from the wire with a 127/8 source or
// destination is a martian: dropped, counted, not answered.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "net/net_errno.h"
#include "net/stack.h"
#include "net_frames.h"

using namespace sis;
using namespace sis::net;
using namespace sis::net::test;

namespace {

constexpr Ip4 kLo = ip4(127, 0, 0, 1), kLo2 = ip4(127, 0, 0, 2);
constexpr long kInProgress = 115;

class NetLoopback : public ::testing::Test {
 protected:
  void SetUp() override {
    st = std::make_unique<Stack>();
    st->configure(slirp_config(kOurMac), Link::tx, &link);
  }
  void rx(const std::vector<u8>& f) { st->receive(f.data(), f.size(), now); }
  void learn_peer() {
    rx(eth(kBcast, kPeerMac, kEtherArp, arp(1, kPeerMac, kPeerIp, kBcast, kOurIp)));
    link.sent.clear();
  }
  u64 drops(Drop d) const { return st->stats().drops[static_cast<usize>(d)]; }
  // Moves data from src to dst (one stack: every call delivers what it looped back).
  std::vector<u8> pump(Socket* src, Socket* dst, const std::vector<u8>& data) {
    std::vector<u8> got;
    usize sent = 0;
    u8 buf[4096];
    for (int rounds = 0; rounds < 100000 && got.size() < data.size(); ++rounds) {
      if (sent < data.size()) {
        i64 r = st->tcp_send(src, data.data() + sent, data.size() - sent, now);
        if (r > 0) sent += static_cast<usize>(r);
        else EXPECT_EQ(r, -err::kAgain);
      }
      for (;;) {
        i64 r = st->tcp_recv(dst, buf, sizeof buf, false, now);
        if (r <= 0) break;
        got.insert(got.end(), buf, buf + r);
      }
    }
    return got;
  }

  std::unique_ptr<Stack> st;
  Link link;
  u64 now = 1'000'000'000;
};

std::vector<u8> pattern(usize n, u32 seed) {
  std::vector<u8> v(n);
  for (auto& c : v) c = static_cast<u8>((seed = seed * 1103515245 + 12345) >> 16);
  return v;
}

TEST_F(NetLoopback, TcpConnectAcceptTransferAndCloseOver127001) {
  Socket* l = st->open(SockType::Tcp);
  ASSERT_EQ(st->bind(l, SockAddr{0, 7000}), 0);  // INADDR_ANY accepts loopback connections
  ASSERT_EQ(st->tcp_listen(l, 4), 0);
  Socket* c = st->open(SockType::Tcp);
  ASSERT_EQ(st->tcp_connect(c, SockAddr{kLo, 7000}, now), -kInProgress);
  ASSERT_EQ(c->tcb->state, TcpState::Established) << "the handshake runs through lo within the call";
  EXPECT_EQ(c->local.addr, kLo) << "getsockname: the source toward 127/8 is 127.0.0.1";
  EXPECT_GE(c->local.port, Stack::kEphemeralFirst);
  Socket* s = st->tcp_accept(l);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->local.addr, kLo);
  EXPECT_EQ(s->local.port, 7000);
  EXPECT_EQ(s->peer.addr, kLo);
  EXPECT_EQ(s->peer.port, c->local.port);

  auto up = pattern(200000, 1), down = pattern(150000, 2);
  EXPECT_EQ(pump(c, s, up), up) << "client -> server through the 64 KiB buffers";
  EXPECT_EQ(pump(s, c, down), down) << "server -> client";

  // Orderly close: the client first (it ends in TIME_WAIT), then the server.
  st->close(c, now);
  u8 b[16];
  EXPECT_EQ(st->tcp_recv(s, b, sizeof b, false, now), 0) << "end of stream at the server";
  st->close(s, now);
  EXPECT_EQ(st->socket_count(), 2u) << "listener and the client in TIME_WAIT";
  now += Stack::kTimeWaitNs + 1;
  st->tick(now);
  EXPECT_EQ(st->socket_count(), 1u);
  st->close(l, now);

  EXPECT_TRUE(link.sent.empty()) << "nothing of it went to the NIC: " << link.sent.size() << " frames";
  const StackStats& k = st->stats();
  EXPECT_GT(k.lo_tx_packets, 100u);
  EXPECT_EQ(k.lo_rx_packets, k.lo_tx_packets);
  EXPECT_EQ(k.lo_rx_bytes, k.lo_tx_bytes);
  EXPECT_EQ(k.tcp_retransmits, 0u);
  EXPECT_EQ(k.dropped(), 0u);
}

TEST_F(NetLoopback, ConnectToAClosedLoopbackPortIsRefused) {
  Socket* c = st->open(SockType::Tcp);
  ASSERT_EQ(st->tcp_connect(c, SockAddr{kLo, 9}, now), -kInProgress);
  EXPECT_EQ(c->tcb->state, TcpState::Closed);
  EXPECT_EQ(st->take_tcp_error(c), 111) << "ECONNREFUSED from the RST that came back through lo";
  EXPECT_TRUE(link.sent.empty());
  st->close(c, now);
}

TEST_F(NetLoopback, ListenerBoundToLoopbackIsNotReachableFromTheWire) {
  learn_peer();
  Socket* l = st->open(SockType::Tcp);
  ASSERT_EQ(st->bind(l, SockAddr{kLo, 7001}), 0);
  ASSERT_EQ(st->tcp_listen(l, 4), 0);
  // A SYN from the wire to our interface address: no listener there, so a RST.
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoTcp, tcp(kPeerIp, kOurIp, 40000, 7001, 100, 0, 0x02))));
  ASSERT_EQ(link.sent.size(), 1u);
  Ipv4Packet ip;
  ASSERT_EQ(parse_ipv4(link.sent[0].data() + 14, link.sent[0].size() - 14, &ip), Drop::None);
  EXPECT_EQ(ip.src, kOurIp);
  EXPECT_EQ(ip.proto, kProtoTcp);
  EXPECT_EQ(ip.payload[13] & 0x04, 0x04) << "RST";
  EXPECT_EQ(l->tcb->queued, 0u);
  // Through lo, to our interface address: not 127.0.0.1 either, refused as on Linux.
  Socket* c = st->open(SockType::Tcp);
  ASSERT_EQ(st->tcp_connect(c, SockAddr{kOurIp, 7001}, now), -kInProgress);
  EXPECT_EQ(st->take_tcp_error(c), 111);
  st->close(c, now);
  // To 127.0.0.1 it answers.
  c = st->open(SockType::Tcp);
  ASSERT_EQ(st->tcp_connect(c, SockAddr{kLo, 7001}, now), -kInProgress);
  EXPECT_EQ(c->tcb->state, TcpState::Established);
  Socket* s = st->tcp_accept(l);
  ASSERT_NE(s, nullptr);
  st->close(s, now);
  st->close(c, now);
  st->close(l, now);
  EXPECT_EQ(link.sent.size(), 1u) << "only the RST to the wire's SYN used the NIC";
}

TEST_F(NetLoopback, UdpTo127002ReachesTheSocketAndTheReplyComesBack) {
  Socket* srv = st->open(SockType::Udp);
  ASSERT_EQ(st->bind(srv, SockAddr{kLo2, 5000}), 0) << "any 127/8 address is ours";
  Socket* cli = st->open(SockType::Udp);
  SockAddr to{kLo2, 5000};
  const u8 hello[] = {'h', 'e', 'l', 'l', 'o'};
  ASSERT_EQ(st->send(cli, hello, sizeof hello, &to, now), 5);
  u8 buf[64];
  SockAddr from;
  usize full = 0;
  ASSERT_EQ(st->recv(srv, buf, sizeof buf, &from, false, &full), 5);
  EXPECT_EQ(std::vector<u8>(buf, buf + 5), std::vector<u8>(hello, hello + 5));
  EXPECT_EQ(from.addr, kLo) << "the source toward 127/8 is 127.0.0.1";
  EXPECT_EQ(from.port, cli->local.port);
  // The answer, from the socket bound to 127.0.0.2.
  ASSERT_EQ(st->send(srv, buf, 5, &from, now), 5);
  ASSERT_EQ(st->recv(cli, buf, sizeof buf, &from, false, &full), 5);
  EXPECT_EQ(from.addr, kLo2);
  EXPECT_EQ(from.port, 5000);
  // A connected socket takes the route's source as its local address (getsockname).
  Socket* con = st->open(SockType::Udp);
  ASSERT_EQ(st->connect(con, SockAddr{kLo2, 5000}), 0);
  EXPECT_EQ(con->local.addr, kLo);
  ASSERT_EQ(st->connect(con, SockAddr{0, 0}), 0);  // AF_UNSPEC
  EXPECT_EQ(con->local.addr, 0u) << "a disconnect forgets the chosen source";
  // Nobody on 127.0.0.3:5000: the datagram is counted and answered with port unreachable.
  Socket* raw = st->open(SockType::IcmpRaw);
  SockAddr none{ip4(127, 0, 0, 3), 5000};
  ASSERT_EQ(st->send(cli, hello, sizeof hello, &none, now), 5);
  EXPECT_EQ(drops(Drop::NoSocket), 1u);
  ASSERT_EQ(st->recv(raw, buf, sizeof buf, &from, false, &full), 20 + 8 + 20 + 8) << "IP, ICMP, the quoted IP and UDP headers";
  EXPECT_EQ(buf[20], kIcmpUnreachable);
  EXPECT_EQ(from.addr, ip4(127, 0, 0, 3)) << "the unreachable comes from the address that was tried";
  st->close(raw);
  st->close(con);
  st->close(cli);
  st->close(srv);
  EXPECT_TRUE(link.sent.empty());
  EXPECT_EQ(st->stats().lo_tx_packets, 4u);
}

TEST_F(NetLoopback, IcmpEchoTo127001IsAnswered) {
  Socket* ping = st->open(SockType::IcmpDgram);
  Socket* raw = st->open(SockType::IcmpRaw);
  auto req = icmp_echo(8, 0, 7, {1, 2, 3, 4});
  SockAddr to{kLo, 0};
  ASSERT_EQ(st->send(ping, req.data(), req.size(), &to, now), static_cast<i64>(req.size()));
  u8 buf[128];
  SockAddr from;
  usize full;
  ASSERT_EQ(st->recv(ping, buf, sizeof buf, &from, false, &full), static_cast<i64>(req.size()));
  EXPECT_EQ(buf[0], kIcmpEchoReply);
  EXPECT_EQ(load16(buf + 4), ping->local.port) << "the identifier the kernel set";
  EXPECT_EQ(load16(buf + 6), 7);
  EXPECT_EQ(std::vector<u8>(buf + 8, buf + 12), (std::vector<u8>{1, 2, 3, 4}));
  EXPECT_EQ(from.addr, kLo);
  // A raw socket (busybox ping's kind) sees the request and the reply, IP header first.
  ASSERT_EQ(st->recv(raw, buf, sizeof buf, &from, false, &full), 20 + static_cast<i64>(req.size()));
  EXPECT_EQ(buf[20], kIcmpEchoRequest);
  EXPECT_EQ(load32(buf + 12), kLo);
  EXPECT_EQ(load32(buf + 16), kLo);
  ASSERT_EQ(st->recv(raw, buf, sizeof buf, &from, false, &full), 20 + static_cast<i64>(req.size()));
  EXPECT_EQ(buf[20], kIcmpEchoReply);
  // Any 127/8 address answers, from itself.
  SockAddr other{ip4(127, 1, 2, 3), 0};
  ASSERT_EQ(st->send(ping, req.data(), req.size(), &other, now), static_cast<i64>(req.size()));
  ASSERT_GT(st->recv(ping, buf, sizeof buf, &from, false, &full), 0);
  EXPECT_EQ(from.addr, ip4(127, 1, 2, 3));
  EXPECT_EQ(st->stats().echo_requests_in, 2u);
  EXPECT_EQ(st->stats().echo_replies_in, 2u);
  EXPECT_TRUE(link.sent.empty());
  st->close(raw);
  st->close(ping);
}

TEST_F(NetLoopback, MartiansFromTheWireAreDroppedCountedAndUnanswered) {
  learn_peer();
  Socket* s = st->open(SockType::Udp);
  ASSERT_EQ(st->bind(s, SockAddr{0, 5000}), 0);
  Socket* l = st->open(SockType::Tcp);
  ASSERT_EQ(st->bind(l, SockAddr{0, 7002}), 0);
  ASSERT_EQ(st->tcp_listen(l, 4), 0);
  // A forged loopback source to our address, and a loopback destination, on our MAC.
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kLo, kOurIp, kProtoUdp, udp(kLo, kOurIp, 1, 5000, {1}))));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kLo, kProtoUdp, udp(kPeerIp, kLo, 1, 5000, {2}))));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kLo, kOurIp, kProtoIcmp, icmp_echo(8, 1, 1, {3}))));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kLo, kProtoTcp, tcp(kPeerIp, kLo, 40000, 7002, 1, 0, 0x02))));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kLo2, kLo, kProtoUdp, udp(kLo2, kLo, 1, 9, {4}))));
  // Our own address as the source: only lo carries that (an echo would answer ourselves).
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kOurIp, kOurIp, kProtoIcmp, icmp_echo(8, 1, 1, {5}))));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kOurIp, kOurIp, kProtoUdp, udp(kOurIp, kOurIp, 1, 5000, {6}))));
  EXPECT_EQ(drops(Drop::Martian), 7u);
  EXPECT_EQ(st->stats().dropped(), 7u);
  EXPECT_EQ(s->rx_datagrams, 0u) << "the UDP socket got a martian";
  EXPECT_EQ(l->tcb->queued, 0u) << "the listener took a SYN to 127.0.0.1 from the wire";
  EXPECT_TRUE(link.sent.empty()) << "a martian was answered";
  EXPECT_EQ(st->stats().ip_in, 0u);
  EXPECT_EQ(st->stats().lo_rx_packets, 0u);
  EXPECT_EQ(st->stats().echo_requests_in, 0u);
  st->close(l, now);
  st->close(s);
}

TEST_F(NetLoopback, LoopbackSourceTowardTheWireIsInvalid) {
  learn_peer();
  Socket* u = st->open(SockType::Udp);
  ASSERT_EQ(st->bind(u, SockAddr{kLo, 0}), 0);
  EXPECT_EQ(u->local.addr, kLo);
  SockAddr out{kPeerIp, 53};
  const u8 x = 1;
  EXPECT_EQ(st->send(u, &x, 1, &out, now), -err::kInval) << "Linux: EINVAL from the route";
  EXPECT_EQ(st->connect(u, out), -err::kInval);
  SockAddr self{kOurIp, 53};
  EXPECT_EQ(st->connect(u, self), 0) << "our own address is local: lo carries it";
  Socket* t = st->open(SockType::Tcp);
  ASSERT_EQ(st->bind(t, SockAddr{kLo, 0}), 0);
  EXPECT_EQ(st->tcp_connect(t, SockAddr{kPeerIp, 80}, now), -err::kInval);
  EXPECT_TRUE(link.sent.empty());
  st->close(t, now);
  st->close(u);
}

}  // namespace
