#include "net/net_kernel.h"

#include "core/klog.h"
#include "drivers/virtio/virtio_net.h"
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

}  // namespace

u64 clock_ns() { return sched::now_ns(); }

Error init() {
  TRY(virtio::probe_net());
  nic = virtio::net_device();
  if (!nic) return Error::NoEntry;
  Config c = slirp_config(nic->mac());
  {
    SpinLockGuard g(the_stack.lock());
    the_stack.configure(c, transmit, nic);
  }
  nic->set_notifier(on_device_interrupt);
  char ip[16], gw[16];
  format_ip4(c.addr, ip, sizeof ip);
  format_ip4(c.gateway, gw, sizeof gw);
  SIS_KLOG(Info, "net", "eth0 %s/24 gateway %s (static, QEMU user network)", ip, gw);
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
