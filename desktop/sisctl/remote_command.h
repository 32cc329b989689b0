// sisctl --host user@host[:port] COMMAND ...: the same commands on a VM of a remote host,
// over one SSH connection (qmp/remote, docs/remote.md).
#pragma once

namespace sisctl {

// argv[1] is "--host" (or another global SSH option). Returns the exit status.
int remote_main(int argc, char** argv);

}  // namespace sisctl
