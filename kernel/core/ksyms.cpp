#include "core/ksyms.h"

extern "C" {
// Emitted by scripts/gen-symtab.sh into the second link (empty in the first).
extern const sis::SymbolEntry sis_symtab_entries[];
extern const sis::u64 sis_symtab_count;
extern const char sis_symtab_strings[];
extern const sis::u64 sis_symtab_strings_size;
}

namespace sis {

const SymbolTable& kernel_symbols() {
  static const SymbolTable table{sis_symtab_entries, static_cast<usize>(sis_symtab_count), sis_symtab_strings,
                                 static_cast<usize>(sis_symtab_strings_size)};
  return table;
}

}  // namespace sis
