#include "drivers/virtio/virtio_blk.h"

#include "arch/arch.h"
#include "core/klog.h"
#include "sched/wait_queue.h"

namespace sis::virtio {
namespace {

constexpr u16 kDeviceIdBlk = 0x1042;              // modern virtio-blk (0x1040 + 2)
constexpr u16 kDeviceIdBlkTransitional = 0x1001;  // also has the modern interface
constexpr u64 kFSizeMax = 1ull << 1, kFSegMax = 1ull << 2, kFRo = 1ull << 5, kFBlkSize = 1ull << 6,
              kFFlush = 1ull << 9, kFMq = 1ull << 12;
constexpr u8 kStatusOk = 0, kStatusUnsupp = 2;  // anything else (1 = IOERR) is an I/O error
constexpr u32 kSlotBytes = 32;  // header (16) + status (1), rounded

constexpr usize kMaxBlks = 4;
Blk blks[kMaxBlks];
usize nblks = 0;
// Threads waiting for completions (wait_all, a full ring in submit) sleep here; the
// interrupt handlers wake them. Before the scheduler starts the wait falls back to WFI.
sched::WaitQueue completions;

}  // namespace

Error Blk::init(pci::Device* dev, bool use_event_idx, bool use_msix) {
  TRY(transport_.init(dev));
  u64 want = kFSizeMax | kFSegMax | kFRo | kFBlkSize | kFFlush | kFMq | (use_event_idx ? kFeatureEventIdx : 0);
  auto accepted = TRY(transport_.negotiate(want));
  features_ = accepted;
  event_idx_ = features_ & kFeatureEventIdx;
  read_only_ = features_ & kFRo;
  can_flush_ = features_ & kFFlush;
  // Device config: capacity (u64 @0), size_max (u32 @8), seg_max (u32 @12), num_queues (u16 @34)
  u8 gen;
  do {
    gen = transport_.config_generation();
    capacity_ = transport_.device_config<u32>(0) | (static_cast<u64>(transport_.device_config<u32>(4)) << 32);
    size_max_ = (features_ & kFSizeMax) ? transport_.device_config<u32>(8) : 0;
    seg_max_ = (features_ & kFSegMax) ? transport_.device_config<u32>(12) : 1;
    nqueues_ = (features_ & kFMq) ? transport_.device_config<u16>(34) : 1;
  } while (gen != transport_.config_generation());
  if (seg_max_ == 0) seg_max_ = 1;
  if (nqueues_ == 0) nqueues_ = 1;
  if (nqueues_ > kMaxQueues) nqueues_ = kMaxQueues;
  // One MSI-X vector per queue (vector q+1; 0 would be configuration changes, unused) when
  // the machine has an ITS; otherwise every queue shares the device's INTx line.
  msix_ = use_msix && pci::msix_vectors(*dev) >= static_cast<u32>(nqueues_) + 1;
  if (msix_ && !msix_routed_) {
    for (u16 q = 0; q < nqueues_ && msix_; ++q) {
      queue_irq_ctx_[q] = {this, q};
      if (!pci::msix_route(*dev, q + 1u, queue_irq, &queue_irq_ctx_[q]).ok()) msix_ = false;
    }
    msix_routed_ = msix_;
  }
  if (msix_) pci::msix_enable(*dev);
  else pci::msix_disable(*dev);
  for (u16 q = 0; q < nqueues_; ++q) {
    u16 vector = msix_ ? static_cast<u16>(q + 1) : PciTransport::kNoVector;
    if (Error e = transport_.setup_queue(q, kQueueSize, &queues_[q], event_idx_, vector); e != Error::Ok) {
      transport_.fail();
      return e;
    }
    auto mem = dma_alloc(kSlots * kSlotBytes);
    if (!mem.ok()) {
      transport_.fail();
      return mem.error();
    }
    slot_mem_[q] = mem.value();
    for (auto& h : slot_of_head_[q]) h = 0xffff;
    for (usize s = 0; s < kSlots; ++s) {
      u8* base = static_cast<u8*>(mem->virt) + s * kSlotBytes;
      slots_[q][s] = Slot{reinterpret_cast<Header*>(base), base + sizeof(Header), false, false, Op::Read, 0};
    }
  }
  if (!msix_) {
    u32 intid = dev->intx_intid;
    if (!intid) {
      transport_.fail();
      return Error::NotSupported;
    }
    if (Error e = arch::irq_register(intid, arch::Trigger::Level, irq, this); e != Error::Ok) {
      transport_.fail();
      return e;
    }
  }
  transport_.driver_ok();
  return Error::Ok;
}

Error Blk::restart(bool use_event_idx, bool use_msix) {
  if (failed_) return Error::TimedOut;  // abandoned requests may still be in the device
  if (stats_.in_flight) return Error::Busy;
  pci::Device* dev = transport_.pci();
  transport_.reset();
  transport_.release_queues();
  for (u16 q = 0; q < nqueues_; ++q) {
    dma_free(slot_mem_[q]);
    slot_mem_[q] = DmaRegion{};
  }
  next_queue_ = 0;
  return init(dev, use_event_idx, use_msix);
}

void Blk::reset_stats() {
  u32 inflight = stats_.in_flight, abandoned = stats_.abandoned;
  stats_ = BlkStats{};
  stats_.in_flight = inflight;
  stats_.abandoned = abandoned;
}

void Blk::irq(void* self) {
  auto* b = static_cast<Blk*>(self);
  if (b->msix_) return;  // a stale registration from an INTx period: MSI-X owns completions
  // Reading ISR acknowledges the level interrupt; several devices may share the line.
  if (!(b->transport_.read_isr() & 1)) return;
  ++b->stats_.interrupts;
  b->complete_all();
  completions.wake_all();
}

void Blk::queue_irq(void* ctx) {
  auto* c = static_cast<QueueIrq*>(ctx);
  ++c->blk->stats_.interrupts;
  ++c->blk->queue_irqs_[c->q];
  c->blk->complete_queue(c->q);
  completions.wake_all();
}

void Blk::complete_all() {
  for (u16 q = 0; q < nqueues_; ++q) complete_queue(q);
}

void Blk::complete_queue(u16 q) {
  u16 head;
  u32 written;
  while (queues_[q].pop_used(&head, &written)) {
    if (head >= kQueueSize || slot_of_head_[q][head] >= kSlots) continue;  // not ours: ignore
    Slot& sl = slots_[q][slot_of_head_[q][head]];
    slot_of_head_[q][head] = 0xffff;
    if (!sl.busy) continue;
    sl.busy = false;
    if (sl.abandoned) {  // its waiter gave up long ago; only the slot comes back
      sl.abandoned = false;
      --stats_.abandoned;
      ++stats_.late_completions;
      continue;
    }
    ++completed_;
    u8 st = *sl.status;
    Error e = st == kStatusOk ? Error::Ok : st == kStatusUnsupp ? Error::NotSupported : Error::Io;
    if (e != Error::Ok) {
      ++stats_.errors;
      if (first_error_ == Error::Ok) first_error_ = e;
    }
    --stats_.in_flight;
  }
}

Result<usize> Blk::free_slot(u16 q) {
  for (usize s = 0; s < kSlots; ++s)
    if (!slots_[q][s].busy) return s;
  return Error::Busy;
}

// The deadline counts from the last completion, not from the start of the wait: a deep
// queue of slow requests that keeps completing is not a dead device.
template <typename Ready>
bool Blk::wait_progress(Ready&& ready) {
  for (;;) {
    u64 seen = completed_;
    bool woke = completions.wait_until_for(
        [&] {
          complete_all();  // also catches completions whose interrupt was suppressed
          return ready() || completed_ != seen;
        },
        kDeadlineNs);
    if (ready()) return true;
    if (!woke) {
      abandon_in_flight();
      return false;
    }
  }
}

void Blk::abandon_in_flight() {
  u64 flags = arch::irq_save();
  complete_all();  // what did come back is not abandoned
  u32 n = 0;
  for (u16 q = 0; q < nqueues_; ++q)
    for (usize s = 0; s < kSlots; ++s) {
      Slot& sl = slots_[q][s];
      if (!sl.busy || sl.abandoned) continue;
      sl.abandoned = true;  // stays busy: neither the slot nor its descriptors are reused
      ++n;
    }
  stats_.in_flight -= n;
  stats_.abandoned += n;
  ++stats_.timeouts;
  bool first = !failed_;
  failed_ = true;
  first_error_ = Error::Ok;
  arch::irq_restore(flags);
  if (first)
    SIS_KLOG(Error, "blk", "disk%zu: no completion for %llu s: %u request(s) abandoned, disk failed until reboot",
             static_cast<usize>(this - blks), static_cast<unsigned long long>(kDeadlineNs / 1000000000ull), n);
}

Error Blk::submit(Op op, u64 sector, u32 count, void* buf) {
  if (failed_) return Error::TimedOut;
  if (op == Op::Write && read_only_) return Error::ReadOnly;
  if (op == Op::Flush && !can_flush_) return Error::NotSupported;  // no way to make writes durable
  if (op != Op::Flush && (count == 0 || sector + count > capacity_ || sector + count < sector)) return Error::Range;
  u64 bytes = static_cast<u64>(count) * 512;
  // Split the data into segments the device accepts (size_max per segment, seg_max segs).
  u64 seg_bytes = size_max_ ? size_max_ : bytes;
  usize segs = op == Op::Flush ? 0 : static_cast<usize>((bytes + seg_bytes - 1) / seg_bytes);
  if (segs > seg_max_ || segs + 2 > queues_[0].size()) return Error::TooBig;
  u16 q = next_queue_;
  next_queue_ = static_cast<u16>((next_queue_ + 1) % nqueues_);
  for (;;) {
    u64 flags = arch::irq_save();
    auto slot = free_slot(q);
    if (slot.ok() && queues_[q].free_count() >= segs + 2) {
      Slot& sl = slots_[q][slot.value()];
      Buffer bufs[2 + 130];
      if (segs > 130) {
        arch::irq_restore(flags);
        return Error::TooBig;
      }
      sl.header->type = static_cast<u32>(op);
      sl.header->reserved = 0;
      sl.header->sector = op == Op::Flush ? 0 : sector;
      *sl.status = 0xff;
      bufs[0] = {dma_address(sl.header), sizeof(Header), false};
      auto* data = static_cast<u8*>(buf);
      for (usize i = 0; i < segs; ++i) {
        u64 off = i * seg_bytes;
        u32 len = static_cast<u32>(min(seg_bytes, bytes - off));
        bufs[1 + i] = {dma_address(data + off), len, op == Op::Read};
      }
      bufs[1 + segs] = {dma_address(sl.status), 1, true};
      auto head = queues_[q].add(bufs, segs + 2);
      if (!head.ok()) {
        arch::irq_restore(flags);
        return head.error();
      }
      slot_of_head_[q][head.value()] = static_cast<u16>(slot.value());
      sl.busy = true;
      sl.op = op;
      sl.bytes = static_cast<u32>(bytes);
      ++stats_.in_flight;
      ++stats_.requests_submitted;
      if (stats_.in_flight > stats_.max_in_flight) stats_.max_in_flight = stats_.in_flight;
      if (op == Op::Read) { ++stats_.reads; stats_.bytes_read += bytes; }
      else if (op == Op::Write) { ++stats_.writes; stats_.bytes_written += bytes; }
      else ++stats_.flushes;
      pending_kick_[q] = true;
      arch::irq_restore(flags);
      return Error::Ok;
    }
    // Ring full: make sure the device has the work, then wait for a completion.
    arch::irq_restore(flags);
    kick();
    if (!wait_progress([&] { return free_slot(q).ok() && queues_[q].free_count() >= segs + 2; }))
      return Error::TimedOut;
  }
}

void Blk::kick() {
  for (u16 q = 0; q < nqueues_; ++q) {
    if (!pending_kick_[q]) continue;
    u64 flags = arch::irq_save();
    pending_kick_[q] = false;
    bool notify = queues_[q].publish();
    arch::irq_restore(flags);
    if (notify) {
      ++stats_.notifications;
      transport_.notify(q);
    }
  }
}

Error Blk::wait_all() {
  kick();
  bool done = wait_progress([&] { return stats_.in_flight == 0; });
  u64 flags = arch::irq_save();
  Error e = !done || failed_ ? Error::TimedOut : first_error_;
  first_error_ = Error::Ok;
  arch::irq_restore(flags);
  return e;
}

Error Blk::do_sync(Op op, u64 sector, u32 count, void* buf) {
  TRY(submit(op, sector, count, buf));
  return wait_all();
}

Error Blk::read(u64 sector, u32 count, void* buf) { return do_sync(Op::Read, sector, count, buf); }
Error Blk::write(u64 sector, u32 count, const void* buf) {
  return do_sync(Op::Write, sector, count, const_cast<void*>(buf));
}
Error Blk::flush() { return do_sync(Op::Flush, 0, 0, nullptr); }

Error probe_block_devices() {
  nblks = 0;
  Error last = Error::NoEntry;
  const u16 ids[] = {kDeviceIdBlk, kDeviceIdBlkTransitional};
  for (u16 id : ids) {
    pci::Device* d = nullptr;
    while ((d = pci::find(kVendor, id, d)) && nblks < kMaxBlks) {
      last = blks[nblks].init(d);
      if (last == Error::Ok) ++nblks;
    }
  }
  return nblks ? Error::Ok : last;
}

usize blk_count() { return nblks; }
Blk* blk_at(usize i) { return i < nblks ? &blks[i] : nullptr; }

}  // namespace sis::virtio
