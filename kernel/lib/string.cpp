// Portable string helpers (both builds) and, in the kernel only, the C memory primitives
// the compiler may call implicitly. Kept simple: the compiler vectorises what matters later.
#include "lib/string.h"

namespace sis {

StrView::StrView(const char* cstr) : data(cstr), size(cstr ? strlen(cstr) : 0) {}

bool StrView::operator==(StrView o) const {
  return size == o.size && (size == 0 || memcmp(data, o.data, size) == 0);
}

bool StrView::starts_with(StrView p) const {
  return p.size <= size && (p.size == 0 || memcmp(data, p.data, p.size) == 0);
}

bool parse_u64(StrView s, u64* out) {
  if (s.empty()) return false;
  u64 base = 10;
  usize i = 0;
  if (s.size > 2 && s.data[0] == '0' && (s.data[1] == 'x' || s.data[1] == 'X')) {
    base = 16;
    i = 2;
  }
  u64 v = 0;
  for (; i < s.size; ++i) {
    char c = s.data[i];
    u64 d;
    if (c >= '0' && c <= '9') d = static_cast<u64>(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<u64>(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<u64>(c - 'A' + 10);
    else return false;
    if (v > (~0ull - d) / base) return false;  // overflow
    v = v * base + d;
  }
  *out = v;
  return true;
}

usize copy_cstr(char* dst, usize cap, StrView src) {
  if (cap == 0) return 0;
  usize n = min(cap - 1, src.size);
  if (n) memcpy(dst, src.data, n);
  dst[n] = '\0';
  return n;
}

}  // namespace sis

#ifndef SIS_HOST
extern "C" {

void* memcpy(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  auto* s = static_cast<const unsigned char*>(src);
  while (n >= 8 && ((reinterpret_cast<uintptr_t>(d) | reinterpret_cast<uintptr_t>(s)) & 7) == 0) {
    *reinterpret_cast<uint64_t*>(d) = *reinterpret_cast<const uint64_t*>(s);
    d += 8; s += 8; n -= 8;
  }
  while (n--) *d++ = *s++;
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  auto* s = static_cast<const unsigned char*>(src);
  if (d == s || n == 0) return dst;
  if (d < s || d >= s + n) return memcpy(dst, src, n);
  while (n--) d[n] = s[n];
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  // Byte stores up to 8-byte alignment, then 8-byte stores: under TCG every store is an
  // emulated instruction, so a byte loop made zeroing large tables (and boot) ~7x slower.
  auto* d = static_cast<unsigned char*>(dst);
  auto b = static_cast<unsigned char>(c);
  while (n && (reinterpret_cast<uintptr_t>(d) & 7)) {
    *d++ = b;
    --n;
  }
  uint64_t w = 0x0101010101010101ull * b;
  for (; n >= 32; n -= 32, d += 32) {
    reinterpret_cast<uint64_t*>(d)[0] = w;
    reinterpret_cast<uint64_t*>(d)[1] = w;
    reinterpret_cast<uint64_t*>(d)[2] = w;
    reinterpret_cast<uint64_t*>(d)[3] = w;
  }
  for (; n >= 8; n -= 8, d += 8) *reinterpret_cast<uint64_t*>(d) = w;
  while (n--) *d++ = b;
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  auto* x = static_cast<const unsigned char*>(a);
  auto* y = static_cast<const unsigned char*>(b);
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

size_t strlen(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

int strcmp(const char* a, const char* b) {
  while (*a && *a == *b) { ++a; ++b; }
  return static_cast<unsigned char>(*a) - static_cast<unsigned char>(*b);
}

int strncmp(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i] || !a[i]) return static_cast<unsigned char>(a[i]) - static_cast<unsigned char>(b[i]);
  }
  return 0;
}

}  // extern "C"
#endif
