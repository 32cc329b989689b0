// lib/string: number parsing, bounded copies and StrView.
#include "lib/string.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace {

using sis::copy_cstr;
using sis::parse_u64;
using sis::StrView;

bool parses(const char* s, uint64_t expected) {
  uint64_t v = 0xdeadbeef;
  return parse_u64(s, &v) && v == expected;
}

bool rejects(StrView s) {
  uint64_t v = 0x5a5a5a5a5a5a5a5aull;
  bool ok = parse_u64(s, &v);
  EXPECT_EQ(v, 0x5a5a5a5a5a5a5a5aull) << "output written on failure";
  return !ok;
}

TEST(ParseU64, Decimal) {
  EXPECT_TRUE(parses("0", 0));
  EXPECT_TRUE(parses("7", 7));
  EXPECT_TRUE(parses("000123", 123));
  EXPECT_TRUE(parses("4294967296", 4294967296ull));
  EXPECT_TRUE(parses("18446744073709551615", UINT64_MAX));
  EXPECT_TRUE(parses("018446744073709551615", UINT64_MAX));
}

TEST(ParseU64, Hex) {
  EXPECT_TRUE(parses("0x0", 0));
  EXPECT_TRUE(parses("0x10", 16));
  EXPECT_TRUE(parses("0X1f", 31));
  EXPECT_TRUE(parses("0xdeadBEEF", 0xdeadbeef));
  EXPECT_TRUE(parses("0x40000000", 0x40000000));
  EXPECT_TRUE(parses("0xffffffffffffffff", UINT64_MAX));
  EXPECT_TRUE(parses("0x0000000000000000001", 1));
}

TEST(ParseU64, Overflow) {
  EXPECT_TRUE(rejects("18446744073709551616"));
  EXPECT_TRUE(rejects("99999999999999999999"));
  EXPECT_TRUE(rejects("184467440737095516150"));
  EXPECT_TRUE(rejects("0x10000000000000000"));
  EXPECT_TRUE(rejects("0x1ffffffffffffffff"));
}

TEST(ParseU64, JunkAndEmpty) {
  EXPECT_TRUE(rejects(""));
  EXPECT_TRUE(rejects(StrView(nullptr, 0)));
  EXPECT_TRUE(rejects("0x"));
  EXPECT_TRUE(rejects("x10"));
  EXPECT_TRUE(rejects("12a"));
  EXPECT_TRUE(rejects("abc"));  // hex digits need the prefix
  EXPECT_TRUE(rejects("0xg"));
  EXPECT_TRUE(rejects("-1"));
  EXPECT_TRUE(rejects("+1"));
  EXPECT_TRUE(rejects(" 1"));
  EXPECT_TRUE(rejects("1 "));
  EXPECT_TRUE(rejects("1.5"));
  EXPECT_TRUE(rejects("0x 1"));
  EXPECT_TRUE(rejects(StrView("1\0" "2", 3)));
}

TEST(ParseU64, UsesOnlyTheViewsBytes) {
  const char text[] = "12345";
  uint64_t v = 0;
  ASSERT_TRUE(parse_u64(StrView(text, 3), &v));
  EXPECT_EQ(v, 123u);
  ASSERT_TRUE(parse_u64(StrView("0x1fz", 4), &v));
  EXPECT_EQ(v, 0x1fu);
}

TEST(CopyCstr, CopiesAndTerminates) {
  char buf[8];
  memset(buf, 'Z', sizeof(buf));
  EXPECT_EQ(copy_cstr(buf, sizeof(buf), "abc"), 3u);
  EXPECT_STREQ(buf, "abc");
  EXPECT_EQ(buf[4], 'Z');
  EXPECT_EQ(copy_cstr(buf, sizeof(buf), ""), 0u);
  EXPECT_STREQ(buf, "");
  EXPECT_EQ(copy_cstr(buf, sizeof(buf), StrView(nullptr, 0)), 0u);
  EXPECT_STREQ(buf, "");
}

TEST(CopyCstr, TruncatesWithoutOverflow) {
  for (size_t cap = 0; cap <= 10; ++cap) {
    std::string storage(cap + 1, 'Z');
    size_t n = copy_cstr(storage.data(), cap, "abcdefgh");
    EXPECT_EQ(storage[cap], 'Z') << "wrote past cap " << cap;
    if (cap == 0) {
      EXPECT_EQ(n, 0u);
      continue;
    }
    size_t expect = std::min<size_t>(8, cap - 1);
    EXPECT_EQ(n, expect);
    EXPECT_EQ(storage[expect], '\0');
    EXPECT_EQ(storage.substr(0, expect), std::string("abcdefgh").substr(0, expect));
  }
}

TEST(CopyCstr, CopiesEmbeddedNulsFromViews) {
  char buf[8];
  EXPECT_EQ(copy_cstr(buf, sizeof(buf), StrView("a\0b", 3)), 3u);
  EXPECT_EQ(0, memcmp(buf, "a\0b\0", 4));
}

TEST(StrViewOps, EqualityAndPrefix) {
  EXPECT_TRUE(StrView("abc") == StrView("abc"));
  EXPECT_FALSE(StrView("abc") == StrView("abd"));
  EXPECT_FALSE(StrView("abc") == StrView("ab"));
  EXPECT_TRUE(StrView("abcdef", 3) == StrView("abc"));
  EXPECT_TRUE(StrView(nullptr, 0) == StrView(""));
  EXPECT_TRUE(StrView(static_cast<const char*>(nullptr)).empty());
  EXPECT_TRUE(StrView("memory@4").starts_with("memory"));
  EXPECT_TRUE(StrView("memory").starts_with(""));
  EXPECT_FALSE(StrView("mem").starts_with("memory"));
  EXPECT_FALSE(StrView("memory").starts_with("mex"));
}

}  // namespace
