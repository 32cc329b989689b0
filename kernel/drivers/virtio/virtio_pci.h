// Modern virtio-over-PCI transport (virtio 1.x, non-transitional; spec section 4.1): finds
// the common, notify, ISR and device configuration structures through the vendor
// capabilities, negotiates features, sets up split virtqueues and notifies the device.
// Drivers (block, console, ...) sit on this class and never touch PCI config space.
#pragma once
#include "drivers/dma.h"
#include "drivers/pci/pci.h"
#include "drivers/virtio/virtqueue.h"

namespace sis::virtio {

constexpr u16 kVendor = 0x1af4;
constexpr u64 kFeatureVersion1 = 1ull << 32;
constexpr u64 kFeatureEventIdx = 1ull << 29;

class PciTransport {
 public:
  Error init(pci::Device* dev);
  // Resets the device and runs ACKNOWLEDGE/DRIVER/FEATURES_OK with `wanted` & offered.
  // VERSION_1 is always required. Returns the accepted feature set.
  Result<u64> negotiate(u64 wanted);
  u64 offered_features() const { return offered_; }
  u16 num_queues() const;
  // Allocates ring memory for queue `index`, sized min(device maximum, max_size).
  // msix_vector: the MSI-X table entry for this queue's interrupts (kNoVector = INTx).
  static constexpr u16 kNoVector = 0xffff;
  Error setup_queue(u16 index, u16 max_size, SplitQueue* q, bool event_idx, u16 msix_vector = kNoVector);
  void notify(u16 index);
  void driver_ok();
  void fail();  // sets FAILED so the device stops using our memory
  void reset();
  // After reset(): gives the ring memory of every queue back to the page allocator.
  void release_queues();
  // Reading the ISR status acknowledges the (legacy INTx) interrupt.
  u8 read_isr();

  template <typename T>
  T device_config(u32 offset) const {
    return *reinterpret_cast<volatile T*>(device_cfg_ + offset);
  }
  // Config generation: re-read multi-field config until it is stable across a read.
  u8 config_generation() const;

  pci::Device* pci() const { return dev_; }

 private:
  u8 status() const;
  void set_status(u8 s);

  pci::Device* dev_ = nullptr;
  uptr common_ = 0;
  uptr notify_base_ = 0;
  u32 notify_multiplier_ = 0;
  uptr isr_ = 0;
  uptr device_cfg_ = 0;
  u64 offered_ = 0;
  u16 notify_offsets_[16] = {};
  DmaRegion rings_[16];
};

}  // namespace sis::virtio
