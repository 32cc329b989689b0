// CRC-32C, slicing-by-8: eight 256-entry tables built once at first use (8 KiB of .bss).
#include "lib/crc32c.h"

namespace sis {
namespace {

u32 table[8][256];
bool table_ready = false;

void build_tables() {
  for (u32 i = 0; i < 256; ++i) {
    u32 c = i;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0x82F63B78u & (0u - (c & 1)));
    table[0][i] = c;
  }
  for (u32 i = 0; i < 256; ++i)
    for (int t = 1; t < 8; ++t) table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
  __atomic_store_n(&table_ready, true, __ATOMIC_RELEASE);
}

}  // namespace

u32 crc32c_raw(u32 crc, const void* data, usize n) {
  if (!__atomic_load_n(&table_ready, __ATOMIC_ACQUIRE)) build_tables();
  const u8* p = static_cast<const u8*>(data);
  while (n && (reinterpret_cast<uptr>(p) & 7)) {
    crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
    --n;
  }
  while (n >= 8) {
    u32 lo = static_cast<u32>(p[0]) | static_cast<u32>(p[1]) << 8 | static_cast<u32>(p[2]) << 16 |
             static_cast<u32>(p[3]) << 24;
    u32 hi = static_cast<u32>(p[4]) | static_cast<u32>(p[5]) << 8 | static_cast<u32>(p[6]) << 16 |
             static_cast<u32>(p[7]) << 24;
    lo ^= crc;
    crc = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^ table[5][(lo >> 16) & 0xff] ^ table[4][lo >> 24] ^
          table[3][hi & 0xff] ^ table[2][(hi >> 8) & 0xff] ^ table[1][(hi >> 16) & 0xff] ^ table[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  while (n--) crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
  return crc;
}

}  // namespace sis
