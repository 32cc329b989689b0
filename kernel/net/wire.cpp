#include "net/wire.h"

#include "lib/string.h"

namespace sis::net {

u32 checksum_add(u32 sum, const u8* p, usize n) {
  usize i = 0;
  for (; i + 1 < n; i += 2) sum += static_cast<u32>(p[i] << 8 | p[i + 1]);
  if (i < n) sum += static_cast<u32>(p[i] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);  // keep it from overflowing
  return sum;
}

u16 checksum_fold(u32 sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<u16>(~sum);
}

u32 pseudo_header_sum(Ip4 src, Ip4 dst, u8 proto, usize length) {
  u32 s = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + proto + static_cast<u32>(length);
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return s;
}

const char* drop_name(Drop d) {
  switch (d) {
    case Drop::None: return "none";
    case Drop::Short: return "short";
    case Drop::BadLength: return "bad_length";
    case Drop::BadChecksum: return "bad_checksum";
    case Drop::BadVersion: return "bad_version";
    case Drop::Fragment: return "fragment";
    case Drop::NotForUs: return "not_for_us";
    case Drop::Unsupported: return "unsupported";
    case Drop::NoSocket: return "no_socket";
    case Drop::Martian: return "martian";
    case Drop::kCount: break;
  }
  return "?";
}

Drop parse_eth(const u8* p, usize n, EthFrame* out) {
  if (n < kEthHeader) return Drop::Short;
  memcpy(out->dst, p, 6);
  memcpy(out->src, p + 6, 6);
  out->type = load16(p + 12);
  if (out->type == 0x8100) return Drop::Unsupported;  // VLAN tags: not on slirp's link
  out->payload = p + kEthHeader;
  out->len = n - kEthHeader;
  return Drop::None;
}

Drop parse_arp(const u8* p, usize n, ArpPacket* out) {
  if (n < kArpPacket) return Drop::Short;
  // htype Ethernet (1), ptype IPv4, hlen 6, plen 4: anything else is another kind of ARP.
  if (load16(p) != 1 || load16(p + 2) != kEtherIpv4 || p[4] != 6 || p[5] != 4) return Drop::BadVersion;
  out->op = load16(p + 6);
  memcpy(out->sha, p + 8, 6);
  out->spa = load32(p + 14);
  memcpy(out->tha, p + 18, 6);
  out->tpa = load32(p + 24);
  if (out->op != 1 && out->op != 2) return Drop::Unsupported;
  return Drop::None;
}

Drop parse_ipv4(const u8* p, usize n, Ipv4Packet* out) {
  if (n < kIpHeader) return Drop::Short;
  if (p[0] >> 4 != 4) return Drop::BadVersion;
  usize ihl = static_cast<usize>(p[0] & 0xf) * 4;
  if (ihl < kIpHeader) return Drop::BadLength;
  if (ihl > n) return Drop::Short;
  u16 total = load16(p + 2);
  if (total < ihl || total > n) return Drop::BadLength;  // n may be longer: Ethernet padding
  if (checksum_fold(checksum_add(0, p, ihl)) != 0) return Drop::BadChecksum;
  u16 frag = load16(p + 6);
  if (frag & 0x3fff) return Drop::Fragment;  // MF set or a non-zero offset
  out->ihl_bytes = static_cast<u8>(ihl);
  out->tos = p[1];
  out->total_len = total;
  out->id = load16(p + 4);
  out->ttl = p[8];
  out->proto = p[9];
  out->src = load32(p + 12);
  out->dst = load32(p + 16);
  out->header = p;
  out->payload = p + ihl;
  out->len = total - ihl;
  return Drop::None;
}

Drop parse_icmp(const u8* p, usize n, IcmpMessage* out) {
  if (n < kIcmpHeader) return Drop::Short;
  if (checksum_fold(checksum_add(0, p, n)) != 0) return Drop::BadChecksum;
  out->type = p[0];
  out->code = p[1];
  out->id = load16(p + 4);
  out->seq = load16(p + 6);
  out->data = p + kIcmpHeader;
  out->len = n - kIcmpHeader;
  return Drop::None;
}

Drop parse_udp(const u8* p, usize n, Ip4 src, Ip4 dst, UdpDatagram* out) {
  if (n < kUdpHeader) return Drop::Short;
  u16 len = load16(p + 4);
  if (len < kUdpHeader || len > n) return Drop::BadLength;
  if (load16(p + 6) != 0) {
    u32 s = checksum_add(pseudo_header_sum(src, dst, kProtoUdp, len), p, len);
    if (checksum_fold(s) != 0) return Drop::BadChecksum;
  }
  out->src_port = load16(p);
  out->dst_port = load16(p + 2);
  out->data = p + kUdpHeader;
  out->len = len - kUdpHeader;
  return Drop::None;
}

void build_eth(u8* p, const u8 dst[6], const u8 src[6], u16 type) {
  memcpy(p, dst, 6);
  memcpy(p + 6, src, 6);
  store16(p + 12, type);
}

void build_ipv4(u8* p, Ip4 src, Ip4 dst, u8 proto, u16 id, u8 ttl, usize payload_len) {
  p[0] = 0x45;
  p[1] = 0;
  store16(p + 2, static_cast<u16>(kIpHeader + payload_len));
  store16(p + 4, id);
  store16(p + 6, 0x4000);  // DF: the stack never fragments
  p[8] = ttl;
  p[9] = proto;
  store16(p + 10, 0);
  store32(p + 12, src);
  store32(p + 16, dst);
  store16(p + 10, checksum_fold(checksum_add(0, p, kIpHeader)));
}

void build_arp(u8* p, u16 op, const u8 sha[6], Ip4 spa, const u8 tha[6], Ip4 tpa) {
  store16(p, 1);
  store16(p + 2, kEtherIpv4);
  p[4] = 6;
  p[5] = 4;
  store16(p + 6, op);
  memcpy(p + 8, sha, 6);
  store32(p + 14, spa);
  memcpy(p + 18, tha, 6);
  store32(p + 24, tpa);
}

bool parse_ip4(const char* s, usize n, Ip4* out) {
  u32 v = 0;
  usize i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part) {
      if (i >= n || s[i] != '.') return false;
      ++i;
    }
    usize start = i;
    u32 x = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 3) x = x * 10 + static_cast<u32>(s[i++] - '0');
    if (i == start || x > 255) return false;
    v = v << 8 | x;
  }
  if (i != n) return false;
  *out = v;
  return true;
}

void format_ip4(Ip4 a, char* buf, usize cap) {
  char tmp[16];
  usize k = 0;
  for (int part = 3; part >= 0; --part) {
    u32 x = (a >> (part * 8)) & 0xff;
    char d[3];
    int nd = 0;
    do {
      d[nd++] = static_cast<char>('0' + x % 10);
      x /= 10;
    } while (x);
    while (nd) tmp[k++] = d[--nd];
    if (part) tmp[k++] = '.';
  }
  if (cap == 0) return;
  usize m = k < cap - 1 ? k : cap - 1;
  memcpy(buf, tmp, m);
  buf[m] = 0;
}

}  // namespace sis::net
