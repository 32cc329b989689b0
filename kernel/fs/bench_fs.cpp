// `bench fs` (kernel only): files created per second, sequential write (with fsync, the
// figure to compare with Linux writing 64 MiB to ext4) and read MB/s through the file
// system against the raw block device in the same run, and journal replay time.
// Works in /bench-fs on the root ext4 and removes everything it made.
#include "fs/fs_boot.h"
#include "lib/env.h"
#include "lib/json.h"
#include "lib/json_output.h"
#include "lib/string.h"
#include "mm/heap.h"
#include "lib/bench.h"

namespace sis::fs {
namespace {

constexpr usize kChunk = 1 << 20;

// Reads or writes a file's first `blocks` blocks straight on the device, a run of contiguous
// blocks (at most `per_request`) per request: the raw device figures beside the ext4 ones.
Error raw_io(Ext4* e, BlockDevice* dev, u64 ino, u64 blocks, u64 per_request, u8* buf, bool write) {
  u32 spb = e->info().block_size / 512;
  for (u64 lblk = 0; lblk < blocks;) {
    u64 run = 0;
    u64 p = TRY(e->physical_block(ino, lblk, &run));
    if (!p) return Error::Corrupt;
    u64 n = min(run, per_request);
    u32 sectors = static_cast<u32>(n * spb);
    TRY(write ? dev->write(p * spb, sectors, buf) : dev->read(p * spb, sectors, buf));
    lblk += n;
  }
  return Error::Ok;
}

u64 rate_x100(u64 units, u64 ns) { return ns ? units * 100000000000ull / ns : 0; }  // units/s * 100

int bench_fs(const Args& a, Output& out) {
  fs::Ext4* e = fs::root_ext4();
  BlockDevice* dev = fs::root_device();
  if (!e || !dev || e->read_only()) {
    out.print("bench fs: needs a writable ext4 disk on / (boot with --disk)\n");
    return 1;
  }
  u64 mib = 64;
  u64 files = 1000;
  if (!a.value("--mib").empty()) parse_u64(a.value("--mib"), &mib);
  if (!a.value("--files").empty()) parse_u64(a.value("--files"), &files);
  if (mib == 0 || mib > 1024 || files == 0 || files > 100000) {
    out.print("bench fs: --mib 1..1024, --files 1..100000\n");
    return 2;
  }
  fs::Vfs& v = fs::kernel_vfs();
  u8* buf = static_cast<u8*>(kmalloc(kChunk));
  if (!buf) {
    out.print("bench fs: out of memory\n");
    return 1;
  }
  for (usize i = 0; i < kChunk; ++i) buf[i] = static_cast<u8>(i * 31 + 7);
  v.mkdir("/bench-fs");
  v.mkdir("/bench-fs/many");
  Error err = Error::Ok;
  char path[64];

  // 1. Create files (each with 64 bytes), then sync. The creates alone (no device flush:
  //    the changes wait in the journal) are the file system's own CPU cost.
  u64 t0 = fs::now_ns();
  for (u64 i = 0; i < files && err == Error::Ok; ++i) {
    format(path, sizeof path, "/bench-fs/many/f%llu", static_cast<unsigned long long>(i));
    auto r = v.write_file(path, buf, 64, fs::WriteMode::Replace);
    if (!r.ok()) err = r.error();
  }
  u64 t_create_only = fs::now_ns() - t0;
  if (err == Error::Ok) err = v.sync();
  u64 t_create = fs::now_ns() - t0;
  // 1b. Look every file up again (a path walk and an inode read each, from the cache).
  u64 t_lookup = 0;
  if (err == Error::Ok) {
    t0 = fs::now_ns();
    for (u64 i = 0; i < files && err == Error::Ok; ++i) {
      format(path, sizeof path, "/bench-fs/many/f%llu", static_cast<unsigned long long>(i));
      auto st = v.stat(path);
      if (!st.ok()) err = st.error();
    }
    t_lookup = fs::now_ns() - t0;
  }

  // 2. Sequential write of `mib` MiB, fsync included.
  u64 t_write = 0, t_read = 0, t_raw_write = 0, t_raw_read = 0;
  if (err == Error::Ok) {
    t0 = fs::now_ns();
    auto fd = v.open("/bench-fs/seq", fs::kOpenWrite | fs::kOpenCreate | fs::kOpenTruncate);
    if (!fd.ok()) err = fd.error();
    for (u64 i = 0; err == Error::Ok && i < mib; ++i) {
      auto w = v.write(fd.value(), buf, kChunk);
      if (!w.ok()) err = w.error();
    }
    if (err == Error::Ok) err = v.fsync(fd.value());
    if (fd.ok()) v.close(fd.value());
    t_write = fs::now_ns() - t0;
  }
  // 3. Sequential read (data blocks are not in the cache: large writes bypass it).
  if (err == Error::Ok) {
    t0 = fs::now_ns();
    for (u64 off = 0; err == Error::Ok && off < mib * kChunk; off += kChunk) {
      auto r = v.read_file("/bench-fs/seq", off, buf, kChunk);
      if (!r.ok()) err = r.error();
    }
    t_read = fs::now_ns() - t0;
  }
  // 4. The raw device, same amount, onto the benchmark file's own blocks (so nothing else
  //    on the disk is touched), 1 MiB requests, then a flush.
  if (err == Error::Ok) {
    auto st = v.stat("/bench-fs/seq");
    u64 ino = st.ok() ? st.value().ino : 0;
    u64 blocks_per_chunk = kChunk / e->info().block_size;
    t0 = fs::now_ns();
    err = raw_io(e, dev, ino, mib * blocks_per_chunk, blocks_per_chunk, buf, /*write=*/true);
    if (err == Error::Ok) err = dev->flush();
    t_raw_write = fs::now_ns() - t0;
    t0 = fs::now_ns();
    if (err == Error::Ok) err = raw_io(e, dev, ino, mib * blocks_per_chunk, blocks_per_chunk, buf, /*write=*/false);
    t_raw_read = fs::now_ns() - t0;
  }
  // 5. Journal replay of a transaction as large as the journal takes.
  u64 replay_ns = 0, replay_blocks = 0;
  if (err == Error::Ok) {
    u64 before = e->journal_stats() ? e->journal_stats()->replayed_blocks : 0;
    auto r = e->bench_replay(1u << 30, fs::now_ns);
    if (r.ok()) {
      replay_ns = r.value();
      replay_blocks = (e->journal_stats() ? e->journal_stats()->replayed_blocks : 0) - before;
    }
  }
  // Clean up; the removal of the files is timed (no flush: the sync comes after).
  t0 = fs::now_ns();
  for (u64 i = 0; i < files; ++i) {
    format(path, sizeof path, "/bench-fs/many/f%llu", static_cast<unsigned long long>(i));
    v.unlink(path);
  }
  u64 t_remove = fs::now_ns() - t0;
  v.unlink("/bench-fs/seq");
  v.rmdir("/bench-fs/many");
  v.rmdir("/bench-fs");
  v.sync();
  kfree(buf);
  if (err != Error::Ok) {
    out.printf("bench fs: failed: %s\n", error_name(err));
    return 1;
  }
  u64 bytes = mib * kChunk;
  u64 create_x100 = rate_x100(files, t_create);
  u64 w_x100 = rate_x100(bytes, t_write) / 1000000, r_x100 = rate_x100(bytes, t_read) / 1000000;
  u64 rw_x100 = rate_x100(bytes, t_raw_write) / 1000000, rr_x100 = rate_x100(bytes, t_raw_read) / 1000000;
  if (a.has("--json")) {
    return print_json(out, [&](JsonWriter& w) {
      w.begin_object().kv("bench", "fs").kv_uint("files", files).kv_uint("create_ns", t_create)
          .kv_uint("create_only_ns", t_create_only).kv_uint("lookup_ns", t_lookup).kv_uint("remove_ns", t_remove)
          .key("files_per_s").fixed(static_cast<i64>(create_x100), 2).kv_uint("mib", mib)
          .kv_uint("write_fsync_ns", t_write).key("write_mb_s").fixed(static_cast<i64>(w_x100), 2)
          .kv_uint("read_ns", t_read).key("read_mb_s").fixed(static_cast<i64>(r_x100), 2)
          .kv_uint("raw_write_flush_ns", t_raw_write).key("raw_write_mb_s").fixed(static_cast<i64>(rw_x100), 2)
          .kv_uint("raw_read_ns", t_raw_read).key("raw_read_mb_s").fixed(static_cast<i64>(rr_x100), 2)
          .kv_uint("replay_blocks", replay_blocks).kv_uint("replay_ns", replay_ns).end_object();
    });
  }
  out.printf("bench fs (%u-byte blocks)\n", e->info().block_size);
  out.printf("  create       %6llu files      %8llu.%02llu files/s  (%llu us incl. sync)\n",
             static_cast<unsigned long long>(files), static_cast<unsigned long long>(create_x100 / 100),
             static_cast<unsigned long long>(create_x100 % 100), static_cast<unsigned long long>(t_create / 1000));
  out.printf("               (creates alone %llu us, %llu ns a file)\n", static_cast<unsigned long long>(t_create_only / 1000),
             static_cast<unsigned long long>(t_create_only / files));
  out.printf("  lookup       %6llu files      %8llu ns a file\n", static_cast<unsigned long long>(files),
             static_cast<unsigned long long>(t_lookup / files));
  out.printf("  remove       %6llu files      %8llu ns a file\n", static_cast<unsigned long long>(files),
             static_cast<unsigned long long>(t_remove / files));
  out.printf("  write+fsync  %6llu MiB        %8llu.%02llu MB/s     (%llu us)   raw device %llu.%02llu MB/s\n",
             static_cast<unsigned long long>(mib), static_cast<unsigned long long>(w_x100 / 100),
             static_cast<unsigned long long>(w_x100 % 100), static_cast<unsigned long long>(t_write / 1000),
             static_cast<unsigned long long>(rw_x100 / 100), static_cast<unsigned long long>(rw_x100 % 100));
  out.printf("  read         %6llu MiB        %8llu.%02llu MB/s     (%llu us)   raw device %llu.%02llu MB/s\n",
             static_cast<unsigned long long>(mib), static_cast<unsigned long long>(r_x100 / 100),
             static_cast<unsigned long long>(r_x100 % 100), static_cast<unsigned long long>(t_read / 1000),
             static_cast<unsigned long long>(rr_x100 / 100), static_cast<unsigned long long>(rr_x100 % 100));
  out.printf("  replay       %6llu blocks     %8llu us\n", static_cast<unsigned long long>(replay_blocks),
             static_cast<unsigned long long>(replay_ns / 1000));
  return 0;
}

}  // namespace

SIS_BENCH("fs", "ext4: files/s, sequential write+fsync and read MB/s vs raw disk, journal replay",
          "bench fs [--mib N] [--files N] [--json]", bench_fs);

}  // namespace sis::fs
