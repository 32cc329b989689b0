// Real programs started on our load plan and our initial stack: the plan (elf_plan) and the
// stack image (build_exec_stack) are made here, and test_elf_launcher (an aarch64 program,
// run by qemu-aarch64-static) maps and copies exactly what they say and jumps to the entry
// point, as the kernel's exec will. glibc's static startup then reads AT_PHDR (TLS),
// AT_RANDOM, argv, envp and the auxv from our stack: the program's output shows what it found.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "proc/elf.h"
#include "proc/exec_stack.h"
#include "proc/user_layout.h"

using namespace sis;
using namespace sis::proc;

namespace {

// Far from the programs and from qemu's own mappings on an x86-64 host (the user layout's
// kStackTop is where the host keeps its own stack).
constexpr u64 kTestStackTop = 0x40'0000'0000ull;
constexpr u64 kTestStackBytes = 1 << 20;

struct Launch {
  int status = -1;  // exit status, or -1
  std::string out;
  std::string error;
};

void put64(std::string* s, u64 v) { s->append(reinterpret_cast<const char*>(&v), 8); }

Launch run_on_our_plan(const std::string& program, const std::vector<const char*>& argv,
                    const std::vector<const char*>& envp, const char* execfn) {
  Launch run;
  std::ifstream in(std::string(SIS_TEST_ELF_DIR) + "/" + program, std::ios::binary);
  std::vector<uint8_t> file{std::istreambuf_iterator<char>(in), {}};
  if (file.empty()) return {-1, "", "cannot read " + program};
  ByteSpan span{file.data(), file.size()};
  char why[128];
  auto plan = elf_plan(span_reader(&span), why, sizeof why);
  if (!plan.ok()) return {-1, "", why};
  const LoadPlan& p = plan.value();

  // The page runs the kernel maps (a shared page once, with the union of permissions).
  // kProt* are Linux's PROT_* values.
  PageRun maps[kMaxPageRuns];
  usize nmaps = page_runs(p, maps);

  static const u8 random16[16] = {0xab, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  ExecStackInput si{.argv = argv.data(), .argc = argv.size(), .envp = envp.data(), .envc = envp.size(),
                    .execfn = execfn, .plan = &p, .random16 = random16, .stack_top = kTestStackTop};
  std::vector<u8> stack(kExecStackMaxImage);
  auto img = build_exec_stack(si, stack.data(), stack.size());
  if (!img.ok()) return {-1, "", "build_exec_stack failed"};

  std::string script;
  put64(&script, 0x534953454c464c44ull);  // "SISELFLD"
  put64(&script, p.entry);
  put64(&script, img->sp);
  put64(&script, kTestStackTop - kTestStackBytes);
  put64(&script, kTestStackTop);
  put64(&script, nmaps);
  put64(&script, p.segment_count);
  put64(&script, img->size);
  for (usize i = 0; i < nmaps; ++i) {
    put64(&script, maps[i].start);
    put64(&script, maps[i].end);
    put64(&script, maps[i].prot);
  }
  for (usize i = 0; i < p.segment_count; ++i) {
    const LoadSegment& s = p.segments[i];
    put64(&script, s.copy_vaddr);
    put64(&script, s.copy_bytes);
    script.append(reinterpret_cast<const char*>(file.data() + s.copy_offset), s.copy_bytes);
  }
  script.append(reinterpret_cast<const char*>(stack.data()), img->size);

  char path[] = "/tmp/sis-elf-run-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0 || write(fd, script.data(), script.size()) != static_cast<ssize_t>(script.size())) {
    return {-1, "", "cannot write the launch script"};
  }
  close(fd);
  std::string cmd = std::string(SIS_QEMU_AARCH64) + " " + SIS_ELF_LAUNCHER + " " + path;
  FILE* f = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while (f && (n = fread(buf, 1, sizeof buf, f)) > 0) run.out.append(buf, n);
  int status = f ? pclose(f) : -1;
  unlink(path);
  run.status = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string expected_hello(const std::vector<const char*>& argv, const char* sis_test, const char* execfn) {
  std::string s = "argc=" + std::to_string(argv.size());
  for (size_t i = 0; i < argv.size(); ++i) s += " argv[" + std::to_string(i) + "]=" + argv[i];
  s += std::string(" SIS_TEST=") + sis_test + " execfn=" + execfn + " platform=aarch64 pagesz=4096 random0=171 tls=6\n";
  return s;
}

}  // namespace

TEST(ElfRun, LldProgramsExitWithTheirDataSegmentsValue) {
  // test_elf_tiny.S exits with the 64-bit value in its .data (42): the data segment was
  // copied to where its code looks for it.
  for (const char* prog : {"tiny_exec", "tiny_pie", "tiny_rwx"}) {
    Launch r = run_on_our_plan(prog, {prog}, {}, prog);
    EXPECT_EQ(r.error, "") << prog;
    EXPECT_EQ(r.status, 42) << prog << ": " << r.out;
  }
}

TEST(ElfRun, GlibcStaticStartsOnOurPlanAndStack) {
  for (const char* prog : {"glibc_static", "glibc_static_pie"}) {
    SCOPED_TRACE(prog);
    std::vector<const char*> argv = {"hello", "one two", ""};
    std::vector<const char*> envp = {"A=1", "SIS_TEST=yes", "Z="};
    Launch r = run_on_our_plan(prog, argv, envp, "/bin/hello");
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.status, 3) << r.out;
    EXPECT_EQ(r.out, expected_hello(argv, "yes", "/bin/hello"));
  }
}

TEST(ElfRun, GlibcStaticWithManyArgumentsAndAnEmptyArgv) {
  std::vector<std::string> words;
  std::vector<const char*> argv;
  for (int i = 0; i < 300; ++i) words.push_back("w" + std::to_string(i));
  for (const auto& w : words) argv.push_back(w.c_str());
  Launch r = run_on_our_plan("glibc_static_pie", argv, {"SIS_TEST=many"}, "/x");
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_EQ(r.out, expected_hello(argv, "many", "/x"));
  r = run_on_our_plan("glibc_static", {}, {"SIS_TEST=none"}, "/y");
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_EQ(r.out, expected_hello({""}, "none", "/y"));
}
