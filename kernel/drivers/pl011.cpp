#include "drivers/pl011.h"

#include "arch/arch.h"

namespace sis {
namespace {

constexpr uptr DR = 0x00;
constexpr uptr FR = 0x18;
constexpr uptr LCR_H = 0x2c;
constexpr uptr CR = 0x30;
constexpr uptr IFLS = 0x34;
constexpr uptr IMSC = 0x38;
constexpr uptr MIS = 0x40;
constexpr uptr ICR = 0x44;
constexpr u32 FR_TXFF = 1u << 5;
constexpr u32 FR_RXFE = 1u << 4;
constexpr u32 INT_RX = 1u << 4;
constexpr u32 INT_TX = 1u << 5;
constexpr u32 INT_RT = 1u << 6;  // receive timeout: bytes waiting below the FIFO level

inline u32 rd(u64 base, uptr off) { return *reinterpret_cast<volatile u32*>(base + off); }
inline void wr(u64 base, uptr off, u32 v) { *reinterpret_cast<volatile u32*>(base + off) = v; }

}  // namespace

Error Pl011::init(const Fdt& fdt) {
  Result<Fdt::Node> node = Error::NoEntry;
  auto chosen = fdt.find_path("/chosen");
  if (chosen.ok()) {
    auto path = fdt.prop_string(chosen.value(), "stdout-path");
    if (path.ok()) node = fdt.resolve_alias_or_path(path.value());
  }
  if (!node.ok() || !fdt.is_compatible(node.value(), "arm,pl011")) node = fdt.find_compatible("arm,pl011");
  if (!node.ok()) return Error::NoEntry;
  auto reg = TRY(fdt.reg(node.value(), 0));
  if (arch::map_device(reg.address, reg.size) != Error::Ok) return Error::NoMemory;
  base_ = reg.address;
  node_offset_ = node->offset;
  wr(base_, CR, 0);                          // disable while configuring
  wr(base_, ICR, 0x7ff);                     // clear everything pending
  wr(base_, LCR_H, (3u << 5) | (1u << 4));   // 8 bits, FIFOs on
  wr(base_, IFLS, 0);                        // interrupt at 1/8 full (RX) / 1/8 empty (TX)
  wr(base_, IMSC, 0);
  wr(base_, CR, (1u << 0) | (1u << 8) | (1u << 9));  // UARTEN, TXE, RXE
  return Error::Ok;
}

Error Pl011::enable_interrupts(const Fdt& fdt) {
  arch::Trigger trig;
  auto intid = TRY(arch::dt_interrupt(fdt, node_offset_, 0, &trig));
  intid_ = intid;
  TRY(arch::irq_register(intid_, trig, irq_handler, this));
  irq_on_ = true;
  wr(base_, IMSC, INT_RX | INT_RT);
  drain_rx();  // bytes that arrived before the interrupt was unmasked raise nothing more
  return Error::Ok;
}

void Pl011::put_polled(char c) {
  while (rd(base_, FR) & FR_TXFF) {
  }
  wr(base_, DR, static_cast<u8>(c));
}

void Pl011::write_polled(const char* s, usize n) {
  if (!base_) return;
  char c;
  while (tx_.pop(&c)) put_polled(c);  // keep order: whatever was queued goes first
  for (usize i = 0; i < n; ++i) {
    if (s[i] == '\n') put_polled('\r');
    put_polled(s[i]);
  }
}

void Pl011::drain_tx() {
  char c;
  while (!(rd(base_, FR) & FR_TXFF) && tx_.pop(&c)) wr(base_, DR, static_cast<u8>(c));
  u32 mask = rd(base_, IMSC);
  // Ask for the TX interrupt only while bytes wait: the FIFO draining will bring us back.
  wr(base_, IMSC, tx_.empty() ? (mask & ~INT_TX) : (mask | INT_TX));
}

void Pl011::write(const char* s, usize n) {
  if (!base_) return;
  if (!irq_on_ || !arch::irqs_enabled()) {
    // Before interrupts, or inside a handler: nobody would drain the ring.
    u64 flags = arch::irq_save();
    write_polled(s, n);
    arch::irq_restore(flags);
    return;
  }
  // One write is one piece of text: interrupts stay masked for the whole string, so no other
  // thread's line lands in the middle of it (a prompt split by a log line hid the prompt from
  // sisctl).
  u64 flags = arch::irq_save();
  for (usize i = 0; i < n; ++i) {
    bool crlf = s[i] == '\n';
    for (int k = crlf ? 0 : 1; k < 2; ++k) {
      char c = k == 0 ? '\r' : s[i];
      while (!tx_.push(c)) {
        // Ring full: push the oldest byte out synchronously rather than lose anything.
        char d;
        if (tx_.pop(&d)) put_polled(d);
      }
    }
  }
  drain_tx();
  arch::irq_restore(flags);
}

bool Pl011::read(char* c) {
  if (irq_on_) return rx_.pop(c);
  if (!base_ || (rd(base_, FR) & FR_RXFE)) return false;
  *c = static_cast<char>(rd(base_, DR) & 0xff);
  return true;
}

void Pl011::irq_handler(void* self) { static_cast<Pl011*>(self)->on_irq(); }

void Pl011::drain_rx() {
  while (!(rd(base_, FR) & FR_RXFE)) {
    char c = static_cast<char>(rd(base_, DR) & 0xff);
    if (rx_filter_ && rx_filter_(c)) continue;
    if (!rx_.push(c)) ++rx_dropped_;
  }
}

void Pl011::on_irq() {
  // Clear first, then drain: a byte landing after the drain raises the interrupt again.
  // Clearing after the drain could swallow the edge of a byte that arrived in between and
  // leave it stranded in the FIFO (QEMU raises RX only when the FIFO goes from 0 to 1).
  u32 mis = rd(base_, MIS);
  wr(base_, ICR, mis & (INT_RX | INT_RT | INT_TX));
  if (mis & (INT_RX | INT_RT)) {
    drain_rx();
    if (rx_notify_) rx_notify_();
  }
  if (mis & INT_TX) drain_tx();
}

}  // namespace sis
