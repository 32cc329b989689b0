// `sisctl metrics` and `sisctl crash KIND`: talk to the kernel of a VM started with
// `sisctl vm start` over the control port (docs/protocol.md).
#pragma once

namespace sisctl {

int metrics_main(int argc, char** argv);
int crash_main(int argc, char** argv);

}  // namespace sisctl
