#include "net/dhcp.h"

#include "lib/string.h"

namespace sis::net {
namespace {

constexpr u8 kCookie[4] = {99, 130, 83, 99};
constexpr u8 kBootRequest = 1, kBootReply = 2;
// Options (RFC 2132).
constexpr u8 kOptPad = 0, kOptSubnet = 1, kOptRouter = 3, kOptDns = 6, kOptRequestedIp = 50, kOptLease = 51,
             kOptType = 53, kOptServerId = 54, kOptParams = 55, kOptEnd = 255;
const u8 kBroadcastMac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

}  // namespace

DhcpIgnore dhcp_parse(const u8* p, usize n, u32 xid, const u8 mac[6], DhcpReply* out) {
  *out = DhcpReply{};
  if (n < kDhcpFixed + sizeof kCookie || memcmp(p + kDhcpFixed, kCookie, sizeof kCookie) != 0)
    return DhcpIgnore::Malformed;
  if (p[0] != kBootReply || p[1] != 1 || p[2] != 6 || load32(p + 4) != xid || memcmp(p + 28, mac, 6) != 0)
    return DhcpIgnore::NotOurs;
  out->lease.addr = load32(p + 16);  // yiaddr
  for (usize i = kDhcpFixed + sizeof kCookie; i < n;) {
    u8 code = p[i];
    if (code == kOptPad) {
      ++i;
      continue;
    }
    if (code == kOptEnd) break;
    if (i + 2 > n || i + 2 + p[i + 1] > n) return DhcpIgnore::Malformed;  // runs past the end
    u8 len = p[i + 1];
    const u8* v = p + i + 2;
    switch (code) {
      case kOptType:
        if (len >= 1) out->type = static_cast<DhcpType>(v[0]);
        break;
      case kOptSubnet:
        if (len == 4) out->lease.netmask = load32(v);
        break;
      case kOptRouter:  // a list: the first is the default route
        if (len >= 4) out->lease.gateway = load32(v);
        break;
      case kOptDns:
        if (len >= 4) out->lease.dns = load32(v);
        break;
      case kOptLease:
        if (len == 4) out->lease.lease_s = load32(v);
        break;
      case kOptServerId:
        if (len == 4) out->lease.server = load32(v);
        break;
      default:
        break;
    }
    i += 2 + len;
  }
  if (out->type != DhcpType::Offer && out->type != DhcpType::Ack && out->type != DhcpType::Nak)
    return DhcpIgnore::Malformed;  // no type, or a type a server does not send
  return DhcpIgnore::None;
}

usize dhcp_message(u8* p, DhcpType type, u32 xid, const u8 mac[6], Ip4 requested, Ip4 server) {
  memset(p, 0, kDhcpMessage);
  p[0] = kBootRequest;
  p[1] = 1;  // Ethernet
  p[2] = 6;
  store32(p + 4, xid);
  store16(p + 10, 0x8000);  // broadcast the reply: we cannot take unicast without an address
  memcpy(p + 28, mac, 6);
  memcpy(p + kDhcpFixed, kCookie, sizeof kCookie);
  u8* o = p + kDhcpFixed + sizeof kCookie;
  *o++ = kOptType;
  *o++ = 1;
  *o++ = static_cast<u8>(type);
  if (requested) {
    *o++ = kOptRequestedIp;
    *o++ = 4;
    store32(o, requested);
    o += 4;
  }
  if (server) {
    *o++ = kOptServerId;
    *o++ = 4;
    store32(o, server);
    o += 4;
  }
  const u8 params[] = {kOptSubnet, kOptRouter, kOptDns, kOptLease, kOptServerId};
  *o++ = kOptParams;
  *o++ = sizeof params;
  memcpy(o, params, sizeof params);
  o += sizeof params;
  *o = kOptEnd;
  return kDhcpMessage;  // padded with zeros (pad options) to BOOTP's 300 bytes
}

usize dhcp_frame(u8* out, const u8 mac[6], const u8* payload, usize n) {
  const Ip4 src = 0, dst = 0xffffffffu;
  build_eth(out, kBroadcastMac, mac, kEtherIpv4);
  build_ipv4(out + kEthHeader, src, dst, kProtoUdp, 0, 64, kUdpHeader + n);
  u8* udp = out + kEthHeader + kIpHeader;
  store16(udp, kDhcpClientPort);
  store16(udp + 2, kDhcpServerPort);
  store16(udp + 4, static_cast<u16>(kUdpHeader + n));
  store16(udp + 6, 0);
  memcpy(udp + kUdpHeader, payload, n);
  u32 sum = pseudo_header_sum(src, dst, kProtoUdp, kUdpHeader + n);
  u16 c = checksum_fold(checksum_add(sum, udp, kUdpHeader + n));
  store16(udp + 6, c ? c : 0xffff);  // 0 would mean "no checksum" (RFC 768)
  return kEthHeader + kIpHeader + kUdpHeader + n;
}

void DhcpClient::start(const u8 mac[6], u32 xid, u64 now_ns) {
  *this = DhcpClient{};
  memcpy(mac_, mac, 6);
  xid_ = xid;
  start_ns_ = next_send_ns_ = now_ns;
  state_ = State::Selecting;
}

usize DhcpClient::send(DhcpType type, u8* out) {
  u8 msg[kDhcpMessage];
  usize n = type == DhcpType::Request ? dhcp_message(msg, type, xid_, mac_, offer_.addr, offer_.server)
                                      : dhcp_message(msg, type, xid_, mac_, 0, 0);
  ++sent_;
  return dhcp_frame(out, mac_, msg, n);
}

usize DhcpClient::poll(u64 now_ns, u8* out) {
  if (state_ != State::Selecting && state_ != State::Requesting) return 0;
  if (now_ns - start_ns_ >= kGiveUpNs) {
    failure_ = state_ == State::Requesting ? "no DHCPACK within 2 s" : "no DHCP answer within 2 s";
    state_ = State::Failed;
    return 0;
  }
  if (now_ns < next_send_ns_) return 0;
  next_send_ns_ = now_ns + retry_ns_;
  retry_ns_ *= 2;
  return send(state_ == State::Selecting ? DhcpType::Discover : DhcpType::Request, out);
}

void DhcpClient::receive(const u8* frame, usize len, u64 now_ns) {
  if (state_ != State::Selecting && state_ != State::Requesting) return;
  EthFrame eth;
  Ipv4Packet ip;
  UdpDatagram udp;
  if (parse_eth(frame, len, &eth) != Drop::None || eth.type != kEtherIpv4 ||
      parse_ipv4(eth.payload, eth.len, &ip) != Drop::None || ip.proto != kProtoUdp ||
      parse_udp(ip.payload, ip.len, ip.src, ip.dst, &udp) != Drop::None || udp.dst_port != kDhcpClientPort ||
      udp.src_port != kDhcpServerPort) {
    ++ignored_[static_cast<usize>(DhcpIgnore::NotUdp68)];
    return;
  }
  DhcpReply r;
  DhcpIgnore why = dhcp_parse(udp.data, udp.len, xid_, mac_, &r);
  if (why != DhcpIgnore::None) {
    ++ignored_[static_cast<usize>(why)];
    return;
  }
  if (state_ == State::Selecting && r.type == DhcpType::Offer && r.lease.addr && r.lease.server) {
    offer_ = r.lease;
    state_ = State::Requesting;
    next_send_ns_ = now_ns;  // REQUEST at the next poll
    retry_ns_ = kFirstRetryNs;
  } else if (state_ == State::Requesting && r.type == DhcpType::Ack && r.lease.addr == offer_.addr) {
    lease_ = r.lease;
    if (!lease_.server) lease_.server = offer_.server;
    state_ = State::Bound;
    bound_ns_ = now_ns;
  } else if (state_ == State::Requesting && r.type == DhcpType::Nak) {
    state_ = State::Failed;
    failure_ = "the server refused the offered address (DHCPNAK)";
  } else {
    ++ignored_[static_cast<usize>(DhcpIgnore::NotOurs)];  // a reply that fits no state
  }
}

Config dhcp_config(const u8 mac[6], const DhcpLease& lease) {
  Config c;
  memcpy(c.mac, mac, 6);
  c.addr = lease.addr;
  c.netmask = lease.netmask ? lease.netmask : ip4(255, 255, 255, 0);
  c.gateway = lease.gateway;
  c.dns = lease.dns;
  return c;
}

}  // namespace sis::net
