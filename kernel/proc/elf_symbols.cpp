// ELF function symbols (elf_symbols.h). Facts from the ELF64 spec: section header 64 bytes
// (sh_type at 4, sh_offset at 24, sh_size at 32, sh_link at 40, sh_entsize at 56), symbol
// 24 bytes (st_name at 0, st_info at 4, st_shndx at 6, st_value at 8, st_size at 16).
#include "proc/elf_symbols.h"

#include "lib/env.h"
#include "lib/format.h"
#include "lib/sort.h"
#include "lib/string.h"

namespace sis::proc {
namespace {

constexpr u32 kShtSymtab = 2, kShtStrtab = 3;
constexpr usize kShdrSize = 64, kSymSize = 24;
constexpr u8 kSttFunc = 2;
constexpr usize kSymBatch = 128;  // symbols read per trip through the reader (3 KiB)

struct Section {
  u32 type = 0, link = 0;
  u64 offset = 0, size = 0, entsize = 0;
};

bool in_file(const ElfReader& r, u64 off, u64 len) { return off <= r.size && len <= r.size - off; }

Error fail(char* why, usize cap, Error e, const char* what) {
  if (why && cap) format(why, cap, "%s", what);
  return e;
}

Error read_section(const ElfReader& r, u64 shoff, usize index, Section* s) {
  u8 h[kShdrSize];
  TRY(r.read_at(r.ctx, shoff + index * kShdrSize, h, sizeof(h)));
  s->type = ld32(h + 4);
  s->offset = ld64(h + 24);
  s->size = ld64(h + 32);
  s->link = ld32(h + 40);
  s->entsize = ld64(h + 56);
  return Error::Ok;
}

// One pass over the symbol table, calling f(value, size, name_offset) for each function.
template <typename F>
Error for_each_function(const ElfReader& r, const Section& symtab, F f) {
  u8 buf[kSymBatch * kSymSize];
  u64 count = symtab.size / kSymSize;
  for (u64 first = 0; first < count; first += kSymBatch) {
    usize n = count - first < kSymBatch ? static_cast<usize>(count - first) : kSymBatch;
    TRY(r.read_at(r.ctx, symtab.offset + first * kSymSize, buf, n * kSymSize));
    for (usize i = 0; i < n; ++i) {
      const u8* s = buf + i * kSymSize;
      u32 name = ld32(s);
      u8 info = s[4];
      u16 shndx = ld16(s + 6);
      u64 value = ld64(s + 8), size = ld64(s + 16);
      if ((info & 0xf) != kSttFunc || shndx == 0 || value == 0 || name == 0) continue;
      if (!f(value, size, name)) return Error::Ok;
    }
  }
  return Error::Ok;
}

}  // namespace

void free_elf_symbols(ElfSymbols* s) {
  if (!s) return;
  env_free(const_cast<SymbolEntry*>(s->table.entries));
  env_free(const_cast<char*>(s->table.strings));
  env_free(s);
}

Result<ElfSymbols*> load_elf_symbols(const ElfReader& r, u64 bias, char* why, usize why_cap) {
  if (why && why_cap) why[0] = 0;
  u8 eh[kElfHeaderSize];
  if (r.size < sizeof(eh)) return fail(why, why_cap, Error::BadFormat, "shorter than an ELF header");
  TRY(r.read_at(r.ctx, 0, eh, sizeof(eh)));
  if (eh[0] != 0x7f || eh[1] != 'E' || eh[2] != 'L' || eh[3] != 'F' || eh[4] != 2)
    return fail(why, why_cap, Error::BadFormat, "not an ELF64 file");
  u64 shoff = ld64(eh + 40);
  u16 shentsize = ld16(eh + 58), shnum = ld16(eh + 60);
  if (shoff == 0 || shnum == 0) return Error::NoEntry;  // no section headers: nothing to read
  if (shentsize != kShdrSize) return fail(why, why_cap, Error::BadFormat, "section headers are not 64 bytes");
  if (shnum > kMaxElfSections || !in_file(r, shoff, u64(shnum) * kShdrSize))
    return fail(why, why_cap, Error::BadFormat, "section headers past the end of the file");

  Section symtab, strtab;
  bool found = false;
  for (usize i = 0; i < shnum && !found; ++i) {
    TRY(read_section(r, shoff, i, &symtab));
    found = symtab.type == kShtSymtab;
  }
  if (!found) return Error::NoEntry;  // stripped
  if (symtab.entsize != kSymSize || !in_file(r, symtab.offset, symtab.size))
    return fail(why, why_cap, Error::BadFormat, ".symtab is malformed or past the end of the file");
  if (symtab.link == 0 || symtab.link >= shnum) return fail(why, why_cap, Error::BadFormat, ".symtab links no string table");
  TRY(read_section(r, shoff, symtab.link, &strtab));
  if (strtab.type != kShtStrtab || !in_file(r, strtab.offset, strtab.size))
    return fail(why, why_cap, Error::BadFormat, "the symbol string table is malformed or past the end of the file");
  if (strtab.size > kMaxElfStringTable) return fail(why, why_cap, Error::TooBig, "the symbol string table is too large");

  // The whole string table, briefly: names are copied out of it below.
  char* names = static_cast<char*>(env_alloc(static_cast<usize>(strtab.size) + 1));
  if (!names) return Error::NoMemory;
  Error e = r.read_at(r.ctx, strtab.offset, names, static_cast<usize>(strtab.size));
  names[strtab.size] = 0;
  auto name_len = [&](u32 off) -> usize {  // the NUL at names[strtab.size] stops every scan
    return off < strtab.size ? strlen(names + off) : 0;
  };

  // Pass 1: how many functions, how many name bytes.
  usize count = 0, bytes = 0;
  if (e == Error::Ok)
    e = for_each_function(r, symtab, [&](u64, u64, u32 name) {
      usize len = name_len(name);
      if (len == 0) return true;
      ++count;
      bytes += len + 1;
      return count < kMaxElfSymbols;
    });
  auto* out = static_cast<ElfSymbols*>(env_zalloc(sizeof(ElfSymbols)));
  auto* entries = static_cast<SymbolEntry*>(env_alloc(count * sizeof(SymbolEntry)));
  char* strings = static_cast<char*>(env_alloc(bytes));
  if (e == Error::Ok && (!out || !entries || !strings)) e = Error::NoMemory;
  // Pass 2: fill. A hostile reader could answer differently the second time: stay in bounds.
  usize n = 0, used = 0;
  if (e == Error::Ok)
    e = for_each_function(r, symtab, [&](u64 value, u64 size, u32 name) {
      usize len = name_len(name);
      if (len == 0) return true;
      if (n >= count || used + len + 1 > bytes) return false;
      u64 address = 0;
      if (__builtin_add_overflow(value, bias, &address)) return true;
      memcpy(strings + used, names + name, len);
      strings[used + len] = 0;
      entries[n++] = SymbolEntry{address, static_cast<u32>(used), size > 0xffffffffull ? 0u : static_cast<u32>(size)};
      used += len + 1;
      return true;
    });
  env_free(names);
  if (e != Error::Ok || n == 0) {
    env_free(out);
    env_free(entries);
    env_free(strings);
    return e != Error::Ok ? e : Error::NoEntry;
  }
  heap_sort(entries, n, [](const SymbolEntry& a, const SymbolEntry& b) { return a.address < b.address; });
  out->table = SymbolTable{entries, n, strings, used};
  out->bias = bias;
  return out;
}

}  // namespace sis::proc
