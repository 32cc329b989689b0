#include "net/net_kernel.h"

#include "core/klog.h"
#include "drivers/virtio/virtio_net.h"
#include "net/dhcp.h"
#include "sched/scheduler.h"

namespace sis::net {
namespace {

constexpr u64 kTickNs = 100'000'000;
constexpr usize kRxBudget = 64;  // frames per pass before timers and other threads get a turn

Stack the_stack;
virtio::Net* nic = nullptr;
sched::WaitQueue rx_wait;   // the network thread sleeps here
sched::WaitQueue changed;   // kernel-side socket waiters
volatile bool rx_kick = false;
void (*socket_hook)() = nullptr;
AddressInfo address_info;

bool transmit(void* ctx, const u8* frame, usize len) { return static_cast<virtio::Net*>(ctx)->transmit(frame, len); }

void on_device_interrupt() {
  {
    SpinLockGuard g(rx_wait.lock());
    rx_kick = true;
  }
  rx_wait.wake_one();
}

}  // namespace

void notify_changed() {
  changed.wake_all();
  if (socket_hook) socket_hook();
}

namespace {

void deliver(void*, const u8* frame, usize len) { the_stack.receive(frame, len, clock_ns()); }

void net_thread(void*) {
  u64 next_tick = clock_ns() + kTickNs;
  for (;;) {
    u64 now = clock_ns();
    u64 wait = next_tick > now ? next_tick - now : 0;
    rx_wait.wait_until_for(
        [] {
          if (rx_kick || nic->rx_pending()) {
            rx_kick = false;
            return true;
          }
          return false;
        },
        wait);
    for (;;) {
      usize n;
      bool delivered;
      {
        SpinLockGuard g(the_stack.lock());
        n = nic->poll_rx(deliver, nullptr, kRxBudget);
        delivered = the_stack.take_changed();
      }
      if (delivered) notify_changed();
      if (n < kRxBudget) break;
      sched::preempt_point();
    }
    now = clock_ns();
    if (now >= next_tick) {
      bool delivered;
      {
        SpinLockGuard g(the_stack.lock());
        the_stack.tick(now);
        delivered = the_stack.take_changed();
      }
      if (delivered) notify_changed();
      next_tick = now + kTickNs;
    }
  }
}

// DHCP at boot, before the stack exists: the NIC is polled (its interrupt is not routed to
// the stack yet) until the client is bound or gives up after DhcpClient::kGiveUpNs; then
// QEMU's user-network defaults are used. With slirp the exchange takes a few milliseconds.
Config configure_address() {
  static u8 frame[kEthMaxFrame];
  DhcpClient dhcp;
  const u8* mac = nic->mac();
  u64 t0 = clock_ns();
  dhcp.start(mac, static_cast<u32>(t0 ^ (t0 >> 32)) ^ load32(mac + 2), t0);
  while (!dhcp.done()) {
    if (usize n = dhcp.poll(clock_ns(), frame)) (void)nic->transmit(frame, n);
    nic->poll_rx([](void* ctx, const u8* f, usize len) { static_cast<DhcpClient*>(ctx)->receive(f, len, clock_ns()); },
                 &dhcp, kRxBudget);
  }
  address_info.dhcp = dhcp.state() == DhcpClient::State::Bound;
  address_info.lease = dhcp.lease();
  address_info.took_ns = clock_ns() - t0;
  address_info.failure = dhcp.failure();
  address_info.messages_sent = dhcp.sent();
  return address_info.dhcp ? dhcp_config(mac, dhcp.lease()) : slirp_config(mac);
}

}  // namespace

u64 clock_ns() { return sched::now_ns(); }
const AddressInfo& address() { return address_info; }

Error init() {
  TRY(virtio::probe_net());
  nic = virtio::net_device();
  if (!nic) return Error::NoEntry;
  Config c = configure_address();
  {
    SpinLockGuard g(the_stack.lock());
    the_stack.configure(c, transmit, nic);
  }
  nic->set_notifier(on_device_interrupt);
  char ip[16], gw[16], srv[16];
  format_ip4(c.addr, ip, sizeof ip);
  format_ip4(c.gateway, gw, sizeof gw);
  if (address_info.dhcp) {
    format_ip4(address_info.lease.server, srv, sizeof srv);
    SIS_KLOG(Info, "net", "eth0 %s gateway %s (DHCP from %s in %llu us, lease %u s)", ip, gw, srv,
             static_cast<unsigned long long>(address_info.took_ns / 1000), address_info.lease.lease_s);
  } else {
    SIS_KLOG(Warn, "net", "eth0 %s/24 gateway %s (static fallback, QEMU user network: %s)", ip, gw,
             address_info.failure);
  }
  return Error::Ok;
}

Error start() {
  if (!nic) return Error::NoEntry;
  sched::SpawnOptions o;
  o.detached = true;
  auto t = sched::spawn("net", net_thread, nullptr, o);
  return t.ok() ? Error::Ok : t.error();
}

Stack* stack() { return nic ? &the_stack : nullptr; }
virtio::Net* device() { return nic; }
sched::WaitQueue& changes() { return changed; }
void set_socket_hook(void (*fn)()) { socket_hook = fn; }

}  // namespace sis::net
