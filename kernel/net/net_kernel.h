// The kernel's one network interface: the IPv4 stack (net/stack.h) over the first
// virtio-net device, configured by DHCP at boot (net/dhcp.h) or, when no server answers,
// statically for QEMU's user-mode network, and the "net" thread that
// feeds it: woken by the device's interrupt, it hands received frames to the stack in
// batches and runs the stack's timers every 100 ms. Kernel only.
#pragma once
#include "net/dhcp.h"
#include "net/stack.h"
#include "sched/wait_queue.h"

namespace sis::virtio {
class Net;
}

namespace sis::net {

// After devices::init: binds the stack to the virtio-net device (NoEntry without one),
// with the address from DHCP or the static fallback.
Error init();
// How the address was configured at boot.
struct AddressInfo {
  bool dhcp = false;        // false: the static fallback (failure says why)
  DhcpLease lease;          // dhcp: what the server gave
  u64 took_ns = 0;          // the exchange (or the wait before giving up)
  const char* failure = "";
  u32 messages_sent = 0;    // DISCOVERs and REQUESTs, retries included
};
const AddressInfo& address();
// After the scheduler started: the network thread.
Error start();
// The stack, or nullptr when the machine has no NIC. Callers take stack()->lock().
Stack* stack();
virtio::Net* device();
// Woken (wake_all) whenever the stack delivered something to a socket: kernel-side
// waiters (the shell's ping) wait here.
sched::WaitQueue& changes();
// Called after the stack changed (in addition to waking changes()); the socket system
// calls register theirs. One hook.
void set_socket_hook(void (*fn)());
u64 clock_ns();
// Wakes changes() and the socket hook: call without the stack lock after take_changed().
void notify_changed();

}  // namespace sis::net
