// prof/: the sampling profiler's portable parts: the stack tables, the folded text, the
// report's self/total arithmetic, frame naming, the sample ring, and the frame-record
// walkers (including a walk over garbage user memory that must end without a fault).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "fake_user_memory.h"
#include "lib/format.h"
#include "prof/frame_walk.h"
#include "prof/profile.h"
#include "prof/raw_profile.h"
#include "prof/report.h"
#include "prof/sample_ring.h"
#include "prof/symbol_names.h"
#include "string_output.h"

namespace {

using namespace sis;
using namespace sis::prof;

std::string folded_of(const Profile& p) {
  TextBlob b;
  EXPECT_EQ(p.folded(b), Error::Ok);
  return std::string(b.view().data ? b.view().data : "", b.view().size);
}

void add(Profile& p, std::vector<const char*> names, u64 count = 1) {
  std::vector<StrView> v;
  for (const char* n : names) v.emplace_back(n);
  ASSERT_EQ(p.add(v.data(), v.size(), count), Error::Ok);
}

std::string name(const Profile& p, u32 id) { return std::string(p.names().at(id).data, p.names().at(id).size); }

TEST(ProfStackCounter, CountsEqualStacksTogetherAndKeepsPrefixesApart) {
  StackCounter c;
  u64 a[] = {1, 2, 3}, b[] = {1, 2};
  ASSERT_EQ(c.add(a, 3), Error::Ok);
  ASSERT_EQ(c.add(b, 2), Error::Ok);
  ASSERT_EQ(c.add(a, 3, 4), Error::Ok);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.total(), 6u);
  EXPECT_EQ(c.count(0), 5u);
  EXPECT_EQ(c.length(0), 3u);
  EXPECT_EQ(c.count(1), 1u);
  EXPECT_EQ(c.length(1), 2u);
}

TEST(ProfStackCounter, GrowsPastManyDistinctStacks) {
  StackCounter c;
  for (u64 i = 0; i < 20000; ++i) {
    u64 w[] = {i % 7, i, i * 3};
    ASSERT_EQ(c.add(w, 3), Error::Ok);
  }
  for (u64 i = 0; i < 20000; i += 3) {
    u64 w[] = {i % 7, i, i * 3};
    ASSERT_EQ(c.add(w, 3), Error::Ok);
  }
  EXPECT_EQ(c.size(), 20000u);
  EXPECT_EQ(c.total(), 20000u + 6667u);
  EXPECT_EQ(c.count(3), 2u);
  EXPECT_EQ(c.count(4), 1u);
}

TEST(ProfStackCounter, RefusesAStackLongerThanTheLimit) {
  StackCounter c;
  std::vector<u64> w(StackCounter::kMaxWords + 1, 7);
  EXPECT_EQ(c.add(w.data(), w.size()), Error::Invalid);
  EXPECT_EQ(c.total(), 0u);
}

TEST(ProfFolded, OneSortedLinePerStackWithItsCount) {
  Profile p;
  add(p, {"[kernel] shell", "sis`main", "sis`b"}, 2);
  add(p, {"[kernel] shell", "sis`main", "sis`a"}, 3);
  add(p, {"[kernel] shell", "sis`main", "sis`b"}, 1);
  add(p, {"[pid 7] busybox", "busybox`0x1a0"}, 5);
  EXPECT_EQ(folded_of(p),
            "[kernel] shell;sis`main;sis`a 3\n"
            "[kernel] shell;sis`main;sis`b 3\n"
            "[pid 7] busybox;busybox`0x1a0 5\n");
  EXPECT_EQ(p.samples(), 11u);
}

TEST(ProfFolded, NamesNeverCarrySeparatorsOrNewlines) {
  Profile p;
  add(p, {"[kernel] a;b", "sis`x\ny", ""});
  EXPECT_EQ(folded_of(p), "[kernel] a_b;sis`x_y;[unknown] 1\n");
}

TEST(ProfFolded, EmptyProfileIsEmptyText) {
  Profile p;
  EXPECT_EQ(folded_of(p), "");
}

TEST(ProfReport, SelfIsTheLeafAndTotalCountsRecursionOnce) {
  Profile p;
  add(p, {"[kernel] t", "main", "walk", "walk", "leaf"}, 6);
  add(p, {"[kernel] t", "main", "walk"}, 3);
  add(p, {"[kernel] u", "main"}, 1);
  FunctionStat s[8];
  usize distinct = 0;
  usize n = p.report(s, 8, &distinct);
  ASSERT_EQ(n, 3u);  // thread frames are not functions
  EXPECT_EQ(distinct, 3u);
  EXPECT_EQ(name(p, s[0].name), "leaf");
  EXPECT_EQ(s[0].self, 6u);
  EXPECT_EQ(s[0].total, 6u);
  EXPECT_EQ(name(p, s[1].name), "walk");
  EXPECT_EQ(s[1].self, 3u);
  EXPECT_EQ(s[1].total, 9u);  // not 15: the recursive frame counts once per sample
  EXPECT_EQ(name(p, s[2].name), "main");
  EXPECT_EQ(s[2].self, 1u);
  EXPECT_EQ(s[2].total, 10u);
}

TEST(ProfReport, TopLimitsTheListButCountsEveryFunction) {
  Profile p;
  add(p, {"[kernel] t", "a"}, 5);
  add(p, {"[kernel] t", "b"}, 4);
  add(p, {"[kernel] t", "c"}, 1);
  FunctionStat s[2];
  usize distinct = 0;
  EXPECT_EQ(p.report(s, 2, &distinct), 2u);
  EXPECT_EQ(distinct, 3u);
  EXPECT_EQ(name(p, s[1].name), "b");
}

using sis::test::StringOutput;

TEST(ProfReport, TextAndJsonShowPercentagesOfAllSamples) {
  Profile p;
  add(p, {"[kernel] t", "sis`spin"}, 3);
  add(p, {"[kernel] t", "sis`main", "sis`other"}, 1);
  ReportTotals t{4, 2};
  StringOutput out;
  write_report_text(p, t, 10, out);
  EXPECT_NE(out.text.find("samples 4, dropped 2"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("  75.00   75.00        3        3  sis`spin"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("   0.00   25.00        0        1  sis`main"), std::string::npos) << out.text;

  char buf[2048];
  TextBuffer tb(buf, sizeof(buf));
  JsonWriter w(tb);
  w.begin_object();
  write_report_members(p, t, 1, w);
  w.end_object();
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(std::string(tb.c_str()),
            R"({"samples":4,"dropped":2,"functions":[{"name":"sis`spin","self":3,"total":3,"self_pct":75.00,"total_pct":75.00}]})");
}

TEST(ProfReport, PercentRoundsToTwoDecimals) {
  EXPECT_EQ(percent_x100(1, 3), 3333u);
  EXPECT_EQ(percent_x100(2, 3), 6667u);
  EXPECT_EQ(percent_x100(5, 5), 10000u);
  EXPECT_EQ(percent_x100(1, 0), 0u);
}

TEST(ProfNames, ShortFunctionNameDropsParametersAndTheSisNamespace) {
  auto s = [](const char* n) {
    char b[256];
    TextBuffer out(b, sizeof(b));
    short_function_name(n, out);
    return std::string(out.c_str());
  };
  EXPECT_EQ(s("sis::fs::Ext4::write(sis::fs::Inode&, unsigned long)"), "fs::Ext4::write");
  EXPECT_EQ(s("sis::sched::burn_ns(unsigned long long)"), "sched::burn_ns");
  EXPECT_EQ(s("sis::(anonymous namespace)::cpu_main(void*)"), "(anonymous namespace)::cpu_main");
  EXPECT_EQ(s("sis::X::operator()(int) const"), "X::operator()");
  EXPECT_EQ(s("sis::fs::Ext4::dir_find(sis::fs::Ext4::Inode&, sis::StrView, sis::fs::Ext4::DirLoc*, unsigned char*)"
              "::$_0::operator()(sis::fs::Ext4::DirLoc const&) const"),
            "fs::Ext4::dir_find::$_0::operator()");
  EXPECT_EQ(s("sis::Result<unsigned long> sis::f(int (*)(int))"), "Result<unsigned long> sis::f");
  EXPECT_EQ(s("sis::arch::wait_for_interrupt_then_enable()"), "arch::wait_for_interrupt_then_enable");
  EXPECT_EQ(s("kmain"), "kmain");
  EXPECT_EQ(s("broken(int"), "broken(int");
}

TEST(ProfNames, KernelFramesComeFromTheSymbolTable) {
  const char strings[] = "sis::sched::burn_ns(unsigned long long)\0kmain";
  const SymbolEntry entries[] = {{0x1000, 0, 0x40}, {0x2000, 40, 0x10}};
  SymbolTable t{entries, 2, strings, sizeof(strings)};
  char b[128];
  TextBuffer out(b, sizeof(b));
  name_kernel_frame(t, 0x1010, out);
  EXPECT_STREQ(out.c_str(), "sis`sched::burn_ns");
  out.clear();
  name_kernel_frame(t, 0x9000, out);
  EXPECT_STREQ(out.c_str(), "[unknown]");
}

TEST(ProfNames, UserFramesAreProgramBaseNameAndOffset) {
  char b[128];
  TextBuffer out(b, sizeof(b));
  name_user_frame("/bin/busybox", 0x1a2b, out);
  EXPECT_STREQ(out.c_str(), "busybox`0x1a2b");
  out.clear();
  name_user_frame("", 0x10, out);
  EXPECT_STREQ(out.c_str(), "[user]`0x10");
}

// A namer over made-up functions: kernel pcs 0x1000.. in 0x100-byte functions "k<N>".
class FakeNamer final : public FrameNamer {
 public:
  void kernel_frame(u64 pc, bool innermost, TextBuffer& out) override {
    u64 a = innermost ? pc : pc - 1;
    out.appendf("sis`k%llu", static_cast<unsigned long long>(a / 0x100));
  }
  void user_frame(StrView exe, u64 start, u64, u64 pc, bool, TextBuffer& out) override {
    name_user_frame(exe, pc - start, out);
  }
};

Sample kernel_sample(const char* thread, std::vector<u64> frames) {
  Sample s;
  copy_cstr(s.thread, sizeof(s.thread), thread);
  s.nframes = static_cast<u16>(frames.size());
  for (usize i = 0; i < frames.size(); ++i) s.frames[i] = frames[i];
  return s;
}

TEST(ProfRawProfile, PcsInOneFunctionMergeWhenNamed) {
  RawProfile raw;
  // Innermost first: two different pcs in function k0x12 called from k0x11 (return address
  // 0x1200 is the first byte after the call, so it names the caller k0x11).
  ASSERT_EQ(raw.add(kernel_sample("cpu-1", {0x1210, 0x1200, 0x1050})), Error::Ok);
  ASSERT_EQ(raw.add(kernel_sample("cpu-1", {0x1220, 0x1200, 0x1050})), Error::Ok);
  ASSERT_EQ(raw.add(kernel_sample("cpu-1", {0x1210, 0x1200, 0x1050})), Error::Ok);
  EXPECT_EQ(raw.distinct(), 2u);
  EXPECT_EQ(raw.samples(), 3u);
  Profile p;
  FakeNamer n;
  ASSERT_EQ(raw.build(n, p), Error::Ok);
  EXPECT_EQ(folded_of(p), "[kernel] cpu-1;sis`k16;sis`k17;sis`k18 3\n");
}

TEST(ProfRawProfile, UserSamplesNameTheProcessAndTheirFrames) {
  RawProfile raw;
  Sample s;
  s.pid = 7;
  copy_cstr(s.thread, sizeof(s.thread), "sort");
  copy_cstr(s.exe, sizeof(s.exe), "/bin/busybox");
  s.user_mode = true;
  s.image_start = 0x400000;
  s.nframes = 3;
  s.frames[0] = kUserFrame | 0x402000;
  s.frames[1] = kUnknownFrame;
  s.frames[2] = kUserFrame | 0x401000;
  ASSERT_EQ(raw.add(s), Error::Ok);
  Profile p;
  FakeNamer n;
  ASSERT_EQ(raw.build(n, p), Error::Ok);
  EXPECT_EQ(folded_of(p), "[pid 7] sort;busybox`0x1000;[unknown];busybox`0x2000 1\n");
}

TEST(ProfRawProfile, AThreadThatChangesItsNameOrProgramGetsNewNames) {
  RawProfile raw;
  Sample a = kernel_sample("worker", {0x1010});
  a.tid = 5;
  ASSERT_EQ(raw.add(a), Error::Ok);
  copy_cstr(a.thread, sizeof(a.thread), "renamed");
  ASSERT_EQ(raw.add(a), Error::Ok);
  // The same tid as a process, then after exec (same pid, another program).
  a.pid = 9;
  a.frames[0] = kUserFrame | 0x40;  // image_start 0
  copy_cstr(a.exe, sizeof(a.exe), "/bin/sh");
  ASSERT_EQ(raw.add(a), Error::Ok);
  copy_cstr(a.exe, sizeof(a.exe), "/bin/busybox");
  ASSERT_EQ(raw.add(a), Error::Ok);
  ASSERT_EQ(raw.add(a), Error::Ok);
  Profile p;
  FakeNamer n;
  ASSERT_EQ(raw.build(n, p), Error::Ok);
  EXPECT_EQ(folded_of(p),
            "[kernel] renamed;sis`k16 1\n"
            "[kernel] worker;sis`k16 1\n"
            "[pid 9] renamed;busybox`0x40 2\n"
            "[pid 9] renamed;sh`0x40 1\n");
}

TEST(ProfRawProfile, RefusesASampleWithoutFrames) {
  RawProfile raw;
  Sample s;
  EXPECT_EQ(raw.add(s), Error::Invalid);
}

TEST(ProfSampleRing, FullRingDropsAndCountsNewSamples) {
  auto* r = new SampleRing<4>();
  for (int i = 0; i < 4; ++i) {
    Sample* s = r->reserve();
    ASSERT_NE(s, nullptr);
    s->tid = static_cast<u32>(i);
    r->commit();
  }
  EXPECT_EQ(r->reserve(), nullptr);
  EXPECT_EQ(r->reserve(), nullptr);
  EXPECT_EQ(r->dropped(), 2u);
  for (u32 i = 0; i < 4; ++i) {
    const Sample* s = r->peek();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->tid, i);
    r->release();
  }
  EXPECT_EQ(r->peek(), nullptr);
  EXPECT_NE(r->reserve(), nullptr);
  delete r;
}

// A kernel stack on the host: frame records in an array, addresses are real.
TEST(ProfKernelWalk, FollowsRecordsUpTheStackWithinBounds) {
  alignas(16) u64 stack[64] = {};
  auto addr = [&](int i) { return reinterpret_cast<u64>(&stack[i]); };
  // Records at 4 -> 10 -> 20 -> 0 (the thread's first frame).
  stack[4] = addr(10); stack[5] = 0xa1;
  stack[10] = addr(20); stack[11] = 0xa2;
  stack[20] = 0; stack[21] = 0xa3;
  u64 out[8];
  u64 lo = addr(0), hi = addr(64);
  ASSERT_EQ(walk_kernel_stack(0x99, addr(4), lo, hi, out, 8), 4u);
  EXPECT_EQ(out[0], 0x99u);
  EXPECT_EQ(out[1], 0xa1u);
  EXPECT_EQ(out[3], 0xa3u);
  EXPECT_EQ(walk_kernel_stack(0x99, addr(4), lo, hi, out, 2), 2u);  // depth bound
  // Outside the stack, misaligned, or pointing back down: the walk ends there.
  EXPECT_EQ(walk_kernel_stack(0x99, addr(4), lo, addr(5), out, 8), 1u);
  EXPECT_EQ(walk_kernel_stack(0x99, addr(4), lo, addr(12), out, 8), 3u);  // records 4 and 10 fit, 20 not
  EXPECT_EQ(walk_kernel_stack(0x99, addr(4), addr(5), hi, out, 8), 1u);
  EXPECT_EQ(walk_kernel_stack(0x99, addr(4) + 8, lo, hi, out, 8), 1u);
  stack[10] = addr(2);
  EXPECT_EQ(walk_kernel_stack(0x99, addr(4), lo, hi, out, 8), 3u);
}

// A system call's kernel stack ends at the exception frame's record {user x29, elr}: the walk
// says where that last record is, so the profiler can find the user registers around it and
// go on with the user stack (profiler.cpp, syscall_user_frames).
TEST(ProfKernelWalk, ReportsTheLastRecordItRead) {
  alignas(16) u64 stack[64] = {};
  auto addr = [&](int i) { return reinterpret_cast<u64>(&stack[i]); };
  stack[4] = addr(10); stack[5] = 0xa1;
  stack[10] = 0x7ffff000; stack[11] = 0x400123;  // {user x29 (outside the stack), user pc}
  u64 out[8];
  u64 last = 1;
  ASSERT_EQ(walk_kernel_stack(0x99, addr(4), addr(0), addr(64), out, 8, false, 0, &last), 3u);
  EXPECT_EQ(out[2], 0x400123u);
  EXPECT_EQ(last, addr(10));
  ASSERT_EQ(walk_kernel_stack(0x99, addr(4), addr(0), addr(64), out, 2, false, 0, &last), 2u);
  EXPECT_EQ(last, addr(4));  // the depth bound stopped it after the first record
  ASSERT_EQ(walk_kernel_stack(0x99, addr(4), addr(0), addr(5), out, 8, false, 0, &last), 1u);
  EXPECT_EQ(last, 0u);  // no record read
}

TEST(ProfFrameWalk, PrologueAndEpilogueInstructionsMeanTheRecordIsPending) {
  EXPECT_TRUE(frame_record_pending(0xa9bf7bfd));   // stp x29, x30, [sp, #-16]!
  EXPECT_TRUE(frame_record_pending(0xa9027bfd));   // stp x29, x30, [sp, #32]
  EXPECT_TRUE(frame_record_pending(0x910003fd));   // mov x29, sp
  EXPECT_TRUE(frame_record_pending(0x910083fd));   // add x29, sp, #32
  EXPECT_TRUE(frame_record_pending(0xd65f03c0));   // ret
  EXPECT_FALSE(frame_record_pending(0xd503201f));  // nop
  EXPECT_FALSE(frame_record_pending(0xa9bf7bf3));  // stp x19, x30, [sp, #-16]!
  EXPECT_FALSE(frame_record_pending(0x910003e0));  // mov x0, sp
  EXPECT_FALSE(frame_record_pending(0xa8c17bfd));  // ldp x29, x30, [sp], #16: the record is still there
}

TEST(ProfKernelWalk, APendingRecordPutsTheLinkRegisterAfterThePc) {
  alignas(16) u64 stack[16] = {};
  u64 lo = reinterpret_cast<u64>(&stack[0]), hi = reinterpret_cast<u64>(&stack[16]);
  stack[4] = 0;
  stack[5] = 0xc2;  // the caller's record: its return address into the caller's caller
  u64 out[8];
  ASSERT_EQ(walk_kernel_stack(0x99, reinterpret_cast<u64>(&stack[4]), lo, hi, out, 8, true, 0xc1), 3u);
  EXPECT_EQ(out[1], 0xc1u);
  EXPECT_EQ(out[2], 0xc2u);
  EXPECT_EQ(walk_kernel_stack(0x99, reinterpret_cast<u64>(&stack[4]), lo, hi, out, 8, false, 0xc1), 2u);
}

TEST(ProfUserWalk, APendingRecordAtTheUserPcPutsTheLinkRegisterAfterIt) {
  proc::test::FakeUserMemory m;
  using M = proc::test::FakeUserMemory;
  u64 pc = M::kBase + 0x100, fp = M::kBase + 0x1000;
  u32 stp = 0xa9bf7bfd;
  memcpy(m.at(pc), &stp, 4);
  u64 rec[2] = {0, 0x402222};
  memcpy(m.at(fp), rec, 16);
  u64 out[8];
  ASSERT_EQ(walk_user_stack(m, pc, fp, 0x401111, 0, 0, out, 8), 3u);
  EXPECT_EQ(out[1], 0x401111u);
  EXPECT_EQ(out[2], 0x402222u);
  ASSERT_EQ(walk_user_stack(m, pc + 4, fp, 0x401111, 0, 0, out, 8), 2u);  // zeros: not pending
}

TEST(ProfUserWalk, FollowsAValidChainAndStopsAtTheHole) {
  proc::test::FakeUserMemory m;
  using M = proc::test::FakeUserMemory;
  u64 f1 = M::kBase + 0x1000, f2 = M::kBase + 0x1100, f3 = M::kHole - 8;  // f3's record runs into the hole
  auto put = [&](u64 at, u64 next, u64 ret) {
    memcpy(m.at(at), &next, 8);
    memcpy(m.at(at + 8), &ret, 8);
  };
  put(f1, f2, 0x401111);
  put(f2, f3, 0x402222);
  u64 out[8];
  usize n = walk_user_stack(m, 0x400500, f1, 0, 0, 0, out, 8);
  ASSERT_EQ(n, 3u);
  EXPECT_EQ(out[0], 0x400500u);
  EXPECT_EQ(out[1], 0x401111u);
  EXPECT_EQ(out[2], 0x402222u);
  // The same chain with a lower bound above f2: ends after f1.
  EXPECT_EQ(walk_user_stack(m, 0x400500, f1, 0, f1, f1 + 0x20, out, 8), 2u);
}

TEST(ProfUserWalk, GarbageFramePointersEndTheWalkWithinTheDepth) {
  std::mt19937_64 rng(19);
  proc::test::FakeUserMemory m;
  using M = proc::test::FakeUserMemory;
  for (u64 a = M::kBase; a < M::kBase + M::kSize; a += 8) {
    if (!m.mapped(a, 8)) continue;
    // Mostly pointers into the mapping (some into the hole or beyond), some junk.
    u64 v = rng() % 4 ? M::kBase + (rng() % (M::kSize + 0x10000)) : rng();
    memcpy(m.at(a), &v, 8);
  }
  u64 out[kMaxUserFrames];
  usize longest = 0;
  for (int i = 0; i < 20000; ++i) {
    u64 fp = rng() % 3 ? M::kBase + (rng() % M::kSize) : rng();
    usize n = walk_user_stack(m, 0x1234, fp, 0x5678, 0, 0, out, kMaxUserFrames);
    ASSERT_GE(n, 1u);
    ASSERT_LE(n, kMaxUserFrames);
    EXPECT_EQ(out[0], 0x1234u);
    if (n > longest) longest = n;
  }
  EXPECT_GT(longest, 1u);  // some walks did follow records
  // A record pointing at itself, or a cycle, cannot loop.
  u64 self = M::kBase + 0x2000;
  memcpy(m.at(self), &self, 8);
  u64 ret = 0x401000;
  memcpy(m.at(self + 8), &ret, 8);
  EXPECT_EQ(walk_user_stack(m, 1, self, 0, 0, 0, out, kMaxUserFrames), 2u);
}

}  // namespace

namespace {

using sis::StrView;
using sis::usize;
using sis::prof::folded_chunk_end;

TEST(ProfFoldedChunks, EndAtLineBoundariesAndReassembleTheText) {
  std::string t = "a;b 1\nccc;dd 22\ne 3\n";
  StrView v(t.data(), t.size());
  EXPECT_EQ(folded_chunk_end(v, 0, 6, 100), 6u);    // exactly the first line
  EXPECT_EQ(folded_chunk_end(v, 0, 15, 100), 6u);   // the second line does not fit
  EXPECT_EQ(folded_chunk_end(v, 0, 16, 100), 16u);
  EXPECT_EQ(folded_chunk_end(v, 6, 3, 100), 16u);   // a line longer than max goes whole
  EXPECT_EQ(folded_chunk_end(v, 6, 3, 5), 11u);     // ... unless it exceeds the hard limit
  EXPECT_EQ(folded_chunk_end(v, 16, 1000, 100), t.size());
  EXPECT_EQ(folded_chunk_end(v, t.size(), 10, 100), t.size());
  for (usize max = 1; max < 30; ++max) {
    std::string joined;
    usize o = 0, chunks = 0;
    while (o < t.size()) {
      usize e = folded_chunk_end(v, o, max, 1000);
      ASSERT_GT(e, o);
      EXPECT_TRUE(e == t.size() || t[e - 1] == '\n');
      joined += t.substr(o, e - o);
      o = e;
      ++chunks;
    }
    EXPECT_EQ(joined, t) << "max " << max;
  }
}

}  // namespace
