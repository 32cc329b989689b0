// Fuzz target: the network stack's receive path (kernel/net: Ethernet, ARP, IPv4, ICMP, UDP
// and socket delivery) on frames a hostile link could carry. Input: records of
// [op byte][2-byte length][length bytes]; op 0 delivers a frame (copied into an exactly
// sized heap block so ASan sees any overread), op 1 advances the clock and runs the timers,
// op 2 drains the sockets and accepts connections. A UDP socket on port 7, a raw ICMP
// socket, a ping socket, a TCP listener on port 80 and a TCP connection in SYN_SENT to
// 10.0.2.2:8080 (from port 49152) are open throughout, and the peer's MAC is learned first,
// so replies are sent too. Every frame also goes to a DHCP client (kernel/net/dhcp.h) waiting
// for an offer or an ack for transaction kFuzzXid, and the clock's ticks let it send and retry
// (restarted whenever it is bound or gives up).
//
// Invariants: no crash or out-of-bounds access; every frame the stack or the DHCP client sends is a whole
// Ethernet frame of at most 1514 bytes whose IPv4 header (if any) parses with a valid
// checksum; a datagram received is never longer than the frame that carried it; the number
// of frames sent stays bounded by what came in, the timer runs and the open connections.
#include <cstring>
#include <memory>
#include <vector>

#include "fuzz_check.h"
#include "net/dhcp.h"
#include "net/stack.h"
#include "net_frames.h"

using namespace sis;
using namespace sis::net;

namespace {

struct Counter {
  usize frames = 0;
};
constexpr u32 kFuzzXid = 0x5151abcd;  // the seeds' replies carry it

bool tx(void* ctx, const u8* f, usize n) {
  FUZZ_CHECK(n >= kEthHeader && n <= kEthMaxFrame);
  if (load16(f + 12) == kEtherIpv4) {
    Ipv4Packet ip;
    FUZZ_CHECK(parse_ipv4(f + kEthHeader, n - kEthHeader, &ip) == Drop::None);
  }
  ++static_cast<Counter*>(ctx)->frames;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto st = std::make_unique<Stack>();
  Counter sent;
  st->configure(slirp_config(test::kOurMac), tx, &sent);
  auto learn = test::eth(test::kBcast, test::kPeerMac, kEtherArp,
                         test::arp(1, test::kPeerMac, test::kPeerIp, test::kBcast, test::kOurIp));
  st->receive(learn.data(), learn.size(), 0);
  Socket* udp = st->open(SockType::Udp);
  Socket* raw = st->open(SockType::IcmpRaw);
  Socket* ping = st->open(SockType::IcmpDgram);
  FUZZ_CHECK(udp && raw && ping);
  FUZZ_CHECK(st->bind(udp, SockAddr{0, 7}) == 0);
  FUZZ_CHECK(st->bind(ping, SockAddr{0, 0x1234}) == 0);
  Socket* listener = st->open(SockType::Tcp);
  Socket* client = st->open(SockType::Tcp);
  FUZZ_CHECK(listener && client);
  FUZZ_CHECK(st->bind(listener, SockAddr{0, 80}) == 0 && st->tcp_listen(listener, 4) == 0);
  FUZZ_CHECK(st->tcp_connect(client, SockAddr{test::kPeerIp, 8080}, 0) == -115);
  DhcpClient dhcp;
  dhcp.start(test::kOurMac, kFuzzXid, 0);
  u8 dhcp_out[kEthMaxFrame];
  std::vector<Socket*> accepted;
  usize received = 1, ticks = 0;
  u64 now = 1;
  size_t at = 0;
  while (at + 3 <= size) {
    u8 op = data[at];
    usize len = static_cast<usize>(data[at + 1] << 8 | data[at + 2]);
    at += 3;
    if (len > size - at) len = size - at;
    switch (op % 3) {
      case 0: {
        std::unique_ptr<u8[]> f(new u8[len ? len : 1]);
        memcpy(f.get(), data + at, len);
        st->receive(f.get(), len, now);
        dhcp.receive(f.get(), len, now);
        if (dhcp.state() == DhcpClient::State::Bound) FUZZ_CHECK(dhcp_config(test::kOurMac, dhcp.lease()).netmask != 0);
        ++received;
        break;
      }
      case 1:
        now += static_cast<u64>(len) * 10'000'000;
        st->tick(now);
        if (usize n = dhcp.poll(now, dhcp_out)) tx(&sent, dhcp_out, n);
        if (dhcp.done()) dhcp.start(test::kOurMac, kFuzzXid, now);
        ++ticks;
        break;
      case 2:
        for (Socket* s : {udp, raw, ping}) {
          u8 buf[2048];
          SockAddr from;
          usize full;
          while (st->recv(s, buf, sizeof buf, &from, false, &full) >= 0) FUZZ_CHECK(full <= kEthMaxFrame);
        }
        while (Socket* a = st->tcp_accept(listener)) accepted.push_back(a);
        for (Socket* s : accepted) {
          u8 buf[4096];
          while (st->tcp_recv(s, buf, sizeof buf, false, now) > 0) {
          }
          (void)st->tcp_send(s, reinterpret_cast<const u8*>("reply"), 5, now);
        }
        {
          u8 buf[4096];
          (void)st->tcp_recv(client, buf, sizeof buf, false, now);
          (void)st->tcp_send(client, reinterpret_cast<const u8*>("GET /"), 5, now);
        }
        break;
    }
    at += len;
  }
  (void)st->take_changed();
  usize conns = accepted.size() + 2;
  FUZZ_CHECK(sent.frames <= 3 * received + ticks * (Stack::kArpEntries + Stack::kMaxSockets) + 8 * conns * (ticks + received + 1));
  for (Socket* s : accepted) st->close(s, now);
  st->close(client, now);
  st->close(listener, now);
  st->close(udp);
  st->close(raw);
  st->close(ping);
  return 0;
}
