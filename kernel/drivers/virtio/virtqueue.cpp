#include "drivers/virtio/virtqueue.h"

#include "lib/string.h"

namespace sis::virtio {
namespace {
// Orders our ring writes against the device's view (a DMB on aarch64, a fence on the host).
inline void barrier() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
}  // namespace

Layout Layout::for_size(u16 size) {
  Layout l{};
  l.desc_offset = 0;
  l.avail_offset = sizeof(Desc) * size;
  usize avail_bytes = 2 + 2 + 2u * size + 2;  // flags, idx, ring, used_event
  l.used_offset = align_up(l.avail_offset + avail_bytes, 4);
  usize used_bytes = 2 + 2 + sizeof(UsedElem) * size + 2;  // flags, idx, ring, avail_event
  l.total = align_up(l.used_offset + used_bytes, 16);
  return l;
}

Error SplitQueue::init(void* mem, u64 phys, u16 size, bool event_idx) {
  if (!mem || size == 0 || size > kMaxSize || (size & (size - 1))) return Error::Invalid;
  base_ = static_cast<u8*>(mem);
  phys_ = phys;
  size_ = size;
  layout_ = Layout::for_size(size);
  desc_ = reinterpret_cast<Desc*>(base_ + layout_.desc_offset);
  for (u16 i = 0; i < size; ++i) desc_[i] = Desc{0, 0, 0, static_cast<u16>(i + 1)};
  free_head_ = 0;
  num_free_ = size;
  avail_shadow_ = last_published_ = last_used_ = 0;
  event_idx_ = event_idx;
  *avail_flags() = 0;
  *avail_idx() = 0;
  *used_event() = 0;
  return Error::Ok;
}

volatile u16* SplitQueue::avail_flags() const { return reinterpret_cast<volatile u16*>(base_ + layout_.avail_offset); }
volatile u16* SplitQueue::avail_idx() const { return avail_flags() + 1; }
volatile u16* SplitQueue::avail_ring() const { return avail_flags() + 2; }
volatile u16* SplitQueue::used_event() const { return avail_ring() + size_; }
volatile u16* SplitQueue::used_flags() const { return reinterpret_cast<volatile u16*>(base_ + layout_.used_offset); }
volatile u16* SplitQueue::used_idx() const { return used_flags() + 1; }
volatile UsedElem* SplitQueue::used_ring() const {
  return reinterpret_cast<volatile UsedElem*>(base_ + layout_.used_offset + 4);
}
volatile u16* SplitQueue::avail_event() const {
  return reinterpret_cast<volatile u16*>(base_ + layout_.used_offset + 4 + sizeof(UsedElem) * size_);
}

Result<u16> SplitQueue::add(const Buffer* bufs, usize n) {
  if (n == 0) return Error::Invalid;
  if (n > num_free_) return Error::NoSpace;
  u16 head = free_head_;
  u16 id = head;
  for (usize i = 0; i < n; ++i) {
    Desc& d = desc_[id];
    d.addr = bufs[i].phys;
    d.len = bufs[i].len;
    d.flags = static_cast<u16>((bufs[i].device_writes ? kDescWrite : 0) | (i + 1 < n ? kDescNext : 0));
    if (i + 1 < n) id = d.next;
  }
  free_head_ = desc_[id].next;  // the chain's last descriptor still links to the free list
  num_free_ = static_cast<u16>(num_free_ - n);
  avail_ring()[avail_shadow_ & (size_ - 1)] = head;
  ++avail_shadow_;
  return head;
}

bool SplitQueue::publish() {
  if (avail_shadow_ == last_published_) return false;
  barrier();  // descriptors and ring entries before the index
  u16 old = last_published_;
  *avail_idx() = avail_shadow_;
  published_ += static_cast<u16>(avail_shadow_ - old);
  last_published_ = avail_shadow_;
  barrier();  // the index before reading the device's suppression state
  bool notify = event_idx_ ? need_event(*avail_event(), avail_shadow_, old) : !(*used_flags() & 1);
  if (notify) ++notifications_;
  return notify;
}

bool SplitQueue::has_used() const {
  barrier();
  return *used_idx() != last_used_;
}

bool SplitQueue::pop_used(u16* head, u32* written) {
  if (!has_used()) return false;
  barrier();  // read the element only after seeing the index
  volatile UsedElem& e = used_ring()[last_used_ & (size_ - 1)];
  u32 id = e.id;
  u32 len = e.len;
  if (id >= size_) return false;  // a misbehaving device: refuse rather than corrupt the list
  ++last_used_;
  // Return the chain to the free list.
  u16 last = static_cast<u16>(id);
  u16 count = 1;
  while ((desc_[last].flags & kDescNext) && count < size_) {
    last = desc_[last].next;
    ++count;
  }
  desc_[last].next = free_head_;
  free_head_ = static_cast<u16>(id);
  num_free_ = static_cast<u16>(num_free_ + count);
  if (event_idx_ && interrupts_wanted_) *used_event() = last_used_;
  *head = static_cast<u16>(id);
  *written = len;
  return true;
}

void SplitQueue::enable_interrupts() {
  interrupts_wanted_ = true;
  if (event_idx_) *used_event() = last_used_;
  else *avail_flags() = 0;
  barrier();
}

void SplitQueue::disable_interrupts() {
  interrupts_wanted_ = false;
  if (event_idx_) *used_event() = static_cast<u16>(last_used_ - 1);  // the furthest point away
  else *avail_flags() = 1;  // VIRTQ_AVAIL_F_NO_INTERRUPT
  barrier();
}

}  // namespace sis::virtio
