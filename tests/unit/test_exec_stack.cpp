// The initial user stack (kernel/proc/exec_stack.h), read back the way a C library's startup
// code reads it: argc at sp, argv and envp NULL-terminated, then auxv pairs to AT_NULL.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "proc/exec_stack.h"
#include "proc/user_layout.h"
#include "test_elf_builder.h"

using namespace sis;
using namespace sis::proc;

namespace {

const u8 kRandom[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

LoadPlan tiny_plan() {
  auto file = sis::test::tiny_pie().bytes();
  ByteSpan span{file.data(), file.size()};
  auto p = elf_plan(span_reader(&span), nullptr, 0);
  EXPECT_TRUE(p.ok());
  return p.value();
}

// What a libc sees: everything is addressed through user VAs inside [sp, stack_top).
struct Parsed {
  uint64_t argc = 0;
  std::vector<std::string> argv, envp;
  std::vector<std::pair<uint64_t, uint64_t>> auxv;
  std::string error;
};

struct View {
  const std::vector<u8>& buf;
  uint64_t sp, top;
  bool ok(uint64_t va, uint64_t n) const { return va >= sp && va <= top && n <= top - va; }
  uint64_t word(uint64_t va) const {
    uint64_t v = 0;
    if (ok(va, 8)) memcpy(&v, buf.data() + (va - sp), 8);
    return v;
  }
  // A NUL-terminated string at va, or "<bad>" if it leaves the image.
  std::string str(uint64_t va) const {
    std::string s;
    for (uint64_t a = va; ok(a, 1); ++a) {
      char c = static_cast<char>(buf[a - sp]);
      if (c == 0) return s;
      s += c;
    }
    return "<bad>";
  }
};

Parsed parse(const View& v) {
  Parsed p;
  uint64_t a = v.sp;
  p.argc = v.word(a);
  a += 8;
  for (uint64_t i = 0; i < p.argc; ++i, a += 8) p.argv.push_back(v.str(v.word(a)));
  if (v.word(a) != 0) p.error = "argv not NULL-terminated";
  a += 8;
  for (; v.ok(a, 8) && v.word(a) != 0; a += 8) p.envp.push_back(v.str(v.word(a)));
  a += 8;
  for (; v.ok(a, 16); a += 16) {
    p.auxv.push_back({v.word(a), v.word(a + 8)});
    if (v.word(a) == AT_NULL) return p;
  }
  p.error = "auxv runs off the image";
  return p;
}

struct Built {
  Result<StackImage> img;
  std::vector<u8> buf;
};

Built build(const std::vector<const char*>& argv, const std::vector<const char*>& envp, const LoadPlan& plan,
            const char* execfn = "/bin/busybox", u64 top = kStackTop, usize cap = kExecStackMaxImage) {
  ExecStackInput in;
  in.argv = argv.data();
  in.argc = argv.size();
  in.envp = envp.data();
  in.envc = envp.size();
  in.execfn = execfn;
  in.plan = &plan;
  in.hwcap = 0x1234'5678'9abcull;
  in.hwcap2 = 0x42;
  in.random16 = kRandom;
  in.uid = 0;
  in.gid = 0;
  in.stack_top = top;
  Built b{Error::Invalid, std::vector<u8>(cap, 0xee)};
  b.img = build_exec_stack(in, b.buf.data(), cap);
  return b;
}

}  // namespace

TEST(ExecStack, LayoutIsWhatLibcStartupReads) {
  LoadPlan plan = tiny_plan();
  std::vector<const char*> argv = {"/bin/busybox", "sh", "-c", "echo hi | wc -c"};
  std::vector<const char*> envp = {"HOME=/", "PATH=/bin:/usr/bin", "TERM=vt100"};
  Built b = build(argv, envp, plan);
  ASSERT_TRUE(b.img.ok());
  const StackImage& img = b.img.value();
  EXPECT_EQ(img.sp % 16, 0u);
  EXPECT_EQ(img.sp + img.size, kStackTop);
  View v{b.buf, img.sp, kStackTop};
  Parsed p = parse(v);
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.argc, argv.size());
  for (size_t i = 0; i < argv.size(); ++i) EXPECT_EQ(p.argv[i], argv[i]);
  ASSERT_EQ(p.envp.size(), envp.size());
  for (size_t i = 0; i < envp.size(); ++i) EXPECT_EQ(p.envp[i], envp[i]);
  EXPECT_EQ(img.argv, img.sp + 8);
  EXPECT_EQ(img.envp, img.argv + (argv.size() + 1) * 8);
  EXPECT_EQ(img.auxv, img.envp + (envp.size() + 1) * 8);

  std::map<uint64_t, uint64_t> aux;
  for (auto [tag, val] : p.auxv) {
    EXPECT_EQ(aux.count(tag), 0u) << "tag " << tag << " twice";
    aux[tag] = val;
  }
  EXPECT_EQ(p.auxv.back().first, AT_NULL);
  EXPECT_EQ(p.auxv.size(), kAuxvPairs);
  EXPECT_EQ(aux.at(AT_PHDR), plan.phdr);
  EXPECT_EQ(aux.at(AT_PHENT), 56u);
  EXPECT_EQ(aux.at(AT_PHNUM), plan.phnum);
  EXPECT_EQ(aux.at(AT_PAGESZ), 4096u);
  EXPECT_EQ(aux.at(AT_BASE), 0u);
  EXPECT_EQ(aux.at(AT_FLAGS), 0u);
  EXPECT_EQ(aux.at(AT_ENTRY), plan.entry);
  EXPECT_EQ(aux.at(AT_UID), 0u);
  EXPECT_EQ(aux.at(AT_EUID), 0u);
  EXPECT_EQ(aux.at(AT_GID), 0u);
  EXPECT_EQ(aux.at(AT_EGID), 0u);
  EXPECT_EQ(aux.at(AT_HWCAP), 0x1234'5678'9abcull);
  EXPECT_EQ(aux.at(AT_HWCAP2), 0x42u);
  EXPECT_EQ(aux.at(AT_CLKTCK), 100u);
  EXPECT_EQ(aux.at(AT_SECURE), 0u);
  EXPECT_EQ(v.str(aux.at(AT_PLATFORM)), "aarch64");
  EXPECT_EQ(v.str(aux.at(AT_EXECFN)), "/bin/busybox");
  ASSERT_TRUE(v.ok(aux.at(AT_RANDOM), 16));
  EXPECT_EQ(memcmp(b.buf.data() + (aux.at(AT_RANDOM) - img.sp), kRandom, 16), 0);
  EXPECT_EQ(aux.at(AT_RANDOM) % 8, 0u);

  // Everything the tables point at lies above the tables, and the top 8 bytes are zero.
  uint64_t tables_end = img.auxv + kAuxvPairs * 16;
  for (uint64_t tag : {AT_PLATFORM, AT_EXECFN, AT_RANDOM}) EXPECT_GE(aux.at(tag), tables_end);
  for (size_t i = 0; i < argv.size() + envp.size() + 1; ++i) {
    if (i == argv.size()) continue;  // argv's NULL
    EXPECT_GE(v.word(img.argv + i * 8), tables_end);
  }
  EXPECT_EQ(v.word(kStackTop - 8), 0u);
  // The strings are packed in Linux's order: argv, envp, execfn, end marker.
  EXPECT_EQ(v.word(img.argv) + strlen(argv[0]) + 1, v.word(img.argv + 8));
  EXPECT_EQ(aux.at(AT_EXECFN) + strlen("/bin/busybox") + 1, kStackTop - 8);
}

TEST(ExecStack, SpIsAlignedForEveryCountParity) {
  LoadPlan plan = tiny_plan();
  std::vector<const char*> pool = {"a", "bb", "ccc", "dddd", "eeeee"};
  for (size_t na = 1; na <= 4; ++na) {
    for (size_t ne = 0; ne <= 4; ++ne) {
      std::vector<const char*> argv(pool.begin(), pool.begin() + na), envp(pool.begin(), pool.begin() + ne);
      Built b = build(argv, envp, plan, "/x");
      ASSERT_TRUE(b.img.ok());
      EXPECT_EQ(b.img->sp % 16, 0u) << na << " " << ne;
      Parsed p = parse({b.buf, b.img->sp, kStackTop});
      EXPECT_EQ(p.error, "");
      EXPECT_EQ(p.argc, na);
      EXPECT_EQ(p.envp.size(), ne);
    }
  }
}

TEST(ExecStack, EmptyArgvGetsAnEmptyArgv0) {
  LoadPlan plan = tiny_plan();
  Built b = build({}, {}, plan);
  ASSERT_TRUE(b.img.ok());
  Parsed p = parse({b.buf, b.img->sp, kStackTop});
  ASSERT_EQ(p.argc, 1u);
  EXPECT_EQ(p.argv[0], "");
}

TEST(ExecStack, ArgumentBytesOverTheCapAreTooBig) {
  LoadPlan plan = tiny_plan();
  // "a\0" + env string: exactly kMaxArgBytes in all is fine, one more byte is E2BIG.
  std::string env(kMaxArgBytes - 2 - 1, 'x');
  Built ok = build({"a"}, {env.c_str()}, plan);
  ASSERT_TRUE(ok.img.ok());
  Parsed p = parse({ok.buf, ok.img->sp, kStackTop});
  ASSERT_EQ(p.envp.size(), 1u);
  EXPECT_EQ(p.envp[0].size(), env.size());
  env += 'x';
  EXPECT_EQ(build({"a"}, {env.c_str()}, plan).img.error(), Error::TooBig);
  std::string arg(kMaxArgBytes, 'y');
  EXPECT_EQ(build({arg.c_str()}, {}, plan).img.error(), Error::TooBig);
}

TEST(ExecStack, CountsOverTheCapAreTooBig) {
  LoadPlan plan = tiny_plan();
  std::vector<const char*> many(kMaxArgCount, "z");
  // The largest input the caps allow fits the documented buffer size.
  std::string rest(kMaxArgBytes - 4 * kMaxArgCount - 1, 'r');
  std::vector<const char*> envs(kMaxArgCount, "z");
  envs.back() = rest.c_str();
  std::string longest_fn(kMaxExecFn - 1, 'f');
  Built full = build(many, envs, plan, longest_fn.c_str());
  ASSERT_TRUE(full.img.ok());
  EXPECT_LE(full.img->size, kExecStackMaxImage);
  Parsed p = parse({full.buf, full.img->sp, kStackTop});
  EXPECT_EQ(p.error, "");
  EXPECT_EQ(p.argc, kMaxArgCount);
  EXPECT_EQ(p.envp.size(), kMaxArgCount);

  many.push_back("z");
  EXPECT_EQ(build(many, {}, plan).img.error(), Error::TooBig);
  EXPECT_EQ(build({"a"}, many, plan).img.error(), Error::TooBig);
}

TEST(ExecStack, RefusesBadInputs) {
  LoadPlan plan = tiny_plan();
  std::string long_fn(kMaxExecFn, 'f');
  EXPECT_EQ(build({"a"}, {}, plan, long_fn.c_str()).img.error(), Error::PathTooLong);
  EXPECT_EQ(build({"a"}, {}, plan, "/x", kStackTop - 8).img.error(), Error::Invalid);
  EXPECT_EQ(build({"a"}, {}, plan, "/x", 0x1000).img.error(), Error::Invalid);
  EXPECT_EQ(build({"a"}, {}, plan, "/x", kStackTop, 64).img.error(), Error::TooBig);
  EXPECT_EQ(build({"a", nullptr}, {}, plan).img.error(), Error::Invalid);
}

TEST(ExecStack, WritesOnlyTheImageBytes) {
  LoadPlan plan = tiny_plan();
  Built b = build({"a"}, {"B=1"}, plan);
  ASSERT_TRUE(b.img.ok());
  for (size_t i = b.img->size; i < b.buf.size(); ++i) ASSERT_EQ(b.buf[i], 0xee) << i;
}
