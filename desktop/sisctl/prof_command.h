// `sisctl prof ...`: the kernel's sampling profiler over the control port (prof.* methods,
// docs/profiler.md), for a VM started with `sisctl vm start`.
#pragma once

namespace sisctl {

int prof_main(int argc, char** argv);

}  // namespace sisctl
