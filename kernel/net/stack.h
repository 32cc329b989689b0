// The IPv4 host stack: one Ethernet interface, ARP (cache with a pending packet per entry
// and retries), IPv4 (no fragmentation, no forwarding), ICMP (echo answered; every message
// delivered to raw ICMP sockets, echo replies to ping sockets), UDP, and the datagram
// sockets user space and the shell's ping use. Portable and single-threaded by contract:
// every call is made with lock() held (the kernel's network thread for received frames and
// timers, the socket system calls for the rest). take_changed() says whether a socket got
// data since the last call: the caller wakes blocked readers after releasing the lock (so
// the stack never takes a wait queue's lock under its own).
//
// Loopback ("lo"): a packet to 127.0.0.0/8 or to our own address never reaches the NIC;
// it is queued and received through the same IPv4 path when the outermost stack call ends,
// so TCP, UDP and ICMP behave as over a link. A frame from the wire with a 127/8 source or
// destination, or with our own address as its source, is dropped and counted as a martian
// (RFC 1122 3.2.1.3; Linux's fib_validate_source). Sources: a socket's
// bound address, else 127.0.0.1 toward 127/8 and the interface address otherwise; a
// 127/8 source toward anything not local is EINVAL (Linux's ip_route_output).
//
// Socket calls return >= 0 or a negative Linux errno (net/net_errno.h), as the system calls
// they serve do. A hostile frame is dropped and counted by reason (stats().drops), never
// trusted: the parsers in wire.h check every length against the bytes present.
#pragma once
#include "core/spinlock.h"
#include "net/byte_ring.h"
#include "net/wire.h"

namespace sis::net {

struct Config {
  u8 mac[6] = {};
  Ip4 addr = 0, netmask = 0, gateway = 0, dns = 0;
};

// QEMU's user-mode network (slirp): the guest is 10.0.2.15/24, the host 10.0.2.2.
Config slirp_config(const u8 mac[6]);

struct StackStats {
  u64 rx_frames = 0, tx_frames = 0, tx_failed = 0;
  u64 arp_in = 0, arp_out = 0, arp_unresolved = 0;
  u64 ip_in = 0, ip_out = 0;
  u64 icmp_in = 0, icmp_out = 0, echo_requests_in = 0, echo_replies_in = 0;
  u64 udp_in = 0, udp_out = 0;
  u64 socket_overflows = 0;  // datagrams dropped because a socket's queue was full
  u64 tcp_in = 0, tcp_out = 0, tcp_retransmits = 0, tcp_resets_out = 0, tcp_resets_in = 0;
  u64 tcp_active_opens = 0, tcp_passive_opens = 0, tcp_out_of_order = 0;
  // The loopback interface (IPv4 packets, not frames; rx and tx differ only while a packet
  // waits in the queue, and by tx_dropped when the queue could not take one).
  u64 lo_rx_packets = 0, lo_rx_bytes = 0, lo_tx_packets = 0, lo_tx_bytes = 0, lo_tx_dropped = 0;
  u64 drops[static_cast<usize>(Drop::kCount)] = {};
  u64 dropped() const {
    u64 s = 0;
    for (u64 d : drops) s += d;
    return s;
  }
};

enum class SockType : u8 { Udp, IcmpRaw, IcmpDgram, Tcp };
const char* sock_type_name(SockType t);

struct SockAddr {
  Ip4 addr = 0;
  u16 port = 0;  // ICMP ping sockets: the echo identifier
};

struct Datagram {
  Datagram* next;
  SockAddr from;
  usize len;
  u8 data[];  // len bytes
};

struct Socket;

enum class TcpState : u8 {
  Closed, Listen, SynSent, SynReceived, Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait
};
const char* tcp_state_name(TcpState s);

// A TCP connection's state (RFC 793 names; RFC 6298 retransmission timer; RFC 5681 slow
// start and congestion avoidance with fast retransmit on three duplicate ACKs).
struct Tcb {
  TcpState state = TcpState::Closed;
  u32 iss = 0, snd_una = 0, snd_nxt = 0, snd_wnd = 0, snd_max = 0;
  u32 irs = 0, rcv_nxt = 0, rcv_adv = 0;  // rcv_adv: the right edge we advertised
  u16 mss = 536;                            // the peer's (RFC 9293 default without the option)
  ByteRing sndbuf, rcvbuf;
  bool fin_queued = false;   // the program shut down writing (or closed): FIN after the data
  bool fin_sent = false;     // the FIN lies in [snd_una, snd_nxt) (cleared on a go-back)
  bool fin_numbered = false; // the FIN has its sequence number, fin_seq
  bool fin_acked = false;
  u32 fin_seq = 0;
  bool fin_received = false;
  int error = 0;             // errno for the program: ECONNREFUSED, ECONNRESET, ETIMEDOUT
  bool error_taken = false;  // reported once (Linux's sock_error): later sends EPIPE, reads 0
  // Retransmission (RFC 6298): one segment timed at a time, Karn's rule on retransmits.
  u64 srtt_ns = 0, rttvar_ns = 0, rto_ns = 1'000'000'000;
  bool rtt_timing = false;
  u32 rtt_seq = 0;
  u64 rtt_start_ns = 0;
  u64 rto_deadline_ns = 0;  // 0: timer off
  u32 retries = 0;
  u32 cwnd = 0, ssthresh = 0xffffffff, dupacks = 0;
  u64 timewait_deadline_ns = 0;
  // Listening sockets: connections that completed the handshake, waiting for accept().
  Socket* accept_head = nullptr;
  Socket* accept_tail = nullptr;
  Socket* accept_next = nullptr;  // link in the parent's queue
  Socket* parent = nullptr;       // a connection not yet accepted: its listener
  u32 backlog = 0, queued = 0;    // queued: children in SynReceived or waiting for accept
  bool orphan = false;            // the program closed it: freed when it reaches Closed
  u64 retransmits = 0;
};

struct Socket {
  Socket* next = nullptr;  // the stack's list
  SockType type = SockType::Udp;
  SockAddr local, peer;
  bool bound = false, connected = false;
  bool local_auto = false;  // local.addr was chosen by a datagram connect (cleared by a disconnect)
  bool shut_rd = false, shut_wr = false;
  u8 ttl = 64;
  Datagram* head = nullptr;
  Datagram* tail = nullptr;
  usize queued = 0;  // bytes in the queue
  usize rcvbuf = 64 * 1024;
  u64 rx_datagrams = 0, tx_datagrams = 0, rx_overflows = 0;
  Tcb* tcb = nullptr;  // TCP only
};

class Stack {
 public:
  static constexpr usize kArpEntries = 16;
  static constexpr u64 kArpRetryNs = 1'000'000'000;
  static constexpr u32 kArpTries = 3;
  static constexpr usize kMaxSockets = 256;
  static constexpr u16 kEphemeralFirst = 49152;

  using TxFn = bool (*)(void* ctx, const u8* frame, usize len);
  void configure(const Config& c, TxFn tx, void* tx_ctx);
  const Config& config() const { return cfg_; }
  bool up() const { return tx_ != nullptr; }

  SpinLock& lock() SIS_RETURN_CAPABILITY(lock_) { return lock_; }
  bool take_changed();

  // A frame from the link (without FCS). now_ns: a monotonic clock (ARP timing).
  void receive(const u8* frame, usize len, u64 now_ns);
  // ARP retries and give-ups; call at least every 100 ms.
  void tick(u64 now_ns);

  // Sockets. open: nullptr when out of memory or kMaxSockets are open.
  Socket* open(SockType t);
  // Frees queued datagrams and the socket; a TCP connection first sends its FIN (or RST).
  void close(Socket* s, u64 now_ns = 0);
  i64 bind(Socket* s, SockAddr a);
  i64 connect(Socket* s, SockAddr a);  // addr 0 (AF_UNSPEC): disconnect
  // Sends one datagram (to, or the connected peer when to is null).
  i64 send(Socket* s, const u8* data, usize n, const SockAddr* to, u64 now_ns);
  // Takes (or with peek, copies) the first datagram: copies min(n, its length) bytes and
  // returns that count, *full the datagram's length; -EAGAIN when the queue is empty.
  i64 recv(Socket* s, u8* buf, usize n, SockAddr* from, bool peek, usize* full);
  bool readable(const Socket* s) const;
  bool writable(const Socket* s) const;
  bool hangup(const Socket* s) const;  // TCP: reset, or both directions finished

  // TCP (SockType::Tcp sockets). connect returns -EINPROGRESS once the SYN is out; the
  // caller waits until the state leaves SynSent (tcp_error tells why it failed).
  i64 tcp_connect(Socket* s, SockAddr to, u64 now_ns);
  i64 tcp_listen(Socket* s, u32 backlog);
  // A connection that completed its handshake, or nullptr (-EAGAIN for the caller).
  Socket* tcp_accept(Socket* s);
  // Queues up to n bytes; -EAGAIN when the send buffer is full, -EPIPE after shutdown.
  i64 tcp_send(Socket* s, const u8* data, usize n, u64 now_ns);
  // Takes up to n bytes; 0 at end of stream, -EAGAIN when nothing is there yet.
  i64 tcp_recv(Socket* s, u8* buf, usize n, bool peek, u64 now_ns);
  void tcp_shutdown(Socket* s, bool rd, bool wr, u64 now_ns);
  int tcp_error(const Socket* s) const { return s->tcb ? s->tcb->error : 0; }
  // The pending error, reported once as Linux's sock_error() does (connect, send, recv and
  // SO_ERROR take it): 0 when there is none or it was already taken.
  int take_tcp_error(Socket* s);
  static constexpr usize kTcpBuffer = 64 * 1024;
  static constexpr u64 kTimeWaitNs = 2'000'000'000;  // 2 s rather than 2*MSL: slirp's link
  static constexpr u32 kTcpMaxRetries = 8;  // then ETIMEDOUT (~4 min at the 60 s RTO cap)
  static constexpr u32 kTcpSynRetries = 6;  // a connect gives up after ~127 s, as Linux's default
  usize socket_count() const { return nsockets_; }
  const Socket* first_socket() const { return sockets_; }

  struct ArpView {
    Ip4 ip;
    u8 mac[6];
    bool resolved;
    u32 tries;
  };
  usize arp_snapshot(ArpView* out, usize cap) const;
  const StackStats& stats() const { return stats_; }

 private:
  struct ArpEntry {
    Ip4 ip = 0;
    u8 mac[6] = {};
    bool used = false, resolved = false;
    u32 tries = 0;
    u64 last_request_ns = 0, last_use_ns = 0;
    usize pending_len = 0;  // one IP packet waiting for the answer (the latest one)
    u8 pending[kEthMaxFrame];
  };

  void drop(Drop d) { ++stats_.drops[static_cast<usize>(d)]; }
  void changed();
  void on_arp(const EthFrame& eth, u64 now_ns);
  void on_ipv4(const EthFrame& eth, u64 now_ns);
  void deliver_ipv4(const Ipv4Packet& ip, u64 now_ns);  // to us, from the wire or from lo
  void receive_loopback(const u8* packet, usize len, u64 now_ns);
  void on_icmp(const Ipv4Packet& ip, u64 now_ns);
  void on_udp(const Ipv4Packet& ip, u64 now_ns);
  // Builds IPv4 + the given payload (l4 header already in it) and loops it back (lo), or
  // sends it or queues it behind ARP. src 0: source_for(dst). -ENETUNREACH when there is no
  // route (stack unconfigured), -EMSGSIZE when too big, -EINVAL for a 127/8 source toward
  // the wire.
  i64 send_ipv4(Ip4 src, Ip4 dst, u8 proto, const u8* payload, usize n, u8 ttl, u64 now_ns);
  bool loops_back(Ip4 dst) const { return is_loopback(dst) || (cfg_.addr != 0 && dst == cfg_.addr); }
  Ip4 source_for(Ip4 dst) const { return is_loopback(dst) ? kLoopbackAddr : cfg_.addr; }
  // 0, or -EINVAL when src is a loopback address and dst is not local (Linux refuses it).
  i64 route_check(Ip4 src, Ip4 dst) const;
  void send_frame(const u8* frame, usize len);
  void send_arp(u16 op, const u8 tha[6], Ip4 tpa);
  void send_port_unreachable(const Ipv4Packet& ip, u64 now_ns);
  ArpEntry* arp_find(Ip4 ip);
  ArpEntry* arp_slot(Ip4 ip, u64 now_ns);  // finds or evicts the least recently used
  void arp_learn(Ip4 ip, const u8 mac[6], u64 now_ns, bool create);
  bool local_address(Ip4 dst) const;
  bool port_in_use(SockType t, u16 port) const;
  i64 auto_bind(Socket* s);
  void enqueue(Socket* s, SockAddr from, const u8* a, usize an, const u8* b, usize bn);
  // TCP internals (tcp.cpp).
  void on_tcp(const Ipv4Packet& ip, u64 now_ns);
  void tcp_tick(u64 now_ns);
  void tcp_output(Socket* s, u64 now_ns);
  void tcp_segment(Socket* s, u32 seq, u8 flags, const u8* data, usize n, u64 now_ns);
  void tcp_reset_reply(const Ipv4Packet& ip, u32 seq, u32 ack, u8 flags, usize seg_len, u64 now_ns);
  // To Closed with an error for the program; false when that freed s (an orphan, or a
  // connection never accepted): the caller must not touch it again.
  bool tcp_drop(Socket* s, int error);
  void tcp_close(Socket* s, u64 now_ns);  // the program's close: FIN (or RST), freed later
  void unlink_free(Socket* s);
  Socket* tcp_child(Socket* listener, const Ipv4Packet& ip, u16 sport, u32 seq, u16 mss, u64 now_ns);
  bool tcp_on_ack(Socket* s, u32 ack, u32 wnd, usize seg_len, u64 now_ns);  // false: s was freed
  Tcb* tcb_alloc();
  u32 tcp_window(const Tcb* t) const;
  u32 iss_counter_ = 0x5eed1234;

  // Packets to lo (IPv4, no Ethernet header) wait here and are received when the outermost stack call
  // ends (EntryGuard), so a reply is never processed in the middle of building the request.
  struct LoopFrame {
    LoopFrame* next;
    usize len;
    u8 data[];
  };
  class EntryGuard {
   public:
    explicit EntryGuard(Stack* s) : s_(s) { ++s_->depth_; }
    ~EntryGuard();
    EntryGuard(const EntryGuard&) = delete;
    EntryGuard& operator=(const EntryGuard&) = delete;

   private:
    Stack* s_;
  };
  LoopFrame* loop_head_ = nullptr;
  LoopFrame* loop_tail_ = nullptr;
  u32 depth_ = 0;
  u64 loop_now_ns_ = 0;

  SpinLock lock_;
  Config cfg_;
  TxFn tx_ = nullptr;
  void* tx_ctx_ = nullptr;
  bool changed_ = false;
  u16 ip_id_ = 1;
  u16 next_ephemeral_ = kEphemeralFirst;
  ArpEntry arp_[kArpEntries];
  Socket* sockets_ = nullptr;
  usize nsockets_ = 0;
  StackStats stats_;
  u8 frame_[kEthMaxFrame];            // the frame being built (one at a time: the lock)
  u8 scratch_[kEthMtu - kIpHeader];   // a transport message on its way to send_ipv4
};

}  // namespace sis::net
