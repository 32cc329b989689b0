// ELF64 checks and the load plan (elf.h). Every field read from the file is untrusted: sizes
// and offsets are checked against the file size with overflow-safe arithmetic before any
// read, and addresses against the user layout before they reach the plan.
#include "proc/elf.h"

#include "lib/env.h"
#include "lib/format.h"
#include "lib/sort.h"
#include "lib/string.h"
#include "proc/user_layout.h"

namespace sis::proc {

namespace {

// e_ident
constexpr u8 kElfClass64 = 2, kElfData2Lsb = 1, kEvCurrent = 1;
constexpr u16 kEtRel = 1, kEtCore = 4;
constexpr u16 kPnXnum = 0xffff;
constexpr usize kInterpShown = 96;  // bytes of a PT_INTERP path quoted in the reason

struct Phdr {
  u32 type, flags;
  u64 offset, vaddr, filesz, memsz, align;
};

// The failure reason goes to why; the error is returned so callers write `return fail(...)`.
struct Why {
  char* buf;
  usize cap;
  __attribute__((format(printf, 3, 4))) Error operator()(Error e, const char* fmt, ...) const {
    if (buf && cap) {
      va_list ap;
      va_start(ap, fmt);
      vformat(buf, cap, fmt, ap);
      va_end(ap);
    }
    return e;
  }
};

bool add_ok(u64 a, u64 b, u64* out) { return !__builtin_add_overflow(a, b, out); }

// [off, off + len) inside the file, without overflow.
bool in_file(const ElfReader& r, u64 off, u64 len) { return off <= r.size && len <= r.size - off; }

// Program headers are read kPhdrBatch at a time: one read for a typical static binary's 6 to
// 10 (each read is a trip through the VFS in the kernel), 448 bytes of stack.
constexpr usize kPhdrBatch = 8;

struct PhdrReader {
  const ElfReader& r;
  u64 phoff;
  usize phnum;
  u8 buf[kPhdrBatch * kElfPhdrSize];
  usize first = 0, count = 0;  // buf holds headers [first, first + count)

  Error get(usize i, Phdr* p) {
    if (i < first || i >= first + count) {
      first = i;
      count = min(kPhdrBatch, phnum - i);
      TRY(r.read_at(r.ctx, phoff + i * kElfPhdrSize, buf, count * kElfPhdrSize));
    }
    decode(buf + (i - first) * kElfPhdrSize, p);
    return Error::Ok;
  }
  static void decode(const u8* b, Phdr* p);
};

void PhdrReader::decode(const u8* b, Phdr* p) {
  p->type = ld32(b + 0);
  p->flags = ld32(b + 4);
  p->offset = ld64(b + 8);
  p->vaddr = ld64(b + 16);
  p->filesz = ld64(b + 32);
  p->memsz = ld64(b + 40);
  p->align = ld64(b + 48);
}

u8 prot_of(u32 flags) {
  return static_cast<u8>(((flags & kPfR) ? kProtRead : 0) | ((flags & kPfW) ? kProtWrite : 0) |
                         ((flags & kPfX) ? kProtExec : 0));
}

// The interpreter path for the refusal message: printable bytes up to the NUL, '?' for others.
void interp_text(const ElfReader& r, const Phdr& p, char* out, usize cap) {
  usize n = static_cast<usize>(min<u64>(p.filesz, kInterpShown));
  u8 raw[kInterpShown];
  if (n == 0 || !in_file(r, p.offset, n) || r.read_at(r.ctx, p.offset, raw, n) != Error::Ok) {
    copy_cstr(out, cap, "unreadable");
    return;
  }
  usize j = 0;
  for (usize i = 0; i < n && raw[i] && j + 1 < cap; ++i)
    out[j++] = (raw[i] >= 0x20 && raw[i] < 0x7f) ? static_cast<char>(raw[i]) : '?';
  if (p.filesz > n && j + 4 < cap) {
    for (int k = 0; k < 3; ++k) out[j++] = '.';
  }
  out[j] = 0;
}

bool is_power_of_two(u64 v) { return v && !(v & (v - 1)); }

bool wx(u8 prot) { return (prot & kProtWrite) && (prot & kProtExec); }

// Counts the shared and W+X pages of a finished plan: W+X from the runs the kernel will
// map; a shared page is a segment's first page inside the previous one's pages (a page three
// segments share counts once).
void count_pages(LoadPlan* plan) {
  PageRun runs[kMaxPageRuns];
  usize n = page_runs(*plan, runs);
  for (usize i = 0; i < n; ++i)
    if (wx(runs[i].prot)) plan->wx_pages += static_cast<u32>((runs[i].end - runs[i].start) / kUserPage);
  u64 prev_end = 0, last_shared = ~0ull;
  for (usize i = 0; i < plan->segment_count; ++i) {
    const LoadSegment& s = plan->segments[i];
    if (s.page_start < prev_end && s.page_start != last_shared) {
      ++plan->shared_pages;
      last_shared = s.page_start;
    }
    prev_end = max(prev_end, s.page_end);
  }
}

Error read_span(void* ctx, u64 off, void* buf, usize len) {
  const auto* s = static_cast<const ByteSpan*>(ctx);
  if (off > s->size || len > s->size - off) return Error::Io;
  memcpy(buf, s->data + off, len);
  return Error::Ok;
}
}  // namespace

ElfReader span_reader(const ByteSpan* span) {
  return ElfReader{const_cast<ByteSpan*>(span), span->size, read_span};
}

u8 page_prot(const LoadPlan& plan, u64 page_va) {
  u8 prot = 0;
  for (usize i = 0; i < plan.segment_count; ++i) {
    const LoadSegment& s = plan.segments[i];
    if (page_va >= s.page_start && page_va < s.page_end) prot |= s.prot;
  }
  return prot;
}

usize page_runs(const LoadPlan& plan, PageRun* out) {
  usize n = 0;
  auto add = [&](u64 start, u64 end, u8 prot) {
    if (start >= end) return;
    if (n && out[n - 1].end == start && out[n - 1].prot == prot) {
      out[n - 1].end = end;
    } else {
      out[n++] = PageRun{start, end, prot};
    }
  };
  u64 done = 0;  // pages below this are in a run
  for (usize i = 0; i < plan.segment_count; ++i) {
    const LoadSegment& s = plan.segments[i];
    u64 first = max(s.page_start, done);
    if (first >= s.page_end) continue;  // wholly inside the previous segment's last page
    u64 last = s.page_end - kUserPage;
    // Only the first and last pages can hold another segment's bytes (sorted, disjoint).
    add(first, first + kUserPage, page_prot(plan, first));
    if (last > first) {
      add(first + kUserPage, last, s.prot);
      add(last, last + kUserPage, page_prot(plan, last));
    }
    done = s.page_end;
  }
  return n;
}

Result<LoadPlan> elf_plan(const ElfReader& r, char* why_buf, usize why_cap) {
  Why why{why_buf, why_cap};
  if (why_buf && why_cap) why_buf[0] = 0;
  if (!r.read_at) return why(Error::Invalid, "no reader");

  // --- the ELF header ---
  if (r.size < 4) return why(Error::BadFormat, "not an ELF file (%llu bytes)", static_cast<unsigned long long>(r.size));
  u8 eh[kElfHeaderSize];
  TRY(r.read_at(r.ctx, 0, eh, 4));
  if (eh[0] != 0x7f || eh[1] != 'E' || eh[2] != 'L' || eh[3] != 'F')
    return why(Error::BadFormat, "not an ELF file (no \\x7fELF magic)");
  if (r.size < kElfHeaderSize)
    return why(Error::BadFormat, "truncated ELF header: %llu of %zu bytes", static_cast<unsigned long long>(r.size),
               kElfHeaderSize);
  TRY(r.read_at(r.ctx, 0, eh, kElfHeaderSize));
  if (eh[4] != kElfClass64) return why(Error::BadFormat, "not a 64-bit ELF (class %u)", eh[4]);
  if (eh[5] != kElfData2Lsb) return why(Error::BadFormat, "not little-endian (data encoding %u)", eh[5]);
  if (eh[6] != kEvCurrent) return why(Error::BadFormat, "unknown ELF version %u", eh[6]);
  u16 type = ld16(eh + 16);
  u16 machine = ld16(eh + 18);
  u32 version = ld32(eh + 20);
  u64 entry = ld64(eh + 24);
  u64 phoff = ld64(eh + 32);
  u16 phentsize = ld16(eh + 54);
  u16 phnum = ld16(eh + 56);
  if (machine != kEmAarch64) return why(Error::BadFormat, "not an AArch64 program (e_machine %u, AArch64 is 183)", machine);
  if (version != kEvCurrent) return why(Error::BadFormat, "unknown ELF version %u", version);
  if (type == kEtRel) return why(Error::BadFormat, "a relocatable object (ET_REL), not an executable");
  if (type == kEtCore) return why(Error::BadFormat, "a core dump (ET_CORE), not an executable");
  if (type != kEtExec && type != kEtDyn) return why(Error::BadFormat, "unknown ELF type %u", type);
  if (phentsize != kElfPhdrSize)
    return why(Error::BadFormat, "program header size %u (ELF64's is %zu)", phentsize, kElfPhdrSize);
  if (phnum == 0) return why(Error::BadFormat, "no program headers");
  if (phnum == kPnXnum || phnum > kMaxProgramHeaders)
    return why(Error::BadFormat, "too many program headers (%u, at most %zu)", phnum, kMaxProgramHeaders);
  u64 table = u64(phnum) * kElfPhdrSize;
  if (!in_file(r, phoff, table))
    return why(Error::BadFormat, "truncated: program headers at 0x%llx+%llu pass the end of the file (%llu bytes)",
               static_cast<unsigned long long>(phoff), static_cast<unsigned long long>(table),
               static_cast<unsigned long long>(r.size));

  // --- program headers: collect PT_LOADs, note the rest ---
  LoadPlan plan;
  plan.type = type;
  plan.phnum = phnum;
  plan.phentsize = phentsize;
  Phdr loads[kMaxLoadSegments];
  usize nloads = 0;
  bool have_phdr = false;
  u64 phdr_vaddr = 0;
  u64 max_align = kUserPage;
  PhdrReader headers{r, phoff, phnum, {}};
  for (usize i = 0; i < phnum; ++i) {
    Phdr p;
    TRY(headers.get(i, &p));
    switch (p.type) {
      case kPtInterp: {
        char path[kInterpShown + 4];
        interp_text(r, p, path, sizeof path);
        return why(Error::NotSupported, "dynamically linked (interpreter %s): only static binaries run", path);
      }
      case kPtPhdr:
        if (have_phdr) return why(Error::BadFormat, "more than one PT_PHDR");
        have_phdr = true;
        phdr_vaddr = p.vaddr;
        break;
      case kPtGnuStack:
        plan.has_gnu_stack = true;
        plan.stack_prot = prot_of(p.flags);
        break;
      case kPtTls:
        plan.has_tls = true;
        plan.tls_vaddr = p.vaddr;
        plan.tls_memsz = p.memsz;
        break;
      case kPtLoad: {
        u64 end;
        if (p.filesz > p.memsz)
          return why(Error::BadFormat, "segment %zu: file size 0x%llx exceeds memory size 0x%llx", i,
                     static_cast<unsigned long long>(p.filesz), static_cast<unsigned long long>(p.memsz));
        if (!in_file(r, p.offset, p.filesz))
          return why(Error::BadFormat, "truncated: segment %zu's bytes [0x%llx, +0x%llx) pass the end of the file (%llu bytes)",
                     i, static_cast<unsigned long long>(p.offset), static_cast<unsigned long long>(p.filesz),
                     static_cast<unsigned long long>(r.size));
        if (!add_ok(p.vaddr, p.memsz, &end) || !add_ok(end, kUserPage, &end))
          return why(Error::BadFormat, "segment %zu: address 0x%llx + size 0x%llx overflows", i,
                     static_cast<unsigned long long>(p.vaddr), static_cast<unsigned long long>(p.memsz));
        if (p.vaddr % kUserPage != p.offset % kUserPage)
          return why(Error::BadFormat, "segment %zu: address 0x%llx and file offset 0x%llx differ modulo the page size", i,
                     static_cast<unsigned long long>(p.vaddr), static_cast<unsigned long long>(p.offset));
        if (p.memsz == 0) break;  // maps nothing (Linux skips these too)
        if (nloads == kMaxLoadSegments)
          return why(Error::BadFormat, "more than %zu loadable segments", kMaxLoadSegments);
        if (is_power_of_two(p.align) && p.align > max_align) max_align = min<u64>(p.align, 1ull << 30);
        loads[nloads++] = p;
        break;
      }
      default: break;
    }
  }
  if (nloads == 0) return why(Error::BadFormat, "no loadable segments");

  heap_sort(loads, nloads, [](const Phdr& a, const Phdr& b) { return a.vaddr < b.vaddr; });
  for (usize i = 1; i < nloads; ++i) {
    const Phdr& a = loads[i - 1];
    if (a.vaddr + a.memsz > loads[i].vaddr)
      return why(Error::BadFormat, "segments overlap: [0x%llx, 0x%llx) and [0x%llx, 0x%llx)",
                 static_cast<unsigned long long>(a.vaddr), static_cast<unsigned long long>(a.vaddr + a.memsz),
                 static_cast<unsigned long long>(loads[i].vaddr),
                 static_cast<unsigned long long>(loads[i].vaddr + loads[i].memsz));
  }
  // Sorted and disjoint: the image spans from the first segment's page to the last one's end
  // (no overflow: every vaddr + memsz + page was checked above).
  u64 lo = align_down(loads[0].vaddr, kUserPage);
  u64 hi = align_up(loads[nloads - 1].vaddr + loads[nloads - 1].memsz, kUserPage);
  if (hi - lo > kMaxImageBytes)
    return why(Error::NoMemory, "image of %llu MiB (at most %llu MiB)", static_cast<unsigned long long>((hi - lo) >> 20),
               static_cast<unsigned long long>(kMaxImageBytes >> 20));

  // --- placement ---
  if (type == kEtExec) {
    if (lo < kExecLow || hi > kExecHigh)
      return why(Error::BadFormat, "non-PIE image [0x%llx, 0x%llx) is outside the user area for it [0x%llx, 0x%llx)",
                 static_cast<unsigned long long>(lo), static_cast<unsigned long long>(hi),
                 static_cast<unsigned long long>(kExecLow), static_cast<unsigned long long>(kExecHigh));
    plan.bias = 0;
  } else {
    // kPieBase is aligned far beyond any p_align kept, so the bias keeps every segment's
    // alignment (Linux aligns the load address to the largest p_align the same way). For a
    // program linked above kPieBase the bias "wraps": biased addresses are computed modulo
    // 2^64, which is exact, and checked by range below.
    plan.bias = kPieBase - align_down(lo, max_align);
    if (hi - align_down(lo, max_align) > kPieHigh - kPieBase)
      return why(Error::NoMemory, "static-pie image does not fit below 0x%llx", static_cast<unsigned long long>(kPieHigh));
  }
  plan.image_start = lo + plan.bias;
  plan.image_end = hi + plan.bias;
  if (!user_range_ok(plan.image_start, plan.image_end - plan.image_start))
    return why(Error::BadFormat, "image [0x%llx, 0x%llx) is outside user memory",
               static_cast<unsigned long long>(plan.image_start), static_cast<unsigned long long>(plan.image_end));

  // --- segments: pages, copies, permissions ---
  u64 prev_end = 0;  // the previous segment's last byte + 1 (biased)
  for (usize i = 0; i < nloads; ++i) {
    const Phdr& p = loads[i];
    LoadSegment& s = plan.segments[i];
    s.vaddr = p.vaddr + plan.bias;
    s.memsz = p.memsz;
    s.page_start = align_down(s.vaddr, kUserPage);
    s.page_end = align_up(s.vaddr + p.memsz, kUserPage);
    s.copy_vaddr = max(s.page_start, prev_end);
    u64 lead = s.vaddr - s.copy_vaddr;  // <= p.offset: offsets and addresses agree mod the page
    s.copy_offset = p.offset - lead;
    s.copy_bytes = lead + p.filesz;
    s.prot = prot_of(p.flags);
    prev_end = s.vaddr + p.memsz;
  }
  plan.segment_count = nloads;
  count_pages(&plan);

  // --- entry and program headers must be in loaded memory ---
  bool entry_ok = false;
  for (usize i = 0; i < nloads && !entry_ok; ++i)
    entry_ok = (loads[i].flags & kPfX) && entry >= loads[i].vaddr && entry - loads[i].vaddr < loads[i].memsz;
  if (!entry_ok)
    return why(Error::BadFormat, "entry point 0x%llx is not inside an executable segment",
               static_cast<unsigned long long>(entry));
  plan.entry = entry + plan.bias;

  if (have_phdr) {
    // PT_PHDR names the table's address: a segment must copy the table itself there (else
    // AT_PHDR would make the C library read other bytes as program headers).
    u64 at = phdr_vaddr + plan.bias;  // modulo 2^64, like every biased address (see above)
    for (usize i = 0; i < nloads; ++i) {
      const LoadSegment& s = plan.segments[i];
      if (at >= s.copy_vaddr && at - s.copy_vaddr <= s.copy_bytes && table <= s.copy_bytes - (at - s.copy_vaddr)) {
        if (s.copy_offset + (at - s.copy_vaddr) != phoff)
          return why(Error::BadFormat, "PT_PHDR (0x%llx) does not point at the program headers (file offset 0x%llx)",
                     static_cast<unsigned long long>(phdr_vaddr), static_cast<unsigned long long>(phoff));
        plan.phdr = at;
        break;
      }
    }
  } else {
    // Otherwise the segment whose copied file bytes include the table (Linux's rule since 5.18).
    for (usize i = 0; i < nloads; ++i) {
      const LoadSegment& s = plan.segments[i];
      if (phoff >= s.copy_offset && phoff - s.copy_offset <= s.copy_bytes &&
          table <= s.copy_bytes - (phoff - s.copy_offset)) {
        plan.phdr = s.copy_vaddr + (phoff - s.copy_offset);
        break;
      }
    }
  }
  if (plan.phdr == 0)
    return why(Error::BadFormat, "the program headers (file offset 0x%llx) are not in any loaded segment",
               static_cast<unsigned long long>(phoff));

  if (plan.has_tls) plan.tls_vaddr += plan.bias;
  return plan;
}

}  // namespace sis::proc
