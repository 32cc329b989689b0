#include "drivers/virtio/virtio_console.h"

#include "arch/arch.h"
#include "drivers/virtio/console_control.h"
#include "lib/assert.h"
#include "lib/string.h"

namespace sis::virtio {
namespace {

constexpr u16 kDeviceIdConsole = 0x1043;
constexpr u16 kDeviceIdConsoleTransitional = 0x1003;
constexpr u64 kFMultiport = 1ull << 1;
constexpr u16 kQueueSize = 64;
constexpr u16 kCtrlRx = 2, kCtrlTx = 3;

Console the_console;
bool have_console = false;

}  // namespace

Error Console::init(pci::Device* dev, const char* port_name) {
  name_ = port_name;
  TRY(t_.init(dev));
  auto f = TRY(t_.negotiate(kFMultiport));
  if (!(f & kFMultiport)) {
    t_.fail();
    return Error::NotSupported;  // without multiport there are no named ports
  }
  u32 max_ports = t_.device_config<u32>(4);
  u32 ports = max_ports < kMaxPorts ? max_ports : kMaxPorts;
  nqueues_ = static_cast<u16>(2 + 2 * ports);
  for (u16 q = 0; q < nqueues_; ++q) {
    if (Error e = t_.setup_queue(q, kQueueSize, &q_[q], false); e != Error::Ok) {
      t_.fail();
      return e;
    }
  }
  auto a = dma_alloc(kCtrlBufs * kCtrlBufSize), b = dma_alloc(kCtrlBufs * kCtrlBufSize),
       c = dma_alloc(kRxBufs * kRxBufSize), d = dma_alloc(kTxBufs * kTxBufSize);
  if (!a.ok() || !b.ok() || !c.ok() || !d.ok()) {
    t_.fail();
    return Error::NoMemory;
  }
  ctrl_rx_ = a.value();
  ctrl_tx_ = b.value();
  rx_ = c.value();
  tx_ = d.value();
  for (auto& s : tx_slot_of_head_) s = 0xffff;
  for (usize i = 0; i < kCtrlBufs; ++i) post_ctrl_rx(i);
  if (!dev->intx_intid) {
    t_.fail();
    return Error::NotSupported;
  }
  if (Error e = arch::irq_register(dev->intx_intid, arch::Trigger::Level, irq, this); e != Error::Ok) {
    t_.fail();
    return e;
  }
  t_.driver_ok();
  send_control(0, kDeviceReady, 1);
  return Error::Ok;
}

void Console::post_ctrl_rx(usize slot) {
  Buffer b{ctrl_rx_.phys + slot * kCtrlBufSize, kCtrlBufSize, true};
  if (q_[kCtrlRx].add(&b, 1).ok() && q_[kCtrlRx].publish()) t_.notify(kCtrlRx);
}

void Console::post_rx(u16 queue, usize slot) {
  Buffer b{rx_.phys + slot * kRxBufSize, kRxBufSize, true};
  if (q_[queue].add(&b, 1).ok() && q_[queue].publish()) t_.notify(queue);
}

void Console::send_control(u32 id, u16 event, u16 value) {
  // Control messages are tiny; a rotating set of 256-byte slots is enough because the
  // device consumes each one synchronously when notified.
  u64 flags = arch::irq_save();
  u16 head;
  u32 len;
  while (q_[kCtrlTx].pop_used(&head, &len)) {
  }
  usize slot = ctrl_tx_next_++ % kCtrlBufs;
  auto* m = reinterpret_cast<ConsoleCtrl*>(static_cast<u8*>(ctrl_tx_.virt) + slot * kCtrlBufSize);
  *m = ConsoleCtrl{id, event, value};
  Buffer b{ctrl_tx_.phys + slot * kCtrlBufSize, sizeof(ConsoleCtrl), false};
  if (q_[kCtrlTx].add(&b, 1).ok() && q_[kCtrlTx].publish()) t_.notify(kCtrlTx);
  arch::irq_restore(flags);
}

void Console::handle_control(const u8* msg, u32 len) {
  ConsolePortState st{name_, kMaxPorts, nqueues_, &port_, host_open_, &conn_generation_};
  u32 generation_before = conn_generation_;
  ConsoleControlResult r = apply_console_control(st, msg, len);
  if (!r.valid) return;
  ++stats_.control_messages;
  if (r.port_named)
    for (usize i = 0; i < kRxBufs; ++i) post_rx(rx_queue(static_cast<u32>(port_)), i);
  if (r.reply) send_control(r.reply_id, r.reply_event, r.reply_value);
  if (conn_generation_ != generation_before) discard_unread_input();
}

// After a connection change (interrupts masked: IRQ handler, or write()). Everything in the
// receive queue's used ring now was sent before the change (QEMU fills it in order with the
// control messages, and a new host sends nothing before the greeting, which the kernel sends
// only after it saw the change): the old host's unread requests are dropped, not served to
// the new one.
void Console::discard_unread_input() {
  if (port_ < 0) return;
  u16 q = rx_queue(static_cast<u32>(port_));
  u16 head;
  u32 len;
  while (q_[q].pop_used(&head, &len)) {
    u64 addr = q_[q].buffer_address(head);
    usize slot = static_cast<usize>((addr - rx_.phys) / kRxBufSize);
    if (addr < rx_.phys || slot >= kRxBufs) continue;
    ++stats_.rx_discarded;
    post_rx(q, slot);
  }
}

void Console::reclaim_tx() {
  if (port_ < 0) return;
  u16 q = tx_queue(static_cast<u32>(port_));
  u16 head;
  u32 len;
  while (q_[q].pop_used(&head, &len)) {
    u16 slot = head < 256 ? tx_slot_of_head_[head] : 0xffff;
    if (slot < kTxBufs) tx_busy_[slot] = false;
    if (head < 256) tx_slot_of_head_[head] = 0xffff;
  }
}

void Console::irq(void* self) {
  auto* c = static_cast<Console*>(self);
  if (!(c->t_.read_isr() & 1)) return;  // another device on this INTx line
  ++c->stats_.interrupts;
  c->service_irq();
  if (c->on_interrupt_) c->on_interrupt_();
}

void Console::service_irq() {
  poll_control();
  reclaim_tx();  // received data waits in its buffers for drain()
}

void Console::poll_control() {
  SIS_ASSERT_MSG(!arch::irqs_enabled(), "the control queue is shared with the IRQ handler");
  u16 head;
  u32 len;
  while (q_[kCtrlRx].pop_used(&head, &len)) {
    u64 addr = q_[kCtrlRx].buffer_address(head);
    usize slot = static_cast<usize>((addr - ctrl_rx_.phys) / kCtrlBufSize);
    if (addr < ctrl_rx_.phys || slot >= kCtrlBufs) continue;  // not one of ours: drop
    handle_control(static_cast<const u8*>(ctrl_rx_.virt) + slot * kCtrlBufSize, len < kCtrlBufSize ? len : kCtrlBufSize);
    post_ctrl_rx(slot);
  }
}

usize Console::drain(void (*fn)(void* ctx, const char* data, usize n, u32 generation), void* ctx) {
  if (port_ < 0) return 0;
  u16 q = rx_queue(static_cast<u32>(port_));
  usize total = 0;
  for (;;) {
    u16 head;
    u32 len;
    u64 flags = arch::irq_save();  // the queue is shared with the IRQ path's initial posting
    bool got = q_[q].pop_used(&head, &len);
    u32 gen = conn_generation_;  // a change discards what came before it, so this is the bytes' connection
    arch::irq_restore(flags);
    if (!got) return total;
    u64 addr = q_[q].buffer_address(head);
    usize slot = static_cast<usize>((addr - rx_.phys) / kRxBufSize);
    if (addr < rx_.phys || slot >= kRxBufs) continue;  // not one of ours
    u32 n = len < kRxBufSize ? len : kRxBufSize;
    fn(ctx, static_cast<const char*>(rx_.virt) + slot * kRxBufSize, n, gen);
    stats_.rx_bytes += n;
    total += n;
    flags = arch::irq_save();
    post_rx(q, slot);
    arch::irq_restore(flags);
  }
}


bool Console::write(const char* data, usize n, u64 wait_ns, u32 generation) {
  if (port_ < 0 || !host_open_[port_] || conn_generation_ != generation) return false;
  u16 q = tx_queue(static_cast<u32>(port_));
  usize need = (n + kTxBufSize - 1) / kTxBufSize;
  if (need > kTxBufs) return false;
  u64 start = arch::counter_to_ns(arch::counter());
  for (;;) {
    u64 flags = arch::irq_save();
    if (conn_generation_ != generation || !host_open_[port_]) {
      arch::irq_restore(flags);
      ++stats_.tx_stale;
      return false;
    }
    reclaim_tx();
    usize free_slots = 0;
    for (bool b : tx_busy_) free_slots += b ? 0 : 1;
    if (free_slots >= need && q_[q].free_count() >= need) {
      // Copy first (the slow part), then look for connect/disconnect messages QEMU has
      // already queued but whose interrupt has not been taken, and only then make the
      // bytes visible and notify: the gap in which QEMU can accept the next host between
      // the last look and the notify is a few instructions wide. (It cannot be closed from
      // the guest: output handed over cannot be retracted. A host skips lines before the
      // greeting; docs/protocol.md.)
      u16 slots[kTxBufs];
      usize used = 0;
      for (usize s = 0, off = 0; s < kTxBufs && off < n; ++s) {
        if (tx_busy_[s]) continue;
        usize len = min<usize>(kTxBufSize, n - off);
        memcpy(static_cast<u8*>(tx_.virt) + s * kTxBufSize, data + off, len);
        slots[used++] = static_cast<u16>(s);
        off += len;
      }
      poll_control();
      if (conn_generation_ != generation || !host_open_[port_]) {
        arch::irq_restore(flags);
        ++stats_.tx_stale;
        return false;
      }
      for (usize i = 0, off = 0; i < used; ++i) {
        usize len = min<usize>(kTxBufSize, n - off);
        Buffer b{tx_.phys + slots[i] * kTxBufSize, static_cast<u32>(len), false};
        auto head = q_[q].add(&b, 1);
        if (!head.ok()) break;  // cannot happen: free_count was checked
        tx_busy_[slots[i]] = true;
        if (head.value() < 256) tx_slot_of_head_[head.value()] = slots[i];
        off += len;
      }
      bool notify = q_[q].publish();
      if (notify) t_.notify(q);
      arch::irq_restore(flags);
      stats_.tx_bytes += n;
      return true;
    }
    arch::irq_restore(flags);
    if (arch::counter_to_ns(arch::counter()) - start >= wait_ns) {
      ++stats_.tx_dropped;
      return false;
    }
    // The device returns TX buffers as the host reads; wait for its interrupt.
    arch::irq_disable();
    arch::wait_for_interrupt_then_enable();
  }
}

bool Console::write_polled(const char* data, usize n, u32 generation) {
  // Interrupts are masked: wait_for_interrupt_then_enable would unmask them, so poll.
  if (port_ < 0 || !host_open_[port_]) return false;
  for (int tries = 0; tries < 1000; ++tries) {
    if (write(data, n, 0, generation)) return true;
  }
  return false;
}

Error probe_control_console() {
  const u16 ids[] = {kDeviceIdConsole, kDeviceIdConsoleTransitional};
  Error last = Error::NoEntry;
  for (u16 id : ids) {
    for (pci::Device* d = pci::find(kVendor, id); d; d = pci::find(kVendor, id, d)) {
      last = the_console.init(d, "org.sis.control");
      if (last == Error::Ok) {
        have_console = true;
        return Error::Ok;
      }
    }
  }
  return last;
}

Console* control_console() { return have_console ? &the_console : nullptr; }

}  // namespace sis::virtio
