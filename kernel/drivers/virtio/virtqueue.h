// Split virtqueue (virtio 1.x, section 2.7): descriptor table, available ring (driver ->
// device) and used ring (device -> driver) in memory shared with the device. Portable: the
// ring arithmetic is host-tested; the transport supplies the memory and the notify call.
//
// Invariants: free descriptors form a singly linked list through `next`; a chain handed to
// the device is owned by it until its head id comes back in the used ring; avail->idx and
// used->idx are free-running u16 counters (wrap-around is normal, never reset).
// With VIRTIO_F_EVENT_IDX the device notifies/interrupts only when the other side's event
// index is crossed; need_event() is the spec's vring_need_event().
#pragma once
#include "lib/result.h"

namespace sis::virtio {

struct Desc {
  u64 addr;
  u32 len;
  u16 flags;
  u16 next;
};
static_assert(sizeof(Desc) == 16);

constexpr u16 kDescNext = 1;
constexpr u16 kDescWrite = 2;  // device writes into this buffer

struct UsedElem {
  u32 id;
  u32 len;
};

// One buffer of a chain: physical address as the device sees it.
struct Buffer {
  u64 phys;
  u32 len;
  bool device_writes;
};

// Sizes and offsets of the three parts for a queue of `size` entries, laid out in one
// contiguous area (descriptors, then avail, then used at 4-byte alignment).
struct Layout {
  usize desc_offset, avail_offset, used_offset, total;
  static Layout for_size(u16 size);
};

inline bool need_event(u16 event_idx, u16 new_idx, u16 old_idx) {
  return static_cast<u16>(new_idx - event_idx - 1) < static_cast<u16>(new_idx - old_idx);
}

class SplitQueue {
 public:
  static constexpr u16 kMaxSize = 1024;

  // `mem` is a zeroed area of Layout::for_size(size).total bytes, `phys` its device address.
  Error init(void* mem, u64 phys, u16 size, bool event_idx);

  u16 size() const { return size_; }
  u16 free_count() const { return num_free_; }
  u64 desc_phys() const { return phys_ + layout_.desc_offset; }
  u64 avail_phys() const { return phys_ + layout_.avail_offset; }
  u64 used_phys() const { return phys_ + layout_.used_offset; }

  // Builds a chain from `bufs` and queues it (not yet visible to the device). Returns the
  // head descriptor id, or NoSpace when fewer than n descriptors are free.
  Result<u16> add(const Buffer* bufs, usize n);
  // Makes all queued chains visible to the device; returns true when the device must be
  // notified (always without event-idx unless it set NO_NOTIFY).
  bool publish();
  // Takes one completed chain from the used ring, frees its descriptors.
  bool pop_used(u16* head, u32* written);
  bool has_used() const;
  // The address of a chain's first buffer (valid after pop_used until the id is reused):
  // drivers with fixed buffer pools find the buffer that came back from it.
  u64 buffer_address(u16 head) const { return head < size_ ? desc_[head].addr : 0; }
  // With event-idx: ask for an interrupt after the next completion (or suppress them).
  void enable_interrupts();
  void disable_interrupts();

  u64 notifications() const { return notifications_; }
  u64 published() const { return published_; }

 private:
  volatile u16* avail_flags() const;
  volatile u16* avail_idx() const;
  volatile u16* avail_ring() const;
  volatile u16* used_event() const;
  volatile u16* used_flags() const;
  volatile u16* used_idx() const;
  volatile UsedElem* used_ring() const;
  volatile u16* avail_event() const;

  u8* base_ = nullptr;
  u64 phys_ = 0;
  Layout layout_{};
  Desc* desc_ = nullptr;
  u16 size_ = 0;
  u16 free_head_ = 0;
  u16 num_free_ = 0;
  u16 avail_shadow_ = 0;    // our next avail index (published on publish())
  u16 last_published_ = 0;  // avail idx the device last saw
  u16 last_used_ = 0;       // next used index we will consume
  bool event_idx_ = false;
  bool interrupts_wanted_ = true;
  u64 notifications_ = 0;
  u64 published_ = 0;
};

}  // namespace sis::virtio
