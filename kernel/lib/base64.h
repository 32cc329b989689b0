// Base64 (RFC 4648, standard alphabet, padded, no line breaks) for file contents in the
// control protocol.
#pragma once
#include "lib/result.h"

namespace sis {

constexpr usize base64_encoded_size(usize n) { return (n + 2) / 3 * 4; }
// Writes base64 of src to dst (capacity >= base64_encoded_size(n)); returns bytes written.
usize base64_encode(const u8* src, usize n, char* dst);
// Decodes into dst (capacity cap); BadFormat on a bad character, bad padding or length,
// TooBig when dst is too small. Only the canonical form decodes: the bits under the padding
// must be zero.
Result<usize> base64_decode(StrView src, u8* dst, usize cap);

}  // namespace sis
