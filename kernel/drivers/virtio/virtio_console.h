// virtio-console with VIRTIO_CONSOLE_F_MULTIPORT (virtio 1.x section 5.3): follows QEMU's
// port handshake on the control queues (DEVICE_READY, PORT_ADD -> PORT_READY, PORT_NAME,
// PORT_OPEN) and carries the bytes of one named port (the control protocol's
// "org.sis.control"). Interrupt-driven handshake; received data stays in the device's
// receive buffers until the service loop consumes it (drain), so a slow consumer applies
// back-pressure to QEMU instead of losing bytes. Host connect/disconnect are reported as a
// generation counter; the only thing done about them in the IRQ is to discard received
// bytes of the connection that ended (QEMU queues them before it reports the change), so
// a new connection never reads the old host's requests.
#pragma once
#include "drivers/virtio/virtio_pci.h"

namespace sis::virtio {

class Console {
 public:
  static constexpr u32 kMaxPorts = 4;  // ports 0..3 get queues (the launcher's port is 1)

  Error init(pci::Device* dev, const char* port_name);
  bool ready() const { return port_ >= 0; }

  // Hands every received buffer to fn (service loop, interrupts enabled), then gives the
  // buffer back to the device. Returns the number of bytes delivered. `generation` is the
  // connection the bytes came from (connection_generation() when they were taken).
  usize drain(void (*fn)(void* ctx, const char* data, usize n, u32 generation), void* ctx);
  // Queues bytes for the host; false when they do not fit within `wait_ns` (0 = no wait),
  // or when the connection is no longer the one of `generation` (checked, with pending
  // control messages processed, right before the bytes become visible to the device, so
  // output meant for a host that left does not reach the next one).
  bool write(const char* data, usize n, u64 wait_ns, u32 generation);
  // Increases on every host connect/disconnect of our port; the service loop compares it
  // with the last value it saw to notice a new session (even a quick reconnect).
  u32 connection_generation() const { return conn_generation_; }
  bool host_connected() const { return port_ >= 0 && host_open_[port_]; }
  // Called from the interrupt handler after any device activity (data, connection change).
  void set_on_interrupt(void (*fn)()) { on_interrupt_ = fn; }

  struct Stats {
    u64 rx_bytes = 0, tx_bytes = 0, tx_dropped = 0, interrupts = 0, control_messages = 0;
    u64 rx_discarded = 0;  // receive buffers of a connection that ended, dropped unread
    u64 tx_stale = 0;      // writes refused because the connection changed under them
  };
  const Stats& stats() const { return stats_; }

  // Panic path: interrupts are masked; reclaim by polling, send what fits.
  bool write_polled(const char* data, usize n, u32 generation);

 private:
  static void irq(void* self);
  void service_irq();
  void poll_control();  // interrupts masked (checked)
  void discard_unread_input();
  void handle_control(const u8* msg, u32 len);
  void send_control(u32 id, u16 event, u16 value);
  void post_rx(u16 queue, usize slot);
  void post_ctrl_rx(usize slot);
  void reclaim_tx();
  u16 rx_queue(u32 port) const { return static_cast<u16>(port == 0 ? 0 : 2 * port + 2); }
  u16 tx_queue(u32 port) const { return static_cast<u16>(port == 0 ? 1 : 2 * port + 3); }

  PciTransport t_;
  SplitQueue q_[2 + 2 * kMaxPorts];
  u16 nqueues_ = 0;
  const char* name_ = "";
  int port_ = -1;
  bool host_open_[kMaxPorts] = {};
  volatile u32 conn_generation_ = 0;
  void (*on_interrupt_)() = nullptr;

  static constexpr usize kCtrlBufs = 8, kCtrlBufSize = 256;
  static constexpr usize kRxBufs = 8, kRxBufSize = 4096;
  static constexpr usize kTxBufs = 64, kTxBufSize = 4096;
  DmaRegion ctrl_rx_, ctrl_tx_, rx_, tx_;
  bool tx_busy_[kTxBufs] = {};
  u16 tx_slot_of_head_[256] = {};
  usize ctrl_tx_next_ = 0;
  Stats stats_;
};

Console* control_console();  // the console carrying org.sis.control, or nullptr
Error probe_control_console();

}  // namespace sis::virtio
