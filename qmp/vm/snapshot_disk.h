// Copies of a raw disk image for VM snapshots (docs/desktop.md, "Snapshots"). The default
// disk is a raw image, which QEMU cannot snapshot internally, so a snapshot keeps a copy of
// it taken while the VM is paused. Copies are sparse (SEEK_DATA/SEEK_HOLE): a 64 MiB disk
// with 15 MiB in use costs 15 MiB and is copied in milliseconds.
#pragma once
#include <QString>

namespace sis::host {

// Copies `from` to a new file `to` (which must not exist), keeping holes.
bool copy_disk_image(const QString& from, const QString& to, QString* error);

// Writes the copy `from` back over `to` in place: the same inode, because a paused QEMU keeps
// `to` open. `to` ends with `from`'s size and content (its holes become holes or zeros).
bool restore_disk_image(const QString& from, const QString& to, QString* error);

}  // namespace sis::host
