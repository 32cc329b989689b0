// lib/symbols: address -> function name lookup for backtraces.
#include "lib/symbols.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using sis::SymbolEntry;
using sis::SymbolTable;
using sis::symbolize;

// "alpha\0beta\0gamma\0delta\0"
const char kStrings[] = "alpha\0beta\0gamma\0delta";
const SymbolEntry kEntries[] = {
    {0x1000, 0, 0x10},    // alpha: 16 bytes
    {0x1010, 6, 0},       // beta: size unknown, extends to the next symbol
    {0x2000, 11, 0x8},    // gamma: 8 bytes, then a gap
    {0x3000, 999, 0x20},  // name offset out of range
    {0x4000, 17, 0},      // delta: last, size unknown
};

SymbolTable table() {
  SymbolTable t;
  t.entries = kEntries;
  t.count = sizeof(kEntries) / sizeof(kEntries[0]);
  t.strings = kStrings;
  t.strings_size = sizeof(kStrings);
  return t;
}

std::string at(uint64_t addr, uint64_t* off = nullptr) {
  auto s = symbolize(table(), addr);
  if (off) *off = s.offset;
  return s.name ? s.name : "<none>";
}

TEST(Symbolize, BeforeFirstSymbol) {
  EXPECT_EQ(at(0), "<none>");
  EXPECT_EQ(at(0xfff), "<none>");
}

TEST(Symbolize, ExactAndInside) {
  uint64_t off = 99;
  EXPECT_EQ(at(0x1000, &off), "alpha");
  EXPECT_EQ(off, 0u);
  EXPECT_EQ(at(0x100f, &off), "alpha");
  EXPECT_EQ(off, 0xfu);
  EXPECT_EQ(at(0x1010, &off), "beta");
  EXPECT_EQ(off, 0u);
  EXPECT_EQ(at(0x2004, &off), "gamma");
  EXPECT_EQ(off, 4u);
}

TEST(Symbolize, UnknownSizeReachesTheNextSymbol) {
  uint64_t off = 0;
  EXPECT_EQ(at(0x1fff, &off), "beta");
  EXPECT_EQ(off, 0x1fff - 0x1010u);
  EXPECT_EQ(at(0xffffffffffffull, &off), "delta");  // the last symbol is unbounded
  EXPECT_EQ(off, 0xffffffffffffull - 0x4000);
}

TEST(Symbolize, PastKnownSize) {
  EXPECT_EQ(at(0x2008), "<none>");
  EXPECT_EQ(at(0x2fff), "<none>");
}

TEST(Symbolize, NameOffsetOutOfRange) {
  EXPECT_EQ(at(0x3000), "<none>");
  EXPECT_EQ(at(0x301f), "<none>");
  SymbolTable t = table();
  SymbolEntry edge[] = {{0x10, static_cast<uint32_t>(sizeof(kStrings)), 0}};
  t.entries = edge;
  t.count = 1;
  EXPECT_EQ(symbolize(t, 0x10).name, nullptr);  // offset == strings_size is outside too
}

TEST(Symbolize, EmptyTable) {
  SymbolTable t;
  EXPECT_EQ(symbolize(t, 0x1000).name, nullptr);
  t = table();
  t.count = 0;
  EXPECT_EQ(symbolize(t, 0x1000).name, nullptr);
}

TEST(Symbolize, AgreesWithLinearSearchOnALargeTable) {
  std::vector<SymbolEntry> e;
  std::string strings = "f";
  strings.push_back('\0');
  for (uint64_t i = 0; i < 1000; ++i) e.push_back({0x10000 + i * 0x40, 0, static_cast<uint32_t>(i % 3 ? 0x20 : 0)});
  SymbolTable t{e.data(), e.size(), strings.data(), strings.size()};
  for (uint64_t a = 0xff00; a < 0x10000 + 1000 * 0x40 + 0x100; a += 7) {
    const SymbolEntry* want = nullptr;
    for (const auto& s : e)
      if (s.address <= a) want = &s;
    bool inside = want && (want->size == 0 || a - want->address < want->size);
    auto got = symbolize(t, a);
    ASSERT_EQ(got.name != nullptr, inside) << std::hex << a;
    if (inside) {
      EXPECT_EQ(got.offset, a - want->address) << std::hex << a;
    }
  }
}

}  // namespace
