// virtio-net over the modern PCI transport (virtio 1.x section 5.1): one receive and one
// transmit queue, every frame behind the 12-byte virtio_net_hdr (no offloads requested, so
// the header is all zeros on transmit and ignored on receive except num_buffers).
//
// Receive: a fixed pool of 2 KiB buffers (a full Ethernet frame plus the header fits one,
// so with VIRTIO_NET_F_MRG_RXBUF a frame never spans buffers; one that claims to is dropped
// and counted). The interrupt only calls the owner's notifier (the network thread);
// poll_rx() hands frames to the stack and gives the buffers back in batches, one publish
// and at most one notify per batch.
// Transmit: a pool of 2 KiB slots, copied into (frames are small); reclaimed on the next
// transmit and on interrupts. A full ring drops the frame and counts it (TCP retransmits).
#pragma once
#include "core/spinlock.h"
#include "drivers/virtio/virtio_pci.h"

namespace sis::virtio {

struct NetStats {
  u64 rx_packets = 0, rx_bytes = 0, rx_dropped = 0;  // dropped: malformed/oversized/merged
  u64 tx_packets = 0, tx_bytes = 0, tx_dropped = 0;  // dropped: no free slot or too big
  u64 interrupts = 0, rx_interrupts = 0, tx_interrupts = 0;
  u64 rx_refill_batches = 0, notifies = 0;
};

class Net {
 public:
  static constexpr u16 kQueueSize = 256;
  static constexpr usize kBufSize = 2048;
  static constexpr usize kHeaderSize = 12;  // virtio_net_hdr with num_buffers (VERSION_1)
  static constexpr usize kMaxFrame = kBufSize - kHeaderSize;
  static constexpr usize kRefillBatch = 32;

  Error init(pci::Device* dev);
  const u8* mac() const { return mac_; }
  bool link_up() const;
  bool msix() const { return msix_; }
  u64 features() const { return features_; }            // in use (negotiated)
  u64 offered_features() const { return t_.offered_features(); }
  // Checksum offload (VIRTIO_NET_F_CSUM, F_GUEST_CSUM): QEMU offers it only when its network
  // backend carries virtio-net headers (tap with vnet_hdr), never on the user network.
  static constexpr u64 kFeatureCsum = 1ull << 0, kFeatureGuestCsum = 1ull << 1;

  // Called from the interrupt handler when frames arrived or TX slots came back.
  void set_notifier(void (*fn)()) { notifier_ = fn; }
  // Hands up to `budget` received frames (without the virtio header) to fn, then reposts
  // their buffers. Thread context. Returns how many frames were delivered.
  usize poll_rx(void (*fn)(void* ctx, const u8* frame, usize len), void* ctx, usize budget);
  bool rx_pending() const;
  // Copies the frame into a transmit slot; false (and counted) when none is free.
  bool transmit(const u8* frame, usize len);

  NetStats stats() const { return stats_; }

 private:
  static void intx_irq(void* self);
  static void rx_irq(void* self);
  static void tx_irq(void* self);
  void reclaim_tx() SIS_REQUIRES(tx_lock_);
  void post_rx(usize slot) SIS_REQUIRES(rx_lock_);

  PciTransport t_;
  SplitQueue rxq_, txq_;
  u64 features_ = 0;
  u8 mac_[6] = {};
  bool msix_ = false;
  bool has_status_ = false;
  DmaRegion rx_mem_, tx_mem_;
  SpinLock rx_lock_, tx_lock_;
  u16 tx_free_[kQueueSize] SIS_GUARDED_BY(tx_lock_) = {};  // stack of free slot numbers
  u16 tx_free_count_ SIS_GUARDED_BY(tx_lock_) = 0;
  u16 tx_slot_of_head_[kQueueSize] SIS_GUARDED_BY(tx_lock_) = {};
  usize rx_unposted_ SIS_GUARDED_BY(rx_lock_) = 0;
  void (*notifier_)() = nullptr;
  NetStats stats_;
};

// The first virtio-net device, set up; Error::NoEntry when the machine has none.
Error probe_net();
Net* net_device();  // nullptr without one

}  // namespace sis::virtio
