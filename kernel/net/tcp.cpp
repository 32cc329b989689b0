// TCP (RFC 9293, with RFC 6298's retransmission timer and RFC 5681's congestion control):
// the part of Stack that handles SockType::Tcp. In-order delivery only (a segment beyond
// rcv_nxt is dropped and the ACK repeats rcv_nxt, so the peer retransmits from there); no
// window scaling, timestamps or SACK (docs/network.md says why).
#include "lib/env.h"
#include "lib/string.h"
#include "net/net_errno.h"
#include "net/stack.h"

namespace sis::net {
namespace {

constexpr u8 kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10;
constexpr usize kTcpHeader = 20;
constexpr u16 kOurMss = kEthMtu - kIpHeader - kTcpHeader;  // 1460
constexpr u64 kRtoMin = 200'000'000, kRtoMax = 60'000'000'000;
constexpr long kConnRefused = 111, kConnReset = 104, kTimedOut = 110, kInProgress = 115, kIsConnErr = 106;

bool seq_lt(u32 a, u32 b) { return static_cast<i32>(a - b) < 0; }
bool seq_le(u32 a, u32 b) { return static_cast<i32>(a - b) <= 0; }

struct Segment {
  u16 sport, dport;
  u32 seq, ack;
  u8 flags;
  u16 wnd;
  u16 mss;  // 0: no option
  const u8* data;
  usize len;
};

bool parse_tcp(const Ipv4Packet& ip, Segment* s) {
  const u8* p = ip.payload;
  usize n = ip.len;
  if (n < kTcpHeader) return false;
  usize off = static_cast<usize>(p[12] >> 4) * 4;
  if (off < kTcpHeader || off > n) return false;
  if (checksum_fold(checksum_add(pseudo_header_sum(ip.src, ip.dst, kProtoTcp, n), p, n)) != 0) return false;
  s->sport = load16(p);
  s->dport = load16(p + 2);
  s->seq = load32(p + 4);
  s->ack = load32(p + 8);
  s->flags = p[13];
  s->wnd = load16(p + 14);
  s->mss = 0;
  for (usize i = kTcpHeader; i < off;) {  // options: only MSS matters to us
    u8 kind = p[i];
    if (kind == 0) break;
    if (kind == 1) {
      ++i;
      continue;
    }
    if (i + 1 >= off || p[i + 1] < 2 || i + p[i + 1] > off) break;
    if (kind == 2 && p[i + 1] == 4) s->mss = load16(p + i + 2);
    i += p[i + 1];
  }
  s->data = p + off;
  s->len = n - off;
  return true;
}

}  // namespace

const char* tcp_state_name(TcpState s) {
  switch (s) {
    case TcpState::Closed: return "CLOSED";
    case TcpState::Listen: return "LISTEN";
    case TcpState::SynSent: return "SYN_SENT";
    case TcpState::SynReceived: return "SYN_RECV";
    case TcpState::Established: return "ESTABLISHED";
    case TcpState::FinWait1: return "FIN_WAIT1";
    case TcpState::FinWait2: return "FIN_WAIT2";
    case TcpState::CloseWait: return "CLOSE_WAIT";
    case TcpState::Closing: return "CLOSING";
    case TcpState::LastAck: return "LAST_ACK";
    case TcpState::TimeWait: return "TIME_WAIT";
  }
  return "?";
}

Tcb* Stack::tcb_alloc() {
  // One block: the control block, then the send and receive buffers.
  void* mem = env_alloc(sizeof(Tcb) + 2 * kTcpBuffer);
  if (!mem) return nullptr;
  auto* t = static_cast<Tcb*>(mem);
  *t = Tcb{};
  u8* bufs = static_cast<u8*>(mem) + sizeof(Tcb);
  t->sndbuf.attach(bufs, kTcpBuffer);
  t->rcvbuf.attach(bufs + kTcpBuffer, kTcpBuffer);
  return t;
}

u32 Stack::tcp_window(const Tcb* t) const {
  usize w = t->rcvbuf.space();
  return w > 65535 ? 65535 : static_cast<u32>(w);
}

// Sends one segment (header built here; data copied after it).
void Stack::tcp_segment(Socket* s, u32 seq, u8 flags, const u8* data, usize n, u64 now_ns) {
  Tcb* t = s->tcb;
  u8* seg = scratch_;
  usize hdr = (flags & kSyn) ? kTcpHeader + 4 : kTcpHeader;
  store16(seg, s->local.port);
  store16(seg + 2, s->peer.port);
  store32(seg + 4, seq);
  store32(seg + 8, (flags & kAck) ? t->rcv_nxt : 0);
  seg[12] = static_cast<u8>((hdr / 4) << 4);
  seg[13] = flags;
  u32 wnd = tcp_window(t);
  store16(seg + 14, static_cast<u16>(wnd));
  store16(seg + 16, 0);
  store16(seg + 18, 0);
  if (flags & kSyn) {
    seg[20] = 2;
    seg[21] = 4;
    store16(seg + 22, kOurMss);
  }
  if (n) memcpy(seg + hdr, data, n);
  u32 sum = checksum_add(pseudo_header_sum(s->local.addr, s->peer.addr, kProtoTcp, hdr + n), seg, hdr + n);
  store16(seg + 16, checksum_fold(sum));
  if (flags & kAck) t->rcv_adv = t->rcv_nxt + wnd;
  ++stats_.tcp_out;
  (void)send_ipv4(s->local.addr, s->peer.addr, kProtoTcp, seg, hdr + n, s->ttl, now_ns);
}

void Stack::tcp_reset_reply(const Ipv4Packet& ip, u32 seq, u32 ack, u8 flags, usize seg_len, u64 now_ns) {
  // RFC 9293 3.10.7.1: answer anything but a RST to a port with no connection.
  if (flags & kRst) return;
  u8* seg = scratch_;
  const u8* in = ip.payload;
  store16(seg, load16(in + 2));
  store16(seg + 2, load16(in));
  bool has_ack = flags & kAck;
  u32 ackno = seq + static_cast<u32>(seg_len) + ((flags & kSyn) ? 1 : 0) + ((flags & kFin) ? 1 : 0);
  store32(seg + 4, has_ack ? ack : 0);
  store32(seg + 8, has_ack ? 0 : ackno);
  seg[12] = 5 << 4;
  seg[13] = has_ack ? kRst : (kRst | kAck);
  store16(seg + 14, 0);
  store16(seg + 16, 0);
  store16(seg + 18, 0);
  store16(seg + 16, checksum_fold(checksum_add(pseudo_header_sum(ip.dst, ip.src, kProtoTcp, kTcpHeader), seg, kTcpHeader)));
  ++stats_.tcp_out;
  ++stats_.tcp_resets_out;
  (void)send_ipv4(ip.dst, ip.src, kProtoTcp, seg, kTcpHeader, 64, now_ns);
}

void Stack::tcp_output(Socket* s, u64 now_ns) {
  Tcb* t = s->tcb;
  if (t->state != TcpState::Established && t->state != TcpState::CloseWait && t->state != TcpState::FinWait1 &&
      t->state != TcpState::Closing && t->state != TcpState::LastAck)
    return;
  for (;;) {
    u32 inflight = t->snd_nxt - t->snd_una;
    usize data_end = t->sndbuf.size();  // bytes from snd_una
    usize sent = inflight - (t->fin_sent ? 1 : 0);
    u32 wnd = t->snd_wnd < t->cwnd ? t->snd_wnd : t->cwnd;
    if (sent < data_end) {
      if (inflight >= wnd) {
        // Zero window (or cwnd full): the retransmission timer doubles as the persist timer.
        if (!t->rto_deadline_ns) t->rto_deadline_ns = now_ns + t->rto_ns;
        return;
      }
      usize n = data_end - sent;
      usize room = wnd - inflight;
      if (n > room) n = room;
      if (n > t->mss) n = t->mss;
      u8 buf[kEthMtu];
      t->sndbuf.peek(sent, buf, n);
      u32 seq = t->snd_una + static_cast<u32>(sent);
      bool last = sent + n == data_end;
      tcp_segment(s, seq, kAck | (last ? kPsh : 0), buf, n, now_ns);
      if (!t->rtt_timing && seq == t->snd_max) {
        t->rtt_timing = true;
        t->rtt_seq = seq + static_cast<u32>(n);
        t->rtt_start_ns = now_ns;
      }
      t->snd_nxt = seq + static_cast<u32>(n);
      if (seq_lt(t->snd_max, t->snd_nxt)) t->snd_max = t->snd_nxt;
      if (!t->rto_deadline_ns) t->rto_deadline_ns = now_ns + t->rto_ns;
      continue;
    }
    if (t->fin_queued && !t->fin_sent && !t->fin_acked) {
      tcp_segment(s, t->snd_nxt, kFin | kAck, nullptr, 0, now_ns);
      t->fin_sent = true;
      t->fin_numbered = true;
      t->fin_seq = t->snd_nxt;
      ++t->snd_nxt;
      if (seq_lt(t->snd_max, t->snd_nxt)) t->snd_max = t->snd_nxt;
      if (t->state == TcpState::Established) t->state = TcpState::FinWait1;
      else if (t->state == TcpState::CloseWait) t->state = TcpState::LastAck;
      if (!t->rto_deadline_ns) t->rto_deadline_ns = now_ns + t->rto_ns;
      changed();
    }
    return;
  }
}

bool Stack::tcp_drop(Socket* s, int error) {
  Tcb* t = s->tcb;
  t->state = TcpState::Closed;
  t->rto_deadline_ns = 0;
  if (error) t->error = error;
  changed();
  if (t->parent) {  // never accepted: the listener forgets it
    Tcb* pt = t->parent->tcb;
    for (Socket** p = &pt->accept_head; *p; p = &(*p)->tcb->accept_next) {
      if (*p == s) {
        *p = t->accept_next;
        if (pt->accept_tail == s) {
          pt->accept_tail = nullptr;
          for (Socket* q = pt->accept_head; q; q = q->tcb->accept_next) pt->accept_tail = q;
        }
        break;
      }
    }
    --pt->queued;
    unlink_free(s);
    return false;
  }
  if (t->orphan) {
    unlink_free(s);
    return false;
  }
  return true;
}

Socket* Stack::tcp_child(Socket* l, const Ipv4Packet& ip, u16 sport, u32 seq, u16 mss, u64 now_ns) {
  Tcb* lt = l->tcb;
  if (lt->queued >= lt->backlog) return nullptr;  // a full backlog ignores the SYN (the peer retries)
  Socket* c = open(SockType::Tcp);
  if (!c) return nullptr;
  Tcb* t = c->tcb;
  c->local = SockAddr{ip.dst, l->local.port};
  c->peer = SockAddr{ip.src, sport};
  c->bound = c->connected = true;
  t->parent = l;
  t->irs = seq;
  t->rcv_nxt = seq + 1;
  t->iss = iss_counter_ += 64000 + static_cast<u32>(now_ns >> 12);
  t->snd_una = t->iss;
  t->snd_nxt = t->snd_max = t->iss + 1;
  t->mss = mss ? (mss < kOurMss ? mss : kOurMss) : 536;
  t->cwnd = 10u * t->mss;  // RFC 6928's initial window
  t->state = TcpState::SynReceived;
  ++lt->queued;
  ++stats_.tcp_passive_opens;
  tcp_segment(c, t->iss, kSyn | kAck, nullptr, 0, now_ns);
  t->rto_deadline_ns = now_ns + t->rto_ns;
  return c;
}

bool Stack::tcp_on_ack(Socket* s, u32 ack, u32 wnd, usize seg_len, u64 now_ns) {
  Tcb* t = s->tcb;
  if (seq_lt(t->snd_max, ack)) {  // acknowledges something never sent
    tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
    return true;
  }
  if (seq_le(ack, t->snd_una)) {
    // A duplicate: with data outstanding and the window unchanged, count toward fast
    // retransmit (RFC 5681 3.2).
    if (ack == t->snd_una && t->snd_max != t->snd_una && wnd == t->snd_wnd && seg_len == 0) {
      if (++t->dupacks == 3) {
        u32 flight = t->snd_max - t->snd_una;
        t->ssthresh = flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
        t->cwnd = t->ssthresh + 3u * t->mss;
        t->snd_nxt = t->snd_una;  // resend from the hole
        t->rtt_timing = false;
        t->fin_sent = false;      // resent after the data
        ++t->retransmits;
        ++stats_.tcp_retransmits;
      } else if (t->dupacks > 3) {
        t->cwnd += t->mss;
      }
    }
    t->snd_wnd = wnd;
    return true;
  }
  u32 acked = ack - t->snd_una;
  // The FIN takes the sequence number after the data; everything else acknowledged is data.
  bool fin_acked = t->fin_numbered && !t->fin_acked && ack == t->fin_seq + 1;
  t->sndbuf.drop(acked);
  t->snd_una = ack;
  if (seq_le(t->snd_nxt, ack)) {
    t->snd_nxt = ack;
    if (fin_acked) t->fin_sent = false;
  }
  if (fin_acked) t->fin_acked = true;
  t->snd_wnd = wnd;
  if (t->dupacks >= 3) t->cwnd = t->ssthresh;  // leaving fast recovery
  else if (t->cwnd < t->ssthresh) t->cwnd += acked < t->mss ? acked : t->mss;  // slow start
  else t->cwnd += static_cast<u32>(static_cast<u64>(t->mss) * t->mss / (t->cwnd ? t->cwnd : 1));
  t->dupacks = 0;
  t->retries = 0;
  if (t->rtt_timing && seq_le(t->rtt_seq, ack)) {  // RFC 6298 2.2/2.3
    u64 r = now_ns - t->rtt_start_ns;
    if (!t->srtt_ns) {
      t->srtt_ns = r;
      t->rttvar_ns = r / 2;
    } else {
      u64 d = t->srtt_ns > r ? t->srtt_ns - r : r - t->srtt_ns;
      t->rttvar_ns = (3 * t->rttvar_ns + d) / 4;
      t->srtt_ns = (7 * t->srtt_ns + r) / 8;
    }
    u64 rto = t->srtt_ns + (4 * t->rttvar_ns > 10'000'000 ? 4 * t->rttvar_ns : 10'000'000);
    t->rto_ns = rto < kRtoMin ? kRtoMin : rto > kRtoMax ? kRtoMax : rto;
    t->rtt_timing = false;
  }
  t->rto_deadline_ns = t->snd_una == t->snd_max ? 0 : now_ns + t->rto_ns;
  changed();  // room in the send buffer
  if (fin_acked) {
    if (t->state == TcpState::FinWait1) t->state = TcpState::FinWait2;
    else if (t->state == TcpState::Closing) {
      t->state = TcpState::TimeWait;
      t->timewait_deadline_ns = now_ns + kTimeWaitNs;
    } else if (t->state == TcpState::LastAck) {
      return tcp_drop(s, 0);
    }
  }
  return true;
}

void Stack::on_tcp(const Ipv4Packet& ip, u64 now_ns) {
  Segment g;
  if (!parse_tcp(ip, &g)) return drop(ip.len < kTcpHeader ? Drop::Short : Drop::BadChecksum);
  ++stats_.tcp_in;
  if (!loops_back(ip.dst)) return drop(Drop::NotForUs);  // no TCP to broadcast addresses
  Socket* s = nullptr;
  Socket* listener = nullptr;
  for (Socket* k = sockets_; k; k = k->next) {
    if (k->type != SockType::Tcp || k->local.port != g.dport) continue;
    TcpState st = k->tcb->state;
    if (st == TcpState::Listen) {
      if (!k->local.addr || k->local.addr == ip.dst) listener = k;
    } else if (st != TcpState::Closed && k->peer.addr == ip.src && k->peer.port == g.sport && k->local.addr == ip.dst) {
      s = k;
      break;
    }
  }
  if (!s && listener) {
    if (g.flags & kRst) return;
    if (g.flags & kAck) return tcp_reset_reply(ip, g.seq, g.ack, g.flags, g.len, now_ns);
    if (!(g.flags & kSyn)) return;
    (void)tcp_child(listener, ip, g.sport, g.seq, g.mss, now_ns);
    return;
  }
  if (!s) {
    drop(Drop::NoSocket);
    return tcp_reset_reply(ip, g.seq, g.ack, g.flags, g.len, now_ns);
  }
  Tcb* t = s->tcb;
  if (g.flags & kRst) ++stats_.tcp_resets_in;

  if (t->state == TcpState::SynSent) {
    bool ack_ok = (g.flags & kAck) && g.ack == t->iss + 1;
    if ((g.flags & kAck) && !ack_ok) {
      if (!(g.flags & kRst)) tcp_reset_reply(ip, g.seq, g.ack, g.flags, g.len, now_ns);
      return;
    }
    if (g.flags & kRst) {
      if (ack_ok) tcp_drop(s, static_cast<int>(kConnRefused));
      return;
    }
    if (!(g.flags & kSyn) || !ack_ok) return;  // simultaneous open is not supported
    t->irs = g.seq;
    t->rcv_nxt = g.seq + 1;
    t->snd_una = g.ack;
    t->snd_wnd = g.wnd;
    t->mss = g.mss ? (g.mss < kOurMss ? g.mss : kOurMss) : 536;
    t->cwnd = 10u * t->mss;
    t->state = TcpState::Established;
    t->rto_deadline_ns = 0;
    t->retries = 0;
    if (t->rtt_timing) {  // the SYN's round trip seeds the estimate
      t->srtt_ns = now_ns - t->rtt_start_ns;
      t->rttvar_ns = t->srtt_ns / 2;
      u64 rto = t->srtt_ns + 4 * t->rttvar_ns;
      t->rto_ns = rto < kRtoMin ? kRtoMin : rto;
      t->rtt_timing = false;
    }
    tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
    changed();
    tcp_output(s, now_ns);
    return;
  }

  // Acceptability (RFC 9293 3.10.7.4), with our window as it is now.
  u32 wnd = tcp_window(t);
  u32 seg_len = static_cast<u32>(g.len) + ((g.flags & kSyn) ? 1 : 0) + ((g.flags & kFin) ? 1 : 0);
  bool acceptable;
  if (seg_len == 0)
    acceptable = wnd == 0 ? g.seq == t->rcv_nxt : (seq_le(t->rcv_nxt, g.seq) && seq_lt(g.seq, t->rcv_nxt + wnd));
  else
    acceptable = wnd != 0 && ((seq_le(t->rcv_nxt, g.seq) && seq_lt(g.seq, t->rcv_nxt + wnd)) ||
                              (seq_le(t->rcv_nxt, g.seq + seg_len - 1) && seq_lt(g.seq + seg_len - 1, t->rcv_nxt + wnd)) ||
                              seq_lt(g.seq, t->rcv_nxt));  // a retransmission of what we have: ACK it again
  if (!acceptable) {
    if (!(g.flags & kRst)) tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
    return;
  }
  if (g.flags & kRst) {
    if (g.seq != t->rcv_nxt) {  // RFC 5961: only an exact RST resets; others get a challenge ACK
      tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
      return;
    }
    tcp_drop(s, t->state == TcpState::SynReceived && t->parent ? 0 : static_cast<int>(kConnReset));
    return;
  }
  if (g.flags & kSyn) {  // a SYN inside the connection: the peer lost its state
    if (t->state == TcpState::SynReceived && g.seq == t->irs) {  // our SYN-ACK was lost
      tcp_segment(s, t->iss, kSyn | kAck, nullptr, 0, now_ns);
      return;
    }
    tcp_segment(s, t->snd_nxt, kRst | kAck, nullptr, 0, now_ns);
    ++stats_.tcp_resets_out;
    tcp_drop(s, static_cast<int>(kConnReset));
    return;
  }
  if (!(g.flags & kAck)) return;
  if (t->state == TcpState::SynReceived) {
    if (!(seq_lt(t->snd_una, g.ack) && seq_le(g.ack, t->snd_max)))
      return tcp_reset_reply(ip, g.seq, g.ack, g.flags, g.len, now_ns);
    t->state = TcpState::Established;
    t->snd_una = g.ack;
    t->snd_wnd = g.wnd;
    t->rto_deadline_ns = 0;
    t->retries = 0;
    if (Socket* l = t->parent) {  // ready for accept()
      Tcb* lt = l->tcb;
      if (lt->accept_tail) lt->accept_tail->tcb->accept_next = s;
      else lt->accept_head = s;
      lt->accept_tail = s;
      t->accept_next = nullptr;
    }
    changed();
  } else {
    if (!tcp_on_ack(s, g.ack, g.wnd, g.len + ((g.flags & kFin) ? 1 : 0), now_ns)) return;  // freed
    if (t->state == TcpState::Closed) return;  // LAST_ACK done
  }

  // Data, in order only.
  bool ack_now = false;
  u32 seq = g.seq;
  const u8* data = g.data;
  usize len = g.len;
  if (seq_lt(seq, t->rcv_nxt)) {  // the front was received before
    u32 skip = t->rcv_nxt - seq;
    if (skip >= len + ((g.flags & kFin) ? 1 : 0)) {
      tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
      return;
    }
    skip = skip < len ? skip : static_cast<u32>(len);
    data += skip;
    len -= skip;
    seq += skip;
  }
  bool can_take = t->state == TcpState::Established || t->state == TcpState::FinWait1 || t->state == TcpState::FinWait2;
  if (len && can_take) {
    if (seq != t->rcv_nxt) {
      ++stats_.tcp_out_of_order;
      tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);  // a duplicate ACK: the peer resends
      return;
    }
    usize took = s->shut_rd ? len : t->rcvbuf.push(data, len);  // after SHUT_RD: discarded
    t->rcv_nxt += static_cast<u32>(took);
    ack_now = true;
    if (took) changed();
    if (took < len) {  // no room for all of it: the rest comes again when the window opens
      tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
      return;
    }
  }
  if ((g.flags & kFin) && seq + len == t->rcv_nxt && !t->fin_received) {
    t->fin_received = true;
    ++t->rcv_nxt;
    ack_now = true;
    changed();
    switch (t->state) {
      case TcpState::Established: t->state = TcpState::CloseWait; break;
      case TcpState::FinWait1:
        // Our FIN not yet acknowledged (else tcp_on_ack moved us to FinWait2).
        t->state = TcpState::Closing;
        break;
      case TcpState::FinWait2:
        t->state = TcpState::TimeWait;
        t->timewait_deadline_ns = now_ns + kTimeWaitNs;
        break;
      default: break;
    }
  }
  if (ack_now) tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
  tcp_output(s, now_ns);
}

void Stack::tcp_tick(u64 now_ns) {
  for (Socket* s = sockets_; s;) {
    Socket* next = s->next;  // tcp_drop may free s
    Tcb* t = s->tcb;
    if (s->type != SockType::Tcp || !t) {
      s = next;
      continue;
    }
    if (t->state == TcpState::TimeWait && now_ns >= t->timewait_deadline_ns) {
      tcp_drop(s, 0);
    } else if (t->rto_deadline_ns && now_ns >= t->rto_deadline_ns) {
      bool handshake = t->state == TcpState::SynSent || t->state == TcpState::SynReceived;
      if (++t->retries > (handshake ? kTcpSynRetries : kTcpMaxRetries)) {
        tcp_segment(s, t->snd_nxt, kRst | kAck, nullptr, 0, now_ns);
        ++stats_.tcp_resets_out;
        tcp_drop(s, static_cast<int>(kTimedOut));
      } else {
        ++t->retransmits;
        ++stats_.tcp_retransmits;
        t->rto_ns = t->rto_ns * 2 > kRtoMax ? kRtoMax : t->rto_ns * 2;  // RFC 6298 5.5
        t->rtt_timing = false;                                       // Karn
        u32 flight = t->snd_max - t->snd_una;
        t->ssthresh = flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
        t->cwnd = t->mss;
        t->dupacks = 0;
        t->rto_deadline_ns = now_ns + t->rto_ns;
        if (t->state == TcpState::SynSent) {
          tcp_segment(s, t->iss, kSyn, nullptr, 0, now_ns);
        } else if (t->state == TcpState::SynReceived) {
          tcp_segment(s, t->iss, kSyn | kAck, nullptr, 0, now_ns);
        } else {
          t->snd_nxt = t->snd_una;  // go back to the oldest unacknowledged byte
          {
            t->fin_sent = false;  // resent after the data
            u32 saved_wnd = t->snd_wnd;
            if (saved_wnd == 0) t->snd_wnd = 1;  // persist: probe a closed window with one byte
            t->rto_deadline_ns = 0;
            tcp_output(s, now_ns);
            if (saved_wnd == 0) t->snd_wnd = 0;
            if (!t->rto_deadline_ns) t->rto_deadline_ns = now_ns + t->rto_ns;
          }
        }
      }
    }
    s = next;
  }
}

// ---- the program's side ----

int Stack::take_tcp_error(Socket* s) {
  Tcb* t = s->tcb;
  if (!t || !t->error || t->error_taken) return 0;
  t->error_taken = true;
  return t->error;
}

i64 Stack::tcp_connect(Socket* s, SockAddr to, u64 now_ns) {
  EntryGuard guard(this);
  Tcb* t = s->tcb;
  if (t->state == TcpState::SynSent) return -err::kAgain;  // EALREADY in the caller's terms
  if (t->state != TcpState::Closed || t->error) return t->state == TcpState::Listen ? -err::kInval : -kIsConnErr;
  if (to.addr == 0 || to.port == 0) return -err::kInval;
  if (!loops_back(to.addr) && (!tx_ || cfg_.addr == 0)) return -err::kNetUnreach;
  if (i64 r = route_check(s->local.addr, to.addr); r < 0) return r;
  if (i64 r = auto_bind(s); r < 0) return r;
  if (!s->local.addr) s->local.addr = source_for(to.addr);
  s->peer = to;
  s->connected = true;
  t->iss = iss_counter_ += 64000 + static_cast<u32>(now_ns >> 12);
  t->snd_una = t->iss;
  t->snd_nxt = t->snd_max = t->iss + 1;
  t->state = TcpState::SynSent;
  t->rtt_timing = true;
  t->rtt_start_ns = now_ns;
  ++stats_.tcp_active_opens;
  tcp_segment(s, t->iss, kSyn, nullptr, 0, now_ns);
  t->rto_deadline_ns = now_ns + t->rto_ns;
  return -kInProgress;
}

i64 Stack::tcp_listen(Socket* s, u32 backlog) {
  Tcb* t = s->tcb;
  if (t->state != TcpState::Closed && t->state != TcpState::Listen) return -err::kInval;
  if (i64 r = auto_bind(s); r < 0) return r;
  t->backlog = backlog < 1 ? 1 : backlog > 128 ? 128 : backlog;
  t->state = TcpState::Listen;
  return 0;
}

Socket* Stack::tcp_accept(Socket* s) {
  Tcb* t = s->tcb;
  Socket* c = t->accept_head;
  if (!c) return nullptr;
  t->accept_head = c->tcb->accept_next;
  if (!t->accept_head) t->accept_tail = nullptr;
  c->tcb->accept_next = nullptr;
  c->tcb->parent = nullptr;
  --t->queued;
  return c;
}

i64 Stack::tcp_send(Socket* s, const u8* data, usize n, u64 now_ns) {
  EntryGuard guard(this);
  Tcb* t = s->tcb;
  if (t->error) {
    int e = take_tcp_error(s);
    return e ? -e : -err::kPipe;  // after a reset: the error once, then EPIPE (Linux)
  }
  if (s->shut_wr || t->fin_queued) return -err::kPipe;
  if (t->state == TcpState::SynSent) return -err::kAgain;
  if (t->state != TcpState::Established && t->state != TcpState::CloseWait)
    return t->state == TcpState::Closed || t->state == TcpState::Listen ? -err::kNotConn : -err::kPipe;
  usize took = t->sndbuf.push(data, n);
  if (!took) return -err::kAgain;
  tcp_output(s, now_ns);
  return static_cast<i64>(took);
}

i64 Stack::tcp_recv(Socket* s, u8* buf, usize n, bool peek, u64 now_ns) {
  EntryGuard guard(this);
  Tcb* t = s->tcb;
  if (t->state == TcpState::Listen) return -err::kNotConn;
  usize got = t->rcvbuf.peek(0, buf, n);
  if (got) {
    if (!peek) {
      t->rcvbuf.drop(got);
      // Window update when the window we advertised has opened by a segment or more
      // (RFC 9293 3.8.6.2.2's receiver side of silly window avoidance).
      u32 right = t->rcv_nxt + tcp_window(t);
      if (static_cast<i32>(right - t->rcv_adv) >= static_cast<i32>(kOurMss) && t->state != TcpState::Closed &&
          t->state != TcpState::SynSent && t->state != TcpState::Listen)
        tcp_segment(s, t->snd_nxt, kAck, nullptr, 0, now_ns);
    }
    return static_cast<i64>(got);
  }
  if (t->error) {
    int e = take_tcp_error(s);
    return e ? -e : 0;  // after a reset: the error once, then end of file (Linux)
  }
  if (t->fin_received || s->shut_rd || t->state == TcpState::Closed) return 0;
  return -err::kAgain;
}

void Stack::tcp_shutdown(Socket* s, bool rd, bool wr, u64 now_ns) {
  EntryGuard guard(this);
  Tcb* t = s->tcb;
  if (rd) s->shut_rd = true;
  if (wr && !t->fin_queued) {
    s->shut_wr = true;
    t->fin_queued = true;
    tcp_output(s, now_ns);
  }
  changed();
}

void Stack::tcp_close(Socket* s, u64 now_ns) {
  Tcb* t = s->tcb;
  if (t->state == TcpState::Listen) {
    // Connections nobody accepted are reset.
    while (Socket* c = tcp_accept(s)) {
      tcp_segment(c, c->tcb->snd_nxt, kRst | kAck, nullptr, 0, now_ns);
      ++stats_.tcp_resets_out;
      unlink_free(c);
    }
    for (Socket* k = sockets_; k;) {  // half-open children
      Socket* next = k->next;
      if (k->tcb && k->tcb->parent == s) unlink_free(k);
      k = next;
    }
    return unlink_free(s);
  }
  if (t->state == TcpState::Closed || t->state == TcpState::SynSent || t->state == TcpState::TimeWait) {
    if (t->state == TcpState::SynSent) {
      ++stats_.tcp_resets_out;
      tcp_segment(s, t->snd_nxt, kRst, nullptr, 0, now_ns);
    }
    return unlink_free(s);
  }
  if (t->rcvbuf.size() && !t->fin_received) {
    // Unread data: RFC 2525 2.17 says reset, so the peer knows it was not consumed.
    tcp_segment(s, t->snd_nxt, kRst | kAck, nullptr, 0, now_ns);
    ++stats_.tcp_resets_out;
    return unlink_free(s);
  }
  t->orphan = true;
  if (!t->fin_queued) {
    t->fin_queued = true;
    s->shut_wr = true;
    tcp_output(s, now_ns);
  }
}

}  // namespace sis::net
