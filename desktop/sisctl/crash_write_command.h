// `sisctl crash write`: the file-manager crash demo from the command line. Writes the user's
// content to a guest file with the power cut at a chosen point of the journal's commit
// (crash.inject write-crash), reboots the VM, and shows side by side what was written, what
// the disk holds now, what the journal did at mount (fs.journal) and e2fsck's verdict on a
// copy of the disk taken while the VM was paused, with why the outcome is the correct one.
#pragma once

namespace sisctl {

int crash_write_main(int argc, char** argv);

}  // namespace sisctl
