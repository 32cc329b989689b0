// An ElfReader (elf.h) over a file of the kernel's VFS, by path: exec loads through it and
// the symbolizer (user_symbols.h) reads symbol tables through it. Kernel only; the caller
// holds the command lock (vfs_lock.h) around every use. Defined in exec.cpp.
#pragma once
#include "proc/elf.h"

namespace sis::proc {

struct VfsElfFile {
  const char* path;  // absolute
};

// Reads exactly len bytes at off (a short read is Error::Io).
Error vfs_elf_read_at(void* file, u64 off, void* buf, usize len);

inline ElfReader vfs_elf_reader(VfsElfFile* file, u64 size) { return ElfReader{file, size, vfs_elf_read_at}; }

}  // namespace sis::proc
