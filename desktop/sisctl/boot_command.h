// `sisctl boot`: boot the kernel headless and run commands, or attach the terminal.
#pragma once

namespace sisctl {

// Exit codes, documented in --help. 5 is left out: the Qt commands use it for "control
// port not available" (vm_access.h), and one number means one thing across sisctl.
enum Exit : int {
  kOk = 0,
  kUsage = 1,
  kBootFailed = 2,
  kPanic = 3,
  kTimeout = 4,
  kCommandFailed = 6,  // an --exec command exited non-zero
  kNoDisk = 7,         // --disk was given but "/" is the in-memory fallback
};

int boot_main(int argc, char** argv);

}  // namespace sisctl
