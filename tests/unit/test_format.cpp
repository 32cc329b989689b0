// lib/format: printf-style formatting into fixed buffers. Integer and string conversions are
// checked against the C library's snprintf, which implements the same subset of printf.
#include "lib/format.h"

#include <gtest/gtest.h>

#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using sis::format;
using sis::TextBuffer;
using sis::vformat;

// Formats into a large buffer and checks that the return value matches what was written.
std::string F(const char* fmt, ...) {
  char buf[8192];
  va_list ap;
  va_start(ap, fmt);
  size_t n = vformat(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  EXPECT_LT(n, sizeof(buf));
  EXPECT_EQ(n, strlen(buf)) << "format: " << fmt;
  return std::string(buf, n);
}

// format() without the printf attribute, for formats the compiler's checker rejects.
size_t format_unchecked(char* buf, size_t cap, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t n = vformat(buf, cap, fmt, ap);
  va_end(ap);
  return n;
}

std::string C(const char* fmt, ...) {
  char buf[8192];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  return std::string(buf, static_cast<size_t>(n));
}

const char* const kFlags[] = {"", "-", "0", "-0", "00", "0-"};
const char* const kWidths[] = {"", "1", "2", "5", "11", "21", "31", "33", "40", "70"};

TEST(Format, PlainTextAndPercent) {
  EXPECT_EQ(F("hello"), "hello");
  EXPECT_EQ(F(""), "");
  EXPECT_EQ(F("100%%"), "100%");
  EXPECT_EQ(F("%%%%"), "%%");
  EXPECT_EQ(F("%5%"), "%");  // a width on %% is ignored, as in libc
}

TEST(Format, SignedConversionsMatchLibc) {
  const long long values[] = {0, 1, -1, 7, -42, 123456789, -987654321, INT_MAX, INT_MIN};
  for (const char* conv : {"d", "i"}) {
    for (const char* fl : kFlags) {
      for (const char* w : kWidths) {
        std::string f = std::string("[%") + fl + w + conv + "]";
        for (long long v : values) {
          int iv = static_cast<int>(v);
          EXPECT_EQ(F(f.c_str(), iv), C(f.c_str(), iv)) << f << " " << iv;
        }
      }
    }
  }
}

TEST(Format, LengthModifiersMatchLibc) {
  const long long values[] = {0, -1, LLONG_MIN, LLONG_MAX, 0x123456789abcLL, -0x123456789abcLL};
  for (const char* fl : kFlags) {
    for (const char* w : kWidths) {
      std::string pre = std::string("<%") + fl + w;
      for (long long v : values) {
        std::string f = pre + "ld>";
        EXPECT_EQ(F(f.c_str(), static_cast<long>(v)), C(f.c_str(), static_cast<long>(v))) << f;
        f = pre + "lld>";
        EXPECT_EQ(F(f.c_str(), v), C(f.c_str(), v)) << f;
        auto u = static_cast<unsigned long long>(v);
        for (const char* conv : {"llu", "llx", "llX", "lu", "lx"}) {
          f = pre + conv + ">";
          EXPECT_EQ(F(f.c_str(), u), C(f.c_str(), u)) << f;
        }
        f = pre + "zu>";
        EXPECT_EQ(F(f.c_str(), static_cast<size_t>(u)), C(f.c_str(), static_cast<size_t>(u))) << f;
        f = pre + "zx>";
        EXPECT_EQ(F(f.c_str(), static_cast<size_t>(u)), C(f.c_str(), static_cast<size_t>(u))) << f;
      }
    }
  }
}

TEST(Format, UnsignedAndHexMatchLibc) {
  const unsigned values[] = {0u, 1u, 9u, 10u, 15u, 16u, 0xdeadbeefu, 0x7fffffffu, UINT_MAX};
  for (const char* conv : {"u", "x", "X"}) {
    for (const char* fl : kFlags) {
      for (const char* w : kWidths) {
        std::string f = std::string("%") + fl + w + conv;
        for (unsigned v : values) EXPECT_EQ(F(f.c_str(), v), C(f.c_str(), v)) << f << " " << v;
      }
    }
  }
  // Plain int arguments are read as 32 bits, not sign-extended.
  EXPECT_EQ(F("%x", -1), "ffffffff");
  EXPECT_EQ(F("%u", -1), "4294967295");
}

// %o: file modes (stat prints "%04o"); an unknown conversion used to print "(%o)" literally.
TEST(Format, OctalMatchesLibc) {
  const unsigned values[] = {0u, 1u, 7u, 8u, 0644u, 0755u, 04755u, 0177777u, 0x7fffffffu, UINT_MAX};
  for (const char* fl : kFlags) {
    for (const char* w : kWidths) {
      std::string f = std::string("%") + fl + w + "o";
      for (unsigned v : values) EXPECT_EQ(F(f.c_str(), v), C(f.c_str(), v)) << f << " " << v;
    }
  }
  EXPECT_EQ(F("%04o", 0644u), "0644");
  EXPECT_EQ(F("%llo", ~0ULL), "1777777777777777777777");  // 22 digits: the widest there is
  EXPECT_EQ(F("%zo", static_cast<size_t>(8)), "10");
}

TEST(Format, ZeroPaddingWiderThanInternalBuffer) {
  // Zero padding wider than any number must still be exact (regression: it was capped at 32).
  EXPECT_EQ(F("%040d", 5), std::string(39, '0') + "5");
  EXPECT_EQ(F("%050d", -5), "-" + std::string(48, '0') + "5");
  EXPECT_EQ(F("%060llx", 0xabcULL), std::string(57, '0') + "abc");
  EXPECT_EQ(F("%045p", reinterpret_cast<void*>(0x1234)), "0x" + std::string(39, '0') + "1234");
}

TEST(Format, StringsWithWidthAndPrecisionMatchLibc) {
  const char* const strings[] = {"", "a", "hello", "a longer string of text"};
  const char* const precs[] = {"", ".", ".0", ".1", ".3", ".5", ".40"};
  for (const char* fl : {"", "-"}) {
    for (const char* w : kWidths) {
      for (const char* p : precs) {
        std::string f = std::string("|%") + fl + w + p + "s|";
        for (const char* s : strings) EXPECT_EQ(F(f.c_str(), s), C(f.c_str(), s)) << f << " " << s;
      }
    }
  }
  // Precision bounds the read: the argument does not need to be terminated.
  const char unterminated[3] = {'a', 'b', 'c'};
  EXPECT_EQ(F("%.3s", unterminated), "abc");
  EXPECT_EQ(F("%.*s", 2, unterminated), "ab");
  // Null strings print as (null) and still honour width.
  EXPECT_EQ(F("%s", static_cast<const char*>(nullptr)), "(null)");
  EXPECT_EQ(F("%8s|", static_cast<const char*>(nullptr)), "  (null)|");
  EXPECT_EQ(F("%.2s", static_cast<const char*>(nullptr)), "(n");
}

TEST(Format, CharactersMatchLibc) {
  for (const char* fl : {"", "-"}) {
    for (const char* w : kWidths) {
      std::string f = std::string("'%") + fl + w + "c'";
      EXPECT_EQ(F(f.c_str(), 'x'), C(f.c_str(), 'x')) << f;
    }
  }
  EXPECT_EQ(F("%c%c%c", 'a', 'b', 'c'), "abc");
  // A NUL character is output (and counted) like any other.
  char buf[8];
  memset(buf, 'Z', sizeof(buf));
  EXPECT_EQ(format(buf, sizeof(buf), "a%cb", 0), 3u);
  EXPECT_EQ(0, memcmp(buf, "a\0b\0", 4));
}

TEST(Format, Pointers) {
  EXPECT_EQ(F("%p", reinterpret_cast<void*>(0xffff000012345678ULL)), "0xffff000012345678");
  EXPECT_EQ(F("%p", nullptr), "0x0");
  EXPECT_EQ(F("[%12p]", reinterpret_cast<void*>(0xabc)), "[       0xabc]");
  EXPECT_EQ(F("[%-12p]", reinterpret_cast<void*>(0xabc)), "[0xabc       ]");
  EXPECT_EQ(F("[%012p]", reinterpret_cast<void*>(0xabc)), "[0x0000000abc]");
}

TEST(Format, StarWidthAndPrecision) {
  EXPECT_EQ(F("[%*d]", 6, 42), "[    42]");
  EXPECT_EQ(F("[%*d]", -6, 42), "[42    ]");  // negative width means left-justify
  EXPECT_EQ(F("[%0*d]", 6, -42), "[-00042]");
  EXPECT_EQ(F("[%-*s]", 5, "ab"), "[ab   ]");
  EXPECT_EQ(F("[%.*s]", 3, "abcdef"), "[abc]");
  EXPECT_EQ(F("[%.*s]", -1, "abcdef"), "[abcdef]");  // negative precision: as if omitted
  EXPECT_EQ(F("[%*.*s]", 6, 2, "abcdef"), "[    ab]");
  EXPECT_EQ(F("[%*d]", INT_MIN, 1).substr(0, 3), "[1 ");  // must not overflow negating INT_MIN
}

TEST(Format, HugeWidthsAreClampedNotOverflowed) {
  // Width digits beyond int range used to overflow (undefined behaviour).
  char buf[16];
  size_t n = format_unchecked(buf, sizeof(buf), "%99999999999999999999d", 1);
  EXPECT_EQ(n, static_cast<size_t>(sis::kFormatMaxField));
  EXPECT_EQ(strlen(buf), sizeof(buf) - 1);
  n = format_unchecked(buf, sizeof(buf), "%.99999999999999999999s", "abc");
  EXPECT_EQ(n, 3u);
  EXPECT_STREQ(buf, "abc");
  n = format_unchecked(buf, sizeof(buf), "%*d", INT_MAX, 1);
  EXPECT_EQ(n, static_cast<size_t>(sis::kFormatMaxField));
}

TEST(Format, UnknownAndIncompleteConversions) {
  EXPECT_EQ(F("%q"), "%q");
  EXPECT_EQ(F("a%"), "a");       // a lone '%' at the end prints nothing
  EXPECT_EQ(F("a%-"), "a");      // ... even after flags
  EXPECT_EQ(F("a%5."), "a");     // ... or width and precision
  EXPECT_EQ(F("a%ll"), "a");     // ... or length modifiers
  EXPECT_EQ(F("%d%q%d", 1, 2), "1%q2");
}

TEST(Format, MixedArgumentsKeepTheirOrder) {
  EXPECT_EQ(F("%s=%d (%#x)", "x", 5, 1), "x=5 (%#x)");  // '#' is not supported: printed raw
  EXPECT_EQ(F("%s=%llu %c %zu%%", "ram", 268435456ULL, '!', static_cast<size_t>(99)), "ram=268435456 ! 99%");
}

// Every capacity from 0 to beyond the full length: the return value is always the full
// length, the output is the longest prefix that fits, it is always terminated, and the byte
// after the capacity is never touched.
TEST(Format, TruncationNeverOverflowsAndAlwaysTerminates) {
  const std::string full = F("%s-%08x-%-6d|%c", "abcdef", 0xbeefu, -12, 'Q');
  ASSERT_EQ(full, "abcdef-0000beef--12   |Q");
  for (size_t cap = 0; cap <= full.size() + 3; ++cap) {
    std::vector<char> buf(cap + 1, '\x5a');
    size_t n = format(buf.data(), cap, "%s-%08x-%-6d|%c", "abcdef", 0xbeefu, -12, 'Q');
    EXPECT_EQ(n, full.size()) << "cap " << cap;
    EXPECT_EQ(buf[cap], '\x5a') << "guard byte overwritten at cap " << cap;
    if (cap == 0) continue;
    size_t kept = std::min(full.size(), cap - 1);
    EXPECT_EQ(buf[kept], '\0') << "cap " << cap;
    EXPECT_EQ(std::string(buf.data(), kept), full.substr(0, kept)) << "cap " << cap;
  }
  // cap 0 with no buffer at all is a valid way to measure.
  EXPECT_EQ(format(nullptr, 0, "%d-%s", 1234, "xy"), 7u);
}

TEST(TextBuffer, AppendPushAndView) {
  char storage[32];
  TextBuffer tb(storage, sizeof(storage));
  EXPECT_EQ(tb.size(), 0u);
  EXPECT_STREQ(tb.c_str(), "");
  tb.append("abc");
  tb.push('-');
  tb.appendf("%d/%s", 42, "x");
  EXPECT_STREQ(tb.c_str(), "abc-42/x");
  EXPECT_EQ(tb.size(), 8u);
  EXPECT_EQ(std::string(tb.view().data, tb.view().size), "abc-42/x");
  EXPECT_FALSE(tb.truncated());
  tb.clear();
  EXPECT_EQ(tb.size(), 0u);
  EXPECT_STREQ(tb.c_str(), "");
}

TEST(TextBuffer, ExactFitIsNotTruncated) {
  char storage[9];  // 8 characters + NUL
  TextBuffer tb(storage, sizeof(storage));
  tb.appendf("%s", "1234");
  tb.append("5678");
  EXPECT_STREQ(tb.c_str(), "12345678");
  EXPECT_FALSE(tb.truncated());
  tb.push('9');
  EXPECT_TRUE(tb.truncated());
  EXPECT_STREQ(tb.c_str(), "12345678");
  EXPECT_EQ(tb.size(), 8u);
}

TEST(TextBuffer, TruncationIsFlaggedAndSticky) {
  struct Case {
    const char* name;
    void (*fill)(TextBuffer&);
  };
  const Case cases[] = {
      {"append", [](TextBuffer& t) { t.append("abcdefghijkl"); }},
      {"appendf", [](TextBuffer& t) { t.appendf("%s%d", "abcdefgh", 1234); }},
      {"push", [](TextBuffer& t) { for (char c : std::string("abcdefghijkl")) t.push(c); }},
      {"appendf-after-append", [](TextBuffer& t) { t.append("abcde"); t.appendf("%05d", 7); }},
  };
  for (const auto& c : cases) {
    char storage[9 + 1];
    storage[9] = '\x5a';  // guard byte after the buffer's capacity
    TextBuffer tb(storage, 9);
    c.fill(tb);
    EXPECT_TRUE(tb.truncated()) << c.name;
    EXPECT_EQ(tb.size(), 8u) << c.name;
    EXPECT_EQ(strlen(tb.c_str()), 8u) << c.name;
    EXPECT_EQ(storage[9], '\x5a') << c.name;
    // Later small appends neither clear the flag nor write anything.
    tb.append("z");
    tb.appendf("%c", 'z');
    EXPECT_TRUE(tb.truncated()) << c.name;
    EXPECT_EQ(tb.size(), 8u) << c.name;
    EXPECT_EQ(storage[9], '\x5a') << c.name;
    tb.clear();
    EXPECT_FALSE(tb.truncated()) << c.name;
  }
  char storage[16];
  TextBuffer tb(storage, sizeof(storage));
  tb.append("abcde");
  tb.appendf("%05d", 7);
  EXPECT_STREQ(tb.c_str(), "abcde00007");
}

TEST(TextBuffer, ZeroCapacityNeverWritesButFlagsDroppedText) {
  char guard = '\x5a';
  TextBuffer tb(&guard, 0);
  tb.appendf("%s", "");  // nothing dropped
  EXPECT_FALSE(tb.truncated());
  tb.appendf("%d", 5);  // regression: appendf used to drop this silently
  EXPECT_TRUE(tb.truncated());
  tb.clear();
  tb.append("abc");
  EXPECT_TRUE(tb.truncated());
  tb.clear();
  tb.push('x');
  EXPECT_TRUE(tb.truncated());
  EXPECT_EQ(guard, '\x5a');
  EXPECT_EQ(tb.size(), 0u);
}

}  // namespace
