#include "drivers/virtio/virtio_net.h"

#include "arch/arch.h"
#include "core/klog.h"
#include "lib/string.h"

namespace sis::virtio {
namespace {

constexpr u16 kDeviceIdNet = 0x1041;              // modern virtio-net (0x1040 + 1)
constexpr u16 kDeviceIdNetTransitional = 0x1000;  // also has the modern interface
constexpr u64 kFMac = 1ull << 5, kFMrgRxbuf = 1ull << 15, kFStatus = 1ull << 16;
constexpr u16 kRxQueue = 0, kTxQueue = 1;
constexpr u16 kStatusLinkUp = 1;

Net the_net;
bool have_net = false;

}  // namespace

Error Net::init(pci::Device* dev) {
  TRY(t_.init(dev));
  features_ = TRY(t_.negotiate(kFMac | kFMrgRxbuf | kFStatus));
  has_status_ = features_ & kFStatus;
  if (features_ & kFMac) {
    u8 gen;
    do {
      gen = t_.config_generation();
      for (u32 i = 0; i < 6; ++i) mac_[i] = t_.device_config<u8>(i);
    } while (gen != t_.config_generation());
  } else {
    // No MAC from the device: a fixed locally administered one (QEMU always offers one).
    const u8 fallback[6] = {0x02, 0x53, 0x49, 0x53, 0x00, 0x01};
    memcpy(mac_, fallback, 6);
  }
  // MSI-X: vector 1 for receive, 2 for transmit (0 would be configuration changes, unused).
  msix_ = pci::msix_vectors(*dev) >= 3 && pci::msix_route(*dev, 1, rx_irq, this).ok() &&
          pci::msix_route(*dev, 2, tx_irq, this).ok();
  if (msix_) pci::msix_enable(*dev);
  else pci::msix_disable(*dev);
  u16 rx_vec = msix_ ? 1 : PciTransport::kNoVector, tx_vec = msix_ ? 2 : PciTransport::kNoVector;
  if (Error e = t_.setup_queue(kRxQueue, kQueueSize, &rxq_, false, rx_vec); e != Error::Ok) {
    t_.fail();
    return e;
  }
  if (Error e = t_.setup_queue(kTxQueue, kQueueSize, &txq_, false, tx_vec); e != Error::Ok) {
    t_.fail();
    return e;
  }
  auto rx = dma_alloc(rxq_.size() * kBufSize), tx = dma_alloc(txq_.size() * kBufSize);
  if (!rx.ok() || !tx.ok()) {
    t_.fail();
    return Error::NoMemory;
  }
  rx_mem_ = rx.value();
  tx_mem_ = tx.value();
  {
    SpinLockGuard g(tx_lock_);
    for (u16 i = 0; i < txq_.size(); ++i) tx_free_[i] = i;
    tx_free_count_ = txq_.size();
    for (auto& s : tx_slot_of_head_) s = 0xffff;
  }
  if (!msix_) {
    if (!dev->intx_intid) {
      t_.fail();
      return Error::NotSupported;
    }
    if (Error e = arch::irq_register(dev->intx_intid, arch::Trigger::Level, intx_irq, this); e != Error::Ok) {
      t_.fail();
      return e;
    }
  }
  {
    SpinLockGuard g(rx_lock_);
    for (usize s = 0; s < rxq_.size(); ++s) {
      Buffer b{rx_mem_.phys + s * kBufSize, static_cast<u32>(kBufSize), true};
      (void)rxq_.add(&b, 1);
    }
    rxq_.publish();
  }
  t_.driver_ok();
  t_.notify(kRxQueue);
  return Error::Ok;
}

bool Net::link_up() const {
  if (!has_status_) return true;  // without VIRTIO_NET_F_STATUS the link is assumed up
  return t_.device_config<u16>(6) & kStatusLinkUp;
}

void Net::intx_irq(void* self) {
  auto* n = static_cast<Net*>(self);
  if (n->msix_) return;
  if (!(n->t_.read_isr() & 1)) return;  // another device on this INTx line
  ++n->stats_.interrupts;
  {
    SpinLockGuard g(n->tx_lock_);
    n->reclaim_tx();
  }
  if (n->notifier_) n->notifier_();
}

void Net::rx_irq(void* self) {
  auto* n = static_cast<Net*>(self);
  ++n->stats_.interrupts;
  ++n->stats_.rx_interrupts;
  if (n->notifier_) n->notifier_();
}

void Net::tx_irq(void* self) {
  auto* n = static_cast<Net*>(self);
  ++n->stats_.interrupts;
  ++n->stats_.tx_interrupts;
  {
    SpinLockGuard g(n->tx_lock_);
    n->reclaim_tx();
  }
  if (n->notifier_) n->notifier_();  // senders waiting for room
}

bool Net::rx_pending() const { return rxq_.has_used(); }

void Net::post_rx(usize slot) {
  Buffer b{rx_mem_.phys + slot * kBufSize, static_cast<u32>(kBufSize), true};
  (void)rxq_.add(&b, 1);  // cannot fail: the slot's descriptor just came back
  if (++rx_unposted_ >= kRefillBatch) {
    rx_unposted_ = 0;
    ++stats_.rx_refill_batches;
    if (rxq_.publish()) {
      ++stats_.notifies;
      t_.notify(kRxQueue);
    }
  }
}

usize Net::poll_rx(void (*fn)(void* ctx, const u8* frame, usize len), void* ctx, usize budget) {
  usize delivered = 0;
  while (delivered < budget) {
    u16 head;
    u32 len;
    u64 addr;
    {
      SpinLockGuard g(rx_lock_);
      if (!rxq_.pop_used(&head, &len)) break;
      addr = rxq_.buffer_address(head);
    }
    usize slot = static_cast<usize>((addr - rx_mem_.phys) / kBufSize);
    if (addr < rx_mem_.phys || slot >= rxq_.size()) continue;  // not one of ours
    const u8* buf = static_cast<const u8*>(rx_mem_.virt) + slot * kBufSize;
    u16 num_buffers = static_cast<u16>(buf[10] | (buf[11] << 8));
    if (len <= kHeaderSize || len > kBufSize || ((features_ & kFMrgRxbuf) && num_buffers != 1)) {
      ++stats_.rx_dropped;
    } else {
      ++stats_.rx_packets;
      stats_.rx_bytes += len - kHeaderSize;
      fn(ctx, buf + kHeaderSize, len - kHeaderSize);
      ++delivered;
    }
    SpinLockGuard g(rx_lock_);
    post_rx(slot);
  }
  // Whatever is left of the batch goes back now: an idle link must not starve the device.
  SpinLockGuard g(rx_lock_);
  if (rx_unposted_) {
    rx_unposted_ = 0;
    ++stats_.rx_refill_batches;
    if (rxq_.publish()) {
      ++stats_.notifies;
      t_.notify(kRxQueue);
    }
  }
  return delivered;
}

void Net::reclaim_tx() {
  u16 head;
  u32 len;
  while (txq_.pop_used(&head, &len)) {
    if (head >= kQueueSize) continue;
    u16 slot = tx_slot_of_head_[head];
    tx_slot_of_head_[head] = 0xffff;
    if (slot < txq_.size()) tx_free_[tx_free_count_++] = slot;
  }
}

bool Net::transmit(const u8* frame, usize len) {
  SpinLockGuard g(tx_lock_);
  if (len == 0 || len > kMaxFrame) {
    ++stats_.tx_dropped;
    return false;
  }
  if (tx_free_count_ == 0) reclaim_tx();
  if (tx_free_count_ == 0) {
    ++stats_.tx_dropped;
    return false;
  }
  u16 slot = tx_free_[--tx_free_count_];
  u8* buf = static_cast<u8*>(tx_mem_.virt) + slot * kBufSize;
  memset(buf, 0, kHeaderSize);
  memcpy(buf + kHeaderSize, frame, len);
  Buffer b{tx_mem_.phys + slot * kBufSize, static_cast<u32>(kHeaderSize + len), false};
  auto head = txq_.add(&b, 1);
  if (!head.ok()) {  // cannot happen: one slot per descriptor
    tx_free_[tx_free_count_++] = slot;
    ++stats_.tx_dropped;
    return false;
  }
  tx_slot_of_head_[head.value()] = slot;
  ++stats_.tx_packets;
  stats_.tx_bytes += len;
  if (txq_.publish()) {
    ++stats_.notifies;
    t_.notify(kTxQueue);
  }
  return true;
}

Error probe_net() {
  const u16 ids[] = {kDeviceIdNet, kDeviceIdNetTransitional};
  Error last = Error::NoEntry;
  for (u16 id : ids) {
    for (pci::Device* d = pci::find(kVendor, id); d; d = pci::find(kVendor, id, d)) {
      last = the_net.init(d);
      if (last == Error::Ok) {
        have_net = true;
        const u8* m = the_net.mac();
        SIS_KLOG(Info, "net", "virtio-net %02x:%02x:%02x:%02x:%02x:%02x, %s, link %s", m[0], m[1], m[2], m[3], m[4],
                 m[5], the_net.msix() ? "MSI-X rx/tx" : "INTx", the_net.link_up() ? "up" : "down");
        return Error::Ok;
      }
    }
  }
  return last;
}

Net* net_device() { return have_net ? &the_net : nullptr; }

}  // namespace sis::virtio
