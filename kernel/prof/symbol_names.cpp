// Frame names: see symbol_names.h.
#include "prof/symbol_names.h"

#include "lib/string.h"

namespace sis::prof {

StrView short_function_name(StrView s) {
  usize end = s.size;
  // Trailing qualifiers after the parameter list (" const", " &&").
  if (end > 6 && memcmp(s.data + end - 6, " const", 6) == 0) end -= 6;
  if (end > 0 && s.data[end - 1] == ')') {
    int depth = 0;
    for (usize i = end; i-- > 0;) {
      char c = s.data[i];
      if (c == ')') ++depth;
      else if (c == '(' && --depth == 0) {
        end = i;
        break;
      }
    }
    if (depth != 0) end = s.size;  // unbalanced: keep the name as it is
  }
  StrView r(s.data, end);
  if (r.starts_with("sis::")) r = StrView(r.data + 5, r.size - 5);
  if (r.size == 0) return s;
  return r;
}

void name_kernel_frame(const SymbolTable& table, u64 addr, TextBuffer& out) {
  Symbolized sym = symbolize(table, addr);
  if (!sym.name) {
    out.append("[unknown]");
    return;
  }
  StrView n = short_function_name(sym.name);
  out.appendf("sis`%.*s", static_cast<int>(n.size), n.data);
}

void name_user_frame(StrView exe, u64 offset, TextBuffer& out) {
  usize b = exe.size;
  while (b > 0 && exe.data[b - 1] != '/') --b;
  StrView base(exe.data + b, exe.size - b);
  if (base.empty()) base = "[user]";
  out.appendf("%.*s`0x%llx", static_cast<int>(base.size), base.data, static_cast<unsigned long long>(offset));
}

}  // namespace sis::prof
