// lib/env.h's memory for the kernel: the kernel heap.
#include "lib/env.h"
#include "mm/heap.h"

namespace sis {
#ifndef SIS_HOST
static_assert(kEnvMaxAlloc == mm::Heap::kMaxAlloc, "lib/env.h must promise what the heap gives");
#endif
void* env_alloc(usize n) { return kmalloc(n ? n : 1); }
void env_free(void* p) { kfree(p); }
}  // namespace sis
