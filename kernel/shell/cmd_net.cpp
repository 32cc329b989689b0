// Network commands (docs/network.md):
//   ifconfig [--json]   the interfaces: eth0 (MAC, address, link, the driver's packet counters)
//                       and lo (127.0.0.1/8, the stack's loopback counters)
//   netstat [--json]    protocol counters, drops by reason, open sockets (TCP states), the ARP cache
//   ping [-c N] [-s BYTES] [-i MS] [-W MS] ADDR   ICMP echo from the kernel (a ping socket)
#include "drivers/virtio/virtio_net.h"
#include "lib/json.h"
#include "lib/json_output.h"
#include "lib/string.h"
#include "net/net_kernel.h"
#include "sched/scheduler.h"
#include "shell/cancel.h"
#include "shell/command.h"

namespace sis::shell {
namespace {

using ull = unsigned long long;

void ip_text(net::Ip4 a, char (&buf)[16]) { net::format_ip4(a, buf, sizeof buf); }

void mac_text(const u8* m, char (&buf)[18]) {
  const char* hex = "0123456789abcdef";
  for (int i = 0; i < 6; ++i) {
    buf[i * 3] = hex[m[i] >> 4];
    buf[i * 3 + 1] = hex[m[i] & 15];
    buf[i * 3 + 2] = i == 5 ? 0 : ':';
  }
}

int no_nic(Output& out, const char* cmd) {
  out.printf("%s: no network interface (the VM has no virtio-net device)\n", cmd);
  return 1;
}

int cmd_ifconfig(const Args& a, Output& out) {
  net::Stack* st = net::stack();
  virtio::Net* nic = net::device();
  if (!st || !nic) return no_nic(out, "ifconfig");
  net::Config c;
  struct {
    u64 lo_rx_packets, lo_rx_bytes, lo_tx_packets, lo_tx_bytes, lo_tx_dropped;
  } k;
  {
    SpinLockGuard g(st->lock());
    c = st->config();
    const net::StackStats& t = st->stats();
    k = {t.lo_rx_packets, t.lo_rx_bytes, t.lo_tx_packets, t.lo_tx_bytes, t.lo_tx_dropped};
  }
  char lo_ip[16], lo_mask[16];
  ip_text(net::kLoopbackAddr, lo_ip);
  ip_text(net::kLoopbackMask, lo_mask);
  virtio::NetStats s = nic->stats();
  char ip[16], mask[16], gw[16], dns[16], mac[18];
  ip_text(c.addr, ip);
  ip_text(c.netmask, mask);
  ip_text(c.gateway, gw);
  ip_text(c.dns, dns);
  mac_text(c.mac, mac);
  const net::AddressInfo& how = net::address();
  char server[16];
  ip_text(how.lease.server, server);
  if (a.has("--json")) {
    return print_json_members(out, [&](JsonWriter& w) {
      w.kv("name", "eth0").kv("mac", mac).kv("address", ip).kv("netmask", mask).kv("gateway", gw).kv("dns", dns);
      w.kv("config", how.dhcp ? "dhcp" : "static");
      if (how.dhcp) w.kv("dhcp_server", server).kv_uint("lease_s", how.lease.lease_s);
      else w.kv("dhcp_failure", how.failure);
      w.kv_uint("dhcp_us", how.took_ns / 1000).kv_uint("dhcp_messages_sent", how.messages_sent);
      w.kv_bool("link_up", nic->link_up()).kv("interrupt_mode", nic->msix() ? "msix" : "intx");
      w.kv_uint("mtu", net::kEthMtu);
      w.kv_uint("rx_packets", s.rx_packets).kv_uint("rx_bytes", s.rx_bytes).kv_uint("rx_dropped", s.rx_dropped);
      w.kv_uint("tx_packets", s.tx_packets).kv_uint("tx_bytes", s.tx_bytes).kv_uint("tx_dropped", s.tx_dropped);
      w.kv_uint("interrupts", s.interrupts).kv_uint("rx_interrupts", s.rx_interrupts);
      w.kv_uint("tx_interrupts", s.tx_interrupts).kv_uint("rx_refill_batches", s.rx_refill_batches);
      w.kv_uint("notifies", s.notifies);
      w.kv_uint("device_features", nic->offered_features()).kv_uint("driver_features", nic->features());
      w.kv_bool("csum_offload_offered", nic->offered_features() & (virtio::Net::kFeatureCsum | virtio::Net::kFeatureGuestCsum));
      w.key("lo").begin_object();
      w.kv("name", "lo").kv("address", lo_ip).kv("netmask", lo_mask).kv_uint("mtu", net::kEthMtu);
      w.kv_uint("rx_packets", k.lo_rx_packets).kv_uint("rx_bytes", k.lo_rx_bytes);
      w.kv_uint("tx_packets", k.lo_tx_packets).kv_uint("tx_bytes", k.lo_tx_bytes).kv_uint("tx_dropped", k.lo_tx_dropped);
      w.end_object();
    });
  }
  out.printf("eth0: virtio-net %s, link %s, mtu %u, %s\n", mac, nic->link_up() ? "up" : "down",
             static_cast<unsigned>(net::kEthMtu), nic->msix() ? "MSI-X rx/tx" : "INTx");
  out.printf("      inet %s netmask %s gateway %s dns %s\n", ip, mask, gw, dns);
  if (how.dhcp)
    out.printf("      dhcp from %s, lease %u s, bound in %llu us\n", server, how.lease.lease_s,
               (ull)(how.took_ns / 1000));
  else
    out.printf("      static (QEMU user-network defaults): %s\n", how.failure);
  out.printf("      RX packets %llu bytes %llu dropped %llu\n", (ull)s.rx_packets, (ull)s.rx_bytes, (ull)s.rx_dropped);
  out.printf("      TX packets %llu bytes %llu dropped %llu\n", (ull)s.tx_packets, (ull)s.tx_bytes, (ull)s.tx_dropped);
  u64 pk = s.rx_packets + s.tx_packets;
  out.printf("      interrupts %llu (rx %llu, tx %llu), %llu.%02llu per packet; refill batches %llu, notifies %llu\n",
             (ull)s.interrupts, (ull)s.rx_interrupts, (ull)s.tx_interrupts, (ull)(pk ? s.interrupts / pk : 0),
             (ull)(pk ? s.interrupts * 100 / pk % 100 : 0), (ull)s.rx_refill_batches, (ull)s.notifies);
  u64 offered = nic->offered_features();
  out.printf("      features: device 0x%llx, in use 0x%llx; checksum offload %s\n", (ull)offered,
             (ull)nic->features(),
             offered & (virtio::Net::kFeatureCsum | virtio::Net::kFeatureGuestCsum)
                 ? "offered by the device, not used"
                 : "not offered by the device (QEMU's user network has no virtio-net headers)");
  out.printf("lo: loopback, mtu %u\n", static_cast<unsigned>(net::kEthMtu));
  out.printf("      inet %s netmask %s\n", lo_ip, lo_mask);
  out.printf("      RX packets %llu bytes %llu\n", (ull)k.lo_rx_packets, (ull)k.lo_rx_bytes);
  out.printf("      TX packets %llu bytes %llu dropped %llu\n", (ull)k.lo_tx_packets, (ull)k.lo_tx_bytes,
             (ull)k.lo_tx_dropped);
  return 0;
}

struct SocketRow {
  net::SockType type;
  const char* state;  // TCP: the connection state; others: ""
  u64 retransmits;
  net::SockAddr local, peer;
  bool connected;
  usize queued;
  u64 rx, tx, overflows;
};

int cmd_netstat(const Args& a, Output& out) {
  net::Stack* st = net::stack();
  if (!st) return no_nic(out, "netstat");
  static net::StackStats s;
  static SocketRow rows[32];
  static net::Stack::ArpView arp[net::Stack::kArpEntries];
  usize nrows = 0, narp, nsock;
  {
    SpinLockGuard g(st->lock());
    s = st->stats();
    nsock = st->socket_count();
    for (const net::Socket* k = st->first_socket(); k && nrows < 32; k = k->next)
      rows[nrows++] = SocketRow{k->type,
                                k->tcb ? net::tcp_state_name(k->tcb->state) : "",
                                k->tcb ? k->tcb->retransmits : 0,
                                k->local,
                                k->peer,
                                k->connected,
                                k->tcb ? k->tcb->rcvbuf.size() + k->tcb->sndbuf.size() : k->queued,
                                k->rx_datagrams,
                                k->tx_datagrams,
                                k->rx_overflows};
    narp = st->arp_snapshot(arp, net::Stack::kArpEntries);
  }
  if (a.has("--json")) {
    return print_json_members(out, [&](JsonWriter& w) {
      w.key("counters").begin_object();
      w.kv_uint("rx_frames", s.rx_frames).kv_uint("tx_frames", s.tx_frames).kv_uint("tx_failed", s.tx_failed);
      w.kv_uint("arp_in", s.arp_in).kv_uint("arp_out", s.arp_out).kv_uint("arp_unresolved", s.arp_unresolved);
      w.kv_uint("ip_in", s.ip_in).kv_uint("ip_out", s.ip_out).kv_uint("icmp_in", s.icmp_in).kv_uint("icmp_out", s.icmp_out);
      w.kv_uint("echo_requests_in", s.echo_requests_in).kv_uint("echo_replies_in", s.echo_replies_in);
      w.kv_uint("udp_in", s.udp_in).kv_uint("udp_out", s.udp_out).kv_uint("socket_overflows", s.socket_overflows);
      w.kv_uint("tcp_in", s.tcp_in).kv_uint("tcp_out", s.tcp_out).kv_uint("tcp_retransmits", s.tcp_retransmits);
      w.kv_uint("tcp_resets_in", s.tcp_resets_in).kv_uint("tcp_resets_out", s.tcp_resets_out);
      w.kv_uint("tcp_active_opens", s.tcp_active_opens).kv_uint("tcp_passive_opens", s.tcp_passive_opens);
      w.kv_uint("tcp_out_of_order", s.tcp_out_of_order);
      w.kv_uint("dropped", s.dropped());
      w.end_object();
      w.key("drops").begin_object();
      for (usize i = 1; i < static_cast<usize>(net::Drop::kCount); ++i)
        w.kv_uint(net::drop_name(static_cast<net::Drop>(i)), s.drops[i]);
      w.end_object();
      w.kv_uint("socket_count", nsock);
      w.key("sockets").begin_array();
      for (usize i = 0; i < nrows; ++i) {
        char l[16], p[16];
        ip_text(rows[i].local.addr, l);
        ip_text(rows[i].peer.addr, p);
        w.begin_object().kv("type", net::sock_type_name(rows[i].type)).kv("state", rows[i].state).kv("local_address", l);
        w.kv_uint("local_port", rows[i].local.port).kv("peer_address", p).kv_uint("peer_port", rows[i].peer.port);
        w.kv_bool("connected", rows[i].connected).kv_uint("queued_bytes", rows[i].queued);
        w.kv_uint("rx_datagrams", rows[i].rx).kv_uint("tx_datagrams", rows[i].tx).kv_uint("rx_overflows", rows[i].overflows);
        w.kv_uint("retransmits", rows[i].retransmits);
        w.end_object();
      }
      w.end_array();
      w.key("arp").begin_array();
      for (usize i = 0; i < narp; ++i) {
        char ip[16], mac[18];
        ip_text(arp[i].ip, ip);
        mac_text(arp[i].mac, mac);
        w.begin_object().kv("address", ip).kv("mac", mac).kv_bool("resolved", arp[i].resolved).end_object();
      }
      w.end_array();
    });
  }
  out.printf("frames: rx %llu tx %llu (tx failed %llu)\n", (ull)s.rx_frames, (ull)s.tx_frames, (ull)s.tx_failed);
  out.printf("arp:    in %llu out %llu unresolved %llu\n", (ull)s.arp_in, (ull)s.arp_out, (ull)s.arp_unresolved);
  out.printf("ip:     in %llu out %llu\n", (ull)s.ip_in, (ull)s.ip_out);
  out.printf("icmp:   in %llu out %llu (echo requests in %llu, replies in %llu)\n", (ull)s.icmp_in, (ull)s.icmp_out,
             (ull)s.echo_requests_in, (ull)s.echo_replies_in);
  out.printf("udp:    in %llu out %llu; socket queue overflows %llu\n", (ull)s.udp_in, (ull)s.udp_out,
             (ull)s.socket_overflows);
  out.printf("tcp:    in %llu out %llu retransmits %llu resets in %llu out %llu; opens active %llu passive %llu; "
             "out of order %llu\n",
             (ull)s.tcp_in, (ull)s.tcp_out, (ull)s.tcp_retransmits, (ull)s.tcp_resets_in, (ull)s.tcp_resets_out,
             (ull)s.tcp_active_opens, (ull)s.tcp_passive_opens, (ull)s.tcp_out_of_order);
  out.printf("drops:  %llu", (ull)s.dropped());
  for (usize i = 1; i < static_cast<usize>(net::Drop::kCount); ++i)
    if (s.drops[i]) out.printf(" %s=%llu", net::drop_name(static_cast<net::Drop>(i)), (ull)s.drops[i]);
  out.print("\n");
  out.printf("sockets: %llu\n", (ull)nsock);
  if (nrows) out.print("  TYPE        LOCAL                  PEER                   STATE        QUEUED\n");
  for (usize i = 0; i < nrows; ++i) {
    char l[16], p[16];
    ip_text(rows[i].local.addr, l);
    ip_text(rows[i].peer.addr, p);
    out.printf("  %-10s  %15s:%-5u  %15s:%-5u  %-11s  %6llu\n", net::sock_type_name(rows[i].type), l,
               static_cast<unsigned>(rows[i].local.port), rows[i].connected ? p : "*",
               static_cast<unsigned>(rows[i].peer.port), rows[i].state, (ull)rows[i].queued);
  }
  out.print("arp cache:\n");
  for (usize i = 0; i < narp; ++i) {
    char ip[16], mac[18];
    ip_text(arp[i].ip, ip);
    mac_text(arp[i].mac, mac);
    out.printf("  %-15s %s\n", ip, arp[i].resolved ? mac : "(incomplete)");
  }
  return 0;
}

bool parse_bounded(StrView v, u64 lo, u64 hi, u64* out) { return parse_u64(v, out) && *out >= lo && *out <= hi; }

int cmd_ping(const Args& a, Output& out) {
  net::Stack* st = net::stack();
  if (!st) return no_nic(out, "ping");
  u64 count = 4, size = 56, interval_ms = 1000, wait_ms = 2000;
  StrView target;
  for (usize i = 1; i < a.argc; ++i) {
    StrView w = a.argv[i];
    u64* dst = w == StrView("-c") ? &count : w == StrView("-s") ? &size : w == StrView("-i") ? &interval_ms
                                           : w == StrView("-W") ? &wait_ms : nullptr;
    if (dst) {
      u64 lo = dst == &size ? 0 : 1, hi = dst == &count ? 1000 : dst == &size ? 1472 : 60000;
      if (i + 1 >= a.argc || !parse_bounded(a.argv[i + 1], lo, hi, dst)) {
        out.printf("ping: %.*s needs a number %llu..%llu\n", static_cast<int>(w.size), w.data, (ull)lo, (ull)hi);
        return 2;
      }
      ++i;
    } else if (target.empty()) {
      target = w;
    } else {
      out.print("usage: ping [-c N] [-s BYTES] [-i MS] [-W MS] ADDR\n");
      return 2;
    }
  }
  net::Ip4 dst;
  if (target.empty() || !net::parse_ip4(target.data, target.size, &dst)) {
    out.print("ping: ADDR must be an IPv4 address like 10.0.2.2\n");
    return 2;
  }
  net::Socket* sock;
  {
    SpinLockGuard g(st->lock());
    sock = st->open(net::SockType::IcmpDgram);
  }
  if (!sock) {
    out.print("ping: out of sockets\n");
    return 1;
  }
  char ip[16];
  ip_text(dst, ip);
  out.printf("PING %s: %llu data bytes\n", ip, (ull)size);
  static u8 pkt[net::kIcmpHeader + 1472], reply[net::kIcmpHeader + 1472];
  u64 sent = 0, received = 0, rtt_min = ~0ull, rtt_max = 0, rtt_sum = 0;
  int status = 0;
  for (u64 seq = 1; seq <= count && !cancelled(); ++seq) {
    memset(pkt, 0, sizeof pkt);
    pkt[0] = net::kIcmpEchoRequest;
    net::store16(pkt + 6, static_cast<u16>(seq));
    for (u64 k = 0; k < size; ++k) pkt[net::kIcmpHeader + k] = static_cast<u8>(k);
    u64 t0 = net::clock_ns();
    net::SockAddr to{dst, 0};
    i64 r;
    bool delivered;
    {
      SpinLockGuard g(st->lock());
      r = st->send(sock, pkt, net::kIcmpHeader + size, &to, t0);
      delivered = st->take_changed();  // a ping to our own address answers at once
    }
    if (delivered) net::notify_changed();
    if (r < 0) {
      out.printf("ping: send failed: errno %lld\n", static_cast<long long>(-r));
      status = 1;
      break;
    }
    ++sent;
    bool got = false;
    u64 deadline = t0 + wait_ms * 1'000'000;
    while (!got && !cancelled()) {
      u64 now = net::clock_ns();
      if (now >= deadline) break;
      net::changes().wait_until_for(
          [&] {
            SpinLockGuard g(st->lock());
            return st->readable(sock);
          },
          deadline - now);
      net::SockAddr from;
      usize full = 0;
      i64 n;
      {
        SpinLockGuard g(st->lock());
        n = st->recv(sock, reply, sizeof reply, &from, false, &full);
      }
      if (n < static_cast<i64>(net::kIcmpHeader) || from.addr != dst) continue;
      if (net::load16(reply + 6) != static_cast<u16>(seq)) continue;  // a late reply to an earlier one
      u64 rtt = net::clock_ns() - t0;
      got = true;
      ++received;
      rtt_sum += rtt;
      rtt_min = min(rtt_min, rtt);
      rtt_max = max(rtt_max, rtt);
      out.printf("%llu bytes from %s: icmp_seq=%llu time=%llu.%03llu ms\n", (ull)(n - net::kIcmpHeader), ip, (ull)seq,
                 (ull)(rtt / 1'000'000), (ull)(rtt / 1000 % 1000));
    }
    if (!got && !cancelled()) out.printf("no reply for icmp_seq=%llu within %llu ms\n", (ull)seq, (ull)wait_ms);
    if (seq < count) {
      u64 next = t0 + interval_ms * 1'000'000, now = net::clock_ns();
      if (next > now && !cancelled()) sched::sleep_ns(next - now);
    }
  }
  {
    SpinLockGuard g(st->lock());
    st->close(sock);
  }
  out.printf("--- %s ping statistics ---\n%llu packets transmitted, %llu received, %llu%% packet loss\n", ip, (ull)sent,
             (ull)received, (ull)(sent ? (sent - received) * 100 / sent : 0));
  if (received) {
    u64 avg = rtt_sum / received;
    out.printf("rtt min/avg/max = %llu.%03llu/%llu.%03llu/%llu.%03llu ms\n", (ull)(rtt_min / 1'000'000),
               (ull)(rtt_min / 1000 % 1000), (ull)(avg / 1'000'000), (ull)(avg / 1000 % 1000),
               (ull)(rtt_max / 1'000'000), (ull)(rtt_max / 1000 % 1000));
  }
  if (status) return status;
  return received == sent && sent ? 0 : 1;
}

}  // namespace

SIS_COMMAND("ifconfig", "the network interfaces (eth0, lo): address, link, packet and interrupt counters",
            "ifconfig [--json]", cmd_ifconfig);
SIS_COMMAND("netstat", "network protocol counters, drops by reason, sockets, ARP cache", "netstat [--json]",
            cmd_netstat);
SIS_COMMAND("ping", "ICMP echo to an IPv4 address from the kernel",
            "ping [-c N] [-s BYTES] [-i MS] [-W MS] ADDR\n"
            "  -c count (default 4), -s payload bytes (56), -i interval ms (1000), -W reply wait ms (2000)\n"
            "  exits 0 when every request got its reply",
            cmd_ping);

}  // namespace sis::shell
