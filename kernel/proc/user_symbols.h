// Names for user program counters: the function of a process's program (its ELF .symtab,
// elf_symbols.h) that contains a pc, for fault reports and the profiler. Kernel only.
//
// Tables are loaded on first use, not at exec (a spawn pays nothing), and a few are kept
// in a small cache keyed by the file's path, inode and modification time, so a profile of
// one program reads its symbols once. Callers must be in thread context with interrupts
// enabled and must not hold the command lock (loading reads the file under VfsLock).
#pragma once
#include "lib/types.h"

namespace sis::proc {

struct Process;

// Writes the function's name into name[0..cap) and the pc's offset into it; false when the
// program is stripped, unreadable, or the pc is outside every function it names.
bool user_symbol(const char* exe, u64 bias, u64 pc, char* name, usize cap, u64* offset);

// "main+0x14" for a pc of process p; otherwise "<program>+0x<offset from the image start>"
// when pc is inside the program's image, and "?" when it is not.
void describe_user_pc(const Process* p, u64 pc, char* out, usize cap);

// Cache statistics for procctl and tests.
struct UserSymbolStats {
  u64 loads = 0, hits = 0, failures = 0;
};
UserSymbolStats user_symbol_stats();

}  // namespace sis::proc
