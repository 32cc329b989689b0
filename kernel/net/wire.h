// Wire formats of the protocols the stack speaks (Ethernet II, ARP for IPv4 over Ethernet,
// IPv4, ICMP, UDP): bounds-checked parsers that take a byte span and either describe it or
// say why it is dropped, and the builders the sending side uses. Portable: host-tested and
// fuzzed (tests/fuzz/fuzz_net_rx.cpp). Everything multi-byte on the wire is big-endian;
// structures here hold host-order values.
#pragma once
#include "lib/types.h"

namespace sis::net {

using Ip4 = u32;  // host byte order: 10.0.2.15 is 0x0a00020f

inline u16 load16(const u8* p) { return static_cast<u16>(p[0] << 8 | p[1]); }
inline u32 load32(const u8* p) {
  return static_cast<u32>(p[0]) << 24 | static_cast<u32>(p[1]) << 16 | static_cast<u32>(p[2]) << 8 | p[3];
}
inline void store16(u8* p, u16 v) {
  p[0] = static_cast<u8>(v >> 8);
  p[1] = static_cast<u8>(v);
}
inline void store32(u8* p, u32 v) {
  p[0] = static_cast<u8>(v >> 24);
  p[1] = static_cast<u8>(v >> 16);
  p[2] = static_cast<u8>(v >> 8);
  p[3] = static_cast<u8>(v);
}
constexpr Ip4 ip4(u8 a, u8 b, u8 c, u8 d) {
  return static_cast<u32>(a) << 24 | static_cast<u32>(b) << 16 | static_cast<u32>(c) << 8 | d;
}
// 127.0.0.0/8 is the host itself (RFC 1122 3.2.1.3): never on a wire.
constexpr Ip4 kLoopbackAddr = ip4(127, 0, 0, 1), kLoopbackMask = ip4(255, 0, 0, 0);
constexpr bool is_loopback(Ip4 a) { return (a >> 24) == 127; }

// RFC 1071 ones' complement sum: add spans (any lengths; an odd span is padded with a zero
// byte, so only the last span may be odd), then fold and invert.
u32 checksum_add(u32 sum, const u8* p, usize n);
u16 checksum_fold(u32 sum);  // the value to put in the header (0 when the sum is valid)
// The TCP/UDP pseudo-header's contribution.
u32 pseudo_header_sum(Ip4 src, Ip4 dst, u8 proto, usize length);

constexpr usize kEthHeader = 14, kEthMtu = 1500, kEthMaxFrame = kEthHeader + kEthMtu;
constexpr u16 kEtherIpv4 = 0x0800, kEtherArp = 0x0806;
constexpr u8 kProtoIcmp = 1, kProtoTcp = 6, kProtoUdp = 17;
constexpr usize kIpHeader = 20, kUdpHeader = 8, kIcmpHeader = 8, kArpPacket = 28;

// Why a frame was dropped (counted per reason by the stack).
enum class Drop : u8 {
  None,
  Short,          // shorter than the header it claims to hold
  BadLength,      // a length field disagrees with the bytes present
  BadChecksum,
  BadVersion,     // not IPv4 / not Ethernet+IPv4 ARP
  Fragment,       // IPv4 fragments are not reassembled
  NotForUs,       // another host's unicast
  Unsupported,    // an EtherType or protocol the stack does not speak
  NoSocket,       // UDP to a closed port
  Martian,        // from the wire with a 127/8 source or destination (RFC 1122 3.2.1.3), or our own source
  kCount,
};
const char* drop_name(Drop d);

struct EthFrame {
  u8 dst[6], src[6];
  u16 type;
  const u8* payload;
  usize len;
};
Drop parse_eth(const u8* p, usize n, EthFrame* out);

struct ArpPacket {
  u16 op;  // 1 request, 2 reply
  u8 sha[6], tha[6];
  Ip4 spa, tpa;
};
Drop parse_arp(const u8* p, usize n, ArpPacket* out);

struct Ipv4Packet {
  u8 ihl_bytes, tos, ttl, proto;
  u16 total_len, id;
  Ip4 src, dst;
  const u8* header;   // the whole header (raw sockets deliver it)
  const u8* payload;  // exactly total_len - ihl_bytes bytes (Ethernet padding cut off)
  usize len;
};
Drop parse_ipv4(const u8* p, usize n, Ipv4Packet* out);

struct IcmpMessage {
  u8 type, code;
  u16 id, seq;  // meaningful for echo request (8) and reply (0)
  const u8* data;  // after the 8-byte header
  usize len;
};
constexpr u8 kIcmpEchoReply = 0, kIcmpUnreachable = 3, kIcmpEchoRequest = 8;
Drop parse_icmp(const u8* p, usize n, IcmpMessage* out);

struct UdpDatagram {
  u16 src_port, dst_port;
  const u8* data;
  usize len;
};
// The pseudo-header needs the addresses: a zero checksum means "not computed" (RFC 768).
Drop parse_udp(const u8* p, usize n, Ip4 src, Ip4 dst, UdpDatagram* out);

// Builders: write a header at p (room is the caller's business: the sizes above).
void build_eth(u8* p, const u8 dst[6], const u8 src[6], u16 type);
void build_ipv4(u8* p, Ip4 src, Ip4 dst, u8 proto, u16 id, u8 ttl, usize payload_len);
void build_arp(u8* p, u16 op, const u8 sha[6], Ip4 spa, const u8 tha[6], Ip4 tpa);

// "10.0.2.15" -> Ip4; false on anything else (no shorthand forms, no leading '+').
bool parse_ip4(const char* s, usize n, Ip4* out);
// Writes dotted-quad text (at most 15 characters + NUL into buf, cap >= 16).
void format_ip4(Ip4 a, char* buf, usize cap);

}  // namespace sis::net
