// The IPv4 stack (kernel/net) against frames a peer would send: ARP, ICMP echo, UDP
// sockets, ping and raw ICMP sockets, and hostile frames dropped by reason.
#include <gtest/gtest.h>

#include <memory>

#include "net/net_errno.h"
#include "net/stack.h"
#include "net_frames.h"

using namespace sis;
using namespace sis::net;
using namespace sis::net::test;

namespace {

class NetStack : public ::testing::Test {
 protected:
  void SetUp() override {
    st = std::make_unique<Stack>();
    st->configure(slirp_config(kOurMac), Link::tx, &link);
  }
  void rx(const std::vector<u8>& f, u64 now = 1000) { st->receive(f.data(), f.size(), now); }
  // The peer (10.0.2.2) is known, so sends go out without ARP.
  void learn_peer() {
    rx(eth(kBcast, kPeerMac, kEtherArp, arp(1, kPeerMac, kPeerIp, kBcast, kOurIp)));
    link.sent.clear();
  }
  u64 drops(Drop d) const { return st->stats().drops[static_cast<usize>(d)]; }

  std::unique_ptr<Stack> st;
  Link link;
};

TEST(NetWire, ChecksumOfRfc1071Example) {
  const u8 b[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  EXPECT_EQ(checksum_fold(checksum_add(0, b, sizeof b)), static_cast<u16>(~0xddf2));
  std::vector<u8> odd = {1, 2, 3};
  EXPECT_EQ(checksum_fold(checksum_add(0, odd.data(), 3)), ref_checksum(odd, 0, 3));
}

TEST(NetWire, Ip4TextRoundTripsAndRejectsJunk) {
  Ip4 a;
  ASSERT_TRUE(parse_ip4("10.0.2.15", 9, &a));
  EXPECT_EQ(a, ip4(10, 0, 2, 15));
  char buf[16];
  format_ip4(ip4(255, 0, 10, 1), buf, sizeof buf);
  EXPECT_STREQ(buf, "255.0.10.1");
  for (const char* bad : {"", "1.2.3", "1.2.3.4.", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4 ", "1234.1.1.1"})
    EXPECT_FALSE(parse_ip4(bad, strlen(bad), &a)) << bad;
}

TEST(NetWire, Ipv4ParserChecksEveryLength) {
  auto good = ipv4(kPeerIp, kOurIp, kProtoUdp, std::vector<u8>(10, 7));
  Ipv4Packet p;
  ASSERT_EQ(parse_ipv4(good.data(), good.size(), &p), Drop::None);
  EXPECT_EQ(p.len, 10u);
  auto padded = good;
  padded.resize(good.size() + 16);  // Ethernet minimum-size padding is cut off
  ASSERT_EQ(parse_ipv4(padded.data(), padded.size(), &p), Drop::None);
  EXPECT_EQ(p.len, 10u);
  EXPECT_EQ(parse_ipv4(good.data(), 19, &p), Drop::Short);
  EXPECT_EQ(parse_ipv4(good.data(), good.size() - 1, &p), Drop::BadLength);  // total_len beyond the bytes
  auto v6 = good;
  v6[0] = 0x65;
  EXPECT_EQ(parse_ipv4(v6.data(), v6.size(), &p), Drop::BadVersion);
  auto ihl = good;
  ihl[0] = 0x44;
  EXPECT_EQ(parse_ipv4(ihl.data(), ihl.size(), &p), Drop::BadLength);
  auto bigihl = good;
  bigihl[0] = 0x4f;  // 60-byte header in a 30-byte packet
  EXPECT_EQ(parse_ipv4(bigihl.data(), bigihl.size(), &p), Drop::Short);
  auto sum = good;
  sum[8] ^= 1;
  EXPECT_EQ(parse_ipv4(sum.data(), sum.size(), &p), Drop::BadChecksum);
  auto frag = ipv4(kPeerIp, kOurIp, kProtoUdp, std::vector<u8>(10, 7), 0x2000);
  EXPECT_EQ(parse_ipv4(frag.data(), frag.size(), &p), Drop::Fragment);
}

TEST_F(NetStack, AnswersArpForItsAddressOnly) {
  rx(eth(kBcast, kPeerMac, kEtherArp, arp(1, kPeerMac, kPeerIp, kBcast, kOurIp)));
  ASSERT_EQ(link.sent.size(), 1u);
  const auto& r = link.sent[0];
  ASSERT_EQ(r.size(), 42u);
  EXPECT_EQ(memcmp(r.data(), kPeerMac, 6), 0);
  EXPECT_EQ(load16(r.data() + 12), kEtherArp);
  ArpPacket a;
  ASSERT_EQ(parse_arp(r.data() + 14, 28, &a), Drop::None);
  EXPECT_EQ(a.op, 2);
  EXPECT_EQ(a.spa, kOurIp);
  EXPECT_EQ(memcmp(a.sha, kOurMac, 6), 0);
  EXPECT_EQ(a.tpa, kPeerIp);
  rx(eth(kBcast, kPeerMac, kEtherArp, arp(1, kPeerMac, kPeerIp, kBcast, ip4(10, 0, 2, 99))));
  EXPECT_EQ(link.sent.size(), 1u);
  EXPECT_EQ(drops(Drop::NotForUs), 1u);
}

TEST_F(NetStack, AnswersEchoRequestsWithTheSamePayload) {
  learn_peer();
  std::vector<u8> data(100);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<u8>(i * 7);
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoIcmp, icmp_echo(8, 0x77, 3, data))));
  ASSERT_EQ(link.sent.size(), 1u);
  const auto& r = link.sent[0];
  EXPECT_EQ(memcmp(r.data(), kPeerMac, 6), 0);
  Ipv4Packet ip;
  ASSERT_EQ(parse_ipv4(r.data() + 14, r.size() - 14, &ip), Drop::None);
  EXPECT_EQ(ip.src, kOurIp);
  EXPECT_EQ(ip.dst, kPeerIp);
  EXPECT_EQ(ref_checksum(std::vector<u8>(r.begin() + 14, r.end()), 0, 20), 0);
  IcmpMessage m;
  ASSERT_EQ(parse_icmp(ip.payload, ip.len, &m), Drop::None);
  EXPECT_EQ(m.type, kIcmpEchoReply);
  EXPECT_EQ(m.id, 0x77);
  EXPECT_EQ(m.seq, 3);
  ASSERT_EQ(m.len, data.size());
  EXPECT_EQ(memcmp(m.data, data.data(), data.size()), 0);
  EXPECT_EQ(st->stats().echo_requests_in, 1u);
}

TEST_F(NetStack, UnresolvedNextHopQueuesThePacketBehindArpAndRetries) {
  Socket* s = st->open(SockType::Udp);
  ASSERT_NE(s, nullptr);
  SockAddr to{ip4(8, 8, 8, 8), 53};  // off-link: through the gateway 10.0.2.2
  const u8 msg[] = "hello";
  ASSERT_EQ(st->send(s, msg, 5, &to, 0), 5);
  ASSERT_EQ(link.sent.size(), 1u);  // the ARP request, not the datagram
  EXPECT_EQ(load16(link.sent[0].data() + 12), kEtherArp);
  ArpPacket q;
  ASSERT_EQ(parse_arp(link.sent[0].data() + 14, 28, &q), Drop::None);
  EXPECT_EQ(q.tpa, kPeerIp);
  st->tick(Stack::kArpRetryNs + 1);  // no answer: asked again
  ASSERT_EQ(link.sent.size(), 2u);
  rx(eth(kOurMac, kPeerMac, kEtherArp, arp(2, kPeerMac, kPeerIp, kOurMac, kOurIp)), Stack::kArpRetryNs + 2);
  ASSERT_EQ(link.sent.size(), 3u);  // the queued datagram, now addressed to the gateway's MAC
  const auto& f = link.sent[2];
  EXPECT_EQ(memcmp(f.data(), kPeerMac, 6), 0);
  Ipv4Packet ip;
  ASSERT_EQ(parse_ipv4(f.data() + 14, f.size() - 14, &ip), Drop::None);
  EXPECT_EQ(ip.dst, ip4(8, 8, 8, 8));
  UdpDatagram u;
  ASSERT_EQ(parse_udp(ip.payload, ip.len, ip.src, ip.dst, &u), Drop::None);
  EXPECT_EQ(u.dst_port, 53);
  EXPECT_GE(u.src_port, Stack::kEphemeralFirst);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(u.data), u.len), "hello");
  st->close(s);
}

TEST_F(NetStack, ArpGivesUpAfterItsTries) {
  Socket* s = st->open(SockType::Udp);
  SockAddr to{ip4(10, 0, 2, 77), 9};
  ASSERT_EQ(st->send(s, reinterpret_cast<const u8*>("x"), 1, &to, 0), 1);
  for (u64 t = 1; t <= Stack::kArpTries + 1; ++t) st->tick(t * Stack::kArpRetryNs + 1);
  EXPECT_EQ(st->stats().arp_unresolved, 1u);
  Stack::ArpView v[Stack::kArpEntries];
  EXPECT_EQ(st->arp_snapshot(v, Stack::kArpEntries), 0u);
  st->close(s);
}

TEST_F(NetStack, UdpDatagramsReachTheBoundSocketInOrder) {
  learn_peer();
  Socket* s = st->open(SockType::Udp);
  ASSERT_EQ(st->bind(s, SockAddr{0, 5000}), 0);
  Socket* other = st->open(SockType::Udp);
  EXPECT_EQ(st->bind(other, SockAddr{0, 5000}), -err::kAddrInUse);
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, udp(kPeerIp, kOurIp, 40000, 5000, {'a', 'b'}))));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, udp(kPeerIp, kOurIp, 40000, 5000, {'c'}))));
  EXPECT_TRUE(st->take_changed());
  u8 buf[16];
  SockAddr from;
  usize full;
  ASSERT_EQ(st->recv(s, buf, 1, &from, true, &full), 1);  // peek, truncated
  EXPECT_EQ(full, 2u);
  ASSERT_EQ(st->recv(s, buf, sizeof buf, &from, false, &full), 2);
  EXPECT_EQ(buf[0], 'a');
  EXPECT_EQ(from.addr, kPeerIp);
  EXPECT_EQ(from.port, 40000);
  ASSERT_EQ(st->recv(s, buf, sizeof buf, &from, false, &full), 1);
  EXPECT_EQ(buf[0], 'c');
  EXPECT_EQ(st->recv(s, buf, sizeof buf, &from, false, &full), -err::kAgain);
  st->close(s);
  st->close(other);
}

TEST_F(NetStack, ClosedUdpPortAnswersPortUnreachable) {
  learn_peer();
  auto d = ipv4(kPeerIp, kOurIp, kProtoUdp, udp(kPeerIp, kOurIp, 40000, 6000, {'x'}));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, d));
  EXPECT_EQ(drops(Drop::NoSocket), 1u);
  ASSERT_EQ(link.sent.size(), 1u);
  Ipv4Packet ip;
  ASSERT_EQ(parse_ipv4(link.sent[0].data() + 14, link.sent[0].size() - 14, &ip), Drop::None);
  IcmpMessage m;
  ASSERT_EQ(parse_icmp(ip.payload, ip.len, &m), Drop::None);
  EXPECT_EQ(m.type, kIcmpUnreachable);
  EXPECT_EQ(m.code, 3);
  ASSERT_EQ(m.len, 28u);  // the offending IP header and 8 bytes of it
  EXPECT_EQ(memcmp(m.data, d.data(), 28), 0);
}

TEST_F(NetStack, ConnectedUdpSocketFiltersOtherPeers) {
  learn_peer();
  Socket* s = st->open(SockType::Udp);
  ASSERT_EQ(st->connect(s, SockAddr{kPeerIp, 7}), 0);
  u16 port = s->local.port;
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(ip4(10, 0, 2, 3), kOurIp, kProtoUdp, udp(ip4(10, 0, 2, 3), kOurIp, 7, port, {'n'}))));
  EXPECT_FALSE(st->readable(s));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, udp(kPeerIp, kOurIp, 7, port, {'y'}))));
  EXPECT_TRUE(st->readable(s));
  st->close(s);
}

TEST_F(NetStack, BadUdpChecksumIsDroppedAndCounted) {
  Socket* s = st->open(SockType::Udp);
  ASSERT_EQ(st->bind(s, SockAddr{0, 5000}), 0);
  auto u = udp(kPeerIp, kOurIp, 1, 5000, {'a', 'b', 'c'});
  u[9] ^= 0x20;
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, u)));
  EXPECT_FALSE(st->readable(s));
  EXPECT_EQ(drops(Drop::BadChecksum), 1u);
  st->close(s);
}

TEST_F(NetStack, PingSocketSetsItsIdentifierAndGetsOnlyItsReplies) {
  learn_peer();
  Socket* s = st->open(SockType::IcmpDgram);
  auto req = icmp_echo(8, 0xdead, 1, {1, 2, 3, 4});
  SockAddr to{kPeerIp, 0};
  ASSERT_EQ(st->send(s, req.data(), req.size(), &to, 0), static_cast<i64>(req.size()));
  ASSERT_EQ(link.sent.size(), 1u);
  Ipv4Packet ip;
  ASSERT_EQ(parse_ipv4(link.sent[0].data() + 14, link.sent[0].size() - 14, &ip), Drop::None);
  IcmpMessage m;
  ASSERT_EQ(parse_icmp(ip.payload, ip.len, &m), Drop::None);  // checksum redone for the new id
  u16 id = s->local.port;
  EXPECT_EQ(m.id, id);
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoIcmp, icmp_echo(0, static_cast<u16>(id + 1), 1, {}))));
  EXPECT_FALSE(st->readable(s));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoIcmp, icmp_echo(0, id, 1, {1, 2, 3, 4}))));
  u8 buf[64];
  SockAddr from;
  usize full;
  ASSERT_EQ(st->recv(s, buf, sizeof buf, &from, false, &full), 12);  // ICMP header + data, no IP header
  EXPECT_EQ(buf[0], 0);
  EXPECT_EQ(from.addr, kPeerIp);
  auto notecho = icmp_echo(13, 0, 0, {});
  EXPECT_EQ(st->send(s, notecho.data(), notecho.size(), &to, 0), -err::kInval);
  st->close(s);
}

TEST_F(NetStack, RawIcmpSocketSeesIpHeaderAndEveryMessage) {
  learn_peer();
  Socket* s = st->open(SockType::IcmpRaw);
  auto reply = ipv4(kPeerIp, kOurIp, kProtoIcmp, icmp_echo(0, 42, 9, {5, 6}));
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, reply));
  u8 buf[128];
  SockAddr from;
  usize full;
  ASSERT_EQ(st->recv(s, buf, sizeof buf, &from, false, &full), static_cast<i64>(reply.size()));
  EXPECT_EQ(memcmp(buf, reply.data(), reply.size()), 0);
  // A program's own message goes out as given (busybox ping computes its checksum).
  auto req = icmp_echo(8, 42, 10, {7});
  SockAddr to{kPeerIp, 0};
  ASSERT_EQ(st->send(s, req.data(), req.size(), &to, 0), static_cast<i64>(req.size()));
  Ipv4Packet ip;
  ASSERT_EQ(parse_ipv4(link.sent.back().data() + 14, link.sent.back().size() - 14, &ip), Drop::None);
  EXPECT_EQ(std::vector<u8>(ip.payload, ip.payload + ip.len), req);
  st->close(s);
}

TEST_F(NetStack, PingToOwnAddressLoopsBack) {
  Socket* s = st->open(SockType::IcmpDgram);
  auto req = icmp_echo(8, 0, 1, {9});
  SockAddr to{kOurIp, 0};
  ASSERT_EQ(st->send(s, req.data(), req.size(), &to, 0), static_cast<i64>(req.size()));
  EXPECT_TRUE(st->readable(s));
  EXPECT_TRUE(link.sent.empty());
  st->close(s);
}

TEST_F(NetStack, FullSocketQueueDropsAndCounts) {
  learn_peer();
  Socket* s = st->open(SockType::Udp);
  ASSERT_EQ(st->bind(s, SockAddr{0, 5000}), 0);
  s->rcvbuf = 2500;
  for (int i = 0; i < 3; ++i)
    rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, udp(kPeerIp, kOurIp, 1, 5000, std::vector<u8>(1000, 1)))));
  EXPECT_EQ(s->rx_datagrams, 2u);
  EXPECT_EQ(s->rx_overflows, 1u);
  EXPECT_EQ(st->stats().socket_overflows, 1u);
  st->close(s);
}

TEST_F(NetStack, HostileFramesAreDroppedByReason) {
  rx({1, 2, 3});
  EXPECT_EQ(drops(Drop::Short), 1u);
  auto other = eth(kPeerMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, {}));
  rx(other);
  EXPECT_EQ(drops(Drop::NotForUs), 1u);
  rx(eth(kOurMac, kPeerMac, 0x86dd, std::vector<u8>(40)));  // IPv6
  EXPECT_EQ(drops(Drop::Unsupported), 1u);
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoIcmp, {8, 0})));  // ICMP too short
  EXPECT_EQ(drops(Drop::Short), 2u);
  auto shortudp = udp(kPeerIp, kOurIp, 1, 2, {1, 2, 3});
  shortudp[5] = 200;  // claims more than it has
  rx(eth(kOurMac, kPeerMac, kEtherIpv4, ipv4(kPeerIp, kOurIp, kProtoUdp, shortudp)));
  EXPECT_EQ(drops(Drop::BadLength), 1u);
  EXPECT_TRUE(link.sent.empty());
  EXPECT_EQ(st->stats().dropped(), 5u);
}

}  // namespace
