// Root mount at boot: ext4 on the first virtio-blk disk, else ramfs (see fs_boot.h).
#include "fs/fs_boot.h"

#include "arch/arch.h"
#include "sched/background.h"
#include "core/boot_info.h"
#include "core/console.h"
#include "core/klog.h"
#include "drivers/virtio/virtio_blk.h"
#include "lib/env.h"
#include "fs/ramfs.h"

namespace sis::fs {
namespace {

Ext4 root_fs;
RamFs ram_fs;
BlockDevice* root_dev = nullptr;
bool ext4_root = false;
RootStatus status;

// No RTC driver yet: the clock starts at the file system's last write time (or 2024-01-01)
// and runs with the generic timer, so timestamps are monotonic and plausible.
u64 clock_base = 1704067200;
u64 clock_now() { return clock_base + now_ns() / 1000000000ull; }

// Periodic commit (each file system's commit interval, 5 s for ext4): without it, space
// freed by rm stayed unusable and new data stayed in memory until an explicit sync. Runs
// as a background job (holding the command lock, so never inside a file operation), and
// looks at the file systems once a second.
void commit_job() {
  static u64 last = 0;
  u64 now = clock_now();
  if (now == last) return;
  last = now;
  Error e = kernel_vfs().commit_due(now);
  static bool reported = false;
  if (e != Error::Ok && !reported) {
    kprintf("fs: periodic commit failed: %s\n", error_name(e));
    reported = true;
  }
}

}  // namespace

u64 now_ns() { return arch::counter_to_ns(arch::counter() - boot_info::boot_counter_start()); }
Ext4* root_ext4() { return ext4_root ? &root_fs : nullptr; }
BlockDevice* root_device() { return root_dev; }
RootStatus root_status() { return status; }

void mount_root() {
  set_wall_clock_hook(clock_now);
  background::add(commit_job);
  Vfs& vfs = kernel_vfs();
  if (virtio::blk_count() > 0) {
    virtio::Blk* dev = virtio::blk_at(0);
    status.disk_present = true;
    Ext4::Options opt;
    opt.cache_buffers = 2048;  // 2 MiB (1 KiB blocks) to 8 MiB (4 KiB blocks)
    // Durability: fsync returns after a device flush. A disk that offers none (no
    // VIRTIO_BLK_F_FLUSH) cannot keep that promise, so it is mounted read-only (and its
    // journal is not replayed: replay needs flushes too).
    bool no_flush = !dev->read_only() && !dev->can_flush();
    if (no_flush) {
      opt.read_only = true;
      opt.replay = false;
      SIS_KLOG(Warn, "fs", "disk0 offers no cache flush (VIRTIO_BLK_F_FLUSH): fsync could not make data durable, "
               "so / is mounted read-only");
    }
    u64 t0 = now_ns();
    Error e = root_fs.mount(dev, opt);
    u64 t1 = now_ns();
    if (e == Error::Ok) e = vfs.mount("/", &root_fs, "disk0");
    if (e == Error::Ok) {
      ext4_root = true;
      root_dev = dev;
      Ext4::Info in = root_fs.info();
      status.kind = RootKind::Ext4;
      status.read_only = in.read_only;
      const JournalStats* js = root_fs.journal_stats();
      kprintf("fs: disk0 mounted on / (ext4, %u-byte blocks, %llu MiB%s%s)", in.block_size,
              static_cast<unsigned long long>(in.blocks * in.block_size >> 20), in.read_only ? ", read-only" : "",
              in.has_journal ? ", journal" : "");
      if (in.journal_replayed && js)
        kprintf(", journal replayed: %u transactions, %u blocks in %llu us", js->replayed_transactions,
                js->replayed_blocks, static_cast<unsigned long long>((t1 - t0) / 1000));
      if (in.journal_replayed && js && js->discarded_transactions)
        kprintf(", discarded %u uncommitted transaction (%u blocks)", js->discarded_transactions, js->discarded_blocks);
      kprintf("\n");
      return;
    }
    status.disk_error = e;
    kprintf("fs: disk0 is not a usable ext4 file system (%s); using an in-memory /\n", error_name(e));
  }
  if (ram_fs.init() == Error::Ok && vfs.mount("/", &ram_fs, "ramfs") == Error::Ok) {
    status.kind = RootKind::RamFs;
    vfs.mkdir("/tmp");
    kprintf("fs: %s, in-memory file system on /: changes are lost at poweroff\n",
            status.disk_present ? "disk unusable" : "no disk");
  } else {
    kprintf("fs: no root file system\n");
  }
}

}  // namespace sis::fs
