// Memory and string primitives. In the kernel these are our own (string.cpp); on the host
// the C library provides them, so portable code can call them either way.
#pragma once
#include "lib/types.h"

#ifdef SIS_HOST
#include <string.h>  // the C library's own declarations (with their exception specs)
#else
extern "C" {
void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t n);
}
#endif

namespace sis {

// Parses a decimal (or 0x-prefixed hex) unsigned number; fails on junk or overflow.
bool parse_u64(StrView s, u64* out);
// Copies at most cap-1 bytes and always terminates; returns the length copied.
usize copy_cstr(char* dst, usize cap, StrView src);

}  // namespace sis
