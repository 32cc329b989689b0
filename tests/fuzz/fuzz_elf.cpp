// Fuzz target: the program loader's portable half on arbitrary file contents. elf_plan must
// refuse or produce a plan that is safe to carry out: segments sorted, disjoint, inside the
// user layout, copies inside the file and inside their segment, the entry in executable
// code, the program headers in loaded memory, and the memory it describes must hold every
// PT_LOAD's bytes as the file says (test_elf_builder.h models the kernel's copies). Then the
// initial stack is built on the plan and read back, and the same bytes go through the "#!"
// parser, and the function-symbol reader reads the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fuzz_check.h"
#include "proc/elf.h"
#include "proc/elf_symbols.h"
#include "proc/exec_stack.h"
#include "proc/shebang.h"
#include "proc/user_layout.h"
#include "test_elf_builder.h"

using namespace sis;
using namespace sis::proc;

namespace {

struct Input {
  const uint8_t* data;
  size_t size;
};

// The reader elf_plan gets: every request must lie inside the file (the contract in elf.h).
Error checked_read(void* ctx, u64 off, void* buf, usize len) {
  const auto* in = static_cast<const Input*>(ctx);
  FUZZ_CHECK(off <= in->size && len <= in->size - off);
  memcpy(buf, in->data + off, len);
  return Error::Ok;
}

void check_plan(const LoadPlan& p, const uint8_t* data, size_t size) {
  FUZZ_CHECK(p.type == kEtExec || p.type == kEtDyn);
  FUZZ_CHECK(p.segment_count >= 1 && p.segment_count <= kMaxLoadSegments);
  FUZZ_CHECK(p.phentsize == kElfPhdrSize && p.phnum >= 1 && p.phnum <= kMaxProgramHeaders);
  FUZZ_CHECK(p.image_start % kUserPage == 0 && p.image_end % kUserPage == 0);
  FUZZ_CHECK(p.image_start < p.image_end && p.image_end - p.image_start <= kMaxImageBytes);
  FUZZ_CHECK(user_range_ok(p.image_start, p.image_end - p.image_start));
  if (p.type == kEtExec) {
    FUZZ_CHECK(p.bias == 0 && p.image_start >= kExecLow && p.image_end <= kExecHigh);
  } else {
    FUZZ_CHECK(p.image_start >= kPieBase && p.image_end <= kPieHigh);
  }
  FUZZ_CHECK(p.image_start == p.segments[0].page_start);
  FUZZ_CHECK(p.image_end == p.segments[p.segment_count - 1].page_end);

  bool entry_ok = false;
  u64 prev_end = 0, pages = 0;
  for (size_t i = 0; i < p.segment_count; ++i) {
    const LoadSegment& s = p.segments[i];
    FUZZ_CHECK(s.memsz > 0);
    FUZZ_CHECK(s.vaddr >= prev_end);  // sorted, disjoint bytes
    FUZZ_CHECK(s.page_start == align_down(s.vaddr, kUserPage));
    FUZZ_CHECK(s.page_end == align_up(s.vaddr + s.memsz, kUserPage));
    FUZZ_CHECK(user_range_ok(s.page_start, s.page_end - s.page_start));
    // The copy stays inside the file, inside the segment's pages, and after the previous
    // segment's bytes (so no copy overwrites another segment).
    FUZZ_CHECK(s.copy_offset <= size && s.copy_bytes <= size - s.copy_offset);
    FUZZ_CHECK(s.copy_vaddr >= s.page_start && s.copy_vaddr >= prev_end && s.copy_vaddr <= s.vaddr);
    FUZZ_CHECK(s.copy_vaddr + s.copy_bytes <= s.vaddr + s.memsz);
    FUZZ_CHECK((s.prot & ~(kProtRead | kProtWrite | kProtExec)) == 0);
    FUZZ_CHECK((page_prot(p, s.page_start) & s.prot) == s.prot);
    if ((s.prot & kProtExec) && p.entry >= s.vaddr && p.entry - s.vaddr < s.memsz) entry_ok = true;
    prev_end = s.vaddr + s.memsz;
    pages += (s.page_end - s.page_start) / kUserPage;
  }
  FUZZ_CHECK(entry_ok);
  FUZZ_CHECK(p.wx_pages <= pages && p.shared_pages < pages);
  FUZZ_CHECK(page_prot(p, p.image_end) == 0);

  // The runs to map: ascending, disjoint, maximal, each with page_prot's permissions, and
  // together exactly the segments' pages (counted here without duplicates).
  PageRun runs[kMaxPageRuns];
  usize n = page_runs(p, runs);
  FUZZ_CHECK(n >= 1 && n <= kMaxPageRuns);
  u64 run_pages = 0, wx_pages = 0;
  for (usize i = 0; i < n; ++i) {
    FUZZ_CHECK(runs[i].start < runs[i].end && runs[i].start % kUserPage == 0 && runs[i].end % kUserPage == 0);
    if (i) FUZZ_CHECK(runs[i - 1].end < runs[i].start || (runs[i - 1].end == runs[i].start && runs[i - 1].prot != runs[i].prot));
    FUZZ_CHECK(page_prot(p, runs[i].start) == runs[i].prot && page_prot(p, runs[i].end - kUserPage) == runs[i].prot);
    run_pages += (runs[i].end - runs[i].start) / kUserPage;
    if ((runs[i].prot & kProtWrite) && (runs[i].prot & kProtExec)) wx_pages += (runs[i].end - runs[i].start) / kUserPage;
  }
  u64 distinct = 0, seen_end = 0;
  for (size_t i = 0; i < p.segment_count; ++i) {
    u64 from = std::max(p.segments[i].page_start, seen_end);
    if (from < p.segments[i].page_end) distinct += (p.segments[i].page_end - from) / kUserPage;
    seen_end = std::max(seen_end, p.segments[i].page_end);
  }
  FUZZ_CHECK(run_pages == distinct);
  FUZZ_CHECK(wx_pages == p.wx_pages);

  // The memory the plan describes holds what the file's program headers say.
  std::vector<uint8_t> file(data, data + size);
  auto mem = sis::test::carry_out(p, file);
  std::string diff = sis::test::check_loaded(p, file, mem);
  if (!diff.empty()) fprintf(stderr, "%s\n", diff.c_str());
  FUZZ_CHECK(diff.empty());
}

void check_stack(const LoadPlan& p, const uint8_t* data, size_t size) {
  static uint8_t buf[kExecStackMaxImage];
  // argv and envp strings cut from the input (bounded, NUL-terminated copies).
  char strings[4][64];
  const char* argv[3];
  const char* envp[1];
  for (int i = 0; i < 4; ++i) {
    size_t n = size > 64 * i ? std::min<size_t>(63, size - 64 * i) : 0;
    memcpy(strings[i], data + 64 * i, n);
    strings[i][n] = 0;
  }
  argv[0] = strings[0];
  argv[1] = strings[1];
  argv[2] = strings[2];
  envp[0] = strings[3];
  const uint8_t random16[16] = {};
  ExecStackInput in;
  in.argv = argv;
  in.argc = 3;
  in.envp = envp;
  in.envc = 1;
  in.execfn = strings[0];
  in.plan = &p;
  in.random16 = random16;
  in.stack_top = kStackTop;
  auto img = build_exec_stack(in, buf, sizeof buf);
  FUZZ_CHECK(img.ok());
  FUZZ_CHECK(img->sp % 16 == 0 && img->sp + img->size == kStackTop);
  uint64_t argc, argv0, phdr_tag, phdr;
  memcpy(&argc, buf, 8);
  FUZZ_CHECK(argc == 3);
  memcpy(&argv0, buf + 8, 8);
  FUZZ_CHECK(argv0 >= img->sp && argv0 < kStackTop);
  FUZZ_CHECK(strcmp(reinterpret_cast<const char*>(buf + (argv0 - img->sp)), strings[0]) == 0);
  // auxv starts after argc, 3 argv + NULL, 1 envp + NULL; AT_HWCAP then AT_PAGESZ, AT_CLKTCK,
  // AT_PHDR (Linux's order).
  size_t aux = 8 * (1 + 4 + 2);
  memcpy(&phdr_tag, buf + aux + 3 * 16, 8);
  memcpy(&phdr, buf + aux + 3 * 16 + 8, 8);
  FUZZ_CHECK(phdr_tag == AT_PHDR && phdr == p.phdr);
}

void check_shebang(const uint8_t* data, size_t size) {
  auto line = parse_shebang(data, size);
  if (!line.ok()) return;
  FUZZ_CHECK(is_shebang(data, size));
  FUZZ_CHECK(line->interp_len > 0 && line->interp_len < kShebangHead);
  FUZZ_CHECK(strlen(line->interp) == line->interp_len);
  FUZZ_CHECK(!strchr(line->interp, ' ') && !strchr(line->interp, '\t') && !strchr(line->interp, '\n'));
  FUZZ_CHECK(line->arg_len < kShebangHead && line->arg[line->arg_len] == 0);
  FUZZ_CHECK(!line->has_arg || (line->arg_len > 0 && line->arg[0] != ' ' && line->arg[0] != '\t'));
  FUZZ_CHECK(!strchr(line->arg, '\n'));
  const char* argv[] = {"script", "a"};
  const char* out[4];
  auto n = shebang_argv(line.value(), "/path", argv, 2, out, 4);
  FUZZ_CHECK(n.ok() && n.value() == (line->has_arg ? 4u : 3u));
}

// The function symbols fault reports and the profiler use (elf_symbols.h): reads stay inside
// the file, every kept name is a NUL-terminated string inside the table, entries are sorted,
// and a lookup of each entry's own address finds a symbol at that address.
void check_symbols(const ElfReader& r) {
  char why[128];
  auto s = load_elf_symbols(r, kPieBase, why, sizeof why);
  FUZZ_CHECK(memchr(why, 0, sizeof why) != nullptr);
  if (!s.ok()) return;
  const SymbolTable& t = s.value()->table;
  FUZZ_CHECK(t.count >= 1 && t.count <= kMaxElfSymbols);
  for (size_t i = 0; i < t.count; ++i) {
    const SymbolEntry& e = t.entries[i];
    FUZZ_CHECK(e.name_offset < t.strings_size);
    FUZZ_CHECK(memchr(t.strings + e.name_offset, 0, t.strings_size - e.name_offset) != nullptr);
    FUZZ_CHECK(t.strings[e.name_offset] != 0);
    if (i) FUZZ_CHECK(t.entries[i - 1].address <= e.address);
    Symbolized hit = symbolize(t, e.address);
    FUZZ_CHECK(hit.name != nullptr && hit.offset == 0);
  }
  free_elf_symbols(s.value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_shebang(data, size);
  Input in{data, size};
  ElfReader r{&in, size, checked_read};
  check_symbols(r);
  char why[128];
  auto plan = elf_plan(r, why, sizeof why);
  FUZZ_CHECK(memchr(why, 0, sizeof why) != nullptr);
  if (!plan.ok()) {
    FUZZ_CHECK(why[0] != 0);  // every refusal says why
    return 0;
  }
  check_plan(plan.value(), data, size);
  check_stack(plan.value(), data, size);
  return 0;
}
