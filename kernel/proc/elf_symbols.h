// A program's function symbols, read from its ELF section headers (.symtab and the string
// table it links to), so that fault reports and the profiler can say "main+0x14" instead of
// a bare address. Portable: the kernel reads the file through the VFS, the host tests and the
// fuzzer through span_reader().
//
// Only what symbolizing needs is kept: STT_FUNC symbols with an address, sorted, their names
// copied into one compact block (a static glibc program has ~1500 of them, ~30 KiB).
// Everything read from the file is untrusted: section offsets and sizes are checked against
// the file size, name offsets against the string table, and the counts against limits, so a
// hostile file gives Error::BadFormat (or NoEntry when the program is stripped), never a
// fault or an absurd allocation.
#pragma once
#include "lib/result.h"
#include "lib/symbols.h"
#include "proc/elf.h"

namespace sis::proc {

constexpr usize kMaxElfSymbols = 65536;           // function symbols kept per program
constexpr u64 kMaxElfStringTable = 4ull << 20;    // bytes of .strtab we are willing to read
constexpr usize kMaxElfSections = 4096;

struct ElfSymbols {
  SymbolTable table;  // addresses with the load bias applied; entries/strings owned here
  u64 bias = 0;
};

// Loads the function symbols of the file behind `reader`, adding `bias` (LoadPlan::bias) to
// every address. Error::NoEntry: no .symtab (a stripped program). `why` gets a sentence on
// BadFormat. Free the result with free_elf_symbols.
Result<ElfSymbols*> load_elf_symbols(const ElfReader& reader, u64 bias, char* why, usize why_cap);
void free_elf_symbols(ElfSymbols* s);

}  // namespace sis::proc
