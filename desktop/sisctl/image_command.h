// sisctl image ls|cat|fsck: look into an ext4 disk image on the host with the kernel's own
// portable ext4 reader (read-only), and judge it with the real e2fsck.
#pragma once

namespace sisctl {
int image_main(int argc, char** argv);
}
