// lib/env.h's memory for host programs (tests, fuzzers, sisctl, the trainer): the C library.
#include <stdlib.h>

#include "lib/env.h"

namespace sis {
void* env_alloc(usize n) { return malloc(n ? n : 1); }
void env_free(void* p) { free(p); }
}  // namespace sis
