// sisctl disk create PATH [--size MiB] [--from DIR] [--block-size N]: a new ext4 disk image
// made by the real mkfs.ext4 (Debian 12 defaults), optionally filled from a directory.
#pragma once

namespace sisctl {
int disk_main(int argc, char** argv);
}
