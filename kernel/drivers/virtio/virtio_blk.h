// virtio-blk (virtio 1.x section 5.2) as a BlockDevice. Requests are chains of header,
// data buffers (the caller's own memory: zero copy) and a status byte; many can be in
// flight per queue, and a batch costs one notification. Completion is interrupt-driven
// (INTx, shared by the queues); with VIRTIO_F_EVENT_IDX the device interrupts once per
// batch instead of once per request. Device errors come back as Error::Io, writes to a
// read-only device as Error::ReadOnly, never dropped.
//
// Deadline: every wait on the device (wait_all, a full ring in submit) gives up when no
// request completes for kDeadlineNs while some are outstanding. The waiter gets
// Error::TimedOut and the disk is marked failed until reboot: new requests are refused with
// Error::TimedOut. The requests it abandoned stay owned by the device -- their slots (header,
// status byte) and descriptors are not reused until the device returns them in the used
// ring (counted as late completions). Their data buffers are the callers' memory: a caller
// that gets TimedOut must not reuse a buffer it handed over (the block cache keeps such
// buffers pinned and never frees them; see block_cache.h).
//
// Flush: without VIRTIO_BLK_F_FLUSH the device gives no way to make writes durable, so
// flush() returns Error::NotSupported (never a silent Ok); the root mount then stays
// read-only (fs_boot.cpp).
#pragma once
#include "drivers/virtio/virtio_pci.h"
#include "drivers/block_device.h"

namespace sis::virtio {

struct BlkStats {
  u64 reads = 0, writes = 0, flushes = 0;
  u64 bytes_read = 0, bytes_written = 0;
  u64 errors = 0;
  u64 interrupts = 0;
  u64 notifications = 0;
  u64 requests_submitted = 0;
  u64 timeouts = 0;          // waits that gave up (each fails the disk)
  u64 late_completions = 0;  // abandoned requests the device returned after their deadline
  u32 in_flight = 0;         // submitted, not completed, not abandoned
  u32 max_in_flight = 0;
  u32 abandoned = 0;         // timed out and still held by the device
};

class Blk final : public BlockDevice {
 public:
  static constexpr usize kMaxQueues = 4;
  static constexpr u16 kQueueSize = 256;
  // No completion for this long while requests are outstanding: the device stopped answering.
  static constexpr u64 kDeadlineNs = 10'000'000'000ull;

  // Probes and starts the device. use_event_idx=false forces interrupt-per-request mode;
  // use_msix=false forces the shared legacy INTx line even when MSI-X is available.
  Error init(pci::Device* dev, bool use_event_idx = true, bool use_msix = true);

  u32 sector_size() const override { return 512; }
  u64 sector_count() const override { return capacity_; }
  bool read_only() const override { return read_only_; }
  Error read(u64 sector, u32 count, void* buf) override;
  Error write(u64 sector, u32 count, const void* buf) override;
  // Error::NotSupported when the device offers no flush (VIRTIO_BLK_F_FLUSH).
  Error flush() override;
  bool can_flush() const { return can_flush_; }
  // The disk stopped answering (a wait hit its deadline): every request is refused.
  bool failed() const { return failed_; }

  // Asynchronous interface for deep queues (bench, block cache read-ahead/write-back):
  // submit() queues a request (waiting only when the ring is full), kick() notifies every
  // queue with new work, wait_all() waits for everything submitted and reports the first
  // error (Error::TimedOut when the device stopped answering, see above).
  enum class Op : u32 { Read = 0, Write = 1, Flush = 4 };
  Error submit(Op op, u64 sector, u32 count, void* buf);
  void kick();
  Error wait_all();

  // Resets the device and starts it again (e.g. with or without event-idx, for `bench blk`).
  // Requires nothing in flight and a disk that has not failed.
  Error restart(bool use_event_idx, bool use_msix = true);
  bool msix() const { return msix_; }
  u64 queue_interrupts(u16 q) const { return q < kMaxQueues ? queue_irqs_[q] : 0; }

  const BlkStats& stats() const { return stats_; }
  u64 features() const { return features_; }
  u16 queue_count() const { return nqueues_; }
  u16 queue_size() const { return queues_[0].size(); }
  u32 seg_max() const { return seg_max_; }
  bool event_idx() const { return event_idx_; }
  pci::Device* pci() const { return transport_.pci(); }
  void reset_stats();

 private:
  struct Header {
    u32 type;
    u32 reserved;
    u64 sector;
  };
  struct Slot {  // one in-flight request; header and status live in DMA memory
    Header* header;
    u8* status;
    bool busy;
    bool abandoned;  // timed out: the device still owns it, the waiter has gone
    Op op;
    u32 bytes;
  };
  static constexpr usize kSlots = kQueueSize;  // per queue; a request uses >= 3 descriptors

  static void irq(void* self);
  static void queue_irq(void* ctx);
  void complete_all();
  void complete_queue(u16 q);
  Error do_sync(Op op, u64 sector, u32 count, void* buf);
  Result<usize> free_slot(u16 q);
  // Waits until ready() holds (checked with completions collected), or until no request
  // completed for kDeadlineNs: then abandons everything in flight and fails the disk.
  template <typename Ready>
  bool wait_progress(Ready&& ready);
  void abandon_in_flight();

  PciTransport transport_;
  SplitQueue queues_[kMaxQueues];
  Slot slots_[kMaxQueues][kSlots] = {};
  u16 slot_of_head_[kMaxQueues][kQueueSize] = {};  // chain head descriptor -> slot
  DmaRegion slot_mem_[kMaxQueues];
  u16 nqueues_ = 0;
  u16 next_queue_ = 0;
  bool pending_kick_[kMaxQueues] = {};
  u64 capacity_ = 0;
  u32 seg_max_ = 1;
  u32 size_max_ = 0;
  bool read_only_ = false;
  bool event_idx_ = false;
  bool can_flush_ = false;
  bool failed_ = false;
  u64 completed_ = 0;  // completions seen (progress, for the deadline)
  u64 features_ = 0;
  bool msix_ = false;
  bool msix_routed_ = false;  // vectors point at our LPIs (kept across restarts)
  struct QueueIrq {
    Blk* blk;
    u16 q;
  } queue_irq_ctx_[kMaxQueues] = {};
  u64 queue_irqs_[kMaxQueues] = {};
  Error first_error_ = Error::Ok;
  BlkStats stats_;
};

// The disks found at boot (lsblk/blkstat/bench and the file system's root mount).
usize blk_count();
Blk* blk_at(usize i);
Error probe_block_devices();

}  // namespace sis::virtio
