// Placement new, once for the whole kernel (the host gets it from <new>), and try_new /
// try_delete in mm/heap.h build on it.
#pragma once
#ifdef SIS_HOST
#include <new>
#else
inline void* operator new(unsigned long, void* p) noexcept { return p; }
#endif
