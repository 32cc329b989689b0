// Finding the programs and files a VM needs, without the user configuring anything.
#pragma once
#include <string>

namespace sis::host {

// First executable named `name` on PATH, or empty.
std::string find_on_path(const std::string& name);

// QEMU: $SIS_QEMU, else qemu-system-aarch64 on PATH.
std::string locate_qemu();

// Kernel Image: $SIS_KERNEL, else ../kernel/Image next to this program's directory
// (the build tree layout build/bin/sisctl -> build/kernel/Image), else
// ../share/sis/kernel/Image (the installed layout /usr/bin/sisctl -> /usr/share/sis/...),
// else ./build/kernel/Image.
std::string locate_kernel(const std::string& argv0);

// The default disk image that programs copy before booting it (never boot it in place: it
// is the build's or the package's pristine copy): $SIS_DISK_IMAGE, else
// ../disk/sis-disk.img beside this program's directory (build tree), else
// ../share/sis/disk/sis-disk.img (installed). Empty when there is none.
std::string locate_default_disk(const std::string& argv0);

bool is_readable_file(const std::string& path);

}  // namespace sis::host
