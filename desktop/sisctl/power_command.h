// `sisctl power ...`: the host power meter for a VM started with `sisctl vm start`, and the
// kernel's power subsystem over the control port (docs/power.md).
#pragma once

namespace sisctl {

int power_main(int argc, char** argv);

}  // namespace sisctl
