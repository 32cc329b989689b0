// A DHCP client (RFC 2131, options from RFC 2132) for the one interface, run once at boot
// before the stack is configured: DISCOVER, take the first OFFER, REQUEST it, and on ACK use
// its address, netmask, router and DNS server. No answer within the deadline (or a NAK)
// means the caller falls back to the static configuration (net/stack.h slirp_config).
// The lease is not renewed: QEMU's user network leases for a day and the VM forgets it at
// power-off (a renewal timer would go here).
//
// Portable and free of I/O: the caller moves frames. dhcp_frame builds a whole broadcast
// Ethernet frame (source 0.0.0.0:68, destination 255.255.255.255:67), and
// DhcpClient::receive takes any received frame and ignores everything that is not a
// well-formed reply to our transaction: every length is checked against the bytes present
// (host-tested, and fuzzed through tests/fuzz/fuzz_net_rx.cpp).
#pragma once
#include "net/stack.h"
#include "net/wire.h"

namespace sis::net {

enum class DhcpType : u8 { None = 0, Discover = 1, Offer = 2, Request = 3, Decline = 4, Ack = 5, Nak = 6, Release = 7 };

struct DhcpLease {
  Ip4 addr = 0, netmask = 0, gateway = 0, dns = 0, server = 0;
  u32 lease_s = 0;  // 0: the server gave none
};

// One parsed reply (BOOTREPLY) to transaction xid for the hardware address mac.
struct DhcpReply {
  DhcpType type = DhcpType::None;
  DhcpLease lease;  // addr is yiaddr; the rest from the options
};

constexpr u16 kDhcpServerPort = 67, kDhcpClientPort = 68;
constexpr usize kDhcpFixed = 236;    // the BOOTP header before the magic cookie
constexpr usize kDhcpMessage = 300;  // what we send: header, cookie, options, padding

// Why a frame was not a reply for us (counted by the client, for `ifconfig`).
enum class DhcpIgnore : u8 { None, NotUdp68, Malformed, NotOurs, kCount };

// Parses a DHCP message (the UDP payload). Malformed: short, bad cookie, an option running
// past the end, no message type. NotOurs: a request, another xid or another client's
// hardware address.
DhcpIgnore dhcp_parse(const u8* p, usize n, u32 xid, const u8 mac[6], DhcpReply* out);

// Writes the UDP payload of a DISCOVER (requested = server = 0) or a REQUEST into p
// (>= kDhcpMessage bytes); returns its length.
usize dhcp_message(u8* p, DhcpType type, u32 xid, const u8 mac[6], Ip4 requested, Ip4 server);

// Wraps a DHCP payload into a broadcast Ethernet frame in out (>= kEthMaxFrame bytes);
// returns the frame's length.
usize dhcp_frame(u8* out, const u8 mac[6], const u8* payload, usize n);

class DhcpClient {
 public:
  enum class State : u8 { Idle, Selecting, Requesting, Bound, Failed };
  static constexpr u64 kFirstRetryNs = 250'000'000;  // doubled after every retry
  static constexpr u64 kGiveUpNs = 2'000'000'000;    // from start: then the static fallback

  // Starts a transaction; the first poll() sends the DISCOVER.
  void start(const u8 mac[6], u32 xid, u64 now_ns);
  // A frame to send now (a DISCOVER or REQUEST, first or retried): its length in out
  // (>= kEthMaxFrame), or 0. Also moves to Failed once kGiveUpNs have passed unbound.
  usize poll(u64 now_ns, u8* out);
  // Any received frame; replies to our transaction advance the state.
  void receive(const u8* frame, usize len, u64 now_ns);

  State state() const { return state_; }
  bool done() const { return state_ == State::Bound || state_ == State::Failed; }
  const DhcpLease& lease() const { return lease_; }
  u64 bound_after_ns() const { return bound_ns_ - start_ns_; }  // Bound only
  const char* failure() const { return failure_; }              // Failed only
  u64 ignored(DhcpIgnore why) const { return ignored_[static_cast<usize>(why)]; }
  u32 sent() const { return sent_; }

 private:
  usize send(DhcpType type, u8* out);

  State state_ = State::Idle;
  u8 mac_[6] = {};
  u32 xid_ = 0;
  u64 start_ns_ = 0, next_send_ns_ = 0, retry_ns_ = kFirstRetryNs, bound_ns_ = 0;
  DhcpLease offer_, lease_;
  const char* failure_ = "";
  u64 ignored_[static_cast<usize>(DhcpIgnore::kCount)] = {};
  u32 sent_ = 0;
};

// The stack's configuration from a lease (the MAC from mac; a lease without a netmask gets
// the class-free /24 that QEMU's user network uses).
Config dhcp_config(const u8 mac[6], const DhcpLease& lease);

}  // namespace sis::net
