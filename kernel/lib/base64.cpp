#include "lib/base64.h"

namespace sis {
namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
}  // namespace

usize base64_encode(const u8* src, usize n, char* dst) {
  usize w = 0;
  for (usize i = 0; i < n; i += 3) {
    u32 v = static_cast<u32>(src[i]) << 16;
    if (i + 1 < n) v |= static_cast<u32>(src[i + 1]) << 8;
    if (i + 2 < n) v |= src[i + 2];
    dst[w++] = kAlphabet[(v >> 18) & 63];
    dst[w++] = kAlphabet[(v >> 12) & 63];
    dst[w++] = i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=';
    dst[w++] = i + 2 < n ? kAlphabet[v & 63] : '=';
  }
  return w;
}

Result<usize> base64_decode(StrView src, u8* dst, usize cap) {
  if (src.size % 4) return Error::BadFormat;
  usize w = 0;
  for (usize i = 0; i < src.size; i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = src.data[i + k];
      if (c == '=') {
        // Padding only in the last quantum, only in its last two places, and contiguous.
        if (i + 4 != src.size || k < 2) return Error::BadFormat;
        ++pad;
        v[k] = 0;
      } else {
        if (pad) return Error::BadFormat;
        v[k] = value_of(c);
        if (v[k] < 0) return Error::BadFormat;
      }
    }
    u32 bits = (static_cast<u32>(v[0]) << 18) | (static_cast<u32>(v[1]) << 12) | (static_cast<u32>(v[2]) << 6) |
               static_cast<u32>(v[3]);
    usize out = 3 - static_cast<usize>(pad);
    // The bits under the padding must be zero (RFC 4648 3.5): otherwise several strings
    // would decode to the same bytes ("QQ==" and "QR==" both to "A").
    if ((pad == 1 && (bits & 0xff)) || (pad == 2 && (bits & 0xffff))) return Error::BadFormat;
    if (w + out > cap) return Error::TooBig;
    dst[w++] = static_cast<u8>(bits >> 16);
    if (out > 1) dst[w++] = static_cast<u8>(bits >> 8);
    if (out > 2) dst[w++] = static_cast<u8>(bits);
  }
  return w;
}

}  // namespace sis
