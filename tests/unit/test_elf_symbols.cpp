// The ELF function-symbol reader (kernel/proc/elf_symbols.h) on real aarch64 programs
// (clang + lld and Debian's cross gcc with glibc, built for test_elf.cpp), compared with what
// llvm-readelf -sW lists, and on truncated and corrupted copies of them.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lib/env.h"
#include "proc/elf_symbols.h"
#include "proc/user_layout.h"

using namespace sis;
using namespace sis::proc;

namespace {

std::vector<uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string program(const char* name) { return std::string(SIS_TEST_ELF_DIR) + "/" + name; }

// llvm-readelf's view: address -> the names of the defined FUNC symbols there.
std::map<uint64_t, std::set<std::string>> readelf_functions(const std::string& path) {
  std::string cmd = std::string(SIS_LLVM_READELF) + " -sW " + path;
  FILE* f = popen(cmd.c_str(), "r");
  EXPECT_NE(f, nullptr);
  std::map<uint64_t, std::set<std::string>> out;
  char line[1024];
  bool in_symtab = false;
  while (f && fgets(line, sizeof line, f)) {
    std::string l(line);
    if (l.find("Symbol table '.symtab'") != std::string::npos) in_symtab = true;
    else if (l.find("Symbol table '") != std::string::npos) in_symtab = false;
    if (!in_symtab) continue;
    //    Num:    Value          Size Type    Bind   Vis       Ndx Name
    std::istringstream in(l);
    std::string num, value, size, type, bind, vis, ndx, name;
    if (!(in >> num >> value >> size >> type >> bind >> vis >> ndx >> name)) continue;
    if (type != "FUNC" || ndx == "UND") continue;
    uint64_t v = std::stoull(value, nullptr, 16);
    if (v != 0) out[v].insert(name);
  }
  if (f) pclose(f);
  return out;
}

Result<ElfSymbols*> load(const std::vector<uint8_t>& bytes, u64 bias, std::string* why = nullptr) {
  ByteSpan span{bytes.data(), bytes.size()};
  ElfReader r = span_reader(&span);
  char buf[128];
  memset(buf, 'x', sizeof buf);
  auto s = load_elf_symbols(r, bias, buf, sizeof buf);
  EXPECT_NE(memchr(buf, 0, sizeof buf), nullptr);
  if (why) *why = buf;
  return s;
}

void check_program(const char* name, u64 bias) {
  std::string path = program(name);
  auto expected = readelf_functions(path);
  ASSERT_FALSE(expected.empty()) << "llvm-readelf listed no functions in " << path;
  auto s = load(file_bytes(path), bias);
  ASSERT_TRUE(s.ok()) << error_name(s.error());
  const SymbolTable& t = s.value()->table;
  size_t names = 0;
  for (auto& [addr, set] : expected) names += set.size();
  EXPECT_EQ(t.count, names);
  for (auto& [addr, set] : expected) {
    Symbolized at = symbolize(t, addr + bias);
    ASSERT_NE(at.name, nullptr) << std::hex << addr;
    EXPECT_EQ(at.offset, 0u);
    EXPECT_TRUE(set.count(at.name)) << at.name << " at 0x" << std::hex << addr;
  }
  free_elf_symbols(s.value());
}

}  // namespace

TEST(ElfSymbols, AssemblyWithoutFunctionTypesHasNone) {
  // lld's tiny_exec has only NOTYPE labels and $x/$d mapping symbols: nothing to name.
  auto s = load(file_bytes(program("tiny_exec")), 0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), Error::NoEntry);
}
TEST(ElfSymbols, MatchReadelfForGlibcStatic) { check_program("glibc_static", 0); }
TEST(ElfSymbols, StaticPieAddressesCarryTheLoadBias) { check_program("glibc_static_pie", kPieBase); }

TEST(ElfSymbols, NamesAPcInsideMainWithItsOffset) {
  std::string path = program("glibc_static");
  auto expected = readelf_functions(path);
  uint64_t main_addr = 0;
  for (auto& [addr, set] : expected)
    if (set.count("main")) main_addr = addr;
  ASSERT_NE(main_addr, 0u);
  auto s = load(file_bytes(path), 0);
  ASSERT_TRUE(s.ok());
  Symbolized at = symbolize(s.value()->table, main_addr + 8);
  ASSERT_NE(at.name, nullptr);
  EXPECT_STREQ(at.name, "main");
  EXPECT_EQ(at.offset, 8u);
  free_elf_symbols(s.value());
}

TEST(ElfSymbols, StrippedProgramHasNone) {
  std::string stripped = ::testing::TempDir() + "/glibc_static_stripped";
  std::string cmd = std::string(SIS_AARCH64_STRIP) + " -o " + stripped + " " + program("glibc_static");
  ASSERT_EQ(system(cmd.c_str()), 0) << cmd;
  auto s = load(file_bytes(stripped), 0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), Error::NoEntry);
}

TEST(ElfSymbols, EveryTruncationIsRefusedOrPartialNeverAFault) {
  auto bytes = file_bytes(program("glibc_static"));
  ASSERT_GT(bytes.size(), 4096u);
  // Every 509th length, and every length within 4 KiB of the end (the section headers).
  for (size_t n = 0; n < bytes.size(); n += n + 4096 < bytes.size() ? 509 : 1) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + n);
    auto s = load(cut, 0);
    ASSERT_FALSE(s.ok()) << n << " bytes";  // the section headers sit at the very end
  }
}

TEST(ElfSymbols, CorruptSectionHeadersGiveBadFormatWithAReason) {
  auto bytes = file_bytes(program("glibc_static"));
  u64 shoff = ld64(bytes.data() + 40);
  u16 shnum = ld16(bytes.data() + 60);
  // Find .symtab's header and point its data past the end of the file.
  for (u16 i = 0; i < shnum; ++i) {
    uint8_t* h = bytes.data() + shoff + 64ull * i;
    if (ld32(h + 4) != 2) continue;
    auto bad = bytes;
    uint8_t* bh = bad.data() + shoff + 64ull * i;
    u64 huge = 0x7fffffffffffff00ull;
    memcpy(bh + 24, &huge, 8);
    std::string why;
    auto s = load(bad, 0, &why);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error(), Error::BadFormat);
    EXPECT_NE(why.find(".symtab"), std::string::npos) << why;
    // A link to a section that is not a string table.
    bad = bytes;
    bh = bad.data() + shoff + 64ull * i;
    u32 self = i;
    memcpy(bh + 40, &self, 4);
    s = load(bad, 0, &why);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(why.find("string table"), std::string::npos) << why;
    return;
  }
  FAIL() << "no .symtab in glibc_static";
}

TEST(ElfSymbols, NameOffsetsPastTheStringTableAreSkipped) {
  auto bytes = file_bytes(program("glibc_static"));
  u64 shoff = ld64(bytes.data() + 40);
  u16 shnum = ld16(bytes.data() + 60);
  for (u16 i = 0; i < shnum; ++i) {
    const uint8_t* h = bytes.data() + shoff + 64ull * i;
    if (ld32(h + 4) != 2) continue;
    u64 off = ld64(h + 24), size = ld64(h + 32);
    for (u64 s = off; s + 24 <= off + size; s += 24) {
      u32 far = 0xfffffff0u;
      memcpy(bytes.data() + s, &far, 4);
    }
    auto r = load(bytes, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error(), Error::NoEntry);
    return;
  }
  FAIL() << "no .symtab in glibc_static";
}
