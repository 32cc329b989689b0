// `sisctl boot`: boot the kernel headless and run commands, or attach the terminal.
#pragma once

namespace sisctl {

// Exit codes, documented in --help.
enum Exit : int { kOk = 0, kUsage = 1, kBootFailed = 2, kPanic = 3, kTimeout = 4 };

int boot_main(int argc, char** argv);

}  // namespace sisctl
