// The ELF loader's checks and plan (kernel/proc/elf.h) on crafted files (test_elf_builder.h)
// and on real aarch64 programs that clang + lld and Debian's cross gcc (glibc) link at build
// time, compared with what llvm-readelf says about them.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "proc/elf.h"
#include "proc/user_layout.h"
#include "test_elf_builder.h"

using namespace sis;
using namespace sis::proc;
using sis::test::TestElf;
using sis::test::TestPhdr;

namespace {

struct Outcome {
  Result<LoadPlan> plan;
  std::string why;
};

Outcome plan_of(const std::vector<uint8_t>& bytes) {
  ByteSpan span{bytes.data(), bytes.size()};
  ElfReader r = span_reader(&span);
  char why[128];
  memset(why, 'x', sizeof why);
  Result<LoadPlan> p = elf_plan(r, why, sizeof why);
  EXPECT_NE(memchr(why, 0, sizeof why), nullptr);
  return {p, why};
}

Outcome plan_of(const TestElf& e) { return plan_of(e.bytes()); }

// Refused with `err` and a reason containing `words`.
void expect_refused(const TestElf& e, Error err, const char* words) {
  Outcome o = plan_of(e);
  ASSERT_FALSE(o.plan.ok()) << "accepted, expected: " << words;
  EXPECT_EQ(o.plan.error(), err) << o.why;
  EXPECT_NE(o.why.find(words), std::string::npos) << "reason: " << o.why;
}

void expect_loads_faithfully(const LoadPlan& plan, const std::vector<uint8_t>& file) {
  auto mem = sis::test::carry_out(plan, file);
  EXPECT_EQ(sis::test::check_loaded(plan, file, mem), "");
}

}  // namespace

TEST(ElfPlan, AcceptsStaticExecAndPlansEverySegment) {
  TestElf e = sis::test::tiny_exec();
  auto file = e.bytes();
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  const LoadPlan& p = o.plan.value();
  EXPECT_EQ(p.type, kEtExec);
  EXPECT_EQ(p.bias, 0u);
  EXPECT_EQ(p.entry, 0x400180u);
  EXPECT_EQ(p.phdr, 0x400040u);
  EXPECT_EQ(p.phnum, 4);
  EXPECT_EQ(p.phentsize, 56);
  ASSERT_EQ(p.segment_count, 2u);
  EXPECT_EQ(p.segments[0].page_start, 0x400000u);
  EXPECT_EQ(p.segments[0].page_end, 0x402000u);
  EXPECT_EQ(p.segments[0].prot, kProtRead | kProtExec);
  EXPECT_EQ(p.segments[1].vaddr, 0x411300u);
  EXPECT_EQ(p.segments[1].page_start, 0x411000u);
  EXPECT_EQ(p.segments[1].page_end, 0x415000u);  // 0x411300 + 0x3000, rounded up
  EXPECT_EQ(p.segments[1].copy_vaddr, 0x411000u);
  EXPECT_EQ(p.segments[1].copy_offset, 0x1000u);
  EXPECT_EQ(p.segments[1].copy_bytes, 0x500u);
  EXPECT_EQ(p.segments[1].prot, kProtRead | kProtWrite);
  EXPECT_EQ(p.image_start, 0x400000u);
  EXPECT_EQ(p.image_end, 0x415000u);
  EXPECT_EQ(p.shared_pages, 0u);
  EXPECT_EQ(p.wx_pages, 0u);
  EXPECT_TRUE(p.has_gnu_stack);
  EXPECT_EQ(p.stack_prot, kProtRead | kProtWrite);
  expect_loads_faithfully(p, file);
}

TEST(ElfPlan, LoadsStaticPieAtPieBase) {
  TestElf e = sis::test::tiny_pie();
  auto file = e.bytes();
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  const LoadPlan& p = o.plan.value();
  EXPECT_EQ(p.type, kEtDyn);
  EXPECT_EQ(p.bias, kPieBase);
  EXPECT_EQ(p.image_start, kPieBase);
  EXPECT_EQ(p.entry, kPieBase + 0x180);
  EXPECT_EQ(p.phdr, kPieBase + 0x40);
  EXPECT_LE(p.image_end, kPieHigh);
  for (usize i = 0; i < p.segment_count; ++i)
    EXPECT_TRUE(user_range_ok(p.segments[i].page_start, p.segments[i].page_end - p.segments[i].page_start));
  expect_loads_faithfully(p, file);
}

TEST(ElfPlan, PieBiasKeepsTheLargestSegmentAlignment) {
  TestElf e = sis::test::tiny_pie();
  for (auto& ph : e.phdrs)
    if (ph.type != kPtGnuStack) ph.vaddr += 0x3000;  // lowest page 0x3000, p_align 64 KiB
  e.entry += 0x3000;
  Outcome o = plan_of(e);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_EQ(o.plan->bias % 0x10000, 0u);
  EXPECT_EQ(o.plan->image_start, o.plan->bias + 0x3000);
}

TEST(ElfPlan, LoadsStaticPieLinkedAboveThePieBase) {
  // The bias is negative (it wraps modulo 2^64): PT_PHDR, PT_TLS and the entry still land.
  TestElf e = sis::test::tiny_pie();
  const uint64_t link = 0x5000'0000'0000ull;
  for (auto& ph : e.phdrs)
    if (ph.type != kPtGnuStack) ph.vaddr += link;
  e.entry += link;
  e.phdrs.push_back({kPtTls, kPfR, 0x1300, link + 0x11300, 0x10, 0x40, 8});
  e.phdrs[0].filesz = e.phdrs[0].memsz = 5 * 56;
  auto file = e.bytes();
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_EQ(o.plan->image_start, kPieBase);
  EXPECT_EQ(o.plan->entry, kPieBase + 0x180);
  EXPECT_EQ(o.plan->phdr, kPieBase + 0x40);
  EXPECT_EQ(o.plan->tls_vaddr, kPieBase + 0x11300);
  expect_loads_faithfully(o.plan.value(), file);
}

TEST(ElfPlan, RefusesWhatIsNotAnAarch64Executable) {
  std::vector<uint8_t> text = {'#', '!', '/', 'b', 'i', 'n', '/', 's', 'h', '\n'};
  Outcome o = plan_of(text);
  EXPECT_EQ(o.plan.error(), Error::BadFormat);
  EXPECT_NE(o.why.find("not an ELF file"), std::string::npos) << o.why;
  EXPECT_EQ(plan_of(std::vector<uint8_t>{}).plan.error(), Error::BadFormat);

  TestElf e = sis::test::tiny_exec();
  e.ident_class = 1;
  expect_refused(e, Error::BadFormat, "not a 64-bit ELF");
  e = sis::test::tiny_exec();
  e.ident_data = 2;
  expect_refused(e, Error::BadFormat, "not little-endian");
  e = sis::test::tiny_exec();
  e.ident_version = 0;
  expect_refused(e, Error::BadFormat, "ELF version");
  e = sis::test::tiny_exec();
  e.version = 2;
  expect_refused(e, Error::BadFormat, "ELF version");
  e = sis::test::tiny_exec();
  e.machine = 62;  // EM_X86_64
  expect_refused(e, Error::BadFormat, "not an AArch64 program (e_machine 62");
  e = sis::test::tiny_exec();
  e.type = 1;
  expect_refused(e, Error::BadFormat, "relocatable object (ET_REL)");
  e.type = 4;
  expect_refused(e, Error::BadFormat, "core dump (ET_CORE)");
  e.type = 0xfe00;
  expect_refused(e, Error::BadFormat, "unknown ELF type");
}

TEST(ElfPlan, RefusesDynamicallyLinkedProgramsNamingTheInterpreter) {
  TestElf e = sis::test::tiny_exec();
  const std::string interp = "/lib/ld-linux-aarch64.so.1";
  e.phdrs.insert(e.phdrs.begin() + 1, TestPhdr{kPtInterp, kPfR, 0x1100, 0x401100, interp.size() + 1, interp.size() + 1, 1});
  e.strings.push_back({0x1100, interp});
  e.phdrs[0].filesz = e.phdrs[0].memsz = 5 * 56;
  expect_refused(e, Error::NotSupported,
                 "dynamically linked (interpreter /lib/ld-linux-aarch64.so.1): only static binaries run");
  // An interpreter path past the end of the file is still refused (as dynamic), not read.
  e.phdrs[1].offset = 0x100000;
  expect_refused(e, Error::NotSupported, "interpreter unreadable");
}

TEST(ElfPlan, RefusesEveryTruncationOfAValidFile) {
  for (const TestElf& e : {sis::test::tiny_exec(), sis::test::tiny_pie()}) {
    auto file = e.bytes();
    ASSERT_TRUE(plan_of(file).plan.ok());
    for (size_t len = 0; len < file.size(); ++len) {
      std::vector<uint8_t> cut(file.begin(), file.begin() + len);
      Outcome o = plan_of(cut);
      ASSERT_FALSE(o.plan.ok()) << "accepted at length " << len;
      EXPECT_EQ(o.plan.error(), Error::BadFormat) << len;
      EXPECT_FALSE(o.why.empty()) << len;
      if (len >= 64) {
        EXPECT_NE(o.why.find("truncated"), std::string::npos) << len << ": " << o.why;
      }
    }
  }
}

TEST(ElfPlan, RefusesBadSegmentGeometry) {
  TestElf e = sis::test::tiny_exec();
  e.phdrs[2].filesz = e.phdrs[2].memsz + 1;
  expect_refused(e, Error::BadFormat, "exceeds memory size");

  e = sis::test::tiny_exec();
  e.phdrs[2].offset = 0x1308;  // vaddr ends in 0x300
  expect_refused(e, Error::BadFormat, "differ modulo the page size");

  e = sis::test::tiny_exec();
  e.phdrs[2].vaddr = 0x401000;  // inside the text segment's bytes [0x400000, 0x401234)
  e.phdrs[2].offset = 0x1000;
  expect_refused(e, Error::BadFormat, "segments overlap");
  std::swap(e.phdrs[1], e.phdrs[2]);  // headers out of order: still found
  expect_refused(e, Error::BadFormat, "segments overlap");

  e = sis::test::tiny_exec();
  e.phdrs[2].memsz = 0xffff'ffff'ffff'0000ull;
  expect_refused(e, Error::BadFormat, "overflows");
  e = sis::test::tiny_exec();
  e.phdrs[2].vaddr = 0xffff'ffff'ffff'f300ull;
  e.phdrs[2].memsz = 0x200;
  expect_refused(e, Error::BadFormat, "overflows");
  e = sis::test::tiny_exec();
  e.phdrs[2].offset = 0xffff'ffff'ffff'f300ull;
  expect_refused(e, Error::BadFormat, "truncated");
}

TEST(ElfPlan, RefusesAbsurdSizes) {
  TestElf e = sis::test::tiny_pie();
  e.phdrs[2].memsz = 1ull << 30;
  expect_refused(e, Error::NoMemory, "image of 1024 MiB (at most 512 MiB)");
  e.phdrs[2].memsz = kMaxImageBytes - 0x11300;  // exactly 512 MiB from 0 to the end
  EXPECT_TRUE(plan_of(e).plan.ok()) << plan_of(e).why;
  e.phdrs[2].memsz += 1;
  expect_refused(e, Error::NoMemory, "image of");
}

TEST(ElfPlan, RefusesNonPieProgramsOutsideTheirWindow) {
  for (uint64_t base : std::vector<uint64_t>{0x0ull, 0x8000ull, kExecHigh - 0x10000, 0x1'0000'0000ull, kPieBase, kStackTop - 0x100000,
                        0xffff'0000'0000'0000ull}) {
    TestElf e = sis::test::tiny_exec();
    for (auto& ph : e.phdrs)
      if (ph.type != kPtGnuStack) ph.vaddr = ph.vaddr - 0x400000 + base;
    e.entry = e.entry - 0x400000 + base;
    expect_refused(e, Error::BadFormat, "outside the user area");
  }
}

TEST(ElfPlan, CapsTheNumberOfLoadSegments) {
  auto with_loads = [](size_t n) {
    TestElf e;
    e.entry = 0x400100;
    for (size_t i = 0; i < n; ++i) {
      uint64_t off = i * 0x1000;
      e.phdrs.push_back({kPtLoad, kPfR | kPfX, off, 0x400000 + off, 0x800, 0x800, 0x1000});
    }
    return e;
  };
  Outcome ok = plan_of(with_loads(kMaxLoadSegments));
  ASSERT_TRUE(ok.plan.ok()) << ok.why;
  EXPECT_EQ(ok.plan->segment_count, kMaxLoadSegments);
  expect_refused(with_loads(kMaxLoadSegments + 1), Error::BadFormat, "more than 16 loadable segments");

  TestElf none = sis::test::tiny_exec();
  none.phdrs.erase(none.phdrs.begin() + 1, none.phdrs.begin() + 3);
  none.phdrs[0].filesz = none.phdrs[0].memsz = 2 * 56;
  expect_refused(none, Error::BadFormat, "no loadable segments");
}

TEST(ElfPlan, RefusesBadProgramHeaderTables) {
  TestElf e = sis::test::tiny_exec();
  e.phentsize = 64;
  expect_refused(e, Error::BadFormat, "program header size 64");
  e = sis::test::tiny_exec();
  e.phnum_override = 0;
  expect_refused(e, Error::BadFormat, "no program headers");
  e.phnum_override = 0xffff;  // PN_XNUM: the count would be in a section header
  expect_refused(e, Error::BadFormat, "too many program headers");
  e.phnum_override = 200;
  expect_refused(e, Error::BadFormat, "too many program headers");
  e = sis::test::tiny_exec();
  e.phnum_override = 100;  // the table would run past the end of the file
  expect_refused(e, Error::BadFormat, "truncated: program headers");
  e = sis::test::tiny_exec();
  e.phoff = 0xffff'ffff'ffff'fff0ull;
  e.phdrs.clear();
  e.phnum_override = 2;
  expect_refused(e, Error::BadFormat, "truncated: program headers");
}

TEST(ElfPlan, RefusesAnEntryOutsideExecutableCode) {
  TestElf e = sis::test::tiny_exec();
  e.entry = 0x411400;  // in the data segment (RW)
  expect_refused(e, Error::BadFormat, "entry point 0x411400 is not inside an executable segment");
  e.entry = 0x401234;  // one past the text
  expect_refused(e, Error::BadFormat, "entry point");
  e.entry = 0;
  expect_refused(e, Error::BadFormat, "entry point");
}

TEST(ElfPlan, RequiresTheProgramHeadersInLoadedMemory) {
  // No PT_PHDR and no segment copies file offset 64: AT_PHDR would point at nothing.
  TestElf e = sis::test::tiny_exec();
  e.phdrs.erase(e.phdrs.begin());
  e.phdrs[0].offset = 0x1000;
  e.phdrs[0].vaddr = 0x401000;
  e.phdrs[0].filesz = e.phdrs[0].memsz = 0x234;
  e.entry = 0x401100;
  expect_refused(e, Error::BadFormat, "program headers (file offset 0x40) are not in any loaded segment");

  // Without PT_PHDR the covering segment is found, also through the bytes before a segment
  // in its first page (what lld's -N output relies on).
  e = sis::test::tiny_exec();
  e.phdrs.erase(e.phdrs.begin());
  e.phdrs[0].offset = 0x100;
  e.phdrs[0].vaddr = 0x400100;
  e.phdrs[0].filesz = e.phdrs[0].memsz = 0x1134;
  auto file = e.bytes();
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_EQ(o.plan->phdr, 0x400040u);
  expect_loads_faithfully(o.plan.value(), file);

  // A PT_PHDR that points outside the copied bytes is refused.
  e = sis::test::tiny_exec();
  e.phdrs[0].vaddr = 0x402000;
  expect_refused(e, Error::BadFormat, "program headers");
}

TEST(ElfPlan, RefusesPtPhdrThatDoesNotPointAtTheProgramHeaders) {
  // Inside loaded bytes, but those are the ELF header: AT_PHDR would make libc misread it
  // (found by fuzz_elf: a mutated second PT_PHDR).
  TestElf e = sis::test::tiny_exec();
  e.phdrs[0].vaddr = 0x400000;
  expect_refused(e, Error::BadFormat, "PT_PHDR (0x400000) does not point at the program headers");
  e = sis::test::tiny_exec();
  e.phdrs.push_back({kPtPhdr, kPfR, 64, 0x400000, 56, 56, 8});
  e.phdrs[0].filesz = e.phdrs[0].memsz = 5 * 56;
  expect_refused(e, Error::BadFormat, "more than one PT_PHDR");
}

TEST(ElfPlan, SharedPagesKeepEverySegmentsBytesAndCombinePermissions) {
  // Text [0x400000, 0x400800) and data from 0x400900 share page 0x400000. The data's file
  // offset (0x1900) is not next to the text's, so copying its whole first page from the
  // file would overwrite the text's last bytes with other file bytes.
  TestElf e;
  e.entry = 0x400100;
  e.phdrs = {
      {kPtLoad, kPfR | kPfX, 0, 0x400000, 0x800, 0x800, 0x1000},
      {kPtLoad, kPfR | kPfW, 0x1900, 0x400900, 0x100, 0x1000, 0x1000},
  };
  auto file = e.bytes();
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  const LoadPlan& p = o.plan.value();
  EXPECT_EQ(p.shared_pages, 1u);
  EXPECT_EQ(page_prot(p, 0x400000), kProtRead | kProtWrite | kProtExec);
  EXPECT_EQ(page_prot(p, 0x401000), kProtRead | kProtWrite);
  EXPECT_EQ(page_prot(p, 0x402000), 0);
  EXPECT_EQ(p.wx_pages, 1u);  // the shared page, reported
  EXPECT_EQ(p.segments[1].copy_vaddr, 0x400800u);
  expect_loads_faithfully(p, file);
  PageRun runs[kMaxPageRuns];
  ASSERT_EQ(page_runs(p, runs), 2u);
  EXPECT_EQ(runs[0].start, 0x400000u);
  EXPECT_EQ(runs[0].end, 0x401000u);
  EXPECT_EQ(runs[0].prot, kProtRead | kProtWrite | kProtExec);
  EXPECT_EQ(runs[1].start, 0x401000u);
  EXPECT_EQ(runs[1].end, 0x402000u);
  EXPECT_EQ(runs[1].prot, kProtRead | kProtWrite);

  // Three segments in one page: one shared page.
  e.phdrs = {
      {kPtLoad, kPfR | kPfX, 0, 0x400000, 0x400, 0x400, 0x1000},
      {kPtLoad, kPfR, 0x2500, 0x400500, 0x100, 0x100, 0x1000},
      {kPtLoad, kPfR | kPfW, 0x3700, 0x400700, 0x100, 0x200, 0x1000},
  };
  file = e.bytes();
  o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_EQ(o.plan->shared_pages, 1u);
  EXPECT_EQ(o.plan->wx_pages, 1u);
  expect_loads_faithfully(o.plan.value(), file);
  ASSERT_EQ(page_runs(o.plan.value(), runs), 1u);  // one page for all three
  EXPECT_EQ(runs[0].end - runs[0].start, kUserPage);
}

TEST(ElfPlan, PageRunsCoverEveryPageOnceWithItsPermissions) {
  // Text, then RW data sharing text's last page, a gap, then RWX spanning several pages.
  TestElf e;
  e.entry = 0x400100;
  e.phdrs = {
      {kPtLoad, kPfR | kPfX, 0, 0x400000, 0x2800, 0x2800, 0x1000},
      {kPtLoad, kPfR | kPfW, 0x3900, 0x402900, 0x100, 0x2000, 0x1000},
      {kPtLoad, kPfR | kPfW | kPfX, 0x4000, 0x410000, 0x100, 0x3000, 0x1000},
  };
  Outcome o = plan_of(e);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  const LoadPlan& p = o.plan.value();
  PageRun runs[kMaxPageRuns];
  usize n = page_runs(p, runs);
  // Per page, from page_prot: every planned page exactly once, runs maximal.
  std::vector<std::pair<uint64_t, u8>> pages;
  for (usize i = 0; i < n; ++i) {
    ASSERT_LT(runs[i].start, runs[i].end);
    if (i) {
      EXPECT_LE(runs[i - 1].end, runs[i].start);
      EXPECT_FALSE(runs[i - 1].end == runs[i].start && runs[i - 1].prot == runs[i].prot) << "not maximal";
    }
    for (uint64_t pg = runs[i].start; pg < runs[i].end; pg += kUserPage) {
      EXPECT_EQ(runs[i].prot, page_prot(p, pg)) << std::hex << pg;
      pages.push_back({pg, runs[i].prot});
    }
  }
  std::vector<std::pair<uint64_t, u8>> want;
  for (uint64_t pg = p.image_start; pg < p.image_end; pg += kUserPage)
    if (page_prot(p, pg)) want.push_back({pg, page_prot(p, pg)});
  EXPECT_EQ(pages, want);
  ASSERT_EQ(n, 4u);  // R-X, RWX (the shared page), RW-, and after the gap RWX
  EXPECT_EQ(runs[1].start, 0x402000u);
  EXPECT_EQ(runs[1].prot, kProtRead | kProtWrite | kProtExec);
  EXPECT_EQ(p.wx_pages, 1u + 3u);
}

TEST(ElfPlan, CountsWritableExecutablePages) {
  TestElf e;
  e.entry = 0x400100;
  e.phdrs = {{kPtLoad, kPfR | kPfW | kPfX, 0, 0x400000, 0x2100, 0x5000, 0x1000}};
  Outcome o = plan_of(e);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_EQ(o.plan->wx_pages, 5u);
  EXPECT_EQ(o.plan->shared_pages, 0u);
}

TEST(ElfPlan, ReportsTlsAndStackFlags) {
  TestElf e = sis::test::tiny_pie();
  e.phdrs.push_back({kPtTls, kPfR, 0x1300, 0x11300, 0x10, 0x40, 8});
  e.phdrs[3].flags = kPfR | kPfW | kPfX;  // GNU_STACK asks for an executable stack
  e.phdrs[0].filesz = e.phdrs[0].memsz = 5 * 56;
  Outcome o = plan_of(e);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_TRUE(o.plan->has_tls);
  EXPECT_EQ(o.plan->tls_vaddr, kPieBase + 0x11300);
  EXPECT_EQ(o.plan->tls_memsz, 0x40u);
  EXPECT_EQ(o.plan->stack_prot, kProtRead | kProtWrite | kProtExec);

  e = sis::test::tiny_exec();
  e.phdrs.pop_back();
  e.phdrs[0].filesz = e.phdrs[0].memsz = 3 * 56;
  o = plan_of(e);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_FALSE(o.plan->has_gnu_stack);
  EXPECT_EQ(o.plan->stack_prot, kProtRead | kProtWrite);  // arm64: not executable by default
  EXPECT_FALSE(o.plan->has_tls);
}

TEST(ElfPlan, PassesTheReadersErrorThrough) {
  auto file = sis::test::tiny_exec().bytes();
  struct Ctx {
    const std::vector<uint8_t>* file;
    int calls_left;
  };
  // The k-th read fails, for every k until the plan needs fewer reads than that.
  for (int k = 0;; ++k) {
    ASSERT_LT(k, 100);
    Ctx ctx{&file, k};
    ElfReader r{&ctx, file.size(), [](void* c, u64 off, void* buf, usize len) {
                  auto* x = static_cast<Ctx*>(c);
                  if (x->calls_left-- <= 0) return Error::Io;
                  memcpy(buf, x->file->data() + off, len);
                  return Error::Ok;
                }};
    auto p = elf_plan(r, nullptr, 0);
    if (ctx.calls_left >= 0) {  // the failing read never came
      EXPECT_TRUE(p.ok());
      EXPECT_GE(k, 3);  // magic, header, program headers
      break;
    }
    EXPECT_EQ(p.error(), Error::Io) << k;
  }
}

TEST(ElfPlan, ReasonFitsAnyBuffer) {
  TestElf e = sis::test::tiny_exec();
  e.machine = 62;
  auto file = e.bytes();
  ByteSpan span{file.data(), file.size()};
  char small[8];
  memset(small, 'x', sizeof small);
  EXPECT_EQ(elf_plan(span_reader(&span), small, sizeof small).error(), Error::BadFormat);
  EXPECT_STREQ(small, "not an ");
  EXPECT_EQ(elf_plan(span_reader(&span), nullptr, 0).error(), Error::BadFormat);
}

// --- real programs: clang + lld output, checked against llvm-readelf ---

namespace {

struct ReadelfPhdr {
  std::string type;
  uint64_t offset, vaddr, filesz, memsz;
  std::string flags;  // "R", "RE", "RW", "RWE"
};

struct ReadelfFacts {
  std::string type;  // "EXEC" or "DYN"
  uint64_t entry = 0;
  std::vector<ReadelfPhdr> phdrs;
};

// Parses `llvm-readelf -lW` output: "Elf file type is EXEC", "Entry point 0x...", and the
// rows under "Program Headers:" (Type Offset VirtAddr PhysAddr FileSiz MemSiz Flg Align, the
// flags being one to three letters that may be split by blanks).
ReadelfFacts readelf(const std::string& path) {
  std::string cmd = std::string(SIS_LLVM_READELF) + " -lW " + path;
  FILE* f = popen(cmd.c_str(), "r");
  EXPECT_NE(f, nullptr) << cmd;
  std::string out;
  char buf[4096];
  size_t n;
  while (f && (n = fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  EXPECT_EQ(f ? pclose(f) : -1, 0) << cmd;
  ReadelfFacts facts;
  std::istringstream lines(out);
  std::string line;
  bool table = false;
  while (std::getline(lines, line)) {
    std::istringstream w(line);
    std::vector<std::string> t{std::istream_iterator<std::string>(w), {}};
    if (line.rfind("Elf file type is ", 0) == 0) facts.type = t.at(4);
    if (line.rfind("Entry point ", 0) == 0) facts.entry = std::stoull(t.at(2), nullptr, 16);
    if (line.find("Program Headers:") != std::string::npos) {
      table = true;
      std::getline(lines, line);  // the column titles
      continue;
    }
    if (!table) continue;
    if (t.empty()) break;
    ReadelfPhdr p;
    p.type = t.at(0);
    p.offset = std::stoull(t.at(1), nullptr, 16);
    p.vaddr = std::stoull(t.at(2), nullptr, 16);
    p.filesz = std::stoull(t.at(4), nullptr, 16);
    p.memsz = std::stoull(t.at(5), nullptr, 16);
    for (size_t i = 6; i + 1 < t.size(); ++i) p.flags += t[i];
    facts.phdrs.push_back(p);
  }
  EXPECT_FALSE(facts.phdrs.empty()) << out;
  return facts;
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  return {std::istreambuf_iterator<char>(in), {}};
}

u8 prot_of(const std::string& flags) {
  return static_cast<u8>((flags.find('R') != std::string::npos ? kProtRead : 0) |
                         (flags.find('W') != std::string::npos ? kProtWrite : 0) |
                         (flags.find('E') != std::string::npos ? kProtExec : 0));
}

// Checks the plan of a real program against readelf's facts, and the loaded memory against
// the file.
void check_real_program(const std::string& name) {
  std::string path = std::string(SIS_TEST_ELF_DIR) + "/" + name;
  auto file = read_file(path);
  ASSERT_FALSE(file.empty()) << path;
  ReadelfFacts facts = readelf(path);
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << path << ": " << o.why;
  const LoadPlan& p = o.plan.value();

  uint64_t want_bias = facts.type == "DYN" ? p.bias : 0;
  if (facts.type == "DYN") {
    EXPECT_EQ(p.type, kEtDyn);
    EXPECT_GE(p.bias, kPieBase);
  } else {
    ASSERT_EQ(facts.type, "EXEC");
    EXPECT_EQ(p.type, kEtExec);
    EXPECT_EQ(p.bias, 0u);
  }
  EXPECT_EQ(p.entry, facts.entry + want_bias);
  EXPECT_EQ(p.phnum, facts.phdrs.size());

  std::vector<ReadelfPhdr> loads;
  uint64_t top = 0;
  for (const auto& ph : facts.phdrs) {
    if (ph.type == "LOAD" && ph.memsz > 0) {
      loads.push_back(ph);
      top = std::max(top, ph.vaddr + ph.memsz);
    }
    if (ph.type == "PHDR") {
      EXPECT_EQ(p.phdr, ph.vaddr + want_bias);
    }
    if (ph.type == "TLS") {
      EXPECT_TRUE(p.has_tls);
      EXPECT_EQ(p.tls_vaddr, ph.vaddr + want_bias);
      EXPECT_EQ(p.tls_memsz, ph.memsz);
    }
    if (ph.type == "GNU_STACK") {
      EXPECT_EQ(p.stack_prot, prot_of(ph.flags));
    }
  }
  ASSERT_EQ(p.segment_count, loads.size());
  for (size_t i = 0; i < loads.size(); ++i) {
    const LoadSegment& s = p.segments[i];
    EXPECT_EQ(s.vaddr, loads[i].vaddr + want_bias) << i;
    EXPECT_EQ(s.memsz, loads[i].memsz) << i;
    EXPECT_EQ(s.prot, prot_of(loads[i].flags)) << i;
    EXPECT_EQ(s.page_start, (loads[i].vaddr + want_bias) & ~(kUserPage - 1)) << i;
  }
  EXPECT_EQ(p.image_end, align_up(top + want_bias, kUserPage));
  // The program headers in memory are the file's (whether from PT_PHDR or not).
  auto mem = sis::test::carry_out(p, file);
  EXPECT_EQ(sis::test::check_loaded(p, file, mem), "");
  uint64_t wx = 0;
  for (const auto& l : loads)
    if (prot_of(l.flags) == (kProtRead | kProtWrite | kProtExec))
      wx += (align_up(l.vaddr + l.memsz, kUserPage) - (l.vaddr & ~(kUserPage - 1))) / kUserPage;
  EXPECT_EQ(p.wx_pages, wx);
}

}  // namespace

TEST(ElfPlanRealPrograms, StaticNonPieFromLld) { check_real_program("tiny_exec"); }
TEST(ElfPlanRealPrograms, StaticPieFromLld) { check_real_program("tiny_pie"); }
TEST(ElfPlanRealPrograms, OmagicRwxSegmentIsReportedAsWx) {
  check_real_program("tiny_rwx");
  auto file = read_file(std::string(SIS_TEST_ELF_DIR) + "/tiny_rwx");
  Outcome o = plan_of(file);
  ASSERT_TRUE(o.plan.ok()) << o.why;
  EXPECT_GT(o.plan->wx_pages, 0u);
}
TEST(ElfPlanRealPrograms, GlibcStaticFromGnuLd) { check_real_program("glibc_static"); }
TEST(ElfPlanRealPrograms, GlibcStaticPieFromGnuLd) { check_real_program("glibc_static_pie"); }
