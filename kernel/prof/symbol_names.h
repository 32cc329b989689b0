// Frame names for profiles (portable): kernel functions from the kernel's symbol table,
// user frames as the program's base name and an offset until user symbols exist.
#pragma once
#include "lib/format.h"
#include "lib/symbols.h"

namespace sis::prof {

// A demangled C++ name without parameter lists, trailing qualifiers and the leading "sis::":
// "sis::fs::Ext4::write(sis::fs::Inode&, unsigned long)" -> "fs::Ext4::write",
// "sis::fs::Ext4::dir_find(sis::fs::Ext4::Inode&, ...)::$_0::operator()(...) const"
// -> "fs::Ext4::dir_find::$_0::operator()" (a lambda inside dir_find). "(anonymous
// namespace)" and the empty "()" of operator() stay. Unbalanced parentheses: the name as is.
void short_function_name(StrView demangled, TextBuffer& out);

// "sis`<short name>" for the function containing addr (callers pass a return address - 1),
// "[unknown]" outside every known function.
void name_kernel_frame(const SymbolTable& table, u64 addr, TextBuffer& out);

// A user frame without a symbol: "<program base name>`0x<offset>" with the offset into the
// program's image (docs/profiler.md). The profiler names frames of programs with a symbol
// table "<program>`<function>" (proc::user_symbol) and falls back to this.
void name_user_frame(StrView exe, u64 offset, TextBuffer& out);

}  // namespace sis::prof
