// QEMU must not outlive the program that started it. A test killed by its timeout, a crashed
// sisctl or SIS Control Center would otherwise leave an orphaned VM running: it keeps a core
// busy under TCG, its sockets, and every file descriptor it inherited (a `flock` lock, for
// one, so that everything waiting on the lock hangs).
#pragma once
#include <sys/types.h>

namespace sis::host {

// Call in the child between fork and exec: the kernel sends it SIGKILL when the parent (the
// thread that forked) exits. `parent` is the parent's pid read before fork; if the parent is
// already gone the child exits at once.
void die_with_parent(pid_t parent);

}  // namespace sis::host
