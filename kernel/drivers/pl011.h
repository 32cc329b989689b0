// ARM PL011 UART: the console. Receive is interrupt-driven into a ring the shell drains;
// transmit goes through a ring drained by the TX interrupt whenever the FIFO is full,
// with a polled path for panics and for use before interrupts are up.
#pragma once
#include "lib/fdt.h"
#include "lib/ring.h"

namespace sis {

class Pl011 {
 public:
  // Finds the UART (stdout-path, else the first "arm,pl011"), maps it and programs 8N1.
  Error init(const Fdt& fdt);
  // Registers the interrupt from the device tree and turns on RX interrupts.
  Error enable_interrupts(const Fdt& fdt);

  void write(const char* s, usize n);         // "\n" becomes "\r\n"
  void write_polled(const char* s, usize n);
  bool read(char* c);

  u64 base() const { return base_; }
  u32 intid() const { return intid_; }
  u64 rx_overruns() const { return rx_dropped_; }
  // Called from the interrupt handler after received bytes went into the ring (the shell
  // thread's wait queue is woken through this).
  void set_rx_notify(void (*fn)()) { rx_notify_ = fn; }
  // Sees every received byte first, in the interrupt handler; a byte it returns true for
  // is consumed there (the shell's Ctrl-C while a command runs, like a tty's ISIG).
  void set_rx_filter(bool (*fn)(char c)) { rx_filter_ = fn; }

 private:
  static void irq_handler(void* self);
  void on_irq();
  void drain_tx();
  void drain_rx();
  void put_polled(char c);

  u64 base_ = 0;
  u32 intid_ = 0;
  bool irq_on_ = false;
  Ring<char, 256> rx_;
  Ring<char, 4096> tx_;
  u64 rx_dropped_ = 0;
  u32 node_offset_ = 0;
  void (*rx_notify_)() = nullptr;
  bool (*rx_filter_)(char c) = nullptr;
};

}  // namespace sis
