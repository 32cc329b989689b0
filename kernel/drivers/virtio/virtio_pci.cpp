#include "drivers/virtio/virtio_pci.h"

namespace sis::virtio {
namespace {

// virtio_pci_cap cfg_type values
constexpr u8 kCapCommon = 1, kCapNotify = 2, kCapIsr = 3, kCapDevice = 4;
// Common configuration layout (virtio 1.x 4.1.4.3)
constexpr u32 kDeviceFeatureSelect = 0x00, kDeviceFeature = 0x04, kDriverFeatureSelect = 0x08,
              kDriverFeature = 0x0c, kNumQueues = 0x12, kDeviceStatus = 0x14, kConfigGeneration = 0x15,
              kQueueSelect = 0x16, kQueueSize = 0x18, kQueueMsixVector = 0x1a, kQueueEnable = 0x1c,
              kQueueNotifyOff = 0x1e, kQueueDesc = 0x20, kQueueDriver = 0x28, kQueueDevice = 0x30;
constexpr u8 kAcknowledge = 1, kDriver = 2, kDriverOk = 4, kFeaturesOk = 8, kFailed = 128;

template <typename T>
T rd(uptr base, u32 off) {
  return *reinterpret_cast<volatile T*>(base + off);
}
template <typename T>
void wr(uptr base, u32 off, T v) {
  *reinterpret_cast<volatile T*>(base + off) = v;
}

}  // namespace

Error PciTransport::init(pci::Device* dev) {
  dev_ = dev;
  for (u8 cap = dev->find_capability(0x09); cap; cap = dev->find_capability(0x09, cap)) {
    u8 type = dev->read8(cap + 3);
    u8 bar = dev->read8(cap + 4);
    u32 offset = dev->read32(cap + 8);
    u32 length = dev->read32(cap + 12);
    if (bar > 5 || dev->bars[bar].size == 0) continue;
    if (static_cast<u64>(offset) + length > dev->bars[bar].size) return Error::Corrupt;
    uptr addr = static_cast<uptr>(dev->bars[bar].address + offset);
    switch (type) {
      case kCapCommon: if (!common_) common_ = addr; break;
      case kCapNotify:
        if (!notify_base_) {
          notify_base_ = addr;
          notify_multiplier_ = dev->read32(cap + 16);
        }
        break;
      case kCapIsr: if (!isr_) isr_ = addr; break;
      case kCapDevice: if (!device_cfg_) device_cfg_ = addr; break;
      default: break;
    }
  }
  if (!common_ || !notify_base_ || !isr_) return Error::NotSupported;  // not a modern device
  return Error::Ok;
}

u8 PciTransport::status() const { return rd<u8>(common_, kDeviceStatus); }
void PciTransport::set_status(u8 s) { wr<u8>(common_, kDeviceStatus, s); }

void PciTransport::reset() {
  set_status(0);
  for (int i = 0; i < 1000000 && status() != 0; ++i) {
  }
}

void PciTransport::release_queues() {
  for (auto& r : rings_) {
    dma_free(r);
    r = DmaRegion{};
  }
}

void PciTransport::fail() { set_status(static_cast<u8>(status() | kFailed)); }

Result<u64> PciTransport::negotiate(u64 wanted) {
  reset();
  set_status(kAcknowledge);
  set_status(kAcknowledge | kDriver);
  wr<u32>(common_, kDeviceFeatureSelect, 0);
  u64 lo = rd<u32>(common_, kDeviceFeature);
  wr<u32>(common_, kDeviceFeatureSelect, 1);
  u64 hi = rd<u32>(common_, kDeviceFeature);
  offered_ = lo | (hi << 32);
  if (!(offered_ & kFeatureVersion1)) {
    fail();
    return Error::NotSupported;
  }
  u64 accepted = (wanted | kFeatureVersion1) & offered_;
  wr<u32>(common_, kDriverFeatureSelect, 0);
  wr<u32>(common_, kDriverFeature, static_cast<u32>(accepted));
  wr<u32>(common_, kDriverFeatureSelect, 1);
  wr<u32>(common_, kDriverFeature, static_cast<u32>(accepted >> 32));
  set_status(kAcknowledge | kDriver | kFeaturesOk);
  if (!(status() & kFeaturesOk)) {
    fail();
    return Error::NotSupported;
  }
  return accepted;
}

u16 PciTransport::num_queues() const { return rd<u16>(common_, kNumQueues); }
u8 PciTransport::config_generation() const { return rd<u8>(common_, kConfigGeneration); }

Error PciTransport::setup_queue(u16 index, u16 max_size, SplitQueue* q, bool event_idx, u16 msix_vector) {
  if (index >= array_size(rings_)) return Error::Range;
  wr<u16>(common_, kQueueSelect, index);
  u16 dev_max = rd<u16>(common_, kQueueSize);
  if (dev_max == 0) return Error::NoEntry;
  u16 size = dev_max < max_size ? dev_max : max_size;
  while (size & (size - 1)) size = static_cast<u16>(size & (size - 1));  // power of two
  Layout l = Layout::for_size(size);
  auto mem = TRY(dma_alloc(l.total));
  rings_[index] = mem;
  TRY(q->init(mem.virt, mem.phys, size, event_idx));
  wr<u16>(common_, kQueueSize, size);
  wr<u16>(common_, kQueueMsixVector, msix_vector);
  // The device answers NO_VECTOR when it could not take the vector (spec 4.1.4.3.2).
  if (msix_vector != kNoVector && rd<u16>(common_, kQueueMsixVector) != msix_vector) return Error::NotSupported;
  // 64-bit fields as two 32-bit writes: the spec allows transports to refuse wider access.
  auto wr64 = [&](u32 off, u64 v) {
    wr<u32>(common_, off, static_cast<u32>(v));
    wr<u32>(common_, off + 4, static_cast<u32>(v >> 32));
  };
  wr64(kQueueDesc, q->desc_phys());
  wr64(kQueueDriver, q->avail_phys());
  wr64(kQueueDevice, q->used_phys());
  notify_offsets_[index] = rd<u16>(common_, kQueueNotifyOff);
  wr<u16>(common_, kQueueEnable, 1);
  return Error::Ok;
}

void PciTransport::notify(u16 index) {
  // Ring updates (normal memory) must be visible before the doorbell (device memory).
  asm volatile("dmb oshst" ::: "memory");
  wr<u16>(notify_base_, static_cast<u32>(notify_offsets_[index]) * notify_multiplier_, index);
}

void PciTransport::driver_ok() { set_status(static_cast<u8>(status() | kDriverOk)); }

u8 PciTransport::read_isr() { return rd<u8>(isr_, 0); }

}  // namespace sis::virtio
