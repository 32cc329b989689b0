// Frames a peer on the link would send to the stack (tests and the receive-path fuzzer's
// seeds): built with the stack's own wire builders for the headers, checksums computed
// independently here so a builder bug cannot hide behind itself.
#pragma once
#include <cstring>
#include <vector>

#include "net/wire.h"

namespace sis::net::test {

inline const u8 kPeerMac[6] = {0x52, 0x55, 0x0a, 0x00, 0x02, 0x02};  // slirp's gateway MAC
inline const u8 kOurMac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
inline const u8 kBcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
constexpr Ip4 kOurIp = ip4(10, 0, 2, 15), kPeerIp = ip4(10, 0, 2, 2);

// The link a single stack sends on (Stack::configure's TxFn): every frame, kept in order.
struct Link {
  std::vector<std::vector<u8>> sent;
  static bool tx(void* ctx, const u8* f, usize n) {
    static_cast<Link*>(ctx)->sent.emplace_back(f, f + n);
    return true;
  }
};

// RFC 1071, written out independently of checksum_add.
inline u16 ref_checksum(const std::vector<u8>& b, size_t from, size_t len, u32 extra = 0) {
  u64 sum = extra;
  for (size_t i = 0; i < len; i += 2) sum += (b[from + i] << 8) | (i + 1 < len ? b[from + i + 1] : 0);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<u16>(~sum);
}

inline std::vector<u8> eth(const u8* dst, const u8* src, u16 type, const std::vector<u8>& payload) {
  std::vector<u8> f(14);
  memcpy(f.data(), dst, 6);
  memcpy(f.data() + 6, src, 6);
  f[12] = static_cast<u8>(type >> 8);
  f[13] = static_cast<u8>(type);
  f.insert(f.end(), payload.begin(), payload.end());
  return f;
}

inline std::vector<u8> ipv4(Ip4 src, Ip4 dst, u8 proto, const std::vector<u8>& payload, u16 frag = 0x4000) {
  std::vector<u8> p(20);
  size_t total = 20 + payload.size();
  p[0] = 0x45;
  p[2] = static_cast<u8>(total >> 8);
  p[3] = static_cast<u8>(total);
  p[4] = 0x12;
  p[5] = 0x34;
  p[6] = static_cast<u8>(frag >> 8);
  p[7] = static_cast<u8>(frag);
  p[8] = 64;
  p[9] = proto;
  for (int i = 0; i < 4; ++i) {
    p[12 + i] = static_cast<u8>(src >> (24 - 8 * i));
    p[16 + i] = static_cast<u8>(dst >> (24 - 8 * i));
  }
  u16 c = ref_checksum(p, 0, 20);
  p[10] = static_cast<u8>(c >> 8);
  p[11] = static_cast<u8>(c);
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

inline std::vector<u8> icmp_echo(u8 type, u16 id, u16 seq, const std::vector<u8>& data) {
  std::vector<u8> m = {type, 0, 0, 0, static_cast<u8>(id >> 8), static_cast<u8>(id), static_cast<u8>(seq >> 8),
                       static_cast<u8>(seq)};
  m.insert(m.end(), data.begin(), data.end());
  u16 c = ref_checksum(m, 0, m.size());
  m[2] = static_cast<u8>(c >> 8);
  m[3] = static_cast<u8>(c);
  return m;
}

inline std::vector<u8> udp(Ip4 src, Ip4 dst, u16 sport, u16 dport, const std::vector<u8>& data) {
  size_t len = 8 + data.size();
  std::vector<u8> u = {static_cast<u8>(sport >> 8), static_cast<u8>(sport), static_cast<u8>(dport >> 8),
                       static_cast<u8>(dport), static_cast<u8>(len >> 8), static_cast<u8>(len), 0, 0};
  u.insert(u.end(), data.begin(), data.end());
  u32 pseudo = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + 17 + static_cast<u32>(len);
  u16 c = ref_checksum(u, 0, len, pseudo);
  if (c == 0) c = 0xffff;
  u[6] = static_cast<u8>(c >> 8);
  u[7] = static_cast<u8>(c);
  return u;
}

// A TCP segment without options (flags: FIN 1, SYN 2, RST 4, PSH 8, ACK 16).
inline std::vector<u8> tcp(Ip4 src, Ip4 dst, u16 sport, u16 dport, u32 seq, u32 ack, u8 flags,
                           const std::vector<u8>& data = {}) {
  std::vector<u8> t(20);
  t[0] = static_cast<u8>(sport >> 8);
  t[1] = static_cast<u8>(sport);
  t[2] = static_cast<u8>(dport >> 8);
  t[3] = static_cast<u8>(dport);
  for (int i = 0; i < 4; ++i) {
    t[4 + i] = static_cast<u8>(seq >> (24 - 8 * i));
    t[8 + i] = static_cast<u8>(ack >> (24 - 8 * i));
  }
  t[12] = 5 << 4;
  t[13] = flags;
  t[14] = 0xff;  // window 65535
  t[15] = 0xff;
  t.insert(t.end(), data.begin(), data.end());
  u32 pseudo = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + 6 + static_cast<u32>(t.size());
  u16 c = ref_checksum(t, 0, t.size(), pseudo);
  t[16] = static_cast<u8>(c >> 8);
  t[17] = static_cast<u8>(c);
  return t;
}

inline std::vector<u8> arp(u16 op, const u8* sha, Ip4 spa, const u8* tha, Ip4 tpa) {
  std::vector<u8> a(28);
  build_arp(a.data(), op, sha, spa, tha, tpa);
  return a;
}

}  // namespace sis::net::test
