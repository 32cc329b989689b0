#include "launch/die_with_parent.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace sis::host {

void die_with_parent(pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The parent may have died between fork and prctl: then nothing would signal us.
  if (getppid() != parent) _exit(1);
}

}  // namespace sis::host
