#include "drivers/dma.h"

#include "mm/kernel_memory.h"

namespace sis {
namespace {
unsigned order_for(usize bytes) {
  unsigned order = 0;
  while ((4096ull << order) < bytes) ++order;
  return order;
}
}  // namespace

Result<DmaRegion> dma_alloc(usize bytes) {
  if (bytes == 0) return Error::Invalid;
  auto block = TRY(mm::kernel_pages().alloc_zeroed(order_for(bytes)));
  return DmaRegion{block, dma_address(block), 4096ull << order_for(bytes)};
}

void dma_free(const DmaRegion& r) {
  if (r.virt) (void)mm::kernel_pages().free(r.virt);
}

}  // namespace sis
