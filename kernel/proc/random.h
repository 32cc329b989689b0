// Random bytes for user space (AT_RANDOM, getrandom): a xorshift generator reseeded from the
// generic counter and the cycle counter on every call. Unpredictable enough for stack
// canaries and hash seeds in a teaching kernel; NOT a cryptographic generator (no entropy
// pool), and docs/processes.md says so.
#pragma once
#include "lib/types.h"

namespace sis::proc {
void fill_random(void* buf, usize n);
}
