// Random bytes: see random.h.
#include "proc/random.h"

#include "arch/arch.h"
#include "core/spinlock.h"

namespace sis::proc {
namespace {
SpinLock lock;
u64 state SIS_GUARDED_BY(lock) = 0x9e3779b97f4a7c15ull;
}  // namespace

void fill_random(void* buf, usize n) {
  auto* out = static_cast<u8*>(buf);
  SpinLockGuard g(lock);
  state ^= arch::counter() * 0xbf58476d1ce4e5b9ull ^ (arch::cycles() << 17);
  for (usize i = 0; i < n; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    out[i] = static_cast<u8>(state >> 32);
  }
}

}  // namespace sis::proc
