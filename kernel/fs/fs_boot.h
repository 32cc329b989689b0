// Mounting the root file system at boot (kernel only): the first virtio disk as ext4 (its
// journal replayed first when it needs recovery), else an in-memory file system, so that
// the shell's file commands always have a "/".
#pragma once
#include "fs/ext4.h"
#include "fs/vfs.h"

namespace sis::fs {

// Mounts "/" and prints one line saying what was mounted (or why the disk was not).
void mount_root();
// The ext4 on the boot disk, when that is what "/" is (for fsinfo, bench fs).
Ext4* root_ext4();
BlockDevice* root_device();
// Time in nanoseconds since boot (for benchmarks and the fs clock).
u64 now_ns();

}  // namespace sis::fs
