#include "net/stack.h"

#include "lib/env.h"
#include "lib/string.h"
#include "net/net_errno.h"

namespace sis::net {
namespace {

const u8 kBroadcastMac[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
const u8 kZeroMac[6] = {};

}  // namespace

Config slirp_config(const u8 mac[6]) {
  Config c;
  memcpy(c.mac, mac, 6);
  c.addr = ip4(10, 0, 2, 15);
  c.netmask = ip4(255, 255, 255, 0);
  c.gateway = ip4(10, 0, 2, 2);
  c.dns = ip4(10, 0, 2, 3);
  return c;
}

const char* sock_type_name(SockType t) {
  switch (t) {
    case SockType::Udp: return "udp";
    case SockType::IcmpRaw: return "icmp-raw";
    case SockType::IcmpDgram: return "icmp-dgram";
    case SockType::Tcp: return "tcp";
  }
  return "?";
}

void Stack::configure(const Config& c, TxFn tx, void* tx_ctx) {
  cfg_ = c;
  tx_ = tx;
  tx_ctx_ = tx_ctx;
}

void Stack::changed() { changed_ = true; }

bool Stack::take_changed() {
  bool c = changed_;
  changed_ = false;
  return c;
}

void Stack::send_frame(const u8* frame, usize len) {
  if (!tx_ || !tx_(tx_ctx_, frame, len)) {
    ++stats_.tx_failed;
    return;
  }
  ++stats_.tx_frames;
}

bool Stack::local_address(Ip4 dst) const {
  if (dst == cfg_.addr || dst == 0xffffffffu) return true;
  // The subnet's broadcast address.
  return cfg_.netmask && dst == (cfg_.addr | ~cfg_.netmask);
}

// ---- receive ----

Stack::EntryGuard::~EntryGuard() {
  if (s_->depth_ > 1) {
    --s_->depth_;
    return;
  }
  // Outermost call: deliver what was sent to lo (which may send more) until quiet.
  while (LoopFrame* f = s_->loop_head_) {
    s_->loop_head_ = f->next;
    if (!s_->loop_head_) s_->loop_tail_ = nullptr;
    s_->receive_loopback(f->data, f->len, s_->loop_now_ns_);
    env_free(f);
  }
  --s_->depth_;
}

void Stack::receive(const u8* frame, usize len, u64 now_ns) {
  EntryGuard g(this);
  ++stats_.rx_frames;
  EthFrame eth;
  if (Drop d = parse_eth(frame, len, &eth); d != Drop::None) return drop(d);
  bool to_us = memcmp(eth.dst, cfg_.mac, 6) == 0 || memcmp(eth.dst, kBroadcastMac, 6) == 0;
  if (!to_us) return drop(Drop::NotForUs);
  if (eth.type == kEtherArp) on_arp(eth, now_ns);
  else if (eth.type == kEtherIpv4) on_ipv4(eth, now_ns);
  else drop(Drop::Unsupported);
}

void Stack::on_arp(const EthFrame& eth, u64 now_ns) {
  ArpPacket a;
  if (Drop d = parse_arp(eth.payload, eth.len, &a); d != Drop::None) return drop(d);
  ++stats_.arp_in;
  bool for_us = a.tpa == cfg_.addr && cfg_.addr != 0;
  // RFC 826: update an existing entry from any packet; create one only when addressed to us.
  arp_learn(a.spa, a.sha, now_ns, for_us);
  if (!for_us) return drop(Drop::NotForUs);
  if (a.op == 1) send_arp(2, a.sha, a.spa);
}

void Stack::on_ipv4(const EthFrame& eth, u64 now_ns) {
  Ipv4Packet ip;
  if (Drop d = parse_ipv4(eth.payload, eth.len, &ip); d != Drop::None) return drop(d);
  // 127/8 exists only inside a host, and our own address sends only through lo: from a wire
  // either is forged or misrouted (Linux's martians; answering would talk to ourselves).
  if (is_loopback(ip.src) || is_loopback(ip.dst) || (cfg_.addr && ip.src == cfg_.addr)) return drop(Drop::Martian);
  if (!local_address(ip.dst)) return drop(Drop::NotForUs);
  ++stats_.ip_in;
  // The sender is on our link (or it is the gateway's MAC): refresh what we know.
  if ((ip.src & cfg_.netmask) == (cfg_.addr & cfg_.netmask)) arp_learn(ip.src, eth.src, now_ns, false);
  deliver_ipv4(ip, now_ns);
}

void Stack::receive_loopback(const u8* packet, usize len, u64 now_ns) {
  ++stats_.lo_rx_packets;
  stats_.lo_rx_bytes += len;
  Ipv4Packet ip;
  if (Drop d = parse_ipv4(packet, len, &ip); d != Drop::None) return drop(d);  // we built it: never
  ++stats_.ip_in;
  deliver_ipv4(ip, now_ns);
}

void Stack::deliver_ipv4(const Ipv4Packet& ip, u64 now_ns) {
  if (ip.proto == kProtoIcmp) on_icmp(ip, now_ns);
  else if (ip.proto == kProtoUdp) on_udp(ip, now_ns);
  else if (ip.proto == kProtoTcp) on_tcp(ip, now_ns);
  else drop(Drop::Unsupported);
}

void Stack::on_icmp(const Ipv4Packet& ip, u64 now_ns) {
  IcmpMessage m;
  if (Drop d = parse_icmp(ip.payload, ip.len, &m); d != Drop::None) return drop(d);
  ++stats_.icmp_in;
  // Raw ICMP sockets see every message, IP header included (as on Linux).
  for (Socket* s = sockets_; s; s = s->next) {
    if (s->type != SockType::IcmpRaw || s->shut_rd) continue;
    if (s->bound && s->local.addr && s->local.addr != ip.dst) continue;
    if (s->connected && s->peer.addr != ip.src) continue;
    enqueue(s, SockAddr{ip.src, 0}, ip.header, ip.ihl_bytes, ip.payload, ip.len);
  }
  if (m.type == kIcmpEchoRequest && m.code == 0) {
    ++stats_.echo_requests_in;
    if (!loops_back(ip.dst)) return;  // no replies to broadcast pings (Linux's default)
    u8* reply = scratch_;  // consumed by send_ipv4 before anything can reuse it
    memcpy(reply, ip.payload, ip.len);  // ip.len <= 1480: parse_ipv4 bounded it by the frame
    reply[0] = kIcmpEchoReply;
    store16(reply + 2, 0);
    store16(reply + 2, checksum_fold(checksum_add(0, reply, ip.len)));
    if (send_ipv4(ip.dst, ip.src, kProtoIcmp, reply, ip.len, 64, now_ns) >= 0) ++stats_.icmp_out;
    return;
  }
  if (m.type == kIcmpEchoReply) {
    ++stats_.echo_replies_in;
    for (Socket* s = sockets_; s; s = s->next) {
      if (s->type != SockType::IcmpDgram || s->shut_rd || !s->bound || s->local.port != m.id) continue;
      if (s->local.addr && s->local.addr != ip.dst) continue;
      if (s->connected && s->peer.addr != ip.src) continue;
      enqueue(s, SockAddr{ip.src, m.id}, ip.payload, ip.len, nullptr, 0);
    }
  }
}

void Stack::on_udp(const Ipv4Packet& ip, u64 now_ns) {
  UdpDatagram u;
  if (Drop d = parse_udp(ip.payload, ip.len, ip.src, ip.dst, &u); d != Drop::None) return drop(d);
  ++stats_.udp_in;
  Socket* best = nullptr;
  for (Socket* s = sockets_; s; s = s->next) {
    if (s->type != SockType::Udp || !s->bound || s->local.port != u.dst_port) continue;
    if (s->local.addr && s->local.addr != ip.dst) continue;
    if (s->connected && (s->peer.addr != ip.src || s->peer.port != u.src_port)) continue;
    if (!best || (s->connected && !best->connected)) best = s;  // the most specific match
  }
  if (!best) {
    drop(Drop::NoSocket);
    if (loops_back(ip.dst)) send_port_unreachable(ip, now_ns);
    return;
  }
  if (best->shut_rd) return;
  enqueue(best, SockAddr{ip.src, u.src_port}, u.data, u.len, nullptr, 0);
}

void Stack::send_port_unreachable(const Ipv4Packet& ip, u64 now_ns) {
  // RFC 792: the IP header plus the first 8 bytes of the offending datagram.
  u8 msg[kIcmpHeader + 60 + 8];
  usize quoted = ip.ihl_bytes + (ip.len < 8 ? ip.len : 8);
  memset(msg, 0, kIcmpHeader);
  msg[0] = kIcmpUnreachable;
  msg[1] = 3;  // port unreachable
  memcpy(msg + kIcmpHeader, ip.header, quoted);
  store16(msg + 2, checksum_fold(checksum_add(0, msg, kIcmpHeader + quoted)));
  if (send_ipv4(ip.dst, ip.src, kProtoIcmp, msg, kIcmpHeader + quoted, 64, now_ns) >= 0) ++stats_.icmp_out;
}

void Stack::enqueue(Socket* s, SockAddr from, const u8* a, usize an, const u8* b, usize bn) {
  usize len = an + bn;
  if (s->queued + len > s->rcvbuf) {
    ++s->rx_overflows;
    ++stats_.socket_overflows;
    return;
  }
  auto* d = static_cast<Datagram*>(env_alloc(sizeof(Datagram) + (len ? len : 1)));
  if (!d) {
    ++s->rx_overflows;
    ++stats_.socket_overflows;
    return;
  }
  d->next = nullptr;
  d->from = from;
  d->len = len;
  if (an) memcpy(d->data, a, an);
  if (bn) memcpy(d->data + an, b, bn);
  if (s->tail) s->tail->next = d;
  else s->head = d;
  s->tail = d;
  s->queued += len;
  ++s->rx_datagrams;
  changed();
}

// ---- ARP ----

Stack::ArpEntry* Stack::arp_find(Ip4 ip) {
  for (auto& e : arp_)
    if (e.used && e.ip == ip) return &e;
  return nullptr;
}

Stack::ArpEntry* Stack::arp_slot(Ip4 ip, u64 now_ns) {
  if (ArpEntry* e = arp_find(ip)) return e;
  ArpEntry* victim = &arp_[0];
  for (auto& e : arp_) {
    if (!e.used) {
      victim = &e;
      break;
    }
    if (e.last_use_ns < victim->last_use_ns) victim = &e;
  }
  *victim = ArpEntry{};
  victim->used = true;
  victim->ip = ip;
  victim->last_use_ns = now_ns;
  return victim;
}

void Stack::arp_learn(Ip4 ip, const u8 mac[6], u64 now_ns, bool create) {
  if (ip == 0 || memcmp(mac, kBroadcastMac, 6) == 0 || memcmp(mac, kZeroMac, 6) == 0) return;
  ArpEntry* e = create ? arp_slot(ip, now_ns) : arp_find(ip);
  if (!e) return;
  memcpy(e->mac, mac, 6);
  e->resolved = true;
  e->tries = 0;
  e->last_use_ns = now_ns;
  if (e->pending_len) {
    memcpy(e->pending, mac, 6);  // the queued frame's destination
    send_frame(e->pending, e->pending_len);
    e->pending_len = 0;
  }
}

void Stack::send_arp(u16 op, const u8 tha[6], Ip4 tpa) {
  u8 f[kEthHeader + kArpPacket];
  build_eth(f, op == 1 ? kBroadcastMac : tha, cfg_.mac, kEtherArp);
  build_arp(f + kEthHeader, op, cfg_.mac, cfg_.addr, op == 1 ? kZeroMac : tha, tpa);
  ++stats_.arp_out;
  send_frame(f, sizeof(f));
}

void Stack::tick(u64 now_ns) {
  EntryGuard g(this);
  tcp_tick(now_ns);
  for (auto& e : arp_) {
    if (!e.used || e.resolved) continue;
    if (now_ns - e.last_request_ns < kArpRetryNs) continue;
    if (e.tries >= kArpTries) {
      ++stats_.arp_unresolved;
      e = ArpEntry{};  // gives up: the pending packet is lost, as on Linux
      continue;
    }
    ++e.tries;
    e.last_request_ns = now_ns;
    send_arp(1, kZeroMac, e.ip);
  }
}

usize Stack::arp_snapshot(ArpView* out, usize cap) const {
  usize n = 0;
  for (const auto& e : arp_) {
    if (!e.used || n >= cap) continue;
    out[n].ip = e.ip;
    memcpy(out[n].mac, e.mac, 6);
    out[n].resolved = e.resolved;
    out[n].tries = e.tries;
    ++n;
  }
  return n;
}

// ---- send ----

i64 Stack::route_check(Ip4 src, Ip4 dst) const {
  return is_loopback(src) && !loops_back(dst) ? -err::kInval : 0;
}

i64 Stack::send_ipv4(Ip4 src, Ip4 dst, u8 proto, const u8* payload, usize n, u8 ttl, u64 now_ns) {
  if (n > kEthMtu - kIpHeader) return -err::kMsgSize;
  if (src == 0) src = source_for(dst);
  if (i64 r = route_check(src, dst); r < 0) return r;
  if (loops_back(dst)) {
    // lo: through the receive path, never the NIC. Queued: received when the outermost
    // stack call ends (EntryGuard), so a reply is not built in the middle of the request.
    usize len = kIpHeader + n;
    auto* f = static_cast<LoopFrame*>(env_alloc(sizeof(LoopFrame) + len));
    if (!f) {
      ++stats_.lo_tx_dropped;
      return -err::kNoMem;
    }
    f->next = nullptr;
    f->len = len;
    build_ipv4(f->data, src, dst, proto, ip_id_++, ttl, n);
    memcpy(f->data + kIpHeader, payload, n);
    if (loop_tail_) loop_tail_->next = f;
    else loop_head_ = f;
    loop_tail_ = f;
    loop_now_ns_ = now_ns;
    ++stats_.ip_out;
    ++stats_.lo_tx_packets;
    stats_.lo_tx_bytes += len;
    return 0;
  }
  if (!tx_ || cfg_.addr == 0) return -err::kNetUnreach;
  usize len = kEthHeader + kIpHeader + n;
  build_ipv4(frame_ + kEthHeader, src, dst, proto, ip_id_++, ttl, n);
  memcpy(frame_ + kEthHeader + kIpHeader, payload, n);
  ++stats_.ip_out;
  if (dst == 0xffffffffu || (cfg_.netmask && dst == (cfg_.addr | ~cfg_.netmask))) {
    build_eth(frame_, kBroadcastMac, cfg_.mac, kEtherIpv4);
    send_frame(frame_, len);
    return 0;
  }
  bool on_link = (dst & cfg_.netmask) == (cfg_.addr & cfg_.netmask);
  if (!on_link && cfg_.gateway == 0) return -err::kNetUnreach;
  Ip4 hop = on_link ? dst : cfg_.gateway;
  ArpEntry* e = arp_find(hop);
  if (e && e->resolved) {
    e->last_use_ns = now_ns;
    build_eth(frame_, e->mac, cfg_.mac, kEtherIpv4);
    send_frame(frame_, len);
    return 0;
  }
  // Not resolved yet: keep the latest packet for this hop and ask (tick() retries).
  bool asking = e != nullptr;
  if (!e) e = arp_slot(hop, now_ns);
  build_eth(frame_, kZeroMac, cfg_.mac, kEtherIpv4);
  memcpy(e->pending, frame_, len);
  e->pending_len = len;
  if (!asking) {
    e->tries = 1;
    e->last_request_ns = now_ns;
    send_arp(1, kZeroMac, hop);
  }
  return 0;
}

// ---- sockets ----

Socket* Stack::open(SockType t) {
  if (nsockets_ >= kMaxSockets) return nullptr;
  void* mem = env_zalloc(sizeof(Socket));
  if (!mem) return nullptr;
  auto* s = static_cast<Socket*>(mem);
  *s = Socket{};
  s->type = t;
  if (t == SockType::Tcp) {
    s->tcb = tcb_alloc();
    if (!s->tcb) {
      env_free(s);
      return nullptr;
    }
  }
  s->next = sockets_;
  sockets_ = s;
  ++nsockets_;
  return s;
}

void Stack::close(Socket* s, u64 now_ns) {
  EntryGuard g(this);
  if (s->type == SockType::Tcp) return tcp_close(s, now_ns);
  unlink_free(s);
}

void Stack::unlink_free(Socket* s) {
  for (Socket** p = &sockets_; *p; p = &(*p)->next) {
    if (*p == s) {
      *p = s->next;
      --nsockets_;
      break;
    }
  }
  for (Datagram* d = s->head; d;) {
    Datagram* n = d->next;
    env_free(d);
    d = n;
  }
  if (s->tcb) env_free(s->tcb);  // its buffers live in the same block
  env_free(s);
}

bool Stack::readable(const Socket* s) const {
  if (s->type != SockType::Tcp) return s->head != nullptr || s->shut_rd;
  const Tcb* t = s->tcb;
  if (t->state == TcpState::Listen) return t->accept_head != nullptr;
  return t->rcvbuf.size() || t->fin_received || t->error || s->shut_rd || t->state == TcpState::Closed;
}

bool Stack::writable(const Socket* s) const {
  if (s->type != SockType::Tcp) return !s->shut_wr;
  const Tcb* t = s->tcb;
  if (t->error || s->shut_wr) return true;  // the write fails at once: that is "ready"
  return (t->state == TcpState::Established || t->state == TcpState::CloseWait) && t->sndbuf.space() > 0;
}

bool Stack::hangup(const Socket* s) const {
  if (s->type != SockType::Tcp || s->tcb->state == TcpState::Listen) return false;
  const Tcb* t = s->tcb;
  return t->error != 0 || (t->fin_received && t->fin_numbered);
}

bool Stack::port_in_use(SockType t, u16 port) const {
  // Raw sockets have no ports; UDP and ping sockets each have their own space.
  for (const Socket* s = sockets_; s; s = s->next)
    if (s->type == t && s->bound && s->local.port == port) return true;
  return false;
}

i64 Stack::auto_bind(Socket* s) {
  if (s->bound) return 0;
  for (u32 i = 0; i < 65536u - kEphemeralFirst; ++i) {
    u16 p = next_ephemeral_;
    next_ephemeral_ = static_cast<u16>(next_ephemeral_ == 65535 ? kEphemeralFirst : next_ephemeral_ + 1);
    if (!port_in_use(s->type, p)) {
      s->local.port = p;
      s->bound = true;
      return 0;
    }
  }
  return -err::kAddrInUse;
}

i64 Stack::bind(Socket* s, SockAddr a) {
  if (s->bound && s->type != SockType::IcmpRaw) return -err::kInval;
  if (a.addr != 0 && !local_address(a.addr) && !is_loopback(a.addr)) return -err::kAddrNotAvail;
  if (s->type == SockType::IcmpRaw) {
    s->local.addr = a.addr;
    s->bound = true;
    return 0;
  }
  if (a.port == 0) {
    s->local.addr = a.addr;
    return auto_bind(s);
  }
  if (port_in_use(s->type, a.port)) return -err::kAddrInUse;
  s->local = a;
  s->bound = true;
  return 0;
}

i64 Stack::connect(Socket* s, SockAddr a) {
  if (a.addr == 0 && a.port == 0) {  // AF_UNSPEC: dissolve the association
    s->connected = false;
    s->peer = SockAddr{};
    if (s->local_auto) s->local.addr = 0;  // as Linux's inet_reset_saddr
    s->local_auto = false;
    return 0;
  }
  if (s->type == SockType::Udp && a.port == 0) return -err::kInval;
  if (i64 r = route_check(s->local.addr, a.addr); r < 0) return r;
  if (s->type != SockType::IcmpRaw) {
    if (i64 r = auto_bind(s); r < 0) return r;
    // The source the route picks becomes the local address (getsockname shows it, and only
    // packets to it are received), as Linux's ip4_datagram_connect does.
    if (!s->local.addr && a.addr != 0xffffffffu) {
      s->local.addr = source_for(a.addr);
      s->local_auto = true;
    }
  }
  s->peer = a;
  s->connected = true;
  return 0;
}

i64 Stack::send(Socket* s, const u8* data, usize n, const SockAddr* to, u64 now_ns) {
  EntryGuard g(this);
  if (s->shut_wr) return -err::kPipe;
  SockAddr dst;
  if (to) dst = *to;
  else if (s->connected) dst = s->peer;
  else return -err::kDestAddrReq;
  if (dst.addr == 0) return -err::kDestAddrReq;
  u8* buf = scratch_;  // copied into frame_ by send_ipv4 before anything else uses it
  constexpr usize kBuf = sizeof(scratch_);
  switch (s->type) {
    case SockType::Udp: {
      if (dst.port == 0) return -err::kInval;
      if (n > kBuf - kUdpHeader) return -err::kMsgSize;
      if (i64 r = auto_bind(s); r < 0) return r;
      store16(buf, s->local.port);
      store16(buf + 2, dst.port);
      store16(buf + 4, static_cast<u16>(kUdpHeader + n));
      store16(buf + 6, 0);
      memcpy(buf + kUdpHeader, data, n);
      Ip4 src = s->local.addr ? s->local.addr : source_for(dst.addr);
      u32 sum = checksum_add(pseudo_header_sum(src, dst.addr, kProtoUdp, kUdpHeader + n), buf, kUdpHeader + n);
      u16 c = checksum_fold(sum);
      store16(buf + 6, c ? c : 0xffff);  // 0 would mean "no checksum"
      i64 r = send_ipv4(src, dst.addr, kProtoUdp, buf, kUdpHeader + n, s->ttl, now_ns);
      if (r < 0) return r;
      ++stats_.udp_out;
      break;
    }
    case SockType::IcmpRaw: {
      // The program supplies the ICMP message, checksum included (Linux raw semantics).
      if (n > kBuf) return -err::kMsgSize;
      i64 r = send_ipv4(s->local.addr, dst.addr, kProtoIcmp, data, n, s->ttl, now_ns);
      if (r < 0) return r;
      ++stats_.icmp_out;
      break;
    }
    case SockType::IcmpDgram: {
      // Ping sockets: echo requests only; the identifier is the socket's "port".
      if (n < kIcmpHeader || n > kBuf) return n < kIcmpHeader ? -err::kInval : -err::kMsgSize;
      if (data[0] != kIcmpEchoRequest || data[1] != 0) return -err::kInval;
      if (i64 r = auto_bind(s); r < 0) return r;
      memcpy(buf, data, n);
      store16(buf + 4, s->local.port);
      store16(buf + 2, 0);
      store16(buf + 2, checksum_fold(checksum_add(0, buf, n)));
      i64 r = send_ipv4(s->local.addr, dst.addr, kProtoIcmp, buf, n, s->ttl, now_ns);
      if (r < 0) return r;
      ++stats_.icmp_out;
      break;
    }
    case SockType::Tcp: return -err::kOpNotSupp;  // streams use tcp_send
  }
  ++s->tx_datagrams;
  return static_cast<i64>(n);
}

i64 Stack::recv(Socket* s, u8* buf, usize n, SockAddr* from, bool peek, usize* full) {
  Datagram* d = s->head;
  if (!d) return s->shut_rd ? 0 : -err::kAgain;
  usize m = d->len < n ? d->len : n;
  memcpy(buf, d->data, m);
  if (from) *from = d->from;
  if (full) *full = d->len;
  if (!peek) {
    s->head = d->next;
    if (!s->head) s->tail = nullptr;
    s->queued -= d->len;
    env_free(d);
  }
  return static_cast<i64>(m);
}

}  // namespace sis::net
