// Fuzz target: vformat with fuzzed flags/width/precision strings. Each input builds one
// conversion "%<middle><length><conv>" (the middle only from "-0123456789.", so no
// argument is ever read with the wrong type), formats it into an exactly-sized buffer of a
// fuzzed capacity, and compares the result with the C library's snprintf wherever the two
// implement the same semantics.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "fuzz_check.h"
#include "lib/format.h"

namespace {

enum class Arg { Int, Long, LongLong, Size, Ptr, Str, Char, None };
struct Conv {
  const char* text;
  Arg arg;
};
const Conv kConvs[] = {
    {"d", Arg::Int},       {"i", Arg::Int},  {"u", Arg::Int},   {"x", Arg::Int},      {"X", Arg::Int},
    {"ld", Arg::Long},     {"lu", Arg::Long}, {"lx", Arg::Long}, {"lld", Arg::LongLong}, {"llu", Arg::LongLong},
    {"llX", Arg::LongLong}, {"zu", Arg::Size}, {"zx", Arg::Size}, {"p", Arg::Ptr},     {"s", Arg::Str},
    {"c", Arg::Char},      {"%", Arg::None},
};
const char kMiddle[] = "-0123456789.";
const char* const kStrings[] = {"", "a", "hello", "(null) is not null", "\x1b[31mred\x1b[0m"};

// Formats with the argument the conversion expects.
template <typename Fn>
size_t call(Fn&& fn, const Conv& c, uint64_t v) {
  switch (c.arg) {
    case Arg::Int: return fn(static_cast<int>(v));
    case Arg::Long: return fn(static_cast<long>(v));
    case Arg::LongLong: return fn(static_cast<long long>(v));
    case Arg::Size: return fn(static_cast<size_t>(v));
    case Arg::Ptr: return fn(reinterpret_cast<void*>(static_cast<uintptr_t>(v)));
    case Arg::Str: return fn(kStrings[v % (sizeof(kStrings) / sizeof(kStrings[0]))]);
    case Arg::Char: return fn(static_cast<int>(static_cast<unsigned char>(v)));
    case Arg::None: return fn(0);
  }
  return 0;
}

// Parses the middle the way both implementations agree on: [-0]* digits* (. digits*)?
struct Middle {
  bool well_formed = false, zero = false, has_precision = false;
  size_t width_digits = 0, precision_digits = 0;
  long width = 0, precision = 0;
};
Middle parse_middle(const std::string& m) {
  Middle r;
  size_t i = 0;
  while (i < m.size() && (m[i] == '-' || m[i] == '0')) r.zero |= m[i++] == '0';
  while (i < m.size() && m[i] >= '0' && m[i] <= '9') {
    if (r.width < 100000) r.width = r.width * 10 + (m[i] - '0');
    ++r.width_digits;
    ++i;
  }
  if (i < m.size() && m[i] == '.') {
    r.has_precision = true;
    ++i;
    while (i < m.size() && m[i] >= '0' && m[i] <= '9') {
      if (r.precision < 100000) r.precision = r.precision * 10 + (m[i] - '0');
      ++r.precision_digits;
      ++i;
    }
  }
  r.well_formed = i == m.size();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3 || size > 64) return 0;
  const Conv& conv = kConvs[data[0] % (sizeof(kConvs) / sizeof(kConvs[0]))];
  uint64_t value = 0;
  for (size_t i = 0; i < 8 && 2 + i < size; ++i) value = (value << 8) | data[2 + i];
  std::string middle;
  for (size_t i = 10; i < size; ++i) middle.push_back(kMiddle[data[i] % (sizeof(kMiddle) - 1)]);
  const std::string fmt = "<%" + middle + conv.text + ">";

  // Full output first.
  static char full[2 * sis::kFormatMaxField + 256];
  size_t n = call([&](auto a) { return sis::format(full, sizeof(full), fmt.c_str(), a); }, conv, value);
  FUZZ_CHECK(n < sizeof(full));
  FUZZ_CHECK(n <= 2 + 2 * sis::kFormatMaxField + 64);

  // Then into a fuzzed capacity: same length returned, a terminated prefix, no overflow.
  size_t cap = data[1] % (n + 2);
  std::unique_ptr<char[]> buf(cap ? new char[cap] : nullptr);
  size_t m = call([&](auto a) { return sis::format(buf.get(), cap, fmt.c_str(), a); }, conv, value);
  FUZZ_CHECK(m == n);
  if (cap) {
    size_t kept = n < cap ? n : cap - 1;
    FUZZ_CHECK(buf[kept] == '\0');
    FUZZ_CHECK(memcmp(buf.get(), full, kept) == 0);
  }

  // Differential check where the semantics coincide with C's printf.
  Middle mid = parse_middle(middle);
  if (!mid.well_formed || mid.width > sis::kFormatMaxField || mid.precision > sis::kFormatMaxField) return 0;
  if (conv.arg == Arg::Ptr || conv.arg == Arg::None) return 0;
  if (conv.arg != Arg::Str && mid.has_precision) return 0;  // integer precision is not supported
  if ((conv.arg == Arg::Str || conv.arg == Arg::Char) && mid.zero) return 0;  // undefined in C
  static char ref[sizeof(full)];
  int rn = call([&](auto a) { return static_cast<size_t>(snprintf(ref, sizeof(ref), fmt.c_str(), a)); }, conv, value);
  FUZZ_CHECK(static_cast<size_t>(rn) == n);
  FUZZ_CHECK(memcmp(ref, full, n) == 0);
  return 0;
}
