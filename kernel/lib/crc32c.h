// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as used by ext4 metadata_csum and
// jbd2 checksums v2/v3. Table-driven (slicing-by-8), no allocation, portable.
//
// Two entry points because the users differ in conventions:
//  - crc32c_raw(seed, data, n): the bare register update, no inversion. ext4 and jbd2 chain
//    checksums this way (ext4_chksum(seed, ...) == crc32c_raw(seed, ...)), starting from ~0.
//  - crc32c(data, n): the standard CRC-32C (~crc32c_raw(~0, data, n)), e.g. "123456789" ->
//    0xE3069283.
#pragma once
#include "lib/types.h"

namespace sis {

u32 crc32c_raw(u32 seed, const void* data, usize n);
inline u32 crc32c(const void* data, usize n) { return ~crc32c_raw(~0u, data, n); }

}  // namespace sis
