// `sisctl proc list|run|kill`: user processes of the kernel of a VM started with
// `sisctl vm start`, over the control port's proc.* methods (docs/protocol.md).
#pragma once

namespace sisctl {

int proc_main(int argc, char** argv);

}  // namespace sisctl
