// Device commands: lspci (what enumeration found), blkstat (virtio-blk counters),
// blkctl (capacity, and a deterministic pattern written to / verified on the disk so the
// host can prove the bytes reached the image), bench blk (throughput, IOPS, latency).
#include "arch/arch.h"
#include "drivers/dma.h"
#include "drivers/pci/pci.h"
#include "drivers/virtio/virtio_blk.h"
#include "lib/json.h"
#include "lib/string.h"
#include "shell/cancel.h"
#include "shell/command.h"
#include "lib/json_output.h"

namespace sis::shell {
namespace {

int cmd_lspci(const Args& a, Output& out) {
  if (a.has("--json")) {
    return print_json(out, [](JsonWriter& w) {
      w.begin_object().key("devices").begin_array();
      for (usize i = 0; i < pci::device_count(); ++i) {
        const pci::Device* d = pci::device_at(i);
        w.begin_object()
            .kv_uint("bus", d->bus).kv_uint("device", d->device).kv_uint("function", d->function)
            .kv_uint("vendor", d->vendor_id).kv_uint("device_id", d->device_id)
            .kv_uint("class", d->class_code).kv_uint("subclass", d->subclass)
            .kv_uint("intid", d->intx_intid);
        w.key("bars").begin_array();
        for (const auto& b : d->bars)
          if (b.size) w.begin_object().kv_uint("address", b.address).kv_uint("size", b.size).end_object();
        w.end_array().end_object();
      }
      w.end_array().end_object();
    });
  }
  out.printf("%-8s %-9s %-18s %-6s %s\n", "slot", "id", "class", "irq", "BARs");
  for (usize i = 0; i < pci::device_count(); ++i) {
    const pci::Device* d = pci::device_at(i);
    out.printf("%02x:%02x.%u  %04x:%04x %-18s %-6u", d->bus, d->device, d->function, d->vendor_id, d->device_id,
               pci::class_name(d->class_code, d->subclass), d->intx_intid);
    for (usize k = 0; k < 6; ++k)
      if (d->bars[k].size)
        out.printf(" %zu:0x%llx/%lluK", k, static_cast<unsigned long long>(d->bars[k].address),
                   static_cast<unsigned long long>(d->bars[k].size >> 10));
    out.print("\n");
  }
  if (pci::device_count() == 0) out.print("(no PCI devices)\n");
  return 0;
}
SIS_COMMAND("lspci", "list PCI devices found through ECAM", "lspci [--json]", cmd_lspci);

virtio::Blk* pick_disk(const Args& a, Output& out) {
  u64 idx = 0;
  StrView d = a.value("--disk");
  if (!d.empty() && !parse_u64(d, &idx)) {
    out.print("error: --disk needs a disk number\n");
    return nullptr;
  }
  virtio::Blk* b = virtio::blk_at(static_cast<usize>(idx));
  if (!b) out.printf("error: no disk %llu (this VM has %zu)\n", static_cast<unsigned long long>(idx), virtio::blk_count());
  return b;
}

int cmd_blkstat(const Args& a, Output& out) {
  if (a.has("--json")) {
    return print_json(out, [](JsonWriter& w) {
      w.begin_object().key("disks").begin_array();
      for (usize i = 0; i < virtio::blk_count(); ++i) {
        const auto* b = virtio::blk_at(i);
        const auto& s = b->stats();
        w.begin_object()
            .kv_uint("index", i).kv_uint("sectors", b->sector_count()).kv_bool("read_only", b->read_only())
            .kv_uint("queues", b->queue_count()).kv_uint("queue_size", b->queue_size())
            .kv_bool("event_idx", b->event_idx()).kv_bool("msix", b->msix())
            .kv_uint("reads", s.reads).kv_uint("writes", s.writes).kv_uint("flushes", s.flushes)
            .kv_uint("bytes_read", s.bytes_read).kv_uint("bytes_written", s.bytes_written)
            .kv_uint("errors", s.errors).kv_uint("interrupts", s.interrupts)
            .kv_uint("notifications", s.notifications).kv_uint("in_flight", s.in_flight)
            .kv_uint("max_in_flight", s.max_in_flight).kv_bool("flush_supported", b->can_flush())
            .kv_bool("failed", b->failed()).kv_uint("timeouts", s.timeouts)
            .kv_uint("abandoned", s.abandoned).kv_uint("late_completions", s.late_completions);
        w.key("queue_interrupts").begin_array();
        for (u16 q = 0; q < b->queue_count(); ++q) w.uint(b->queue_interrupts(q));
        w.end_array().end_object();
      }
      w.end_array().end_object();
    });
  }
  if (virtio::blk_count() == 0) {
    out.print("no disks (boot with sisctl boot --disk IMG)\n");
    return 0;
  }
  out.printf("%-5s %10s %9s %9s %8s %10s %10s %7s %7s %6s %6s\n", "disk", "size MiB", "reads", "writes", "flushes",
             "read KiB", "write KiB", "irqs", "kicks", "inflt", "maxq");
  for (usize i = 0; i < virtio::blk_count(); ++i) {
    const auto* b = virtio::blk_at(i);
    const auto& s = b->stats();
    out.printf("disk%-1zu %10llu %9llu %9llu %8llu %10llu %10llu %7llu %7llu %6u %6u\n", i,
               static_cast<unsigned long long>(b->sector_count() >> 11), static_cast<unsigned long long>(s.reads),
               static_cast<unsigned long long>(s.writes), static_cast<unsigned long long>(s.flushes),
               static_cast<unsigned long long>(s.bytes_read >> 10), static_cast<unsigned long long>(s.bytes_written >> 10),
               static_cast<unsigned long long>(s.interrupts), static_cast<unsigned long long>(s.notifications),
               s.in_flight, s.max_in_flight);
  }
  for (usize i = 0; i < virtio::blk_count(); ++i) {
    const auto* b = virtio::blk_at(i);
    const auto& s = b->stats();
    if (!b->can_flush() && !b->read_only())
      out.printf("disk%zu: offers no flush: writes cannot be made durable (mounted read-only)\n", i);
    if (b->failed())
      out.printf("disk%zu: FAILED (stopped answering): %llu timeout(s), %u request(s) still held by the device, "
                 "%llu late completion(s)\n",
                 i, static_cast<unsigned long long>(s.timeouts), s.abandoned,
                 static_cast<unsigned long long>(s.late_completions));
  }
  return 0;
}
SIS_COMMAND("blkstat", "virtio-blk request, byte, flush, interrupt and queue counters", "blkstat [--json]",
            cmd_blkstat);

// The pattern: every 512-byte sector is 16 copies of a 32-byte line naming the seed and the
// sector, so the host can regenerate it with awk and `cmp` the image.
void fill_pattern(u8* sector, u64 seed, u64 lba) {
  char line[33];
  format(line, sizeof(line), "SIS seed=%05llu lba=%010llu  \n", static_cast<unsigned long long>(seed % 100000),
         static_cast<unsigned long long>(lba % 10000000000ull));
  for (int i = 0; i < 16; ++i) memcpy(sector + i * 32, line, 32);
}

int cmd_blkctl(const Args& a, Output& out) {
  if (a.argc < 2) {
    out.print("usage: blkctl info|pattern-write|pattern-verify ...  (blkctl --help)\n");
    return 2;
  }
  virtio::Blk* b = pick_disk(a, out);
  if (!b) return 1;
  StrView sub = a.argv[1];
  if (sub == StrView("info")) {
    out.printf("disk: %llu sectors of 512 bytes (%llu MiB)%s, %u queue(s) of %u, seg_max %u, features 0x%llx\n",
               static_cast<unsigned long long>(b->sector_count()),
               static_cast<unsigned long long>(b->sector_count() >> 11), b->read_only() ? ", read-only" : "",
               b->queue_count(), b->queue_size(), b->seg_max(), static_cast<unsigned long long>(b->features()));
    out.printf("flush: %s; deadline: %llu s without a completion fails the disk%s\n",
               b->can_flush() ? "yes (fsync = write + flush)" : "NO (writes cannot be made durable)",
               static_cast<unsigned long long>(virtio::Blk::kDeadlineNs / 1000000000ull),
               b->failed() ? " (FAILED)" : "");
    return 0;
  }
  bool write = sub == StrView("pattern-write");
  if (!write && sub != StrView("pattern-verify")) {
    out.printf("blkctl: unknown subcommand '%.*s'\n", static_cast<int>(sub.size), sub.data);
    return 2;
  }
  u64 seed = 0, count = 0, start = 0;
  if (!parse_u64(a.value("--seed"), &seed) || !parse_u64(a.value("--sectors"), &count) || count == 0) {
    out.print("usage: blkctl pattern-write|pattern-verify --seed S --sectors N [--start LBA] [--disk D]\n");
    return 2;
  }
  if (!a.value("--start").empty() && !parse_u64(a.value("--start"), &start)) {
    out.print("error: --start needs a sector number\n");
    return 2;
  }
  if (start + count > b->sector_count() || start + count < start) {
    out.printf("error: sectors %llu..%llu are past the end of the disk (%llu sectors)\n",
               static_cast<unsigned long long>(start), static_cast<unsigned long long>(start + count - 1),
               static_cast<unsigned long long>(b->sector_count()));
    return 1;
  }
  constexpr u32 kChunk = 256;  // sectors per request (128 KiB)
  auto buf = dma_alloc(kChunk * 512);
  auto expect = dma_alloc(512);
  if (!buf.ok() || !expect.ok()) {
    out.print("error: out of memory for the I/O buffer\n");
    return 1;
  }
  int rc = 0;
  bool timed_out = false;  // the device may still hold the buffers: they are not freed
  u64 mismatches = 0;
  for (u64 lba = start; lba < start + count && rc == 0;) {
    if (cancelled()) {  // Ctrl-C or a shell.exec deadline: stop between chunks
      out.printf("blkctl: interrupted at sector %llu\n", static_cast<unsigned long long>(lba));
      rc = 1;
      break;
    }
    u32 n = static_cast<u32>(min<u64>(kChunk, start + count - lba));
    auto* p = static_cast<u8*>(buf->virt);
    if (write) {
      for (u32 i = 0; i < n; ++i) fill_pattern(p + i * 512, seed, lba + i);
      if (Error e = b->write(lba, n, p); e != Error::Ok) {
        out.printf("error: write at sector %llu: %s\n", static_cast<unsigned long long>(lba), error_name(e));
        timed_out = e == Error::TimedOut;
        rc = 1;
      }
    } else {
      if (Error e = b->read(lba, n, p); e != Error::Ok) {
        out.printf("error: read at sector %llu: %s\n", static_cast<unsigned long long>(lba), error_name(e));
        timed_out = e == Error::TimedOut;
        rc = 1;
      }
      for (u32 i = 0; i < n && rc == 0; ++i) {
        fill_pattern(static_cast<u8*>(expect->virt), seed, lba + i);
        if (memcmp(p + i * 512, expect->virt, 512) != 0 && mismatches++ < 4)
          out.printf("mismatch at sector %llu\n", static_cast<unsigned long long>(lba + i));
      }
    }
    lba += n;
  }
  bool flushed = true;
  if (rc == 0 && write) {
    if (Error e = b->flush(); e == Error::NotSupported) {
      flushed = false;
    } else if (e != Error::Ok) {
      out.printf("error: flush: %s\n", error_name(e));
      timed_out = e == Error::TimedOut;
      rc = 1;
    }
  }
  if (!timed_out) dma_free(buf.value());
  dma_free(expect.value());
  if (rc) return rc;
  if (write) out.printf("wrote %llu sectors from %llu (seed %llu) %s\n", static_cast<unsigned long long>(count),
                        static_cast<unsigned long long>(start), static_cast<unsigned long long>(seed),
                        flushed ? "and flushed" : "(NOT flushed: the device offers no flush)");
  else if (mismatches) out.printf("verify FAILED: %llu of %llu sectors differ\n", static_cast<unsigned long long>(mismatches),
                                  static_cast<unsigned long long>(count));
  else out.printf("verified %llu sectors: all match\n", static_cast<unsigned long long>(count));
  return mismatches ? 1 : 0;
}
SIS_COMMAND("blkctl", "disk information and pattern write/verify",
            "blkctl info [--disk D]\n"
            "blkctl pattern-write --seed S --sectors N [--start LBA] [--disk D]\n"
            "blkctl pattern-verify --seed S --sectors N [--start LBA] [--disk D]\n"
            "  Each sector holds 16 copies of \"SIS seed=SSSSS lba=LLLLLLLLLL  \\n\" (32 bytes).",
            cmd_blkctl);

}  // namespace
}  // namespace sis::shell
