#include "lib/symbols.h"

namespace sis {

Symbolized symbolize(const SymbolTable& t, u64 addr) {
  if (!t.entries || t.count == 0 || addr < t.entries[0].address) return {};
  usize lo = 0, hi = t.count;  // find last entry with address <= addr
  while (hi - lo > 1) {
    usize mid = lo + (hi - lo) / 2;
    if (t.entries[mid].address <= addr) lo = mid;
    else hi = mid;
  }
  const SymbolEntry& e = t.entries[lo];
  u64 off = addr - e.address;
  // A known size bounds the function; without one, accept only the gap to the next symbol.
  if (e.size != 0 && off >= e.size) return {};
  if (e.name_offset >= t.strings_size) return {};
  return {t.strings + e.name_offset, off};
}

}  // namespace sis
