// Mounting the root file system at boot (kernel only): the first virtio disk as ext4 (its
// journal replayed first when it needs recovery), else an in-memory file system, so that
// the shell's file commands always have a "/".
#pragma once
#include "fs/ext4.h"
#include "fs/vfs.h"

namespace sis::fs {

// Mounts "/" and prints one line saying what was mounted (or why the disk was not).
void mount_root();

// What "/" turned out to be. The in-memory fallback accepts writes and loses them at
// poweroff, so it must never pass for a disk: sys.info reports this and the shell warns
// before every prompt.
enum class RootKind { None, Ext4, RamFs };
struct RootStatus {
  RootKind kind = RootKind::None;
  bool disk_present = false;     // a virtio disk was found
  Error disk_error = Error::Ok;  // why that disk is not "/" (kind != Ext4 with a disk)
  bool read_only = false;        // ext4 mounted read-only
  bool persistent() const { return kind == RootKind::Ext4; }
};
RootStatus root_status();
// The ext4 on the boot disk, when that is what "/" is (for fsinfo, bench fs).
Ext4* root_ext4();
BlockDevice* root_device();
// Time in nanoseconds since boot (for benchmarks and the fs clock).
u64 now_ns();

}  // namespace sis::fs
