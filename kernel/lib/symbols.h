// Kernel symbol table for backtraces. The build links the kernel twice: the first link's
// function symbols (llvm-nm) become a sorted table (scripts/gen-symtab.sh) that the second
// link places at the end of the image, so code addresses are identical in both links.
#pragma once
#include "lib/types.h"

namespace sis {

struct SymbolEntry {
  u64 address;
  u32 name_offset;  // into the string block
  u32 size;         // 0 when unknown
};

struct SymbolTable {
  const SymbolEntry* entries = nullptr;
  usize count = 0;
  const char* strings = nullptr;
  usize strings_size = 0;
};

struct Symbolized {
  const char* name = nullptr;  // nullptr when the address is not inside a known function
  u64 offset = 0;
};

// Binary search for the function containing `addr` (entries sorted by address).
Symbolized symbolize(const SymbolTable& table, u64 addr);

}  // namespace sis
