// Basic types for freestanding kernel code that also compiles on the host.
// Only the compiler's own freestanding headers are used (stdint/stddef/stdarg).
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

namespace sis {

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;
using i32 = int32_t;
using i64 = int64_t;
using usize = size_t;
using uptr = uintptr_t;

template <typename T, usize N>
constexpr usize array_size(const T (&)[N]) { return N; }

template <typename T>
constexpr T min(T a, T b) { return a < b ? a : b; }
template <typename T>
constexpr T max(T a, T b) { return a < b ? b : a; }

constexpr u64 align_up(u64 v, u64 a) { return (v + a - 1) & ~(a - 1); }
constexpr u64 align_down(u64 v, u64 a) { return v & ~(a - 1); }

// A non-owning view of bytes; the parsers take these so that every read is bounds-checked.
struct ByteSpan {
  const u8* data = nullptr;
  usize size = 0;
};

// A non-owning string view (not NUL-terminated).
struct StrView {
  const char* data = nullptr;
  usize size = 0;

  constexpr StrView() = default;
  constexpr StrView(const char* d, usize n) : data(d), size(n) {}
  StrView(const char* cstr);  // NOLINT: implicit from C strings on purpose
  bool operator==(StrView o) const;
  bool starts_with(StrView prefix) const;
  bool empty() const { return size == 0; }
};

}  // namespace sis
