// The kernel's one network interface: the IPv4 stack (net/stack.h) over the first
// virtio-net device, configured for QEMU's user-mode network, and the "net" thread that
// feeds it: woken by the device's interrupt, it hands received frames to the stack in
// batches and runs the stack's timers every 100 ms. Kernel only.
#pragma once
#include "net/stack.h"
#include "sched/wait_queue.h"

namespace sis::virtio {
class Net;
}

namespace sis::net {

// After devices::init: binds the stack to the virtio-net device (NoEntry without one).
Error init();
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
