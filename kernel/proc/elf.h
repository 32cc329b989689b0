// The ELF64 program loader's portable half: read an executable's headers through a callback,
// check everything a malformed or hostile file could get wrong, and produce a LoadPlan that
// says exactly which pages to map, which file bytes go where, and with what permissions.
// The kernel's exec (kernel only) carries the plan out; the host tests and the fuzzer call
// the same code on byte buffers.
//
// Usage (kernel: ctx is the open file and read_at reads it through the VFS):
//   ElfReader r{&file, file_size, read_file_at};
//   char why[128];
//   Result<LoadPlan> plan = elf_plan(r, why, sizeof why);
//   if (!plan.ok()) { report(why); return plan.error(); }   // the error is execve's errno
//   PageRun runs[kMaxPageRuns]; n = page_runs(*plan, runs);
//   map each run [start, end) as zeroed pages that will get run.prot (a page two segments
//   share is in one run, with the union of their permissions);
//   for each segment s in plan->segments[0 .. segment_count):
//     copy s.copy_bytes file bytes from s.copy_offset to s.copy_vaddr;
//   then apply the runs' permissions (copying needs the pages writable first).
//   brk starts at plan->image_end; the user starts at plan->entry with auxv from the plan.
// On the host, span_reader() wraps a byte buffer.
//
// Accepted: little-endian ELFCLASS64 EM_AARCH64 ET_EXEC (inside [kExecLow, kExecHigh)) and
// ET_DYN without PT_INTERP (static-pie, loaded with its lowest page at kPieBase and wholly
// below kPieHigh). Refused, each with Error::BadFormat (ENOEXEC) unless said otherwise and a
// sentence in `why`: not ELF; wrong class, byte order, version or machine; ET_REL, ET_CORE
// and other types; PT_INTERP (Error::NotSupported: only static binaries run; not ENOEXEC,
// which would make a shell run the binary as a script); headers or
// segment bytes past the end of the file; p_filesz > p_memsz; p_vaddr and p_offset not
// congruent modulo the page size; overlapping PT_LOAD bytes; no PT_LOAD or more than
// kMaxLoadSegments of them; an image over kMaxImageBytes (Error::NoMemory); segments outside
// the user layout; an entry point outside every executable segment; program headers that are
// not in loaded memory (AT_PHDR would point at nothing); any address arithmetic that
// overflows. A failing read_at passes its own error through.
#pragma once
#include "lib/result.h"
#include "proc/prot.h"

namespace sis::proc {

// Reads exactly len bytes at file offset off into buf, or fails (a short read is a failure).
// elf_plan never asks for bytes past `size`.
using ElfReadAt = Error (*)(void* ctx, u64 off, void* buf, usize len);

struct ElfReader {
  void* ctx = nullptr;
  u64 size = 0;  // the file's size in bytes
  ElfReadAt read_at = nullptr;
};

// A reader over bytes in memory; `span` must outlive the reader.
ElfReader span_reader(const ByteSpan* span);

// ELF constants used here and by the tests (facts from the ELF64 spec and Linux's elf.h).
constexpr u16 kEtExec = 2, kEtDyn = 3;
constexpr u16 kEmAarch64 = 183;
constexpr u32 kPtLoad = 1, kPtDynamic = 2, kPtInterp = 3, kPtNote = 4, kPtPhdr = 6,
              kPtTls = 7, kPtGnuStack = 0x6474e551;
constexpr u32 kPfX = 1, kPfW = 2, kPfR = 4;
constexpr usize kElfHeaderSize = 64, kElfPhdrSize = 56;

constexpr usize kMaxLoadSegments = 16;
constexpr usize kMaxProgramHeaders = 128;      // Linux refuses tables over 64 KiB; 128 is plenty
constexpr u64 kMaxImageBytes = 512ull << 20;   // from the lowest to the highest mapped page

// Page permissions (the lead turns them into page-table bits).

struct LoadSegment {
  u64 vaddr = 0;        // the segment's first byte in memory (load bias applied)
  u64 memsz = 0;        // its size in memory (file bytes, then zeroes)
  u64 page_start = 0;   // [page_start, page_end): the pages it touches, page aligned
  u64 page_end = 0;
  u64 copy_vaddr = 0;   // copy_bytes bytes from file offset copy_offset go here; the rest of
  u64 copy_offset = 0;  // the pages stays zero. Like Linux, the copy starts at the page
  u64 copy_bytes = 0;   // boundary (the file bytes before the segment in its first page come
                        // along), except where an earlier segment's bytes share that page:
                        // then it starts just after them, so no segment overwrites another.
  u8 prot = 0;          // kProtRead | kProtWrite | kProtExec from p_flags
};

struct LoadPlan {
  u16 type = 0;         // kEtExec or kEtDyn
  u64 bias = 0;         // added to every p_vaddr (0 for ET_EXEC)
  u64 entry = 0;        // e_entry + bias
  u64 phdr = 0;         // where the program headers are in memory (AT_PHDR)
  u16 phnum = 0;        // AT_PHNUM
  u16 phentsize = 0;    // AT_PHENT
  u64 image_start = 0;  // the lowest mapped page
  u64 image_end = 0;    // the end of the highest mapped page: brk starts here
  LoadSegment segments[kMaxLoadSegments];  // PT_LOADs with p_memsz > 0, ascending vaddr
  usize segment_count = 0;
  // Pages holding bytes of two or more segments. Such a page is mapped once with the union of
  // those segments' permissions (page_prot), so each segment's bytes keep at least theirs.
  u32 shared_pages = 0;
  // Pages that end up writable and executable (W^X is broken for them; reported, not merged
  // away: a segment that asks for RWX, or R-X and RW- data sharing a page).
  u32 wx_pages = 0;
  bool has_gnu_stack = false;  // PT_GNU_STACK present
  u8 stack_prot = kProtRead | kProtWrite;  // from PT_GNU_STACK (arm64's default is not exec)
  bool has_tls = false;        // PT_TLS present
  u64 tls_vaddr = 0, tls_memsz = 0;  // its template (bias applied), when present
};

// Checks the file and plans its loading. `why` (may be nullptr) receives a one-line reason on
// failure, always NUL-terminated when why_cap > 0.
Result<LoadPlan> elf_plan(const ElfReader& reader, char* why, usize why_cap);

// The permissions of the page at page_va under the plan: the union over every segment whose
// pages include it; 0 when none does.
u8 page_prot(const LoadPlan& plan, u64 page_va);

// The plan's pages as maximal runs of equal permissions, ascending and disjoint, each page
// once (a shared page with page_prot's union): what to map. Fills out[0 .. n) and returns n
// (at most kMaxPageRuns: a segment adds at most its first page, its middle and its last page).
struct PageRun {
  u64 start = 0, end = 0;  // page aligned, [start, end)
  u8 prot = 0;
};
constexpr usize kMaxPageRuns = 3 * kMaxLoadSegments;
usize page_runs(const LoadPlan& plan, PageRun* out);

}  // namespace sis::proc
