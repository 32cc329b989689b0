// Memory the devices read and write. The kernel maps RAM identity (VA == PA), so a kernel
// pointer is also the address the device uses: no bounce buffers, no IOMMU. This header is
// the one place that assumption lives; if the kernel moves to a high-half map, only
// dma_address() changes.
#pragma once
#include "lib/result.h"

namespace sis {

inline u64 dma_address(const void* p) { return reinterpret_cast<u64>(p); }

struct DmaRegion {
  void* virt = nullptr;
  u64 phys = 0;
  usize bytes = 0;
};

// Zeroed, physically contiguous, page-aligned memory from the page allocator.
Result<DmaRegion> dma_alloc(usize bytes);
void dma_free(const DmaRegion& r);

}  // namespace sis
