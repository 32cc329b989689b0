// The DHCP client (kernel/net/dhcp.h): the messages it sends, checked field by field by
// hand-written decoding here; a whole exchange against replies built independently of the
// client's own builder; retries, give-up and NAK; and hostile or foreign replies, which
// must change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "net/dhcp.h"
#include "net_frames.h"

namespace sis::net {
namespace {

using test::kOurMac;
using test::kPeerMac;
constexpr u64 kMs = 1'000'000;
constexpr u32 kXid = 0x5151abcd;
constexpr Ip4 kServer = ip4(10, 0, 2, 2), kOffered = ip4(10, 0, 2, 15);

u32 be32(const u8* p) { return u32(p[0]) << 24 | u32(p[1]) << 16 | u32(p[2]) << 8 | p[3]; }

// A server's BOOTREPLY, written byte by byte (not with dhcp_message).
std::vector<u8> reply(u8 type, u32 xid = kXid, const u8* chaddr = kOurMac, Ip4 yiaddr = kOffered,
                      std::vector<u8> extra = {}) {
  std::vector<u8> m(236, 0);
  m[0] = 2;
  m[1] = 1;
  m[2] = 6;
  for (int i = 0; i < 4; ++i) m[4 + i] = u8(xid >> (24 - 8 * i)), m[16 + i] = u8(yiaddr >> (24 - 8 * i));
  memcpy(m.data() + 28, chaddr, 6);
  std::vector<u8> opts = {99, 130, 83, 99, 53, 1, type, 54, 4, 10, 0, 2, 2, 1, 4, 255, 255, 255, 0,
                          3, 4, 10, 0, 2, 2, 6, 8, 10, 0, 2, 3, 8, 8, 8, 8, 51, 4, 0, 1, 0x51, 0x80};
  opts.insert(opts.end(), extra.begin(), extra.end());
  opts.push_back(255);
  m.insert(m.end(), opts.begin(), opts.end());
  return m;
}

std::vector<u8> frame_of(const std::vector<u8>& dhcp, u16 sport = 67, u16 dport = 68) {
  return test::eth(test::kBcast, kPeerMac, kEtherIpv4,
                   test::ipv4(kServer, 0xffffffffu, kProtoUdp, test::udp(kServer, 0xffffffffu, sport, dport, dhcp)));
}

// The options of a message we sent, as code -> value.
struct Sent {
  std::vector<u8> udp_payload;
  std::vector<std::pair<u8, std::vector<u8>>> options;
  const std::vector<u8>* find(u8 code) const {
    for (auto& [c, v] : options)
      if (c == code) return &v;
    return nullptr;
  }
};

Sent decode_sent(const u8* f, usize n) {
  Sent s;
  EXPECT_GE(n, 14u + 20 + 8 + 240);
  const u8 bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(memcmp(f, bcast, 6), 0) << "Ethernet broadcast";
  EXPECT_EQ(memcmp(f + 6, kOurMac, 6), 0);
  EXPECT_EQ(f[12] << 8 | f[13], 0x0800);
  const u8* ip = f + 14;
  EXPECT_EQ(ip[9], 17) << "UDP";
  EXPECT_EQ(be32(ip + 12), 0u) << "from 0.0.0.0";
  EXPECT_EQ(be32(ip + 16), 0xffffffffu) << "to 255.255.255.255";
  std::vector<u8> iph(ip, ip + 20);
  EXPECT_EQ(test::ref_checksum(iph, 0, 20), 0) << "IPv4 header checksum";
  const u8* udp = ip + 20;
  EXPECT_EQ(udp[0] << 8 | udp[1], 68);
  EXPECT_EQ(udp[2] << 8 | udp[3], 67);
  usize ulen = udp[4] << 8 | udp[5];
  EXPECT_EQ(ulen + 34, n);
  std::vector<u8> u(udp, udp + ulen);
  u32 pseudo = 0xffff + 0xffff + 17 + u32(ulen);
  EXPECT_EQ(test::ref_checksum(u, 0, ulen, pseudo), 0) << "UDP checksum";
  s.udp_payload.assign(udp + 8, udp + ulen);
  const u8* m = udp + 8;
  EXPECT_EQ(m[0], 1) << "BOOTREQUEST";
  EXPECT_EQ(be32(m + 4), kXid);
  EXPECT_EQ(m[10] & 0x80, 0x80) << "broadcast flag: we have no address for a unicast reply";
  EXPECT_EQ(memcmp(m + 28, kOurMac, 6), 0);
  EXPECT_EQ(be32(m + 236), 0x63825363u) << "magic cookie";
  for (usize i = 240; i < ulen - 8;) {
    if (m[i] == 0) {
      ++i;
      continue;
    }
    if (m[i] == 255) break;
    s.options.push_back({m[i], std::vector<u8>(m + i + 2, m + i + 2 + m[i + 1])});
    i += 2 + m[i + 1];
  }
  return s;
}

// A client that sent its DISCOVER, took the server's offer and sent its REQUEST (at 1 ms).
void requesting(DhcpClient* c) {
  c->start(kOurMac, kXid, 0);
  u8 f[kEthMaxFrame];
  c->poll(0, f);
  auto offer = frame_of(reply(2));
  c->receive(offer.data(), offer.size(), 1 * kMs);
  c->poll(1 * kMs, f);
}

TEST(NetDhcp, DiscoverIsABroadcastFromNoAddressAskingForTheOptionsWeUse) {
  DhcpClient c;
  c.start(kOurMac, kXid, 0);
  u8 f[kEthMaxFrame];
  usize n = c.poll(0, f);
  ASSERT_GT(n, 0u);
  Sent s = decode_sent(f, n);
  ASSERT_TRUE(s.find(53));
  EXPECT_EQ(s.find(53)->at(0), 1) << "DHCPDISCOVER";
  ASSERT_TRUE(s.find(55));
  for (u8 want : {1, 3, 6, 51, 54})
    EXPECT_NE(std::find(s.find(55)->begin(), s.find(55)->end(), want), s.find(55)->end()) << int(want);
  EXPECT_FALSE(s.find(50)) << "a DISCOVER requests no address";
  EXPECT_EQ(c.poll(1 * kMs, f), 0u) << "nothing more until the retry";
}

TEST(NetDhcp, OfferThenAckBindsWithTheServersAddressRouterDnsAndLease) {
  DhcpClient c;
  c.start(kOurMac, kXid, 0);
  u8 f[kEthMaxFrame];
  ASSERT_GT(c.poll(0, f), 0u);
  auto offer = frame_of(reply(2));
  c.receive(offer.data(), offer.size(), 3 * kMs);
  EXPECT_EQ(c.state(), DhcpClient::State::Requesting);
  usize n = c.poll(3 * kMs, f);
  ASSERT_GT(n, 0u) << "the REQUEST goes out at once";
  Sent s = decode_sent(f, n);
  EXPECT_EQ(s.find(53)->at(0), 3) << "DHCPREQUEST";
  ASSERT_TRUE(s.find(50));
  EXPECT_EQ(be32(s.find(50)->data()), kOffered) << "requested address = the offer";
  ASSERT_TRUE(s.find(54));
  EXPECT_EQ(be32(s.find(54)->data()), kServer) << "server identifier = the offering server";
  auto ack = frame_of(reply(5));
  c.receive(ack.data(), ack.size(), 5 * kMs);
  ASSERT_EQ(c.state(), DhcpClient::State::Bound);
  EXPECT_EQ(c.bound_after_ns(), 5 * kMs);
  const DhcpLease& l = c.lease();
  EXPECT_EQ(l.addr, kOffered);
  EXPECT_EQ(l.netmask, ip4(255, 255, 255, 0));
  EXPECT_EQ(l.gateway, kServer);
  EXPECT_EQ(l.dns, ip4(10, 0, 2, 3)) << "the first of the two DNS servers";
  EXPECT_EQ(l.lease_s, 86400u);
  EXPECT_EQ(l.server, kServer);
  Config cfg = dhcp_config(kOurMac, l);
  EXPECT_EQ(cfg.addr, kOffered);
  EXPECT_EQ(cfg.gateway, kServer);
  EXPECT_EQ(memcmp(cfg.mac, kOurMac, 6), 0);
  EXPECT_EQ(c.poll(10 * kMs, f), 0u) << "bound: nothing more to send";
}

TEST(NetDhcp, WithoutAnswersItRetriesWithBackoffAndGivesUpAfterTwoSeconds) {
  DhcpClient c;
  c.start(kOurMac, kXid, 0);
  u8 f[kEthMaxFrame];
  std::vector<u64> sent_at;
  for (u64 t = 0; t <= 3000 * kMs && !c.done(); t += 10 * kMs)
    if (c.poll(t, f)) sent_at.push_back(t / kMs);
  EXPECT_EQ(sent_at, (std::vector<u64>{0, 250, 750, 1750})) << "250 ms, doubled each time";
  ASSERT_EQ(c.state(), DhcpClient::State::Failed);
  EXPECT_STREQ(c.failure(), "no DHCP answer within 2 s");
  EXPECT_EQ(c.sent(), 4u);
}

TEST(NetDhcp, ANakAfterTheRequestFailsSoTheStaticFallbackIsUsed) {
  DhcpClient c;
  requesting(&c);
  auto nak = frame_of(reply(6));
  c.receive(nak.data(), nak.size(), 2 * kMs);
  EXPECT_EQ(c.state(), DhcpClient::State::Failed);
  EXPECT_NE(std::string(c.failure()).find("DHCPNAK"), std::string::npos);
}

TEST(NetDhcp, RepliesThatAreNotOursOrMalformedChangeNothing) {
  DhcpClient c;
  c.start(kOurMac, kXid, 0);
  u8 f[kEthMaxFrame];
  c.poll(0, f);
  const u8 other_mac[6] = {2, 0, 0, 0, 0, 9};
  std::vector<std::vector<u8>> bad = {
      frame_of(reply(2, kXid + 1)),                      // another transaction
      frame_of(reply(2, kXid, other_mac)),               // another client
      frame_of(reply(5)),                                // an ACK while selecting
      frame_of(reply(2), 67, 69),                        // not to the client port
      frame_of(reply(2), 53, 68),                        // not from the server port
      frame_of(reply(2, kXid, kOurMac, kOffered, {12, 200, 'x'})),  // an option past the end
  };
  auto no_type = reply(2);
  no_type[240 + 2] = 0;  // option 53's value: no message type
  bad.push_back(frame_of(no_type));
  auto request = reply(2);
  request[0] = 1;  // a BOOTREQUEST (another client's) is not a reply
  bad.push_back(frame_of(request));
  auto cookie = reply(2);
  cookie[236] = 98;
  bad.push_back(frame_of(cookie));
  auto cut = reply(2);
  cut.resize(239);
  bad.push_back(frame_of(cut));
  auto corrupt = frame_of(reply(2));
  corrupt.back() ^= 0x40;  // UDP checksum no longer matches
  bad.push_back(corrupt);
  for (auto& b : bad) c.receive(b.data(), b.size(), 1 * kMs);
  EXPECT_EQ(c.state(), DhcpClient::State::Selecting);
  EXPECT_EQ(c.ignored(DhcpIgnore::NotOurs) + c.ignored(DhcpIgnore::Malformed) + c.ignored(DhcpIgnore::NotUdp68),
            bad.size());
  EXPECT_EQ(c.ignored(DhcpIgnore::NotOurs), 4u);
  auto offer = frame_of(reply(2));
  c.receive(offer.data(), offer.size(), 2 * kMs);
  EXPECT_EQ(c.state(), DhcpClient::State::Requesting) << "and the real offer still works";
}

TEST(NetDhcp, MutatedRepliesNeverCrashAndBindOnlyToAWellFormedAck) {
  std::mt19937 rng(12345);
  auto ack_payload = reply(5);
  for (int round = 0; round < 20000; ++round) {
    DhcpClient c;
    requesting(&c);
    ASSERT_EQ(c.state(), DhcpClient::State::Requesting);
    std::vector<u8> m = ack_payload;
    int flips = 1 + int(rng() % 4);
    for (int k = 0; k < flips; ++k) m[rng() % m.size()] = u8(rng());
    if (rng() % 4 == 0) m.resize(rng() % m.size());
    auto fr = frame_of(m);
    c.receive(fr.data(), fr.size(), 2 * kMs);
    if (c.state() == DhcpClient::State::Bound) {
      EXPECT_EQ(c.lease().addr, kOffered) << "round " << round;
      EXPECT_EQ(m[0], 2);
    }
  }
}

}  // namespace
}  // namespace sis::net
