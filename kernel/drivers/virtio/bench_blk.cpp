// `bench blk`: what the virtio-blk path delivers under QEMU. Sequential read and write MB/s
// with large requests, 4 KiB random read IOPS at queue depth 1 and with the queue full,
// the median and p99 latency of one 4 KiB read, and interrupts and notifications per
// request with and without VIRTIO_F_EVENT_IDX (the device is restarted for each mode).
// Writes go to the disk given (default: disk 0): use a scratch disk, never a file system.
#include "arch/arch.h"
#include "drivers/dma.h"
#include "drivers/virtio/virtio_blk.h"
#include "lib/json.h"
#include "lib/json_output.h"
#include "lib/sort.h"
#include "lib/string.h"
#include "lib/bench.h"

namespace sis::virtio {
namespace {

using virtio::Blk;

u64 now_ns() { return arch::counter_to_ns(arch::counter()); }


struct Result2 {
  u64 bytes = 0;
  u64 ns = 0;
  u64 requests = 0;
  Error error = Error::Ok;
  u64 mb_per_s() const { return ns ? bytes * 1000 / ns : 0; }     // bytes/ns*1000 = MB/s
  u64 iops() const { return ns ? requests * 1000000000ull / ns : 0; }
};

// Sequential transfer of `total` bytes in `req_bytes` requests, `depth` in flight per batch.
Result2 sequential(Blk& b, Blk::Op op, u8* buf, u64 total, u32 req_bytes, u32 depth) {
  Result2 r;
  u32 sectors = req_bytes / 512;
  u64 lba = 0;
  u64 t0 = now_ns();
  while (r.bytes < total && r.error == Error::Ok) {
    for (u32 i = 0; i < depth && r.bytes < total; ++i) {
      r.error = b.submit(op, lba, sectors, buf + static_cast<u64>(i) * req_bytes);
      if (r.error != Error::Ok) break;
      lba += sectors;
      r.bytes += req_bytes;
      ++r.requests;
    }
    Error e = b.wait_all();
    if (r.error == Error::Ok) r.error = e;
  }
  if (op == Blk::Op::Write && r.error == Error::Ok) r.error = b.flush();
  r.ns = now_ns() - t0;
  return r;
}

Result2 random_reads(Blk& b, u8* buf, u32 count, u32 depth, u64 span_sectors, u64* lat, u32 lat_cap) {
  Result2 r;
  XorShift64 rng{0x5151u + depth};
  u64 t0 = now_ns();
  for (u32 done = 0; done < count && r.error == Error::Ok;) {
    u64 t1 = now_ns();
    u32 batch = 0;
    for (; batch < depth && done + batch < count; ++batch) {
      u64 lba = (rng.next() % (span_sectors / 8)) * 8;  // 4 KiB aligned
      r.error = b.submit(Blk::Op::Read, lba, 8, buf + static_cast<u64>(batch) * 4096);
      if (r.error != Error::Ok) break;
    }
    Error e = b.wait_all();
    if (r.error == Error::Ok) r.error = e;
    if (depth == 1 && lat && done < lat_cap) lat[done] = now_ns() - t1;
    done += batch;
    r.requests += batch;
    r.bytes += static_cast<u64>(batch) * 4096;
  }
  r.ns = now_ns() - t0;
  return r;
}


// Interrupt behaviour and single-request latency under one device configuration.
struct ModeFigures {
  const char* name;
  bool event_idx, msix;
  u64 requests, interrupts, notifications;
  u64 lat_median_ns;
  bool ran;
};

int cmd_bench_blk(const Args& a, Output& out) {
  u64 disk = 0, mib = 16, request_kib = 256;
  if (!a.value("--disk").empty() && !parse_u64(a.value("--disk"), &disk)) {
    out.print("error: --disk needs a number\n");
    return 2;
  }
  if (!a.value("--mib").empty() && (!parse_u64(a.value("--mib"), &mib) || mib == 0 || mib > 1024)) {
    out.print("error: --mib needs 1..1024\n");
    return 2;
  }
  // Request size of the sequential runs (the peer's `dd bs=`): whole 4 KiB pages, at most
  // 256 KiB because the 16 buffers of the deep-queue runs are one DMA block (4 MiB at most).
  if (!a.value("--request-kib").empty() &&
      (!parse_u64(a.value("--request-kib"), &request_kib) || request_kib < 4 || request_kib > 256 ||
       request_kib % 4 != 0)) {
    out.print("error: --request-kib needs a multiple of 4 in 4..256\n");
    return 2;
  }
  Blk* b = virtio::blk_at(static_cast<usize>(disk));
  if (!b) {
    out.printf("bench blk: no disk %llu (boot with a scratch disk: sisctl boot --disk IMG)\n",
               static_cast<unsigned long long>(disk));
    return 1;
  }
  if (b->read_only()) {
    out.print("bench blk: the disk is read-only; the write test needs a writable scratch disk\n");
    return 1;
  }
  u64 total = min<u64>(mib << 20, b->sector_count() * 512);
  total &= ~((1ull << 20) - 1);
  if (total == 0) {
    out.print("bench blk: disk smaller than 1 MiB\n");
    return 1;
  }
  const u32 kLarge = static_cast<u32>(request_kib * 1024);
  constexpr u32 kDepth = 16;
  total -= total % kLarge;  // whole requests only
  auto buf = dma_alloc(static_cast<usize>(kLarge) * kDepth);
  if (!buf.ok()) {
    out.print("bench blk: out of memory for buffers\n");
    return 1;
  }
  auto* p = static_cast<u8*>(buf->virt);
  static u64 lat[512];
  constexpr u32 kRandom = 2000, kLat = 400;

  bool was_event_idx = b->event_idx(), was_msix = b->msix();
  ModeFigures modes[3] = {{"event-idx, MSI-X", true, true, 0, 0, 0, 0, false},
                          {"no event-idx, MSI-X", false, true, 0, 0, 0, 0, false},
                          {"event-idx, INTx", true, false, 0, 0, 0, 0, false}};
  Result2 seq_w, seq_r1, seq_rq, rnd1, rndq;
  Error err = Error::Ok;
  for (int mode = 0; mode < 3 && err == Error::Ok; ++mode) {
    if (Error e = b->restart(modes[mode].event_idx, modes[mode].msix); e != Error::Ok) {
      err = e;
      break;
    }
    if (modes[mode].msix && !b->msix()) continue;  // no ITS/MSI-X here: that mode cannot run
    modes[mode].msix = b->msix();
    b->reset_stats();
    Result2 r = random_reads(*b, p, kRandom, kDepth, b->sector_count(), nullptr, 0);
    err = r.error;
    modes[mode].requests = b->stats().requests_submitted;
    modes[mode].interrupts = b->stats().interrupts;
    modes[mode].notifications = b->stats().notifications;
    if (err == Error::Ok) {
      Result2 l = random_reads(*b, p, kLat / 2, 1, b->sector_count(), lat, kLat / 2);
      err = l.error;
      heap_sort(lat, kLat / 2);
      modes[mode].lat_median_ns = lat[kLat / 4];
      modes[mode].ran = true;
    }
    if (mode == 0 && err == Error::Ok) {
      rndq = r;
      seq_w = sequential(*b, Blk::Op::Write, p, total, kLarge, kDepth);
      seq_rq = sequential(*b, Blk::Op::Read, p, total, kLarge, kDepth);
      seq_r1 = sequential(*b, Blk::Op::Read, p, total, kLarge, 1);
      rnd1 = random_reads(*b, p, kLat, 1, b->sector_count(), lat, kLat);
      const Error errors[] = {seq_w.error, seq_rq.error, seq_r1.error, rnd1.error};
      for (Error e : errors)
        if (err == Error::Ok) err = e;
    }
  }
  b->restart(was_event_idx, was_msix);
  dma_free(buf.value());
  if (err != Error::Ok) {
    out.printf("bench blk: I/O failed: %s\n", error_name(err));
    return 1;
  }
  heap_sort(lat, kLat);
  u64 lat_med = lat[kLat / 2], lat_p99 = lat[kLat * 99 / 100];
  auto per_req_milli = [](u64 n, u64 reqs) { return reqs ? n * 1000 / reqs : 0; };  // x1000

  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object()
          .kv_uint("disk", disk).kv_uint("bytes", total).kv_uint("request_bytes", kLarge).kv_uint("queue_depth", kDepth)
          .kv_uint("seq_write_mb_s", seq_w.mb_per_s()).kv_uint("seq_read_mb_s", seq_rq.mb_per_s())
          .kv_uint("seq_read_qd1_mb_s", seq_r1.mb_per_s())
          .kv_uint("seq_write_ns", seq_w.ns).kv_uint("seq_read_ns", seq_rq.ns).kv_uint("seq_read_qd1_ns", seq_r1.ns)
          .kv_uint("rand_read_4k_iops_qd1", rnd1.iops()).kv_uint("rand_read_4k_iops_qd", rndq.iops())
          .kv_uint("read_4k_latency_median_ns", lat_med).kv_uint("read_4k_latency_p99_ns", lat_p99);
      w.key("modes").begin_array();
      for (const auto& m : modes) {
        if (!m.ran) continue;
        w.begin_object().kv("name", m.name).kv_bool("event_idx", m.event_idx).kv_bool("msix", m.msix)
            .key("interrupts_per_request").fixed(static_cast<i64>(per_req_milli(m.interrupts, m.requests)), 3)
            .key("notifications_per_request").fixed(static_cast<i64>(per_req_milli(m.notifications, m.requests)), 3)
            .kv_uint("read_4k_latency_median_ns", m.lat_median_ns).end_object();
      }
      w.end_array().end_object();
    });
  }
  out.printf("bench blk: disk%llu, %llu KiB sequential in %u KiB requests, queue depth %u, 4 KiB random reads\n",
             static_cast<unsigned long long>(disk), static_cast<unsigned long long>(total >> 10), kLarge / 1024, kDepth);
  out.printf("%-40s %14s\n", "measure", "value");
  out.printf("%-40s %9llu MB/s\n", "sequential write (QD16, + flush)", static_cast<unsigned long long>(seq_w.mb_per_s()));
  out.printf("%-40s %9llu MB/s\n", "sequential read (QD16)", static_cast<unsigned long long>(seq_rq.mb_per_s()));
  out.printf("%-40s %9llu MB/s\n", "sequential read (QD1)", static_cast<unsigned long long>(seq_r1.mb_per_s()));
  out.printf("%-40s %9llu IOPS\n", "4 KiB random read (QD1)", static_cast<unsigned long long>(rnd1.iops()));
  out.printf("%-40s %9llu IOPS\n", "4 KiB random read (QD16)", static_cast<unsigned long long>(rndq.iops()));
  out.printf("%-40s %9llu ns\n", "4 KiB read latency median (QD1)", static_cast<unsigned long long>(lat_med));
  out.printf("%-40s %9llu ns\n", "4 KiB read latency p99 (QD1)", static_cast<unsigned long long>(lat_p99));
  out.printf("%-22s %14s %14s %14s\n", "device mode", "irqs/request", "kicks/request", "4K QD1 median");
  for (const auto& m : modes) {
    if (!m.ran) {
      out.printf("%-22s %14s\n", m.name, "(no MSI-X)");
      continue;
    }
    u64 ipr = per_req_milli(m.interrupts, m.requests);
    u64 npr = per_req_milli(m.notifications, m.requests);
    out.printf("%-22s %10llu.%03llu %10llu.%03llu %11llu ns\n", m.name, static_cast<unsigned long long>(ipr / 1000),
               static_cast<unsigned long long>(ipr % 1000), static_cast<unsigned long long>(npr / 1000),
               static_cast<unsigned long long>(npr % 1000), static_cast<unsigned long long>(m.lat_median_ns));
  }
  return 0;
}

}  // namespace

SIS_BENCH("blk", "virtio-blk throughput, IOPS, latency, interrupts per request",
          "bench blk [--disk D] [--mib N] [--request-kib K] [--json]\n"
          "  WRITES to the disk (default disk 0, first N MiB, default 16): use a scratch disk.\n"
          "  Sequential runs use K KiB requests (4..256, default 256).",
          cmd_bench_blk);

}  // namespace sis::virtio
