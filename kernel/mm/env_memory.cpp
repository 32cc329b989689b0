// lib/env.h's memory for the kernel: the kernel heap.
#include "lib/env.h"
#include "mm/heap.h"

namespace sis {
void* env_alloc(usize n) { return kmalloc(n ? n : 1); }
void env_free(void* p) { kfree(p); }
}  // namespace sis
